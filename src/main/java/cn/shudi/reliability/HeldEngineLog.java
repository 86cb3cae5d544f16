package cn.shudi.reliability;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Holds back the engine's report of a failed command (ENGINE-16004, with its stack trace, logged while the
 * command context closes, before {@link FailureInterceptor} knows what the failure means) until the failure
 * is understood: an expected refusal (another county's record, a task completed by someone else first, a
 * rule of the platform) is then logged as one line, and anything else gets the engine's report back with its
 * stack trace. While a refusal is recorded for the request ({@link FailureContext}), the REST layer's own
 * line about the same failure is dropped too.
 */
final class HeldEngineLog extends TurboFilter {

  static final String ENGINE_CONTEXT = "org.camunda.bpm.engine.context";
  static final String REST_EXCEPTION = "org.camunda.bpm.engine.rest.exception";
  private static final Logger REPORT = LoggerFactory.getLogger(ENGINE_CONTEXT);

  /** A held report: what the engine said and the failure. */
  record Held(String message, Throwable failure) {
  }

  private static final ThreadLocal<List<Held>> HELD = new ThreadLocal<>();

  /** Adds the filter to logback once (several Spring contexts may start in one JVM). */
  static void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
        && context.getTurboFilterList().stream().noneMatch(HeldEngineLog.class::isInstance)) {
      HeldEngineLog filter = new HeldEngineLog();
      filter.start();
      context.addTurboFilter(filter);
    }
  }

  /** From now on this thread's engine failure reports are held. */
  static void hold() {
    HELD.set(new ArrayList<>());
  }

  /** The failure was expected: its held reports are dropped. */
  static void drop() {
    HELD.remove();
  }

  /** The failure was not expected (or there was none): the held reports are logged as the engine wrote them. */
  static void release() {
    List<Held> held = HELD.get();
    HELD.remove();
    if (held != null) {
      held.forEach(h -> REPORT.error(h.message(), h.failure()));
    }
  }

  @Override
  public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
      Object[] params, Throwable t) {
    if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN)) {
      return FilterReply.NEUTRAL;
    }
    String name = logger.getName();
    List<Held> held = HELD.get();
    if (held != null && name.equals(ENGINE_CONTEXT)) {
      var formatted = MessageFormatter.arrayFormat(format, params);
      held.add(new Held(formatted.getMessage(), t != null ? t : formatted.getThrowable()));
      return FilterReply.DENY;
    }
    if (name.equals(REST_EXCEPTION) && expectedRefusal()) {
      return FilterReply.DENY;
    }
    return FilterReply.NEUTRAL;
  }

  /** A refusal the platform recognised for this request (4xx): already logged as one line. */
  static boolean expectedRefusal() {
    EngineFailure failure = FailureContext.current();
    return failure != null && failure.status() >= 400 && failure.status() < 500;
  }
}
