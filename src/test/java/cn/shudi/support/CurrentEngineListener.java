package cn.shudi.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Spring keeps several test contexts alive, each with an engine named "default"; the REST API and the
 * webapps find the engine by that name in Camunda's static registry, where the newest context wins.
 * Before each test the engine of the test's own context is put back under its name, so HTTP calls
 * reach the same database as the test. Registered for every Spring test in META-INF/spring.factories.
 */
public class CurrentEngineListener implements TestExecutionListener {

  @Override
  public void beforeTestMethod(TestContext testContext) {
    testContext.getApplicationContext().getBeanProvider(ProcessEngine.class)
        .ifAvailable(ProcessEngines::registerProcessEngine);
  }
}
