package cn.shudi.assessment;

import static cn.shudi.support.EngineClock.COUNTY_ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.evaluation.ModelRules;
import cn.shudi.evaluation.PlatformTestBase;
import cn.shudi.organization.Organization;
import cn.shudi.assessment.MonthlyAssessmentProcess;

/**
 * shared_monthly_assessment 月度评价排名: deployed in every county with a timer on the 1st of every month; when
 * the timer is due it ranks the previous month of its own county.
 */
class MonthlyAssessmentProcessTest extends PlatformTestBase {

  static final String KEY = MonthlyAssessmentProcess.KEY;

  @Autowired
  Assessment assessment;
  @Autowired
  Organization organization;

  @Test
  void modelFollowsTheModellingRulesAndStartsOnTheFirstOfEveryMonth() throws IOException {
    ModelRules.assertWellModelled(KEY, "月度评价排名");
    TimerEventDefinition timer = ModelRules.read(KEY).getModelElementsByType(TimerEventDefinition.class)
        .iterator().next();
    assertThat(timer.getTimeCycle().getTextContent()).isEqualTo("0 0 2 1 * ?");
    for (String county : List.of("zhangqiu", "yunxi")) {
      ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(KEY)
          .tenantIdIn(county).latestVersion().singleResult();
      assertThat(definition).as(county).isNotNull();
      Job job = management.createJobQuery().processDefinitionId(definition.getId()).timers().singleResult();
      assertThat(job).as("one timer per county").isNotNull();
      assertThat(job.getTenantId()).isEqualTo(county);
      LocalDateTime due = LocalDateTime.ofInstant(job.getDuedate().toInstant(), java.time.ZoneId.systemDefault());
      assertThat(List.of(due.getDayOfMonth(), due.getHour(), due.getMinute())).as("1st, 02:00 server time")
          .containsExactly(1, 2, 0);
    }
  }

  @Test
  void whenTheTimerIsDueTheCountysPreviousMonthIsRanked() {
    Job timer = management.createJobQuery().processDefinitionKey(KEY).tenantIdIn(TENANT).timers().singleResult();
    // the timer falls due on a 1st at 02:00 server time, as the cycle has it, of a month of this test's own: the
    // platform is shared, and other tests' cases of the current month would be ranked too
    Date due = Date.from(LocalDateTime.of(2031, 4, 1, 2, 0).atZone(java.time.ZoneId.systemDefault()).toInstant());
    management.setJobDuedate(timer.getId(), due);
    LocalDateTime dueLocal = LocalDateTime.ofInstant(due.toInstant(), COUNTY_ZONE);
    YearMonth month = YearMonth.from(dueLocal).minusMonths(1);

    // in the month before the timer: the township rates the market department, completes its duty on time
    LocalDateTime working = month.atDay(3).atTime(9, 0);
    clock(working);
    rate(MINGSHUI, MARKET, "satisfied", "及时");
    Task duty = dutyTask(MINGSHUI, working.plusDays(2));
    completeAsStaff(MINGSHUI, duty, Map.of());

    ClockUtil.setCurrentTime(due);
    assertThat(management.createJobQuery().processDefinitionKey(KEY).tenantIdIn(TENANT).timers()
        .duedateLowerThan(new Date(due.getTime() + 1000)).count()).as("due now").isOne();
    management.executeJob(timer.getId());

    HistoricProcessInstance run = history.createHistoricProcessInstanceQuery().processDefinitionKey(KEY)
        .tenantIdIn(TENANT).startedAfter(new Date(due.getTime() - 1)).singleResult();
    assertThat(run.getState()).isEqualTo("COMPLETED");
    assertThat(variable(run, MonthlyAssessmentProcess.PERIOD.name())).isEqualTo(month.toString());
    assertThat(variable(run, MonthlyAssessmentProcess.FORMULA_VERSION.name())).isEqualTo("2026.3");
    assertThat(variable(run, MonthlyAssessmentProcess.COMMENDED_DEPARTMENTS.name())).isEqualTo("区市场监管局");
    assertThat(variable(run, MonthlyAssessmentProcess.SUMMONED_TOWNSHIPS.name())).isEqualTo("");
    assertThat(variable(run, MonthlyAssessmentProcess.SUPERVISORS_GROUP.name())).isEqualTo("zhangqiu_supervisors");
    assertThat(Path.of((String) variable(run, MonthlyAssessmentProcess.ASSESSMENT_FILE.name()))).exists()
        .isEqualTo(assessment.exportFile(TENANT, month));

    MonthlyRanking ranking = assessment.find(organization.jurisdiction(TENANT), month).orElseThrow();
    assertThat(ranking.commendedDepartments()).extracting(UnitResult::unitCode).containsExactly("market");
    assertThat(ranking.departments().get(0).score()).isEqualTo(new BigDecimal("100.00"));
    assertThat(ranking.townships().get(0).unitCode()).isEqualTo("mingshui");
    assertThat(ranking.townships().get(0).rank()).isOne();
    assertThat(ranking.summonedTownships()).as("the only township with figures: nobody outscored it").isEmpty();
    assertThat(ranking.computedAt()).isEqualTo(dueLocal.withNano(0));

    // only the county's own timer ran; the next month's is waiting
    assertThat(assessment.find(organization.jurisdiction("yunxi"), month)).isEmpty();
    Job next = management.createJobQuery().processDefinitionKey(KEY).tenantIdIn(TENANT).timers().singleResult();
    assertThat(next.getDuedate()).isAfter(due);
  }

  @Test
  void aDispatcherMayRankAGivenMonthByHandStaffMayNot() {
    clock(LocalDateTime.of(2025, 8, 20, 10, 0));
    identity.setAuthentication("zhangqiu_mingshui_staff", List.of(MINGSHUI), List.of(TENANT));
    try {
      assertThat(refusalOf(() -> start(KEY, Map.of(MonthlyAssessmentProcess.PERIOD.name(), "2025-01"))))
          .hasMessageContaining("定时器每月自动生成");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(assessment.find(organization.jurisdiction(TENANT), YearMonth.of(2025, 1))).isEmpty();

    assertThat(refusalOf(() -> start(KEY, Map.of(MonthlyAssessmentProcess.PERIOD.name(), "2025/01")))).hasMessageContaining("yyyy-MM");

    // the analyst, member of the establishment office, may start processes and reads the county
    ProcessInstance byHand = startAs("zhangqiu_analyst", List.of("zhangqiu_bianban", "zhangqiu_analysts"), KEY,
        Map.of(MonthlyAssessmentProcess.PERIOD.name(), "2025-01"));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(byHand.getId()).singleResult()
        .getState()).isEqualTo("COMPLETED");
    assertThat(assessment.find(organization.jurisdiction(TENANT), YearMonth.of(2025, 1))).isPresent();
  }

  Object variable(HistoricProcessInstance instance, String name) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(name)
        .singleResult().getValue();
  }
}
