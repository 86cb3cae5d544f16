package cn.shudi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import cn.shudi.call.CallProcess;
import cn.shudi.evaluation.AppealProcess;
import cn.shudi.evaluation.EvaluationProcess;
import cn.shudi.call.JointMeetingProcess;

/**
 * Ratings are stored in the platform's tables: the township's rating of each department that served a case
 * (through shared_evaluation, as the blueprints call it) and the department's rating of a township's call.
 * February 2025 belongs to this test.
 */
class RatingsTest extends PlatformTestBase {

  static final LocalDateTime MONDAY = LocalDateTime.of(2025, 2, 3, 9, 0);
  static final String AGRICULTURE = "zhangqiu_agriculture";

  @Test
  void theTownshipsRatingsOfACaseAreStoredOnePerDepartment() {
    clock(MONDAY);
    Map<String, Object> caseVariables = new HashMap<>();
    caseVariables.put(CallProcess.TOWNSHIP.name(), "mingshui");
    caseVariables.put(CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI);
    caseVariables.put(JointMeetingProcess.COMMAND_CENTRE_GROUP.name(), COMMAND);
    caseVariables.put(AppealProcess.JURISDICTION.name(), TENANT);
    caseVariables.put(JointMeetingProcess.ITEM_CODE.name(), "ZQ002");
    ProcessInstance evaluation = start(EvaluationProcess.KEY, caseVariables);

    Task first = task(evaluation, EvaluationProcess.Element.RATE.id());
    completeAsStaff(MINGSHUI, first, Map.of(CallProcess.RATING.name(), "satisfied", CallProcess.RATING_COMMENT.name(), "响应及时"));
    clock(MONDAY.plusHours(2));
    Task second = task(evaluation, EvaluationProcess.Element.RATE.id());
    completeAs("zhangqiu_mingshui_grid", List.of(MINGSHUI, "zhangqiu_grid_workers"), second,
        Map.of(CallProcess.RATING.name(), "dissatisfied", CallProcess.RATING_COMMENT.name(), "未按时反馈"));

    StoredRating agriculture = evaluations.ratingOf(evaluation.getId(), AGRICULTURE).orElseThrow();
    assertThat(agriculture.jurisdiction()).isEqualTo(TENANT);
    assertThat(agriculture.caseId()).isEqualTo(evaluation.getId());
    assertThat(agriculture.processInstanceId()).isEqualTo(evaluation.getId());
    assertThat(agriculture.itemCode()).isEqualTo("ZQ002");
    assertThat(agriculture.raterGroup()).isEqualTo(MINGSHUI);
    assertThat(agriculture.ratedUnit()).isEqualTo("agriculture");
    assertThat(agriculture.rating()).isEqualTo(Rating.SATISFIED);
    assertThat(agriculture.comment()).isEqualTo("响应及时");
    assertThat(agriculture.ratedBy()).isEqualTo("zhangqiu_mingshui_staff");
    assertThat(agriculture.ratedAt()).isEqualTo(MONDAY);
    assertThat(agriculture.annulled()).isFalse();

    StoredRating market = evaluations.ratingOf(evaluation.getId(), MARKET).orElseThrow();
    assertThat(market.rating()).isEqualTo(Rating.DISSATISFIED);
    assertThat(market.ratedBy()).isEqualTo("zhangqiu_mingshui_grid");
    assertThat(market.ratedAt()).isEqualTo(MONDAY.plusHours(2));
    assertThat(market.id()).isNotEqualTo(agriculture.id());

    // the ids an appeal names are on the evaluation's history, beside the ratings
    assertThat(historicVariable(evaluation, "evaluation_" + MARKET)).isEqualTo("dissatisfied");
    assertThat(historicVariable(evaluation, "evaluation_" + MARKET + "_id")).isEqualTo(market.id());
    assertThat(evaluations.ratingsIn(TENANT, MONDAY, MONDAY.plusDays(1))).extracting(StoredRating::id)
        .containsExactly(agriculture.id(), market.id());
  }

  @Test
  void theCaseIsTheBlueprintThatCalledTheEvaluation() {
    clock(MONDAY.plusDays(1));
    repository.createDeployment().tenantId(TENANT).name("evaluation-tests-caller")
        .addModelInstance("test_case_calls_evaluation.bpmn", Bpmn.createExecutableProcess("test_case_calls_evaluation")
            .name("测试案件").camundaHistoryTimeToLive(30)
            .startEvent("test_case_start").name("案件已受理")
            .callActivity("test_case_evaluate").name("评价部门履职").calledElement(EvaluationProcess.KEY)
            .camundaIn(JointMeetingProcess.ITEM_CODE.name(), JointMeetingProcess.ITEM_CODE.name()).camundaIn(CallProcess.TOWNSHIP_GROUP.name(), CallProcess.TOWNSHIP_GROUP.name())
            .endEvent("test_case_end").name("案件已办结")
            .done())
        .deploy();
    // the blueprint's own deployment is not the shared one: bind to the latest shared_evaluation of the county
    ProcessInstance caseInstance = start("test_case_calls_evaluation",
        Map.of(JointMeetingProcess.ITEM_CODE.name(), "ZQ054", CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI));
    ProcessInstance evaluation = runtime.createProcessInstanceQuery().superProcessInstanceId(caseInstance.getId())
        .singleResult();
    completeAsStaff(MINGSHUI, task(evaluation, EvaluationProcess.Element.RATE.id()), Map.of(CallProcess.RATING.name(), "basically_satisfied"));

    StoredRating rating = evaluations.ratingOf(caseInstance.getId(), MARKET).orElseThrow();
    assertThat(rating.caseId()).as("the case, not the evaluation").isEqualTo(caseInstance.getId());
    assertThat(rating.processInstanceId()).isEqualTo(evaluation.getId());
    assertThat(rating.rating()).isEqualTo(Rating.BASICALLY_SATISFIED);
    assertThat(rating.comment()).isNull();
  }

