package cn.shudi.reliability;

import static cn.shudi.support.EngineClock.COUNTY_ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * History is kept (level full-lean, {@link LeanHistoryLevel}) for the time each process says, and removed at
 * night: the cleanup job waits for
 * the window 01:00–05:00 Beijing time, and a run removes a case whose removal time (end + time to live) has
 * passed and keeps a recent one.
 */
@PlatformTest
class HistoryCleanupTest extends ProcessTestBase {

  static final String KEY = "test_history_cleanup";

  @LocalServerPort
  int port;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void historyIsFullWithARemovalTimeAndTheCleanupWaitsForTheNightWindow() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    assertThat(configuration.getHistoryLevel().getName()).isEqualTo(LeanHistoryLevel.NAME);
    assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
    assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
    assertThat(configuration.getHistoryCleanupBatchSize()).isEqualTo(500);

    List<Job> cleanup = history.findHistoryCleanupJobs();
    assertThat(cleanup).as("scheduled at start-up").isNotEmpty();
    for (Job job : cleanup) {
      LocalTime due = job.getDuedate().toInstant().atZone(COUNTY_ZONE).toLocalTime();
      assertThat(due).as("due %s (Beijing)", due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
      assertThat(job.getDuedate()).as("the next window, not a past one").isAfter(new Date(
          System.currentTimeMillis() - 60_000)).isBefore(new Date(System.currentTimeMillis() + 86_400_000L + 60_000));
    }
  }

  @Test
  void aCleanupRunRemovesACaseWhoseTimeToLiveHasPassedAndKeepsARecentOne() {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      engine.getRepositoryService().createDeployment().tenantId("zhangqiu").name("cleanup-test")
          .addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY).name("测试历史清理")
              .camundaHistoryTimeToLive(30).startEvent().userTask("test_cleanup_step").endEvent().done())
          .deploy();
    }
    Date now = new Date();
    ClockUtil.setCurrentTime(Date.from(now.toInstant().minus(40, ChronoUnit.DAYS)));
    String old = finishedCase();
    ClockUtil.reset();
    String recent = finishedCase();

    HistoricProcessInstance oldCase = history.createHistoricProcessInstanceQuery().processInstanceId(old)
        .singleResult();
    assertThat(oldCase.getRemovalTime()).as("end + 30 days")
        .isEqualTo(Date.from(oldCase.getEndTime().toInstant().plus(30, ChronoUnit.DAYS)));
    assertThat(oldCase.getRemovalTime()).isBefore(now);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(recent).singleResult()
        .getRemovalTime()).isAfter(now);

    Job run = history.cleanUpHistoryAsync(true); // immediately, as an operator would outside the window
    management.executeJob(run.getId());

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(old).count()).as("removed").isZero();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(old).count()).isZero();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(old).count()).isZero();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(recent).count()).as("kept").isOne();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(recent).count()).isOne();
  }

  String finishedCase() {
    String id = engine.getRuntimeService().createProcessInstanceByKey(KEY).processDefinitionTenantId("zhangqiu")
        .execute().getId();
    engine.getTaskService().complete(
        engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId());
    return id;
  }
}
