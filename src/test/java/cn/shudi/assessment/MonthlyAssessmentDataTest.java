package cn.shudi.assessment;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Workbook;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.evaluation.PlatformTestBase;
import cn.shudi.evaluation.StoredRating;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.call.CallProcess;
import cn.shudi.evaluation.AppealProcess;

/**
 * The ranking of a fixed month (June 2025, 章丘区) computed from what the platform recorded: duty tasks in
 * the engine's history, calls accepted through shared_call, ratings and call ratings through the
 * {@code evaluations} bean, an appeal upheld through shared_appeal, refusals in {@code shudi_refusal}.
 * Expected figures: docs/ranking-formula.md, formula 2026.1.
 */
class MonthlyAssessmentDataTest extends PlatformTestBase {

  static final YearMonth JUNE = YearMonth.of(2025, 6);
  /** Monday 2 June 2025. */
  static final LocalDateTime MONDAY = LocalDateTime.of(2025, 6, 2, 9, 0);
  static final LocalDateTime DUE = LocalDateTime.of(2025, 6, 10, 18, 0);

  @Autowired
  Assessment assessment;
  @Autowired
  Organization organization;

  static String group(String unit) {
    return "zhangqiu_" + unit;
  }

  void completeAt(LocalDateTime when, String unit, Task task) {
    clock(when);
    completeAsStaff(group(unit), task, Map.of());
  }

  void rateAt(LocalDateTime when, String department, String rating) {
    clock(when);
    rate(MINGSHUI, group(department), rating, null);
  }

  void refusal(String unitCode, LocalDateTime at) {
    jdbc.sql("insert into shudi_refusal (id, jurisdiction, case_id, item_code, unit_code, reason, refused_at) "
        + "values (:id, 'zhangqiu', null, 'ZQ999', :unit, '清单外事项', :at)")
        .param("id", UUID.randomUUID().toString()).param("unit", unitCode).param("at", at).update();
  }

  /** The command centre's decision on a returned call that found the unit at fault. */
  void returnAtFault(String unitCode, LocalDateTime at) {
    jdbc.sql("insert into shudi_call_return (id, jurisdiction, call_id, upheld, fault, fault_unit, decided_at) "
        + "values (:id, 'zhangqiu', 'call', true, 'township', :unit, :at)")
        .param("id", UUID.randomUUID().toString()).param("unit", unitCode).param("at", at).update();
  }

  /** A township's call to the market department about ZQ054 (呼叫响应时限 24小时), accepted at the given time. */
  void callAcceptedAt(LocalDateTime called, LocalDateTime accepted) {
    clock(called);
    Map<String, Object> form = new HashMap<>();
    form.put(CallProcess.TOWNSHIP.name(), "mingshui");
    form.put(CallProcess.CALLED_DEPARTMENT.name(), "market");
    form.put(CallProcess.CALL_ITEM_CODE.name(), "ZQ054");
    form.put(CallProcess.CALL_PROBLEM.name(), "某食品作坊疑似使用过期原料");
    form.put(CallProcess.CALL_PLACE.name(), "明水街道某村");
    form.put(CallProcess.CALL_URGENCY.name(), "urgent");
    ProcessInstance call = startAs(MINGSHUI + "_staff", List.of(MINGSHUI), CallProcess.KEY, form);
    dispatchCall(call, Map.of());
    Task accept = task(call, CallProcess.Element.ACCEPT.id());
    assertThat(accept.getDueDate()).isEqualTo(at(called.plusHours(24)));
    clock(accepted);
    completeAsStaff(MARKET, accept, Map.of(CallProcess.CALL_ACCEPTED.name(), "yes", CallProcess.CALL_ACCEPT_NOTE.name(), "派员"));
  }

