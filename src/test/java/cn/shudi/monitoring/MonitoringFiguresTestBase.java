package cn.shudi.monitoring;

import static cn.shudi.monitoring.MonitoringScenario.HOUR;
import static cn.shudi.monitoring.MonitoringScenario.ITEM;
import static cn.shudi.monitoring.MonitoringScenario.YUNXI;
import static cn.shudi.monitoring.MonitoringScenario.ZHANGQIU;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.cockpit.impl.db.CommandExecutorImpl;
import org.camunda.bpm.cockpit.impl.db.QueryServiceImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.shudi.assessment.LatestRankings;
import cn.shudi.monitoring.Dashboard.ActivityFigures;
import cn.shudi.monitoring.Dashboard.ItemFigures;
import cn.shudi.monitoring.Dashboard.TaskLine;
import cn.shudi.monitoring.Dashboard.UnitFigures;
import cn.shudi.call.CallProcess;

/**
 * Every query of the plugin on a real engine database, with the figures of {@link MonitoringScenario}
 * worked out by hand. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MonitoringFiguresTestBase {

  @Autowired
  ProcessEngine engine;
  @Autowired
  Monitoring monitoring;
  @Autowired
  DataSource dataSource;

  MonitoringScenario scenario;
  MonitoringQueries queries;

  @BeforeAll
  void runTheScenario() {
    try {
      scenario = MonitoringScenario.run(engine);
    } finally {
      ClockUtil.reset();
    }
    // Cockpit's query service as the plugin resource gets it, built on this context's engine
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    queries = new MonitoringQueries(new QueryServiceImpl(new CommandExecutorImpl(configuration,
        new MonitoringPlugin().getMappingFiles())));
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  Dashboard dashboard(MonitoringScope scope, int days) {
    return monitoring.dashboard(queries, scope, MonitoringScenario.now(), days);
  }

  Dashboard zhangqiu() {
    return dashboard(MonitoringScope.of(List.of(ZHANGQIU)), 90);
  }

  @Test
  void openCasesAndTasksPerJurisdiction() {
    Dashboard dashboard = zhangqiu();
    assertThat(dashboard.scope().all()).isFalse();
    assertThat(dashboard.jurisdictions()).singleElement().satisfies(j -> {
      assertThat(j.code()).isEqualTo(ZHANGQIU);
      assertThat(j.name()).isEqualTo("济南市章丘区");
      assertThat(j.openCases()).as("cases A–E; calls are not cases").isEqualTo(5);
      // zq001: A–E 疫情处置 + 组织免疫, E 维护秩序 = 11; two calls waiting to be accepted; the command centre's
      // 组织召开联席会议
      assertThat(j.openTasks()).isEqualTo(14);
      assertThat(j.overdueTasks()).as("E 维护秩序, both calls").isEqualTo(3);
      assertThat(j.waitingCalls()).isEqualTo(2);
      assertThat(j.overdueCalls()).isEqualTo(2);
      assertThat(j.openEscalations()).isEqualTo(1);
      assertThat(j.escalations()).isEqualTo(1);
      assertThat(j.openJointMeetings()).isEqualTo(1);
      assertThat(j.jointMeetings()).isEqualTo(1);
    });
    assertThat(dashboard.totals().openCases()).isEqualTo(5);
    assertThat(dashboard.totals().overdueTasks()).isEqualTo(3);
  }

  @Test
  void perDomainAndItemWithNamesFromTheList() {
    Dashboard dashboard = zhangqiu();
    assertThat(dashboard.domains()).extracting(d -> d.domain(), d -> d.openCases(), d -> d.openTasks(),
        d -> d.overdueTasks())
        .as("most overdue first").containsExactly(tuple(SharedProcesses.DOMAIN, 0L, 3L, 2L), tuple("农业农村", 5L, 11L, 1L));
    ItemFigures item = dashboard.items().stream().filter(i -> i.key().equals(ITEM)).findFirst().orElseThrow();
    assertThat(item.code()).isEqualTo("ZQ001");
    assertThat(item.name()).isEqualTo("动物疫病防控和重大动物疫情处置");
    assertThat(item.domain()).isEqualTo("农业农村");
    assertThat(item.openCases()).isEqualTo(5);
    assertThat(item.openTasks()).isEqualTo(11);
    assertThat(item.overdueTasks()).isEqualTo(1);
    assertThat(item.completedTasks()).as("4 × 维护秩序, 5 × 监测排查").isEqualTo(9);
    assertThat(item.openEscalations()).isEqualTo(1);
    assertThat(item.escalations()).isEqualTo(1);
    assertThat(item.jointMeetings()).isEqualTo(1);
    assertThat(dashboard.items()).filteredOn(i -> i.key().equals(SharedProcesses.CALL)).singleElement()
        .satisfies(call -> {
          assertThat(call.name()).isEqualTo("乡呼县应");
          assertThat(call.openCases()).isEqualTo(2);
          assertThat(call.overdueTasks()).isEqualTo(2);
        });
  }

  @Test
  void openAndOverdueTasksPerUnit() {
    List<UnitFigures> units = zhangqiu().units();
    assertThat(units).extracting(UnitFigures::group, UnitFigures::name, UnitFigures::openTasks,
        UnitFigures::overdueTasks, UnitFigures::waitingCalls)
        .containsExactly(
            tuple("zhangqiu_police", "区公安分局", 2L, 2L, 1L),
            tuple("zhangqiu_agriculture", "区农业农村局", 6L, 1L, 1L),
            tuple("zhangqiu_mingshui", "明水街道", 5L, 0L, 0L),
            tuple("zhangqiu_command", "区指挥中心", 1L, 0L, 0L));
    assertThat(units.get(0).escalations()).as("E 维护秩序 was supervised").isEqualTo(1);
    assertThat(units.get(0).openEscalations()).isEqualTo(1);
    assertThat(units.get(1).type()).isEqualTo("区直/县直部门");
    assertThat(units.get(2).type()).isEqualTo("镇街");
  }

  @Test
  void medianAndNinetiethPercentilePerStep() {
    Dashboard dashboard = zhangqiu();
    ActivityFigures police = activity(dashboard.activities(), MonitoringScenario.POLICE_1.id());
    assertThat(police.name()).isEqualTo("维护秩序");
    assertThat(police.unit()).isEqualTo("区公安分局");
    assertThat(police.completed()).isEqualTo(4);
    assertThat(police.medianMillis()).as("2h 4h 6h 20h: (4h + 6h) / 2").isEqualTo(5 * HOUR);
    assertThat(police.p90Millis()).as("nearest rank ceil(0.9 × 4) = 4th").isEqualTo(20 * HOUR);
    assertThat(police.averageMillis()).isEqualTo(8 * HOUR);
    assertThat(police.maxMillis()).isEqualTo(20 * HOUR);
    assertThat(police.openTasks()).isEqualTo(1);
    assertThat(police.overdueTasks()).isEqualTo(1);

    ActivityFigures monitoring = activity(dashboard.activities(), MonitoringScenario.MONITORING.id());
    assertThat(monitoring.completed()).isEqualTo(5);
    assertThat(monitoring.medianMillis()).as("8h 10h 12h 14h 30h: the third").isEqualTo(12 * HOUR);
    assertThat(monitoring.p90Millis()).as("nearest rank ceil(0.9 × 5) = 5th").isEqualTo(30 * HOUR);
    assertThat(monitoring.openTasks()).isZero();
    assertThat(activity(dashboard.activities(), MonitoringScenario.OUTBREAK_RESPONSE.id()).openTasks()).isEqualTo(5);

    ActivityFigures township = activity(dashboard.activities(), MonitoringScenario.TOWNSHIP_1.id());
    assertThat(township.unit()).isEqualTo("镇街");
    assertThat(township.completed()).isZero();
    assertThat(township.medianMillis()).isNull();

    assertThat(dashboard.slowestSteps()).extracting(ActivityFigures::activityId)
        .startsWith(MonitoringScenario.MONITORING.id(), MonitoringScenario.POLICE_1.id());
  }

  @Test
  void theWindowLeavesOutOlderWork() {
    // since = NOW − 2 days = T0 + 24h: the four 维护秩序 (done by T0+20h) and B–E's 监测排查 (by T0+14h) fall out,
    // A's 监测排查 (T0+30h) stays
    Dashboard dashboard = dashboard(MonitoringScope.of(List.of(ZHANGQIU)), 2);
    assertThat(dashboard.activities()).filteredOn(a -> a.completed() > 0 && a.key().equals(ITEM))
        .extracting(ActivityFigures::activityId, ActivityFigures::completed)
        .containsExactly(tuple(MonitoringScenario.MONITORING.id(), 1L));
    assertThat(activity(dashboard.activities(), MonitoringScenario.POLICE_1.id()).openTasks()).as("open work is not windowed")
        .isEqualTo(1);
  }

  @Test
  void mostOverdueTasksFirst() {
    List<TaskLine> overdue = zhangqiu().overdueTasks();
    assertThat(overdue).extracting(TaskLine::activityId).containsExactly(CallProcess.Element.ACCEPT.id(), CallProcess.Element.ACCEPT.id(),
        MonitoringScenario.POLICE_1.id());
    TaskLine police = overdue.get(2);
    assertThat(police.processInstanceId()).isEqualTo(scenario.cases.get(4));
    assertThat(police.overdueMillis()).as("due T0+24h, now T0+72h").isEqualTo(48 * HOUR);
    assertThat(police.unitName()).isEqualTo("区公安分局");
    assertThat(police.itemName()).isEqualTo("动物疫病防控和重大动物疫情处置");
    assertThat(police.caseSubject()).isEqualTo("养殖场 E");
    assertThat(police.township()).isEqualTo("明水街道");
  }

  @Test
  void callsWaitingForAResponse() {
    Dashboard.Calls calls = zhangqiu().calls();
    assertThat(calls.waiting()).isEqualTo(2);
    assertThat(calls.overdue()).isEqualTo(2);
    assertThat(calls.byDepartment()).extracting(UnitFigures::name, UnitFigures::waitingCalls)
        .containsExactlyInAnyOrder(tuple("区农业农村局", 1L), tuple("区公安分局", 1L));
    assertThat(calls.longestWaiting()).hasSize(2).allSatisfy(line -> {
      assertThat(line.waitingMillis()).isEqualTo(72 * HOUR);
      assertThat(line.itemName()).isEqualTo("乡呼县应：动物疫病防控和重大动物疫情处置");
      assertThat(line.township()).isEqualTo("明水街道");
    });
    assertThat(calls.longestWaiting()).extracting(TaskLine::processInstanceId)
        .containsExactlyInAnyOrderElementsOf(scenario.calls);
  }

  @Test
  void escalationsAndJointMeetings() {
    Dashboard dashboard = zhangqiu();
    assertThat(dashboard.escalations().open()).isEqualTo(1);
    assertThat(dashboard.escalations().started()).isEqualTo(1);
    assertThat(dashboard.escalations().byUnit()).singleElement()
        .satisfies(u -> assertThat(u.name()).isEqualTo("区公安分局"));
    assertThat(dashboard.escalations().byItem()).singleElement()
        .satisfies(i -> assertThat(i.name()).isEqualTo("动物疫病防控和重大动物疫情处置"));
    assertThat(dashboard.jointMeetings().open()).isEqualTo(1);
    assertThat(dashboard.jointMeetings().started()).isEqualTo(1);
  }

  @Test
  void aSupervisorSeesOnlyTheirJurisdictionAndAnAdminSeesAll() {
    Dashboard yunxi = dashboard(MonitoringScope.of(List.of(YUNXI)), 90);
    assertThat(yunxi.jurisdictions()).extracting(Dashboard.JurisdictionFigures::code).containsExactly(YUNXI);
    assertThat(yunxi.totals().openCases()).isEqualTo(1);
    assertThat(yunxi.totals().openTasks()).as("yx001's 现场检查: the township's duties start the case or lie outside it")
        .isEqualTo(1);
    assertThat(yunxi.items()).extracting(ItemFigures::jurisdiction).containsOnly(YUNXI);
    assertThat(yunxi.overdueTasks()).isEmpty();
    assertThat(yunxi.activities()).extracting(ActivityFigures::key).containsOnly("yx001");

    Dashboard all = dashboard(MonitoringScope.all(), 90);
    assertThat(all.scope().all()).isTrue();
    assertThat(all.jurisdictions()).extracting(Dashboard.JurisdictionFigures::code).containsExactly(ZHANGQIU, YUNXI);
    assertThat(all.totals().openCases()).isEqualTo(6);

    Dashboard nobody = dashboard(MonitoringScope.of(List.of()), 90);
    assertThat(nobody.jurisdictions()).isEmpty();
    assertThat(nobody.items()).isEmpty();
  }

  @Test
  void perStepFiguresOfOneDefinition() {
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(ITEM)
        .tenantIdIn(ZHANGQIU).latestVersion().singleResult().getId();
    DefinitionFigures figures = monitoring.definition(queries, definitionId, ITEM, ZHANGQIU,
        MonitoringScenario.now(), 90);
    assertThat(figures.code()).isEqualTo("ZQ001");
    assertThat(figures.jurisdictionName()).isEqualTo("济南市章丘区");
    assertThat(figures.openCases()).isEqualTo(5);
    assertThat(figures.openTasks()).isEqualTo(11);
    assertThat(figures.overdueTasks()).isEqualTo(1);
    assertThat(figures.openEscalations()).isEqualTo(1);
    assertThat(figures.openJointMeetings()).isEqualTo(1);
    assertThat(figures.activities()).extracting(ActivityFigures::activityId, ActivityFigures::openTasks,
        ActivityFigures::overdueTasks, ActivityFigures::completed, ActivityFigures::medianMillis)
        .containsExactly(
            tuple(MonitoringScenario.MONITORING.id(), 0L, 0L, 5L, 12 * HOUR),
            tuple(MonitoringScenario.OUTBREAK_RESPONSE.id(), 5L, 0L, 0L, null),
            tuple(MonitoringScenario.POLICE_1.id(), 1L, 1L, 4L, 5 * HOUR),
            tuple(MonitoringScenario.TOWNSHIP_1.id(), 5L, 0L, 0L, null));
  }

  @Test
  void theLatestMonthlyRankingOfTheUsersJurisdiction() {
    Rankings rankings = new Rankings(new LatestRankings(dataSource));
    if (!rankings.tableExists()) {
      Dashboard.Ranking ranking = zhangqiu().ranking();
      assertThat(ranking.available()).isFalse();
      assertThat(ranking.note()).isEqualTo(Rankings.NOTE_MISSING);
      assertThat(ranking.rows()).isEmpty();
      return;
    }
    assertThat(zhangqiu().ranking().note()).as("nothing assessed yet").isEqualTo(Rankings.NOTE_EMPTY);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    assess(jdbc, "zq-2026-01", ZHANGQIU, "2026-01", "police", "区公安分局", "department", 1, 91.5, "commended");
    assess(jdbc, "zq-2026-02", ZHANGQIU, "2026-02", "agriculture", "区农业农村局", "department", 1, 88.25,
        "commended");
    jdbc.update("insert into shudi_assessment_rank (assessment_id, unit_code, unit_group, unit_name, unit_type,"
        + " list_order, rank_no, score, tasks_due, tasks_on_time, calls_due, calls_on_time, ratings, rating_points,"
        + " refusals, outcome) values ('zq-2026-02', 'mingshui', 'zhangqiu_mingshui', '明水街道', 'township', 30,"
        + " null, null, 0, 0, 0, 0, 0, 0, 0, 'none')");
    assess(jdbc, "yx-2026-02", YUNXI, "2026-02", "ecology", "县生态环境分局", "department", 1, 70, "none");

    Dashboard.Ranking ranking = zhangqiu().ranking();
    assertThat(ranking.available()).isTrue();
    assertThat(ranking.rows()).extracting(r -> r.jurisdiction(), r -> r.period(), r -> r.unit(), r -> r.kindName(),
        r -> r.rank(), r -> r.score(), r -> r.outcomeName())
        .as("the latest month only, departments first, the unranked township last, no Yunxi")
        .containsExactly(tuple(ZHANGQIU, "2026-02", "zhangqiu_agriculture", "部门", 1, 88.25, "表扬"),
            tuple(ZHANGQIU, "2026-02", "zhangqiu_mingshui", "镇街", null, null, ""));
    assertThat(dashboard(MonitoringScope.all(), 90).ranking().rows()).extracting(r -> r.jurisdiction())
        .containsExactly(ZHANGQIU, ZHANGQIU, YUNXI);
  }

  static void assess(JdbcTemplate jdbc, String id, String tenant, String period, String unit, String name,
      String type, int rank, double score, String outcome) {
    jdbc.update("insert into shudi_assessment (id, jurisdiction, period, formula_version, computed_at)"
        + " values (?, ?, ?, '2026.1', current_timestamp)", id, tenant, period);
    jdbc.update("insert into shudi_assessment_rank (assessment_id, unit_code, unit_group, unit_name, unit_type,"
        + " list_order, rank_no, score, tasks_due, tasks_on_time, calls_due, calls_on_time, ratings, rating_points,"
        + " refusals, outcome) values (?, ?, ?, ?, ?, 1, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?)", id, unit,
        tenant + "_" + unit, name, type, rank, score, outcome);
  }

  static ActivityFigures activity(List<ActivityFigures> all, String id) {
    return all.stream().filter(a -> a.activityId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no figures for " + id + " in " + all));
  }
}
