package cn.shudi.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.WritableIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** Puts {@link ThrottledIdentityProvider} in place of the engine's own user store. */
class LoginThrottlePlugin extends AbstractProcessEnginePlugin {

  private final LoginThrottle throttle;

  LoginThrottlePlugin(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setIdentityProviderSessionFactory(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return WritableIdentityProvider.class;
      }

      @Override
      public Session openSession() {
        return new ThrottledIdentityProvider(throttle);
      }
    });
  }
}
