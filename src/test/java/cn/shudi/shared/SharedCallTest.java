package cn.shudi.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * shared_call 乡呼县应: 明水街道 calls 区市场监管局 about item ZQ054 (呼叫响应时限 24小时, 办结时限 30个工作日).
 * The call is started as the township's staff would start it from Tasklist.
 */
class SharedCallTest extends SharedProcessTestBase {

  @org.springframework.beans.factory.annotation.Autowired
  cn.shudi.evaluation.EvaluationStore evaluationStore;

  static final String KEY = "shared_call";
  static final Map<String, Object> ACCEPTED = Map.of("callAccepted", "yes", "callAcceptNote", "立即派员");
  static final Map<String, Object> FEEDBACK = Map.of("dutyResult", "已现场检查并下达整改通知", "dutyFindings", "请镇街督促整改",
      "callJustified", "yes", "callComplete", "no", "callWithinList", "yes");
  static final Map<String, Object> SUPERVISED = Map.of("supervisionOpinion", "请立即办理", "supervisionOutcome", "urged");

  static Map<String, Object> callForm(String itemCode, String department) {
    Map<String, Object> form = new HashMap<>();
    form.put("township", "mingshui");
    form.put("calledDepartment", department);
    form.put("callItemCode", itemCode);
    form.put("callProblem", "某食品作坊疑似使用过期原料");
    form.put("callPlace", "明水街道某村");
    form.put("callUrgency", "urgent");
    return form;
  }

  /** Started by 明水街道's staff in Tasklist with the start form. */
  ProcessInstance call(Map<String, Object> form) {
    identity.setAuthentication(MINGSHUI + "_staff", List.of(MINGSHUI), List.of(TENANT));
    try {
      return start(KEY, form);
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void modelOpensInModelerWithACompleteDiagram() throws Exception {
    SharedModels.assertWellModelled(KEY, "乡呼县应");
    assertDeployedInEveryCounty(KEY);
  }

  @Test
  void theDepartmentAcceptsHandlesAndTheTownshipRates() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));

    assertThat(instance).isWaitingAt("shared_call_accept").hasPassed("shared_call_check");
    assertThat(runtime.getVariables(instance.getId())).containsEntry("townshipGroup", MINGSHUI)
        .containsEntry("commandCentreGroup", COMMAND).containsEntry("calledDepartmentGroup", MARKET)
        .containsEntry("callResponseLimit", "24小时").containsEntry("callTimeLimit", "30个工作日");
    assertThat(startFormOf(instance)).as("the county's start form").isEqualTo("call-start");
    Task accept = task(instance, "shared_call_accept");
    assertThat(formOf(accept)).isEqualTo("call-accept");
    assertThat(accept.getName()).isEqualTo("受理呼叫");
    assertThat(candidateGroups(accept)).containsExactly(MARKET);
    assertThat(accept.getDueDate()).as("呼叫响应时限 24小时").isEqualTo(at(MONDAY_MORNING.plusHours(24)));
    completeAs(MARKET, accept, ACCEPTED);

    Task handle = task(instance, "shared_call_handle");
    assertThat(handle.getName()).isEqualTo("办理呼叫事项");
    assertThat(candidateGroups(handle)).containsExactly(MARKET);
    assertThat(formOf(handle)).isEqualTo("call-feedback");
    assertThat(handle.getDueDate()).as("办结时限 30个工作日").isEqualTo(at(MONDAY_MORNING.plusWeeks(6)));
    completeAs(MARKET, handle, FEEDBACK);

    Task evaluate = task(instance, "shared_call_evaluate");
    assertThat(candidateGroups(evaluate)).containsExactly(MINGSHUI);
    assertThat(formOf(evaluate)).isEqualTo("evaluation");
    assertThat(runtime.getVariable(instance.getId(), "shared_call_handle_result")).isEqualTo("已现场检查并下达整改通知");
    completeAs(MINGSHUI, evaluate, Map.of("rating", "satisfied", "ratingComment", "响应及时"));

