package cn.shudi.reliability;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Completing a task lost to another request: the task was already completed, or the case was changed at
 * the same moment ({@link EngineFailure#TASK_ALREADY_COMPLETED}, {@link EngineFailure#CONCURRENT_UPDATE}).
 * The engine's own exception (an {@code OptimisticLockingException} or "Cannot find task") is the cause.
 */
class TaskConflictException extends ProcessEngineException {

  private static final long serialVersionUID = 1L;

  private final transient EngineFailure failure;

  TaskConflictException(EngineFailure failure, String taskId, RuntimeException cause) {
    super(failure.message() + "（任务 " + taskId + "）", cause);
    this.failure = failure;
  }

  public EngineFailure failure() {
    return failure;
  }
}
