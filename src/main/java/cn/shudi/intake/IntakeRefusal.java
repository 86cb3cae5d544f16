package cn.shudi.intake;

import org.camunda.bpm.engine.exception.NotValidException;

/**
 * A request the platform does not take, with the reason in Chinese (empty text, a township of another county, a
 * photo that is not one, a replayed request, an unknown item): nothing of it is stored. A {@link NotValidException},
 * so the engine's REST API and Tasklist answer it as bad input (400) with this message.
 */
class IntakeRefusal extends NotValidException {

  private static final long serialVersionUID = 1L;

  IntakeRefusal(String message) {
    super(message);
  }
}
