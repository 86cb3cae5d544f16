package cn.shudi.accountability;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Thrown when the engine is about to put work on a unit the list does not name for the item
 * (清单之外无属地管理事项). It rolls back the command that tried; the refusal itself is already recorded
 * ({@link Refusals}). The engine reports it wrapped as a task-listener failure (ENGINE-03032) whose message
 * carries this one.
 */
class OutsideListException extends ProcessEngineException {

  private static final long serialVersionUID = 1L;

  private final Refusal refusal;

  public OutsideListException(String message, Refusal refusal) {
    super(message);
    this.refusal = refusal;
  }

  /** The refusal as recorded. */
  public Refusal refusal() {
    return refusal;
  }
}
