package cn.shudi.casework;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import cn.shudi.reliability.RequestRefusedException;

/**
 * Checks on the server what a Camunda form states, when a task with such a form completes and when a case
 * starts from its start form ({@link StepOutcomePlugin} puts the check on every user task and start event
 * that has a Camunda form): the rules of the form's fields ({@link StatedRules}) when a person submits it,
 * and the rules stated in words ({@link FormRule}: check digits, fields that must agree) always. A breach
 * refuses the completion or the start with every broken rule in Chinese (400); the task stays open, no case
 * starts. A form is read once per process definition and element (its binding is the deployment).
 */
@Component
class FormCheck {

  static final String REFUSED = "表单填写不符合要求，未提交：";

  private final List<FormRule> rules;
  private final Map<String, StatedRules> forms = new ConcurrentHashMap<>();

  FormCheck(List<FormRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * On completion of a task with a Camunda form: the values are checked now, the refusal is made when the
   * transaction is about to commit, so a more particular check of the process that runs after the task (a
   * service task refusing a rating outside the scale, with its own message) speaks first.
   */
  void completing(DelegateTask task) {
    StatedRules form = form(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(),
        () -> task.getProcessEngineServices().getFormService().getDeployedTaskForm(task.getId()));
    List<String> breaches = breaches(form, task::getVariable);
    if (!breaches.isEmpty()) {
      Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTING,
          context -> refuse(breaches));
    }
  }

  /** At the start of a case from its start form (not of a process another one calls). */
  void starting(DelegateExecution execution) {
    if (((ExecutionEntity) execution).getSuperExecution() != null) {
      return;
    }
    String definition = execution.getProcessDefinitionId();
    StatedRules form = form(definition + "#start",
        () -> execution.getProcessEngineServices().getFormService().getDeployedStartForm(definition));
    check(form, execution::getVariable);
  }

  void check(StatedRules form, Function<String, Object> values) {
    List<String> breaches = breaches(form, values);
    if (!breaches.isEmpty()) {
      refuse(breaches);
    }
  }

  private List<String> breaches(StatedRules form, Function<String, Object> values) {
    List<String> breaches = new ArrayList<>();
    if (byPerson()) {
      breaches.addAll(form.breaches(values));
    }
    for (FormRule rule : rules) {
      rule.check(form.keys(), values).ifPresent(breaches::add);
    }
    return breaches;
  }

  private static void refuse(List<String> breaches) {
    throw new RequestRefusedException(REFUSED + String.join("；", breaches) + "。");
  }

  /** Whether a logged-in person submits the form (the platform's own starts and completions are not forms). */
  private static boolean byPerson() {
    CommandContext context = Context.getCommandContext();
    return context != null && context.getAuthenticatedUserId() != null;
  }

  private StatedRules form(String key, Supplier<InputStream> deployed) {
    return forms.computeIfAbsent(key, k -> read(deployed));
  }

  /** The deployed form, read without the caller's grants (the platform reads its own model). */
  private static StatedRules read(Supplier<InputStream> deployed) {
    CommandContext context = Context.getCommandContext();
    boolean enabled = context != null && context.isAuthorizationCheckEnabled();
    if (enabled) {
      context.disableAuthorizationCheck();
    }
    try (InputStream in = deployed.get()) {
      return in == null ? StatedRules.NONE : StatedRules.parse(in.readAllBytes());
    } catch (ProcessEngineException | IOException e) {
      return StatedRules.NONE;
    } finally {
      if (enabled) {
        context.enableAuthorizationCheck();
      }
    }
  }
}