  @Test
  void theMonthIsRankedFromWhatThePlatformRecorded() throws IOException {
    clock(MONDAY);
    // duty tasks, due 10 June 18:00 unless said otherwise
    Task market1 = dutyTask(MARKET, DUE);
    Task market2 = dutyTask(MARKET, DUE);
    Task agriculture1 = dutyTask(group("agriculture"), DUE);
    Task agriculture2 = dutyTask(group("agriculture"), DUE);
    Task ecology = dutyTask(group("ecology"), DUE);
    dutyTask(group("housing"), DUE); // never done
    Task urban = dutyTask(group("urban"), LocalDateTime.of(2025, 6, 20, 18, 0));
    List<Task> health = List.of(dutyTask(group("health"), DUE), dutyTask(group("health"), DUE),
        dutyTask(group("health"), DUE), dutyTask(group("health"), DUE));
    Task transportCancelled = dutyTask(group("transport"), DUE);
    Task transportJuly = dutyTask(group("transport"), LocalDateTime.of(2025, 7, 1, 0, 0));
    Task mingshui = dutyTask(MINGSHUI, DUE);
    Task shuangshan = dutyTask(group("shuangshan"), DUE);
    Task zaoyuan1 = dutyTask(group("zaoyuan"), DUE);
    Task zaoyuan2 = dutyTask(group("zaoyuan"), DUE);

    LocalDateTime early = LocalDateTime.of(2025, 6, 5, 10, 0);
    LocalDateTime late = LocalDateTime.of(2025, 6, 12, 10, 0);
    completeAt(early, "market", market1);
    completeAt(early, "market", market2);
    completeAt(early, "agriculture", agriculture1);
    completeAt(late, "agriculture", agriculture2);
    completeAt(LocalDateTime.of(2025, 6, 9, 17, 0), "ecology", ecology);
    completeAt(LocalDateTime.of(2025, 6, 20, 18, 0), "urban", urban); // at the due minute: on time
    completeAt(early, "health", health.get(0));
    completeAt(early, "health", health.get(1));
    completeAt(DUE, "health", health.get(2));
    completeAt(late, "health", health.get(3));
    runtime.deleteProcessInstance(transportCancelled.getProcessInstanceId(), "案件撤销");
    completeAt(late, "transport", transportJuly);
    completeAt(early, "mingshui", mingshui);
    completeAt(late, "shuangshan", shuangshan);
    completeAt(early, "zaoyuan", zaoyuan1);
    completeAt(late, "zaoyuan", zaoyuan2);

    // calls to the market department: one accepted within 24 hours, one after
    callAcceptedAt(LocalDateTime.of(2025, 6, 3, 9, 0), LocalDateTime.of(2025, 6, 3, 15, 0));
    callAcceptedAt(LocalDateTime.of(2025, 6, 16, 9, 0), LocalDateTime.of(2025, 6, 18, 9, 0));

    // the townships' ratings of departments
    rateAt(early, "market", "satisfied");
    rateAt(early, "market", "satisfied");
    rateAt(early, "agriculture", "satisfied");
    rateAt(early, "agriculture", "dissatisfied");
    rateAt(early, "ecology", "basically_satisfied");
    rateAt(early, "housing", "dissatisfied");
    rateAt(early, "urban", "dissatisfied");
    rateAt(LocalDateTime.of(2025, 6, 1, 0, 0), "police", "satisfied"); // the first minute of June
    rateAt(LocalDateTime.of(2025, 5, 31, 23, 59), "water", "satisfied"); // May
    clock(early);
    StoredRating appealed = rate(MINGSHUI, group("water"), "dissatisfied", "不作为");
    ProcessInstance appeal = startAs("zhangqiu_water_staff", List.of(group("water")), AppealProcess.KEY,
        Map.of(AppealProcess.RATING_ID.name(), appealed.id(), AppealProcess.APPEAL_REASON.name(), "已按时办结"));
    completeAs("zhangqiu_dispatcher", List.of(COMMAND, DISPATCHERS), task(appeal, AppealProcess.Element.DECIDE.id()),
        Map.of(AppealProcess.APPEAL_DECISION.name(), "upheld", AppealProcess.APPEAL_DECISION_NOTE.name(), "属实"));

    // the departments' ratings of the townships' calls
    clock(early);
    rateCall(MARKET, MINGSHUI, "yes", "yes", "yes");
    rateCall(MARKET, group("shuangshan"), "yes", "no", "no");
    rateCall(group("agriculture"), group("longshan"), "yes", "yes", "no"); // not within the list: not held against it
    rateCall(group("ecology"), group("longshan"), "yes", "no", "yes");

    // refusals naming a unit, by code or by group; July's does not count
    refusal("ecology", LocalDateTime.of(2025, 6, 15, 10, 0));
    refusal("urban", LocalDateTime.of(2025, 6, 30, 23, 59, 59));
    refusal("zhangqiu_urban", LocalDateTime.of(2025, 6, 1, 0, 0));
    refusal("urban", LocalDateTime.of(2025, 7, 1, 0, 0));
    // returned calls the command centre found the township at fault for; July's does not count
    returnAtFault("shuangshan", LocalDateTime.of(2025, 6, 10, 9, 0));
    returnAtFault("shuangshan", LocalDateTime.of(2025, 7, 1, 0, 0));

    clock(LocalDateTime.of(2025, 7, 1, 2, 0));
    Jurisdiction zhangqiu = organization.jurisdiction(TENANT);
    MonthlyRanking ranking = assessment.run(zhangqiu, JUNE, null);

    assertThat(ranking.formulaVersion()).isEqualTo("2026.3");
    assertThat(ranking.departments()).filteredOn(UnitResult::ranked)
        .extracting(UnitResult::unitName, UnitResult::rank, UnitResult::score, UnitResult::outcome)
        .containsExactly(
            tuple("区公安分局", 1, new BigDecimal("100.00"), Outcome.COMMENDED),
            tuple("区市场监管局", 2, new BigDecimal("88.89"), Outcome.COMMENDED),
            tuple("区生态环境分局", 3, new BigDecimal("77.86"), Outcome.NONE),
            tuple("区卫健局", 4, new BigDecimal("75.00"), Outcome.NONE),
            tuple("区农业农村局", 5, new BigDecimal("50.00"), Outcome.SUMMONED),
            tuple("区综合执法局", 6, new BigDecimal("47.14"), Outcome.SUMMONED),
            tuple("区住建局", 7, new BigDecimal("0.00"), Outcome.SUMMONED));
    assertThat(ranking.departments()).filteredOn(u -> !u.ranked()).extracting(UnitResult::unitCode)
        .contains("water", "transport", "fire").doesNotContain("market");
    assertThat(ranking.departments()).hasSize(zhangqiu.departments().size());

    UnitMetrics market = metrics(ranking, "market");
    assertThat(List.of(market.tasksDue(), market.tasksOnTime(), market.callsDue(), market.callsOnTime(),
        market.ratings(), market.refusals())).containsExactly(2, 2, 2, 1, 2, 0);
    assertThat(market.responseRate()).isEqualTo(0.5);
    UnitMetrics healthMetrics = metrics(ranking, "health");
    assertThat(List.of(healthMetrics.tasksDue(), healthMetrics.tasksOnTime())).as("due minute is on time").containsExactly(4, 3);
    UnitMetrics urbanMetrics = metrics(ranking, "urban");
    assertThat(urbanMetrics.tasksOnTime()).isOne();
    assertThat(urbanMetrics.refusals()).isEqualTo(2);
    assertThat(metrics(ranking, "housing").tasksDue()).as("open after its due date: late").isOne();
    UnitMetrics water = metrics(ranking, "water");
    assertThat(water.ratings()).as("May's rating and the annulled one do not count").isZero();
    UnitMetrics transport = metrics(ranking, "transport");
    assertThat(transport.tasksDue()).as("cancelled and July's tasks do not count").isZero();

    assertThat(ranking.townships()).filteredOn(UnitResult::ranked)
        .extracting(UnitResult::unitName, UnitResult::rank, UnitResult::score, UnitResult::outcome)
        .containsExactly(
            tuple("明水街道", 1, new BigDecimal("100.00"), Outcome.NONE),
            // S = (1 + ½) ÷ 2: 属于清单内事项 is not scored (formula 2026.2)
            tuple("龙山街道", 2, new BigDecimal("75.00"), Outcome.NONE),
            tuple("枣园街道", 3, new BigDecimal("50.00"), Outcome.SUMMONED),
            tuple("双山街道", 4, new BigDecimal("16.43"), Outcome.SUMMONED)); // C 0, S ½: 100 × 15 ÷ 70 − 5 (one return at fault)
    assertThat(ranking.commendedDepartments()).extracting(UnitResult::unitCode).containsExactly("police", "market");
    assertThat(ranking.summonedDepartments()).extracting(UnitResult::unitCode)
        .containsExactly("agriculture", "urban", "housing");
    assertThat(ranking.summonedTownships()).extracting(UnitResult::unitCode).containsExactly("zaoyuan", "shuangshan");

    // stored as computed
    MonthlyRanking stored = assessment.find(zhangqiu, JUNE).orElseThrow();
    assertThat(stored.departments()).extracting(UnitResult::unitCode, UnitResult::rank, UnitResult::score,
        UnitResult::outcome).containsExactlyElementsOf(ranking.departments().stream()
        .map(u -> tuple(u.unitCode(), u.rank(), u.score(), u.outcome())).toList());
    assertThat(stored.townships()).extracting(UnitResult::unitCode, UnitResult::rank, UnitResult::score,
        u -> u.metrics().tasksDue(), u -> u.metrics().ratings()).containsExactlyElementsOf(ranking.townships().stream()
        .map(u -> tuple(u.unitCode(), u.rank(), u.score(), u.metrics().tasksDue(), u.metrics().ratings())).toList());
    assertThat(metrics(stored, "shuangshan").refusals()).as("June's return at fault").isOne();
    assertThat(metrics(stored, "shuangshan").satisfactionRate()).isCloseTo(0.5,
        org.assertj.core.data.Offset.offset(1e-6));
    assertThat(stored.computedAt()).isEqualTo(LocalDateTime.of(2025, 7, 1, 2, 0));

    // exported
    Path file = Path.of(ranking.exportFile());
    assertThat(file).isEqualTo(Path.of("target/test-assessments/zhangqiu/2025-06.xlsx").toAbsolutePath());
    assertThat(file).exists();
    try (Workbook workbook = AssessmentWorkbookTest.read(Files.readAllBytes(file))) {
      List<List<Object>> departments = AssessmentWorkbookTest.rows(workbook.getSheet("部门排名"));
      assertThat(departments.subList(0, 7)).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(3), r -> r.get(13))
          .containsExactly(tuple(1.0, "区公安分局", 100.0, "表扬"), tuple(2.0, "区市场监管局", 88.89, "表扬"),
              tuple(3.0, "区生态环境分局", 77.86, ""), tuple(4.0, "区卫健局", 75.0, ""),
              tuple(5.0, "区农业农村局", 50.0, "约谈"), tuple(6.0, "区综合执法局", 47.14, "约谈"),
              tuple(7.0, "区住建局", 0.0, "约谈"));
      assertThat(departments.get(7).get(0)).isEqualTo("未参评");
      List<List<Object>> townships = AssessmentWorkbookTest.rows(workbook.getSheet("镇街排名"));
      assertThat(townships).hasSize(zhangqiu.townships().size());
      assertThat(townships.subList(0, 4)).extracting(r -> r.get(1), r -> r.get(13))
          .containsExactly(tuple("明水街道", ""), tuple("龙山街道", ""), tuple("枣园街道", "约谈"), tuple("双山街道", "约谈"));
    }

