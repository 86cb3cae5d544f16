package cn.shudi.support;

import org.camunda.bpm.BpmPlatform;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Spring keeps the three test contexts alive in the test JVM, each with an engine named "default":
 * {@link PlatformTest}, {@link OneCountyProcessTest} and {@link FreshPlatformTest}. (The tests that start and
 * stop whole applications run in a JVM of their own, tag {@code own-application}.) The REST API finds the engine
 * by that name in {@link ProcessEngines},
 * the webapps in the runtime container ({@link BpmPlatform}), where the newest engine wins and a closed
 * one leaves a gap. Before each test the engine of the test's own context is put back in both, so HTTP
 * calls reach the same database as the test. Registered for every Spring test in
 * META-INF/spring.factories.
 */
public class CurrentEngineListener implements TestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    testContext.getApplicationContext().getBeanProvider(ProcessEngine.class).ifAvailable(engine -> {
      ProcessEngines.registerProcessEngine(engine);
      RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
      ProcessEngine registered = BpmPlatform.getProcessEngineService().getProcessEngine(engine.getName());
      if (registered != engine) {
        if (registered != null) {
          container.unregisterProcessEngine(registered);
        }
        container.registerProcessEngine(engine);
      }
    });
  }
}
