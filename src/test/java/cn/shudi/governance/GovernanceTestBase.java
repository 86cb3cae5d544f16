package cn.shudi.governance;

import java.time.LocalDateTime;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.catalog.Catalogs;
import cn.shudi.process.Variable;
import cn.shudi.support.ProcessTestBase;
import cn.shudi.support.EngineClock;
import cn.shudi.support.FreshPlatformTest;

/**
 * The platform as it starts (both counties deployed, demo users, authorization checks on), in the context of
 * {@link FreshPlatformTest}: these tests change 章丘区's list, which the tests on the shared platform must not
 * see. The engine clock starts on a Monday morning so working days are plain.
 */
@FreshPlatformTest
abstract class GovernanceTestBase extends ProcessTestBase {

  /** Monday 2 June 2025, 09:00. */
  static final LocalDateTime MONDAY_MORNING = LocalDateTime.of(2025, 6, 2, 9, 0);

  @Autowired
  Catalogs catalogs;
  @Autowired
  ListGovernance lists;
  @Autowired
  Consultations consultations;

  GovernanceDriver driver;

  @BeforeEach
  void mondayMorning() {
    EngineClock.set(MONDAY_MORNING);
    driver = new GovernanceDriver(engine);
  }

  Object variable(ProcessInstance instance, Variable<?> variable) {
    return driver.variable(instance.getId(), variable, history);
  }

  String endActivity(ProcessInstance instance) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getEndActivityId();
  }

  List<CatalogVersion> versions() {
    return lists.versions(TENANT);
  }
}
