package cn.shudi.reliability;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Objects;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outermost command interceptor: when a command fails, says what the failure means for the user.
 *
 * <ul>
 * <li>Completing a task ({@code TaskService.complete}, {@code FormService.submitTaskForm}, as REST
 * {@code /complete}, {@code /submit-form} and Tasklist do) that someone else completed first — the loser of
 * two simultaneous clicks gets an {@link OptimisticLockingException} or, when the winner committed between its
 * reading the task and checking its permission, an {@code AuthorizationException}; a later click gets "Cannot find
 * task" (HTTP 500) — becomes
 * a {@link TaskConflictException} ({@link EngineFailure#TASK_ALREADY_COMPLETED}) when the history shows the task
 * completed and the caller may have worked on it (a candidate, the assignee, in the task's tenant); a caller
 * who may not, or who names a task that never existed, gets {@link EngineFailure#TASK_NOT_FOUND} (404) either
 * way, so a guessed task id tells nothing.</li>
 * <li>An optimistic-locking failure while the task still exists (the same case changed at the same moment)
 * becomes {@link EngineFailure#CONCURRENT_UPDATE}.</li>
 * <li>A lost database connection is recorded as {@link EngineFailure#DATABASE_UNAVAILABLE}.</li>
 * </ul>
 *
 * The failure is recorded for the request thread ({@link FailureContext}); {@link ApiFailureFilter} answers it.
 */
class FailureInterceptor extends CommandInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(FailureInterceptor.class);

  private final ProcessEngineConfigurationImpl configuration;

  FailureInterceptor(ProcessEngineConfigurationImpl configuration) {
    this.configuration = configuration;
  }

  @Override
  public <T> T execute(Command<T> command) {
    if (Context.getCommandContext() != null) {
      return next.execute(command); // a nested command: the outermost one decides
    }
    HeldEngineLog.hold();
    boolean expected = false;
    try {
      return next.execute(command);
    } catch (RuntimeException failure) {
      EngineFailure refusal = understand(command, failure);
      expected = refusal != null && refusal.status() < 500;
      if (expected) {
        String taskId = taskIdOf(command);
        if (taskId != null && refusal != null && !RequestRefusedException.TYPE.equals(refusal.type())) {
          LOG.info("已拒绝（{}）：任务 {} 的办理未生效：{}（{}）", refusal.status(), taskId, refusal.message(),
              failure.getMessage());
        } else {
          LOG.info("已拒绝（{}）：{}", refusal.status(), refusal.message());
        }
      }
      if (refusal == EngineFailure.TASK_ALREADY_COMPLETED || refusal == EngineFailure.CONCURRENT_UPDATE) {
        throw new TaskConflictException(refusal, taskIdOf(command), failure);
      }
      throw failure;
    } finally {
      if (expected) {
        HeldEngineLog.drop();
      } else {
        HeldEngineLog.release();
      }
    }
  }

  /**
   * What the failure means for the user, recorded for the request; null when it is no refusal the platform
   * knows (then it stays a failure, logged with its stack trace).
   */
  private EngineFailure understand(Command<?> command, RuntimeException failure) {
    if (DatabaseFailures.isUnavailable(failure)) {
      FailureContext.record(EngineFailure.DATABASE_UNAVAILABLE);
      return null;
    }
    RequestRefusedException refused = refusedIn(failure);
    if (refused != null) {
      EngineFailure refusal = new EngineFailure(400, RequestRefusedException.TYPE, refused.getMessage());
      FailureContext.record(refusal);
      return refusal;
    }
    String taskId = taskIdOf(command);
    if (isOtherTenants(failure)) {
      EngineFailure notFound = taskId != null ? EngineFailure.TASK_NOT_FOUND : EngineFailure.NOT_FOUND;
      FailureContext.record(notFound);
      return notFound;
    }
    if (taskId == null || failure instanceof FormFieldValidationException
        || !(failure instanceof ProcessEngineException)) {
      return null;
    }
    EngineFailure conflict = conflictOf(taskId, failure);
    if (conflict != null) {
      FailureContext.record(conflict);
    }
    return conflict;
  }

  /** The platform's refusal, thrown directly or from a listener (which the engine wraps). */
  private static RequestRefusedException refusedIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RequestRefusedException refused) {
        return refused;
      }
    }
    return null;
  }

  /** What the failed completion of the task means, or null when it is no conflict. */
  private EngineFailure conflictOf(String taskId, RuntimeException failure) {
    Authentication caller = configuration.getIdentityService().getCurrentAuthentication();
    try {
      return configuration.getCommandExecutorTxRequired().execute(context -> {
        context.disableAuthorizationCheck();
        context.disableTenantCheck();
        try {
          return conflictOf(context, taskId, caller, failure);
        } finally {
          context.enableTenantCheck();
          context.enableAuthorizationCheck();
        }
      });
    } catch (RuntimeException lookupFailed) {
      LOG.warn("任务 {} 办理失败后查询其历史时出错：{}", taskId, lookupFailed.getMessage());
      return null;
    }
  }

  private EngineFailure conflictOf(CommandContext context, String taskId, Authentication caller,
      RuntimeException failure) {
    if (context.getTaskManager().findTaskById(taskId) != null) {
      return failure instanceof OptimisticLockingException ? EngineFailure.CONCURRENT_UPDATE : null;
    }
    HistoricTaskInstance task = configuration.getHistoryService().createHistoricTaskInstanceQuery().taskId(taskId)
        .singleResult();
    if (task == null || task.getEndTime() == null || !"completed".equals(task.getDeleteReason())
        || !mayHaveWorkedOn(task, caller)) {
      return EngineFailure.TASK_NOT_FOUND;
    }
    return EngineFailure.TASK_ALREADY_COMPLETED;
  }

  private boolean mayHaveWorkedOn(HistoricTaskInstance task, Authentication caller) {
    if (caller == null) {
      return true; // the platform itself
    }
    List<String> tenants = caller.getTenantIds();
    if (task.getTenantId() != null && (tenants == null || !tenants.contains(task.getTenantId()))) {
      return false;
    }
    String user = caller.getUserId();
    if (Objects.equals(user, task.getAssignee()) || Objects.equals(user, task.getOwner())) {
      return true;
    }
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    for (HistoricIdentityLinkLog link : configuration.getHistoryService().createHistoricIdentityLinkLogQuery()
        .taskId(task.getId()).type(IdentityLinkType.CANDIDATE).list()) {
      if (Objects.equals(user, link.getUserId()) || (link.getGroupId() != null && groups.contains(link.getGroupId()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The engine's tenant check refused ("ENGINE-13034 Cannot … because it belongs to no authenticated
   * tenant"): the record is another jurisdiction's. Answered as not found, so an id tells nothing.
   */
  static boolean isOtherTenants(RuntimeException failure) {
    return failure instanceof ProcessEngineException && failure.getMessage() != null
        && failure.getMessage().startsWith("ENGINE-13034");
  }

  /** The task a completing command works on, or null for every other command. */
  static String taskIdOf(Command<?> command) {
    if (!(command instanceof CompleteTaskCmd) && !(command instanceof SubmitTaskFormCmd)) {
      return null;
    }
    try {
      Field field = command.getClass().getDeclaredField("taskId");
      field.setAccessible(true);
      return (String) field.get(command);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
