package cn.shudi.intake;

import cn.shudi.reliability.RequestRefusedException;

/**
 * A request the platform does not take, with the reason in Chinese (empty text, a township of another county, a
 * photo that is not one, a replayed request, an unknown item, a return without its reason): nothing of it is stored.
 * A {@link RequestRefusedException}, so every API — the intake's own, the engine's REST API behind Tasklist's forms —
 * answers it 400 with this message, however deep in a listener it was thrown. Recorded for the request only when it
 * leaves an engine command: the intake's own controllers catch the ones they make (a file's rows, each refused on its
 * own) and answer them themselves.
 */
class IntakeRefusal extends RequestRefusedException {

  private static final long serialVersionUID = 1L;

  IntakeRefusal(String message) {
    super(message, false);
  }
}
