package cn.shudi.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an expression in a model may reach, and nothing else (docs/security.md, "Expressions"): the
 * platform's own beans by name, on each bean only the methods named here, and on the execution and the
 * task only their ids and variable reads. No other object offers a method or a property: not a variable's
 * value, not a method's result, not a class. Read by the engine's {@link SandboxedExpressionManager} when an
 * expression runs and by {@link DeploymentPolicy} when a model is deployed, so both apply the same list.
 *
 * <p>Methods are allowed by name: every public overload of an allowed name is callable.
 */
final class ExpressionPolicy {

  /** Names the engine itself gives meaning to; a bean may not take one. */
  static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "authenticatedUserId", "caseExecution",
      "externalTask", "variableScope");

  /** What an expression may call or read on the execution ({@code execution.getVariable('x')}, {@code execution.id}). */
  static final Set<String> EXECUTION_MEMBERS = Set.of("getId", "getProcessInstanceId", "getProcessDefinitionId",
      "getBusinessKey", "getProcessBusinessKey", "getCurrentActivityId", "getCurrentActivityName",
      "getActivityInstanceId", "getParentActivityInstanceId", "getCurrentTransitionId", "getParentId", "getTenantId",
      "getEventName", "getVariable", "getVariableLocal", "hasVariable", "hasVariableLocal", "hasVariables",
      "getVariableNames", "getVariableNamesLocal");

  /** What an expression may call or read on the task ({@code task.execution}, {@code task.taskDefinitionKey}). */
  static final Set<String> TASK_MEMBERS = Set.of("getId", "getName", "getDescription", "getTaskDefinitionKey",
      "getAssignee", "getOwner", "getPriority", "getDueDate", "getFollowUpDate", "getCreateTime",
      "getProcessInstanceId", "getProcessDefinitionId", "getExecutionId", "getExecution", "getTenantId",
      "getEventName", "getVariable", "getVariableLocal", "hasVariable", "hasVariableLocal", "hasVariables",
      "getVariableNames", "getVariableNamesLocal");

  private final Map<String, Set<String>> beans;

  /** @param beans bean name → the methods models may call on it (empty: the bean is only a listener or delegate) */
  ExpressionPolicy(Map<String, List<String>> beans) {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    beans.forEach((name, methods) -> {
      if (ENGINE_NAMES.contains(name)) {
        throw new IllegalStateException("shudi.security.expressions.beans：Bean 名「" + name + "」与引擎保留名冲突");
      }
      copy.put(name, Collections.unmodifiableSet(new LinkedHashSet<>(methods == null ? List.of() : methods)));
    });
    this.beans = Collections.unmodifiableMap(copy);
  }

  Map<String, Set<String>> beans() {
    return beans;
  }

  boolean isBean(String name) {
    return beans.containsKey(name);
  }

  boolean allowsMethod(String bean, String method) {
    Set<String> methods = beans.get(bean);
    return methods != null && methods.contains(method);
  }

  /** The getter a property read calls: {@code processInstanceId} → {@code getProcessInstanceId}. */
  static String getter(String property) {
    if (property.isEmpty()) {
      return "get";
    }
    return "get" + property.substring(0, 1).toUpperCase(Locale.ROOT) + property.substring(1);
  }
}