    // a second run of the month replaces the first; the other county's month is its own
    assessment.run(zhangqiu, JUNE, null);
    assertThat(jdbc.sql("select count(*) from shudi_assessment where jurisdiction = 'zhangqiu' and period = '2025-06'")
        .query(Integer.class).single()).isOne();
    assertThat(jdbc.sql("select count(*) from shudi_assessment_rank r join shudi_assessment a on a.id = r.assessment_id "
        + "where a.jurisdiction = 'zhangqiu' and a.period = '2025-06'").query(Integer.class).single())
        .isEqualTo(zhangqiu.departments().size() + zhangqiu.townships().size());
    MonthlyRanking yunxi = assessment.run(organization.jurisdiction("yunxi"), JUNE, null);
    assertThat(yunxi.departments()).noneMatch(UnitResult::ranked);
    assertThat(yunxi.townships()).noneMatch(UnitResult::ranked);
  }

  /** A dispatch of the intake to the unit, answered (or not) at the given time; due three days later. */
  void dispatch(String unit, LocalDateTime at, LocalDateTime answeredAt, String answer) {
    jdbc.sql("insert into shudi_intake_dispatch (id, jurisdiction, request_id, unit, township, dispatched_at, sign_due, "
        + "answered_at, answer) values (:id, 'zhangqiu', :request, :unit, 'mingshui', :at, :due, :answered, :answer)")
        .param("id", UUID.randomUUID().toString()).param("request", UUID.randomUUID().toString()).param("unit", unit)
        .param("at", at).param("due", at.plusDays(3)).param("answered", answeredAt).param("answer", answer).update();
  }

  /** A callback of the intake on a request the unit handled. */
  void callback(String unit, LocalDateTime at, boolean reached, String rating) {
    jdbc.sql("insert into shudi_intake_callback (id, jurisdiction, request_id, unit, township, reached, solved, rating, "
        + "recorded_at) values (:id, 'zhangqiu', :request, :unit, 'mingshui', :reached, :solved, :rating, :at)")
        .param("id", UUID.randomUUID().toString()).param("request", UUID.randomUUID().toString()).param("unit", unit)
        .param("reached", reached).param("solved", reached ? !"dissatisfied".equals(rating) : null)
        .param("rating", rating).param("at", at).update();
  }

  @Test
  void theIntakesRatesOfTheUnitsRequestsAreTermsOfTheScore() throws IOException {
    // formula 2026.3 on November 2023, a month of this test's own: only the intake's rows, no tasks, no ratings
    YearMonth november = YearMonth.of(2023, 11);
    LocalDateTime monday = LocalDateTime.of(2023, 11, 6, 9, 0);
    dispatch("housing", monday, monday.plusDays(1), "accepted");
    dispatch("housing", monday.plusDays(7), monday.plusDays(8), "returned"); // a return in time is an answer
    dispatch("housing", monday.plusDays(14), monday.plusDays(17).plusMinutes(1), "accepted"); // a minute late
    dispatch("housing", monday.plusDays(21), monday.plusDays(21).plusHours(2), "accepted");
    dispatch("housing", LocalDateTime.of(2023, 10, 31, 9, 0), null, "lapsed"); // October's
    callback("housing", monday.plusDays(10), true, "satisfied");
    callback("housing", monday.plusDays(11), true, "basically_satisfied");
    callback("housing", monday.plusDays(12), false, null); // not reached: not valid
    dispatch("zaoyuan", monday, null, "lapsed"); // a township handles requests dispatched to it
    callback("zaoyuan", monday.plusDays(9), true, "dissatisfied");

    clock(LocalDateTime.of(2023, 12, 1, 2, 0));
    Jurisdiction zhangqiu = organization.jurisdiction(TENANT);
    MonthlyRanking ranking = assessment.run(zhangqiu, november, null);

    assertThat(ranking.formulaVersion()).isEqualTo("2026.3");
    UnitMetrics housing = metrics(ranking, "housing");
    assertThat(List.of(housing.requestsDispatched(), housing.requestsAnswered(), housing.requestCallbacks()))
        .containsExactly(4, 3, 2);
    assertThat(housing.requestPoints()).isCloseTo(1.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(housing.requestResponseRate()).isEqualTo(0.75);
    assertThat(housing.requestSatisfactionRate()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
    UnitResult housingResult = ranking.departments().stream().filter(u -> u.unitCode().equals("housing")).findFirst()
        .orElseThrow();
    assertThat(housingResult.score()).as("100 × (20 × 0.95 + 10 × 0.75) ÷ 30").isEqualTo(new BigDecimal("88.33"));
    UnitResult zaoyuan = ranking.townships().stream().filter(u -> u.unitCode().equals("zaoyuan")).findFirst()
        .orElseThrow();
    assertThat(zaoyuan.metrics().requestResponseRate()).isZero();
    assertThat(zaoyuan.metrics().requestSatisfactionRate()).isZero();
    assertThat(zaoyuan.score()).isEqualTo(new BigDecimal("0.00"));
    assertThat(metrics(ranking, "market").requestResponseRate()).as("no dispatch: unknown").isNull();

    MonthlyRanking stored = assessment.find(zhangqiu, november).orElseThrow();
    assertThat(stored.formulaVersion()).isEqualTo("2026.3");
    UnitMetrics storedHousing = metrics(stored, "housing");
    assertThat(List.of(storedHousing.requestsDispatched(), storedHousing.requestsAnswered(),
        storedHousing.requestCallbacks())).containsExactly(4, 3, 2);
    assertThat(storedHousing.requestSatisfactionRate()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
    try (Workbook workbook = AssessmentWorkbookTest.read(Files.readAllBytes(Path.of(ranking.exportFile())))) {
      assertThat(AssessmentWorkbookTest.rows(workbook.getSheet("部门排名"))).filteredOn(r -> r.get(2).equals("housing"))
          .singleElement().satisfies(r -> assertThat(r.subList(14, 18)).containsExactly(0.95, 0.75, 4.0, 2.0));
    }
  }

  @Test
  void aRankingStoredBeforeFormula2026Point3IsReadWithoutIntakeFigures() {
    // a row as formula 2026.2 wrote it, before V9 added the intake's columns
    jdbc.sql("insert into shudi_assessment (id, jurisdiction, period, formula_version, computed_at) "
        + "values ('zq-2023-08', 'zhangqiu', '2023-08', '2026.2', :at)").param("at", LocalDateTime.of(2023, 9, 1, 2, 0))
        .update();
    jdbc.sql("insert into shudi_assessment_rank (assessment_id, unit_code, unit_group, unit_name, unit_type, list_order, "
        + "rank_no, score, completion_rate, satisfaction_rate, response_rate, tasks_due, tasks_on_time, calls_due, "
        + "calls_on_time, ratings, rating_points, refusals, outcome) values ('zq-2023-08', 'market', 'zhangqiu_market', "
        + "'区市场监管局', 'department', 0, 1, 100.00, 1.0, 1.0, null, 1, 1, 0, 0, 1, 1.0, 0, 'commended')").update();
    MonthlyRanking stored = assessment.find(organization.jurisdiction(TENANT), YearMonth.of(2023, 8)).orElseThrow();
    assertThat(stored.formulaVersion()).isEqualTo("2026.2");
    UnitResult market = stored.departments().get(0);
    assertThat(market.score()).isEqualTo(new BigDecimal("100.00"));
    assertThat(market.outcome()).isEqualTo(Outcome.COMMENDED);
    assertThat(market.metrics().requestsDispatched()).isZero();
    assertThat(market.metrics().requestResponseRate()).isNull();
    assertThat(market.metrics().requestSatisfactionRate()).isNull();
  }

  static UnitMetrics metrics(MonthlyRanking ranking, String unitCode) {
    return ranking.all().filter(u -> u.unitCode().equals(unitCode)).findFirst().orElseThrow().metrics();
  }
}
