package cn.shudi.reliability;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A request the platform refuses by one of its rules (a deployment that breaks the deployment policy, a
 * variable of a type users may not send): every API answers it 400 with this message, whatever the REST
 * resource in between would have made of it (the engine's task and process resources answer most engine
 * exceptions 500). The refusal is recorded for the request thread when it is made, because some of them are
 * thrown outside a command, where {@link FailureInterceptor} does not see them.
 */
public class RequestRefusedException extends BadUserRequestException {

  public static final String TYPE = "RequestRefusedException";

  public RequestRefusedException(String message) {
    this(message, true);
  }

  /**
   * @param recordNow false for a refusal a caller may catch and answer itself (a feature checking many rows and
   *     listing every problem): then it is recorded only when it leaves an engine command ({@link FailureInterceptor})
   */
  protected RequestRefusedException(String message, boolean recordNow) {
    super(message);
    if (recordNow) {
      FailureContext.record(new EngineFailure(400, TYPE, message));
    }
  }
}
