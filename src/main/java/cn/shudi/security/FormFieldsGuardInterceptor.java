package cn.shudi.security;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.task.TaskDefinition;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shudi.reliability.RequestRefusedException;

/**
 * What a person may write into a case by completing a task: the fields of the task's form, nothing else. Camunda lets
 * whoever may work on a task complete it with any variables ({@code POST /task/{id}/complete}, {@code submit-form},
 * {@code resolve}); without this a township's staff member could send {@code townshipGroup} of another township (the
 * case's next tasks would go there, with the case's data) or a later gateway's answer before its step
 * ({@code rectificationDone}), skipping work. Only what the deployed Camunda form names as a field ({@code key} of an input
 * component, in groups too) may be sent; a task without a form takes no variables from a person. Anything else is
 * refused before the command runs: 400 with the names in Chinese, the task still open, no variable written.
 *
 * <p>Runs for a logged-in person (REST API, Tasklist, the Java API with an authentication) who is not an administrator;
 * the platform's own work (no login) and administrators pass. Setting variables directly ({@code PUT
 * /task/{id}/variables/…}, {@code /process-instance/{id}/variables}) needs UPDATE grants no staff member holds.
 */
class FormFieldsGuardInterceptor extends CommandInterceptor {

  static final String REFUSED = "提交的内容不在该任务的表单中，未提交：";

  private static final Field COMPLETE_TASK = field(CompleteTaskCmd.class, "taskId");
  private static final Field COMPLETE_VARIABLES = field(CompleteTaskCmd.class, "variables");
  private static final Field SUBMIT_TASK = field(SubmitTaskFormCmd.class, "taskId");
  private static final Field SUBMIT_VARIABLES = field(SubmitTaskFormCmd.class, "properties");

  @Override
  public <T> T execute(Command<T> command) {
    if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
      CommandContext context = Context.getCommandContext();
      Authentication caller = context == null ? null : context.getAuthentication();
      if (caller != null && caller.getUserId() != null && context.getProcessEngineConfiguration()
          .isAuthorizationEnabled() && !context.getAuthorizationManager().isCamundaAdmin(caller)) {
        boolean complete = command instanceof CompleteTaskCmd;
        check(context, (String) read(complete ? COMPLETE_TASK : SUBMIT_TASK, command),
            (Map<?, ?>) read(complete ? COMPLETE_VARIABLES : SUBMIT_VARIABLES, command));
      }
    }
    return next.execute(command);
  }

  /**
   * The fields per process definition and task, for forms bound to the process's deployment by a fixed key (every
   * platform model, ModelCheck): such a form never changes. Others are read at each completion.
   */
  private final Map<String, Set<String>> byTask = new ConcurrentHashMap<>();

  private void check(CommandContext context, String taskId, Map<?, ?> variables) {
    TaskEntity task = taskId == null || variables == null || variables.isEmpty() ? null
        : context.getTaskManager().findTaskById(taskId);
    if (task == null) {
      return; // nothing sent, or the engine answers the unknown task itself
    }
    Set<String> fields;
    if (fixed(task)) {
      String key = task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey();
      fields = byTask.get(key);
      if (fields == null) {
        fields = fields(context, taskId);
        if (fields != null) {
          byTask.put(key, fields);
        }
      }
    } else {
      fields = fields(context, taskId);
    }
    if (fields == null) {
      fields = Set.of(); // the form could not be read: refused, never waved through
    }
    Set<String> undeclared = new TreeSet<>();
    for (Object name : variables.keySet()) {
      if (!fields.contains(String.valueOf(name))) {
        undeclared.add(String.valueOf(name));
      }
    }
    if (!undeclared.isEmpty()) {
      throw new RequestRefusedException(REFUSED + String.join("、", undeclared)
          + (fields.isEmpty() ? "（该任务没有表单，不接收任何内容）" : "（表单中的字段：" + String.join("、", fields) + "）"));
    }
  }

  /** A Camunda form bound to the process's own deployment by a key without expression. */
  private static boolean fixed(TaskEntity task) {
    TaskDefinition definition = task.getTaskDefinition();
    return definition != null && "deployment".equals(definition.getCamundaFormDefinitionBinding())
        && definition.getCamundaFormDefinitionKey() != null
        && !definition.getCamundaFormDefinitionKey().getExpressionText().contains("{");
  }

  /**
   * The keys of the task's deployed form, read without the caller's grants (the platform reads its own model); none when
   * the task has no form, null when the form cannot be read.
   */
  static Set<String> fields(CommandContext context, String taskId) {
    boolean enabled = context.isAuthorizationCheckEnabled();
    if (enabled) {
      context.disableAuthorizationCheck();
    }
    try (InputStream in = new GetDeployedTaskFormCmd(taskId).execute(context)) {
      return in == null ? Set.of() : keys(StrictJson.MAPPER.readTree(in.readAllBytes()));
    } catch (BadUserRequestException e) {
      return Set.of(); // no form
    } catch (ProcessEngineException | IOException e) {
      return null;
    } finally {
      if (enabled) {
        context.enableAuthorizationCheck();
      }
    }
  }

  /** The {@code key} of every component of a form, those inside groups included. */
  static Set<String> keys(JsonNode form) {
    Set<String> keys = new LinkedHashSet<>();
    collect(form, keys);
    return keys;
  }

  private static void collect(JsonNode component, Collection<String> keys) {
    if (component == null) {
      return;
    }
    if (component.path("key").isTextual()) {
      keys.add(component.path("key").asText());
    }
    for (JsonNode child : component.path("components")) {
      collect(child, keys);
    }
  }

  private static Object read(Field field, Object command) {
    try {
      return field.get(command);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field + ": Camunda changed", e);
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(type.getSimpleName() + " has no field " + name + ": Camunda changed", e);
    }
  }
}
