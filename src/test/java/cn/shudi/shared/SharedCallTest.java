package cn.shudi.shared;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import cn.shudi.support.CallForms;
import cn.shudi.blueprint.ItemProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.call.CallReturns;
import cn.shudi.call.JointMeetingProcess;
import cn.shudi.casework.StepOutcomes;
import cn.shudi.support.EngineClock;

/**
 * shared_call 乡呼县应: 明水街道 calls 区市场监管局 about item ZQ054 (呼叫响应时限 24小时, 办结时限 30个工作日).
 * The call is started as the township's staff would start it from Tasklist.
 */
class SharedCallTest extends SharedProcessTestBase {

  @org.springframework.beans.factory.annotation.Autowired
  cn.shudi.evaluation.EvaluationStore evaluationStore;
  @org.springframework.beans.factory.annotation.Autowired
  CallReturns callReturns;
  @org.springframework.beans.factory.annotation.Autowired
  StepOutcomes outcomes;

  static final String KEY = CallProcess.KEY;
  static final Map<String, Object> ACCEPTED = Map.of(CallProcess.CALL_ACCEPTED.name(), "yes", CallProcess.CALL_ACCEPT_NOTE.name(), "立即派员");
  static final Map<String, Object> FEEDBACK = Map.of(JointMeetingProcess.DUTY_RESULT.name(), "已现场检查并下达整改通知", JointMeetingProcess.DUTY_FINDINGS.name(), "请镇街督促整改",
      CallProcess.CALL_JUSTIFIED.name(), "yes", CallProcess.CALL_COMPLETE.name(), "no", CallProcess.CALL_WITHIN_LIST.name(), "yes");
  static final Map<String, Object> SUPERVISED = Map.of(SupervisionProcess.SUPERVISION_OPINION.name(), "请立即办理", SupervisionProcess.SUPERVISION_OUTCOME.name(), "urged");

  static Map<String, Object> callForm(String itemCode, String department) {
    return CallForms.of("mingshui", itemCode, department);
  }

  /** Started by 明水街道's staff in Tasklist with the start form, then dispatched by the command centre as proposed. */
  ProcessInstance call(Map<String, Object> form) {
    ProcessInstance instance = undispatched(form);
    if (!tasks(instance, CallProcess.Element.DISPATCH.id()).isEmpty()) {
      dispatchCall(instance, Map.of());
    }
    return instance;
  }

  /** Started by 明水街道's staff in Tasklist with the start form; waiting for 研判派单. */
  ProcessInstance undispatched(Map<String, Object> form) {
    identity.setAuthentication(MINGSHUI + "_staff", List.of(MINGSHUI), List.of(TENANT));
    try {
      return start(KEY, form);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The primary department's 办理呼叫事项 done; the join (asynchronous) passed when no cooperating part is open. */
  void handle(ProcessInstance instance) {
    completeAs(MARKET, task(instance, CallProcess.Element.HANDLE.id()), FEEDBACK);
    cases().runAsyncContinuations(instance.getId());
  }

  @Test
  void modelOpensInModelerWithACompleteDiagram() throws Exception {
    SharedModels.assertWellModelled(KEY, "乡呼县应");
    assertDeployedInEveryCounty(KEY);
  }

  // --- 研判派单: the command centre names the primary and cooperating departments and the limits (seed 002) ----

  @Test
  void theCommandCentreDispatchesTheCallAsTheListProposes() {
    ProcessInstance instance = undispatched(callForm(ONE_DEPARTMENT_ITEM, "market"));

    assertThat(instance).isWaitingAtExactly(CallProcess.Element.DISPATCH.id());
    Task dispatch = task(instance, CallProcess.Element.DISPATCH.id());
    assertThat(dispatch.getName()).isEqualTo("研判派单");
    assertThat(candidateGroups(dispatch)).containsExactly(COMMAND);
    assertThat(formOf(dispatch)).isEqualTo("call-dispatch");
    assertThat(dispatch.getDueDate()).as("one working day").isEqualTo(at(MONDAY_MORNING.plusDays(1)));
    assertThat(runtime.getVariables(instance.getId())).as("the list's proposal")
        .containsEntry(CallProcess.CALL_PRIMARY_DEPARTMENT.name(), "区市场监管局")
        .containsEntry(CallProcess.CALL_COOPERATING_DEPARTMENTS.name(), "")
        .containsEntry(CallProcess.CALL_RESPONSE_LIMIT.name(), "24小时");
    assertThat(tasks.createTaskQuery().taskCandidateGroup(MARKET).processInstanceId(instance.getId()).count())
        .as("no department has the call before the dispatch").isZero();

    dispatchCall(instance, Map.of());
    assertThat(instance).isWaitingAtExactly(CallProcess.Element.ACCEPT.id());
  }

  @Test
  void aCallWithAPrimaryAndTwoCooperatingDepartmentsIsHandledInParallel() {
    ProcessInstance instance = undispatched(callForm(ONE_DEPARTMENT_ITEM, "market"));
    dispatchCall(instance, Map.of(CallProcess.CALL_COOPERATING_DEPARTMENTS.name(), "区农业农村局、章丘区综合行政执法局",
        CallProcess.CALL_TIME_LIMIT.name(), "5个工作日"));
    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), ACCEPTED);

    assertThat(instance).isWaitingAt(CallProcess.Element.HANDLE.id(), CallProcess.Element.COOPERATE_TASK.id());
    List<Task> cooperating = tasks(instance, CallProcess.Element.COOPERATE_TASK.id());
    assertThat(cooperating).extracting(this::candidateGroups).as("one task per cooperating department, by any name")
        .containsExactlyInAnyOrder(List.of(AGRICULTURE), List.of(URBAN));
    assertThat(cooperating).allSatisfy(t -> {
      assertThat(t.getName()).isEqualTo("协办呼叫事项");
      assertThat(formOf(t)).isEqualTo("duty-step");
      assertThat(t.getDueDate()).as("the dispatch's 5个工作日").isEqualTo(at(MONDAY_MORNING.plusDays(7)));
    });
    assertThat(task(instance, CallProcess.Element.HANDLE.id()).getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(7)));

