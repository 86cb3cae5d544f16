package cn.shudi.reliability;

/**
 * The failure the engine reported in the current request thread ({@link FailureInterceptor} writes it,
 * {@link ApiFailureFilter} reads it): the REST resources catch the engine's exceptions and answer 404/500
 * themselves, so the filter learns from here what that answer stands for.
 */
final class FailureContext {

  private static final ThreadLocal<EngineFailure> CURRENT = new ThreadLocal<>();

  private FailureContext() {
  }

  static void record(EngineFailure failure) {
    CURRENT.set(failure);
  }

  static EngineFailure current() {
    return CURRENT.get();
  }

  static void clear() {
    CURRENT.remove();
  }
}