  @Test
  void recordingTheSameCaseAndDepartmentAgainKeepsTheFirstRating() {
    clock(MONDAY.plusDays(2));
    repository.createDeployment().tenantId(TENANT).name("evaluation-tests-twice")
        .addModelInstance("test_record_twice.bpmn", Bpmn.createExecutableProcess("test_record_twice")
            .name("测试重复记录").camundaHistoryTimeToLive(30)
            .startEvent("test_twice_start").name("开始")
            .serviceTask("test_twice_first").name("记录评价").camundaExpression("${evaluations.record(execution)}")
            .userTask("test_twice_wait").name("等待").camundaCandidateGroups(MINGSHUI)
            .serviceTask("test_twice_again").name("再次记录评价").camundaExpression("${evaluations.record(execution)}")
            .endEvent("test_twice_end").name("结束")
            .done())
        .deploy();
    ProcessInstance instance = start("test_record_twice", Map.of(CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI,
        JointMeetingProcess.DEPARTMENT_GROUP.name(), MARKET, CallProcess.RATING.name(), "satisfied", CallProcess.RATING_COMMENT.name(), "第一次"));
    StoredRating first = evaluations.ratingOf(instance.getId(), MARKET).orElseThrow();

    // a retried job, a second click: the rating stays as first given
    completeAsStaff(MINGSHUI, task(instance, "test_twice_wait"), Map.of(CallProcess.RATING.name(), "dissatisfied"));

    assertThat(jdbc.sql("select count(*) from shudi_rating where case_id = :id").param("id", instance.getId())
        .query(Integer.class).single()).isOne();
    assertThat(evaluations.ratingOf(instance.getId(), MARKET).orElseThrow()).isEqualTo(first);
    assertThat(historicVariable(instance, "evaluation_" + MARKET)).isEqualTo("satisfied");
  }

  @Test
  void aRatingOfSomethingThatIsNotADepartmentOfTheCountyIsRefused() {
    clock(MONDAY.plusDays(3));
    Map<String, Object> variables = new HashMap<>(Map.of(CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI, CallProcess.RATING.name(), "satisfied"));
    variables.put(JointMeetingProcess.DEPARTMENT_GROUP.name(), "yunxi_market");
    assertThat(refusalOf(() -> start(RECORD_KEY, variables))).hasMessageContaining("不是章丘区的部门");
    variables.put(JointMeetingProcess.DEPARTMENT_GROUP.name(), "zhangqiu_shuangshan");
    assertThat(refusalOf(() -> start(RECORD_KEY, variables))).hasMessageContaining("不是章丘区的部门");
    variables.remove(JointMeetingProcess.DEPARTMENT_GROUP.name());
    assertThat(refusalOf(() -> start(RECORD_KEY, variables))).hasMessageContaining(JointMeetingProcess.DEPARTMENT_GROUP.name());
    assertThat(evaluations.ratingsIn(TENANT, MONDAY.plusDays(3), MONDAY.plusDays(4))).isEmpty();
  }

  @Test
  void theDepartmentRatesTheTownshipsCallWithThreeYesNoAnswers() {
    clock(MONDAY.plusDays(4));
    CallRating rating = rateCall(MARKET, MINGSHUI, "yes", "no", "yes");
    assertThat(rating.jurisdiction()).isEqualTo(TENANT);
    assertThat(rating.raterGroup()).isEqualTo(MARKET);
    assertThat(rating.ratedGroup()).isEqualTo(MINGSHUI);
    assertThat(rating.ratedUnit()).isEqualTo("mingshui");
    assertThat(rating.itemCode()).isEqualTo("ZQ054");
    assertThat(rating.justified()).isTrue();
    assertThat(rating.complete()).isFalse();
    assertThat(rating.withinList()).isTrue();
    assertThat(rating.points()).as("确有必要 yes, 信息完整 no; 属于清单内事项 is not scored").isEqualTo(0.5);
    assertThat(rating.ratedAt()).isEqualTo(MONDAY.plusDays(4));

    Map<String, Object> missing = new HashMap<>(Map.of(CallProcess.CALLED_DEPARTMENT_GROUP.name(), MARKET, CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI,
        CallProcess.CALL_JUSTIFIED.name(), "yes", CallProcess.CALL_COMPLETE.name(), "yes"));
    assertThat(refusalOf(() -> start(CALL_RATING_KEY, missing)))
        .hasMessageContaining("呼叫事项是否属于清单内事项");
    missing.put(CallProcess.CALL_WITHIN_LIST.name(), "maybe");
    assertThat(refusalOf(() -> start(CALL_RATING_KEY, missing))).hasMessageContaining("maybe");
    missing.put(CallProcess.CALL_WITHIN_LIST.name(), true);
    missing.put(CallProcess.TOWNSHIP_GROUP.name(), MARKET);
    assertThat(refusalOf(() -> start(CALL_RATING_KEY, missing))).as("a department is not a township")
        .hasMessageContaining(CallProcess.TOWNSHIP_GROUP.name());
    missing.put(CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI);
    ProcessInstance booleans = start(CALL_RATING_KEY, missing);
    assertThat(evaluations.callRatingOf(booleans.getId(), MARKET).orElseThrow().points()).isEqualTo(1.0);
    assertThat(historicVariable(booleans, CallProcess.CALL_RATING_ID.name())).isNotNull();
  }
}