    handle(instance);
    assertThat(instance).as("the township rates once all have done their part")
        .isWaitingAt(CallProcess.Element.COOPERATE_TASK.id()).hasNotPassed(CallProcess.Element.EVALUATE.id());
    for (Task part : cooperating) {
      completeAs(candidateGroups(part).get(0), part, Map.of(JointMeetingProcess.DUTY_RESULT.name(), "已派员配合",
          JointMeetingProcess.DUTY_FINDINGS.name(), "无"));
    }
    cases().runAsyncContinuations(instance.getId());
    assertThat(instance).isWaitingAtExactly(CallProcess.Element.EVALUATE.id());
    assertThat(outcomes.ofCase(instance.getId())).filteredOn(o -> o.stepId().equals(CallProcess.Element.COOPERATE_TASK.id()))
        .extracting(StepOutcomes.Outcome::unitGroup).as("each department's part recorded once, as its own")
        .containsExactlyInAnyOrder(AGRICULTURE, URBAN);
  }

  @Test
  void aDispatchToWhatIsNoDepartmentIsRefusedAndNothingHappens() {
    ProcessInstance instance = undispatched(callForm(ONE_DEPARTMENT_ITEM, "market"));
    Task dispatch = task(instance, CallProcess.Element.DISPATCH.id());

    assertThatThrownBy(() -> dispatchCall(instance, Map.of(CallProcess.CALL_COOPERATING_DEPARTMENTS.name(), "明水街道")))
        .hasMessageContaining("配合部门「明水街道」不是章丘区的部门");
    assertThatThrownBy(() -> dispatchCall(instance, Map.of(CallProcess.CALL_COOPERATING_DEPARTMENTS.name(), "区市场监管局")))
        .hasMessageContaining("不能再写主责部门");
    assertThatThrownBy(() -> dispatchCall(instance, Map.of(CallProcess.CALL_TIME_LIMIT.name(), "尽快")))
        .hasMessageContaining("完成时限有误");

    assertThat(tasks.createTaskQuery().taskId(dispatch.getId()).count()).as("the task stays open").isOne();
    assertThat(instance).isWaitingAtExactly(CallProcess.Element.DISPATCH.id());
    assertThat(runtime.getVariable(instance.getId(), CallProcess.CALL_TIME_LIMIT.name())).as("nothing kept")
        .isEqualTo("30个工作日");
  }

  @Test
  void theDepartmentAcceptsHandlesAndTheTownshipRates() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));

    assertThat(instance).isWaitingAt(CallProcess.Element.ACCEPT.id()).hasPassed(CallProcess.Element.CHECK.id());
    assertThat(runtime.getVariables(instance.getId())).containsEntry(CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI)
        .containsEntry(JointMeetingProcess.COMMAND_CENTRE_GROUP.name(), COMMAND).containsEntry(CallProcess.CALLED_DEPARTMENT_GROUP.name(), MARKET)
        .containsEntry(CallProcess.CALL_RESPONSE_LIMIT.name(), "24小时").containsEntry(CallProcess.CALL_TIME_LIMIT.name(), "30个工作日");
    assertThat(startFormOf(instance)).as("the county's start form").isEqualTo("call-start");
    Task accept = task(instance, CallProcess.Element.ACCEPT.id());
    assertThat(formOf(accept)).isEqualTo("call-accept");
    assertThat(accept.getName()).isEqualTo("受理呼叫");
    assertThat(candidateGroups(accept)).containsExactly(MARKET);
    assertThat(accept.getDueDate()).as("呼叫响应时限 24小时").isEqualTo(at(MONDAY_MORNING.plusHours(24)));
    completeAs(MARKET, accept, ACCEPTED);

    Task handle = task(instance, CallProcess.Element.HANDLE.id());
    assertThat(handle.getName()).isEqualTo("办理呼叫事项");
    assertThat(candidateGroups(handle)).containsExactly(MARKET);
    assertThat(formOf(handle)).isEqualTo("call-feedback");
    assertThat(handle.getDueDate()).as("办结时限 30个工作日").isEqualTo(at(MONDAY_MORNING.plusWeeks(6)));
    completeAs(MARKET, handle, FEEDBACK);
    assertThat(instance).as("no cooperating department: the join waits for the primary only").isWaitingAt(
        CallProcess.Element.JOIN.id()).hasNotPassed(CallProcess.Element.COOPERATE_TASK.id());
    cases().runAsyncContinuations(instance.getId());

    Task evaluate = task(instance, CallProcess.Element.EVALUATE.id());
    assertThat(candidateGroups(evaluate)).containsExactly(MINGSHUI);
    assertThat(formOf(evaluate)).isEqualTo("evaluation");
    assertThat(runtime.getVariable(instance.getId(), CallProcess.HANDLE_RESULT.name())).isEqualTo("已现场检查并下达整改通知");
    completeAs(MINGSHUI, evaluate, Map.of(CallProcess.RATING.name(), "satisfied", CallProcess.RATING_COMMENT.name(), "响应及时"));

    assertThat(instance).isEnded().hasPassed(CallProcess.Element.END.id()).hasNotPassed(CallProcess.Element.ACCEPT_SUPERVISE.id(),
        CallProcess.Element.HANDLE_SUPERVISE.id(), CallProcess.Element.REVIEW.id());
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).as("timers gone").isZero();

    // two-way: the department rated the call, the township rated the department
    var callRating = evaluationStore.callRatingOf(instance.getId(), MARKET).orElseThrow();
    assertThat(callRating.ratedGroup()).isEqualTo(MINGSHUI);
    assertThat(callRating.justified()).isTrue();
    assertThat(callRating.complete()).isFalse();
    assertThat(callRating.withinList()).isTrue();
    assertThat(evaluationStore.ratingOf(instance.getId(), MARKET).orElseThrow().rating().value()).isEqualTo("satisfied");
  }

  static final Map<String, Object> RETURNED = Map.of(CallProcess.CALL_ACCEPTED.name(), CallProcess.NO,
      CallProcess.CALL_RETURN_REASON.name(), "该作坊无证经营，属于区卫健局职责以外的无照经营查处",
      CallProcess.CALL_RETURN_EVIDENCE.name(), "《无证无照经营查处办法》第五条；现场照片");

  static Map<String, Object> reviewed(String upheld, String fault) {
    return Map.of(CallProcess.CALL_RETURN_UPHELD.name(), upheld, CallProcess.CALL_RETURN_FAULT.name(), fault,
        CallProcess.CALL_RETURN_DECISION.name(), "经复核");
  }

  // --- a return: only with reason and evidence, decided by the command centre in time ---------------------

  @Test
  void aReturnWithoutReasonOrEvidenceIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    Task accept = task(instance, CallProcess.Element.ACCEPT.id());

    assertThatThrownBy(() -> completeAs(MARKET, accept, Map.of(CallProcess.CALL_ACCEPTED.name(), CallProcess.NO,
        CallProcess.CALL_RETURN_REASON.name(), "不归我们管"))).hasMessageContaining("须写明退回理由和依据");
    assertThatThrownBy(() -> completeAs(MARKET, accept, Map.of(CallProcess.CALL_ACCEPTED.name(), CallProcess.NO,
        CallProcess.CALL_RETURN_EVIDENCE.name(), "  "))).hasMessageContaining("须写明退回理由和依据");

    assertThat(instance).isWaitingAt(CallProcess.Element.ACCEPT.id()).hasNotPassed(CallProcess.Element.REVIEW.id());
    assertThat(tasks.createTaskQuery().taskId(accept.getId()).count()).as("the task stays open").isOne();
    assertThat(runtime.getVariable(instance.getId(), CallProcess.CALL_ACCEPTED.name())).as("nothing kept").isNull();
  }

  @Test
  void aReturnTheCommandCentreUpholdsEndsTheCallWithTheFaultFound() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), RETURNED);

    Task review = task(instance, CallProcess.Element.REVIEW.id());
    assertThat(review.getName()).isEqualTo("复核退回理由");
    assertThat(candidateGroups(review)).containsExactly(COMMAND);
    assertThat(formOf(review)).isEqualTo("call-return-review");
    assertThat(review.getDueDate()).as("two working days").isEqualTo(at(MONDAY_MORNING.plusDays(2)));
    completeAs(COMMAND, review, reviewed(CallProcess.YES, "township"));

    assertThat(instance).isEnded().hasPassed(CallProcess.Element.REVIEW_GATEWAY.id(), CallProcess.Element.REVIEWED.id())
        .hasNotPassed(CallProcess.Element.HANDLE.id());
    assertThat(callReturns.ofCall(instance.getId())).singleElement().satisfies(decision -> {
      assertThat(decision.upheld()).isTrue();
      assertThat(decision.fault()).isEqualTo(CallReturns.Fault.TOWNSHIP);
      assertThat(decision.faultUnit()).as("counted against the township at fault").isEqualTo("mingshui");
      assertThat(decision.departmentGroup()).isEqualTo(MARKET);
      assertThat(decision.decidedBy()).isEqualTo(COMMAND + "_staff");
    });
  }

  @Test
  void aDecisionWithoutAKnownFaultIsRefusedAndNothingIsRecorded() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), RETURNED);
    Task review = task(instance, CallProcess.Element.REVIEW.id());

    assertThatThrownBy(() -> completeAs(COMMAND, review, reviewed(CallProcess.YES, "everybody")))
        .hasMessageContaining("责任方");
    assertThat(tasks.createTaskQuery().taskId(review.getId()).count()).as("the task stays open").isOne();
    assertThat(callReturns.ofCall(instance.getId())).isEmpty();
  }

  @Test
  void aReturnTheCommandCentreRejectsGoesToTheDepartment() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), RETURNED);
    completeAs(COMMAND, task(instance, CallProcess.Element.REVIEW.id()), reviewed(CallProcess.NO, "department"));

    assertThat(instance).isWaitingAt(CallProcess.Element.HANDLE.id()).hasNotPassed(CallProcess.Element.REVIEWED.id());
    assertThat(candidateGroups(task(instance, CallProcess.Element.HANDLE.id()))).containsExactly(MARKET);
    assertThat(callReturns.ofCall(instance.getId())).singleElement()
        .satisfies(decision -> assertThat(decision).extracting(CallReturns.Decision::upheld, CallReturns.Decision::faultUnit)
            .containsExactly(false, "market"));
  }

  @Test
  void aReturnUndecidedInTwoWorkingDaysStaysTheDepartments() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), RETURNED);

    assertThat(passTimeAndRunTimers(instance, MONDAY_MORNING.plusDays(2))).isGreaterThanOrEqualTo(1);

    assertThat(instance).hasPassed(CallProcess.Element.REVIEW_DEADLINE.id()).isWaitingAt(CallProcess.Element.HANDLE.id());
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(CallProcess.Element.REVIEW.id()).count()).isZero();
    assertThat(callReturns.ofCall(instance.getId())).as("no decision, nobody found at fault").isEmpty();
  }

  // --- 清单之外无属地管理事项: the department's own job, never refused --------------------------------------

  @Test
  void aMatterOutsideTheListGoesToTheDepartmentAsItsOwnJob() {
    ProcessInstance instance = call(callForm("ZQ999", "market"));

    assertThat(instance).isWaitingAt(CallProcess.Element.ACCEPT.id()).hasNotPassed(CallProcess.Element.REFUSED.id());
    assertThat(runtime.getVariable(instance.getId(), CallProcess.CALL_OFF_LIST.name())).isEqualTo(true);
    assertThat((String) runtime.getVariable(instance.getId(), CallProcess.CALL_OFF_LIST_NOTE.name()))
        .contains("不在清单内", "由区市场监管局作为本部门职责办理");

    // the department handles it as its own job, to the end
    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), ACCEPTED);
    handle(instance);
    completeAs(MINGSHUI, task(instance, CallProcess.Element.EVALUATE.id()), Map.of(CallProcess.RATING.name(),
        "satisfied", CallProcess.RATING_COMMENT.name(), "清单外事项，部门主动办理"));
    assertThat(instance).isEnded().hasPassed(CallProcess.Element.END.id()).hasNotPassed(CallProcess.Element.REVIEW.id());
    assertThat(callReturns.ofCall(instance.getId())).as("nothing counted against anyone").isEmpty();
  }

  @Test
  void aDepartmentTheItemDoesNotNameAnswersForItsOwnDuty() {
    // ZQ054 names 区市场监管局 and the township, not 区农业农村局
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "agriculture"));

    assertThat(instance).isWaitingAt(CallProcess.Element.ACCEPT.id());
    assertThat(candidateGroups(task(instance, CallProcess.Element.ACCEPT.id()))).containsExactly(AGRICULTURE);
    assertThat((String) runtime.getVariable(instance.getId(), CallProcess.CALL_OFF_LIST_NOTE.name())).contains("区农业农村局");
  }

  @Test
  void aCallToNoDepartmentCannotBeRouted() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "shuangshan"));

    assertThat(instance).isEnded().hasPassed(CallProcess.Element.OUTSIDE_LIST.id(), CallProcess.Element.REFUSED.id())
        .hasNotPassed(CallProcess.Element.ACCEPT.id());
    assertThat(historicVariable(instance, CallProcess.REFUSAL_REASON.name()).toString()).contains("不是章丘区的部门");
  }

  // --- 不满意: the work goes back once ----------------------------------------------------------------------

  @Test
  void aDissatisfiedTownshipSendsTheWorkBackOnceAndTheFirstRatingCounts() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), ACCEPTED);
    handle(instance);
    completeAs(MINGSHUI, task(instance, CallProcess.Element.EVALUATE.id()),
        Map.of(CallProcess.RATING.name(), "dissatisfied", CallProcess.RATING_COMMENT.name(), "未到现场"));

    assertThat(instance).hasPassed(CallProcess.Element.REWORK_GATEWAY.id()).isWaitingAt(CallProcess.Element.HANDLE.id());
    assertThat(runtime.getVariable(instance.getId(), CallProcess.CALL_REWORKED.name())).isEqualTo(true);
    handle(instance);
    completeAs(MINGSHUI, task(instance, CallProcess.Element.EVALUATE.id()),
        Map.of(CallProcess.RATING.name(), "dissatisfied", CallProcess.RATING_COMMENT.name(), "仍不满意"));

    assertThat(instance).as("once only").isEnded().hasPassed(CallProcess.Element.END.id());
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(CallProcess.Element.HANDLE.id()).count()).isEqualTo(2);
    assertThat(evaluationStore.ratingOf(instance.getId(), MARKET).orElseThrow().rating().value())
        .as("the dissatisfied rating counts").isEqualTo("dissatisfied");
  }

  @Test
  void aCallMustComeFromATownshipOfTheCounty() {
    Map<String, Object> form = callForm(ONE_DEPARTMENT_ITEM, "market");
    form.put(CallProcess.TOWNSHIP.name(), "nowhere");
    assertThatThrownBy(() -> call(form)).hasMessageContaining("nowhere");
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(KEY).variableValueEquals(CallProcess.TOWNSHIP.name(), "nowhere")
        .count()).isZero();
  }

  @Test
  void anUnansweredCallIsSupervisedAndTheDepartmentStillAnswers() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));

    // 23 hours later nothing happens
    assertThat(passTimeAndRunTimers(instance, MONDAY_MORNING.plusHours(23))).isZero();
    // the response time has passed: the command centre supervises, the call stays with the department
    assertThat(passTimeAndRunTimers(instance, MONDAY_MORNING.plusHours(24).plusMinutes(1))).isOne();
    assertThat(instance).isWaitingAt(CallProcess.Element.ACCEPT.id(), CallProcess.Element.ACCEPT_SUPERVISE.id());
    ProcessInstance supervision = called(instance, SupervisionProcess.KEY);
    assertThat(runtime.getVariables(supervision.getId())).containsEntry(SupervisionProcess.OVERDUE_STEP.name(), "受理呼叫")
        .containsEntry(SupervisionProcess.OVERDUE_GROUP.name(), MARKET).containsEntry(ItemProcess.SEVERAL_DEPARTMENTS.name(), false)
        .containsEntry(CallProcess.CALL_PROBLEM.name(), "某食品作坊疑似使用过期原料");
    Task supervise = task(supervision, SupervisionProcess.Element.TASK.id());
    assertThat(candidateGroups(supervise)).containsExactly(COMMAND);
    completeAs(COMMAND, supervise, SUPERVISED);
    assertThat(supervision).isEnded().hasNotPassed(SupervisionProcess.Element.JOINT_MEETING.id());
    assertThat(instance).hasPassed(CallProcess.Element.ACCEPT_SUPERVISED.id()).isWaitingAt(CallProcess.Element.ACCEPT.id());

    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), ACCEPTED);
    handle(instance);
    completeAs(MINGSHUI, task(instance, CallProcess.Element.EVALUATE.id()), Map.of(CallProcess.RATING.name(), "basically_satisfied"));
    assertThat(instance).isEnded().hasPassed(CallProcess.Element.END.id());
  }

  @Test
  void aCallNotHandledWithinTheItemsLimitIsSupervisedAndTheWorkGoesOn() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    EngineClock.set(MONDAY_MORNING.plusHours(2));
    completeAs(MARKET, task(instance, CallProcess.Element.ACCEPT.id()), ACCEPTED);

    LocalDateTime due = MONDAY_MORNING.plusHours(2).plusWeeks(6);
    assertThat(task(instance, CallProcess.Element.HANDLE.id()).getDueDate()).isEqualTo(at(due));
    assertThat(passTimeAndRunTimers(instance, due.minusMinutes(1))).isZero();
    assertThat(passTimeAndRunTimers(instance, due.plusMinutes(1))).isOne();

    assertThat(instance).isWaitingAt(CallProcess.Element.HANDLE.id(), CallProcess.Element.HANDLE_SUPERVISE.id());
    ProcessInstance supervision = called(instance, SupervisionProcess.KEY);
    assertThat(runtime.getVariable(supervision.getId(), SupervisionProcess.OVERDUE_STEP.name())).isEqualTo("办理呼叫事项");

    // the department finishes while the command centre still supervises
    handle(instance);
    completeAs(MINGSHUI, task(instance, CallProcess.Element.EVALUATE.id()), Map.of(CallProcess.RATING.name(),
        "basically_satisfied", CallProcess.RATING_COMMENT.name(), "超期办结"));
    assertThat(instance).hasPassed(CallProcess.Element.END.id()).isNotEnded();
    completeAs(COMMAND, task(supervision, SupervisionProcess.Element.TASK.id()), SUPERVISED);
    assertThat(instance).isEnded().hasPassed(CallProcess.Element.HANDLE_SUPERVISED.id());
  }

  @Test
  void anotherDepartmentCannotAnswerTheCall() {
    ProcessInstance instance = call(callForm(ONE_DEPARTMENT_ITEM, "market"));
    assertThatThrownBy(() -> completeAs(AGRICULTURE, task(instance, CallProcess.Element.ACCEPT.id()), ACCEPTED))
        .isInstanceOf(AuthorizationException.class);
    assertThat(instance).isWaitingAt(CallProcess.Element.ACCEPT.id());
  }
}