    assertThat(instance).isEnded().hasPassed("shared_call_end").hasNotPassed("shared_call_accept_supervise",
        "shared_call_handle_supervise", "shared_call_review");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).as("timers gone").isZero();

    // two-way: the department rated the call, the township rated the department
    var callRating = evaluationStore.callRatingOf(instance.getId(), MARKET).orElseThrow();
    assertThat(callRating.ratedGroup()).isEqualTo(MINGSHUI);
    assertThat(callRating.justified()).isTrue();
    assertThat(callRating.complete()).isFalse();
    assertThat(callRating.withinList()).isTrue();
    assertThat(evaluationStore.ratingOf(instance.getId(), MARKET).orElseThrow().rating().value()).isEqualTo("satisfied");
  }

  @Test
  void aRefusalIsReviewedByTheCommandCentre() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    completeAs(MARKET, task(instance, "shared_call_accept"),
        Map.of("callAccepted", "no", "callAcceptNote", "该问题属于区卫健局职责"));

    Task review = task(instance, "shared_call_review");
    assertThat(review.getName()).isEqualTo("复核不受理理由");
    assertThat(candidateGroups(review)).containsExactly(COMMAND);
    assertThat(formOf(review)).isEqualTo("supervision");
    completeAs(COMMAND, review, Map.of("supervisionOpinion", "理由成立", "supervisionOutcome", "urged"));

    assertThat(instance).isEnded().hasPassed("shared_call_reviewed").hasNotPassed("shared_call_handle");
  }

  @Test
  void anItemOutsideTheListIsRefused() {
    ProcessInstance instance = call(callForm("ZQ999", "market"));

    assertThat(instance).isEnded().hasPassed("shared_call_outside_list", "shared_call_refused")
        .hasNotPassed("shared_call_accept");
    assertThat(historicVariable(instance, "refusalReason").toString()).contains("不在清单内");
  }

  @Test
  void aDepartmentTheItemDoesNotNameCannotBeCalled() {
    // ZQ054 names 区市场监管局 and the township, not 区农业农村局
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "agriculture"));

    assertThat(instance).isEnded().hasPassed("shared_call_refused");
    assertThat(historicVariable(instance, "refusalReason").toString()).contains("区农业农村局");
  }

  @Test
  void aCallMustComeFromATownshipOfTheCounty() {
    Map<String, Object> form = callForm(ONE_DEPARTMENT_ITEM, "market");
    form.put("township", "nowhere");
    assertThatThrownBy(() -> call(form)).hasMessageContaining("nowhere");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(KEY).variableValueEquals("township", "nowhere")
        .count()).isZero();
  }

  @Test
  void anUnansweredCallIsSupervisedAndTheDepartmentStillAnswers() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));

    // 23 hours later nothing happens
    assertThat(passTimeAndRunTimers(instance, MONDAY_MORNING.plusHours(23))).isZero();
    // the response time has passed: the command centre supervises, the call stays with the department
    assertThat(passTimeAndRunTimers(instance, MONDAY_MORNING.plusHours(24).plusMinutes(1))).isOne();
    assertThat(instance).isWaitingAt("shared_call_accept", "shared_call_accept_supervise");
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariables(supervision.getId())).containsEntry("overdueStep", "受理呼叫")
        .containsEntry("overdueGroup", MARKET).containsEntry("severalDepartments", false)
        .containsEntry("callProblem", "某食品作坊疑似使用过期原料");
    Task supervise = task(supervision, "shared_supervision_task");
    assertThat(candidateGroups(supervise)).containsExactly(COMMAND);
    completeAs(COMMAND, supervise, SUPERVISED);
    assertThat(supervision).isEnded().hasNotPassed("shared_supervision_joint_meeting");
    assertThat(instance).hasPassed("shared_call_accept_supervised").isWaitingAt("shared_call_accept");

    completeAs(MARKET, task(instance, "shared_call_accept"), ACCEPTED);
    completeAs(MARKET, task(instance, "shared_call_handle"), FEEDBACK);
    completeAs(MINGSHUI, task(instance, "shared_call_evaluate"), Map.of("rating", "basically_satisfied"));
    assertThat(instance).isEnded().hasPassed("shared_call_end");
  }

  @Test
  void aCallNotHandledWithinTheItemsLimitIsSupervisedAndTheWorkGoesOn() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    ClockUtil.setCurrentTime(at(MONDAY_MORNING.plusHours(2)));
    completeAs(MARKET, task(instance, "shared_call_accept"), ACCEPTED);

    LocalDateTime due = MONDAY_MORNING.plusHours(2).plusWeeks(6);
    assertThat(task(instance, "shared_call_handle").getDueDate()).isEqualTo(at(due));
    assertThat(passTimeAndRunTimers(instance, due.minusMinutes(1))).isZero();
    assertThat(passTimeAndRunTimers(instance, due.plusMinutes(1))).isOne();

    assertThat(instance).isWaitingAt("shared_call_handle", "shared_call_handle_supervise");
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("办理呼叫事项");

    // the department finishes while the command centre still supervises
    completeAs(MARKET, task(instance, "shared_call_handle"), FEEDBACK);
    completeAs(MINGSHUI, task(instance, "shared_call_evaluate"), Map.of("rating", "dissatisfied",
        "ratingComment", "超期办结"));
    assertThat(instance).hasPassed("shared_call_end").isNotEnded();
    completeAs(COMMAND, task(supervision, "shared_supervision_task"), SUPERVISED);
    assertThat(instance).isEnded().hasPassed("shared_call_handle_supervised");
  }

  @Test
  void anotherDepartmentCannotAnswerTheCall() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    assertThatThrownBy(() -> completeAs(AGRICULTURE, task(instance, "shared_call_accept"), ACCEPTED))
        .isInstanceOf(AuthorizationException.class);
    assertThat(instance).isWaitingAt("shared_call_accept");
  }
}
