package cn.shudi.governance;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cn.shudi.catalog.Catalogs;
import cn.shudi.process.Variable;

/**
 * The platform as it starts (both counties deployed, demo users, authorization checks on), in a context of its
 * own: these tests change 章丘区's list, which other tests must not see. The engine clock starts on a Monday
 * morning so working days are plain.
 */
@SpringBootTest(properties = "shudi.governance.refresh-seconds=0")
abstract class GovernanceTestBase {

  static final String TENANT = GovernanceDriver.TENANT;
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Monday 2 June 2025, 09:00. */
  static final LocalDateTime MONDAY_MORNING = LocalDateTime.of(2025, 6, 2, 9, 0);

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  HistoryService history;
  @Autowired
  RepositoryService repository;
  @Autowired
  ManagementService management;
  @Autowired
  Catalogs catalogs;
  @Autowired
  ListGovernance lists;
  @Autowired
  Consultations consultations;

  GovernanceDriver driver;

  @BeforeEach
  void mondayMorning() {
    ClockUtil.setCurrentTime(at(MONDAY_MORNING));
    driver = new GovernanceDriver(engine);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static Date at(LocalDateTime time) {
    return Date.from(time.atZone(ZONE).toInstant());
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
