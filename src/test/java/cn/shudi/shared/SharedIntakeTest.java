package cn.shudi.shared;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.shudi.intake.IntakeProcess;
import cn.shudi.intake.IntakeProcess.Element;

/**
 * shared_intake 诉求受理·研判派单, one test per path: a request is registered as the dispatcher enters it in Tasklist
 * (the start form), decided by the command centre, signed or returned by the unit, handled as the item's case,
 * called back. The intake's tables are read as the facts each step recorded.
 */
class SharedIntakeTest extends SharedProcessTestBase {

  static final String KEY = IntakeProcess.KEY;
  static final String DISPATCHER = "zhangqiu_dispatcher";
  static final List<String> DISPATCHER_GROUPS = List.of(COMMAND, "zhangqiu_dispatchers");
  static final String FOOD = "明水街道百脉泉路一家饭店后厨脏乱，餐具不消毒，吃完饭后肚子疼";

  @Autowired
  JdbcClient jdbc;

  static Map<String, Object> request(String text) {
    Map<String, Object> form = new HashMap<>();
    form.put(IntakeProcess.KIND.name(), "livelihood");
    form.put(IntakeProcess.SOURCE.name(), "hotline");
    form.put(IntakeProcess.TEXT.name(), text);
    form.put(IntakeProcess.TOWNSHIP.name(), "mingshui");
    form.put(IntakeProcess.GRID.name(), "明水街道第3网格");
    form.put(IntakeProcess.CONTACT_NAME.name(), "张先生");
    form.put(IntakeProcess.CONTACT_PHONE.name(), "13800000000");
    return form;
  }

  /** Entered by the dispatcher with the start form. */
  ProcessInstance receive(Map<String, Object> form) {
    identity.setAuthentication(DISPATCHER, DISPATCHER_GROUPS, List.of(TENANT));
    try {
      return start(KEY, form);
    } finally {
      identity.clearAuthentication();
    }
  }

  void dispatchByList(ProcessInstance instance, String code) {
    completeAs(COMMAND, task(instance, Element.DISPATCH.id()), Map.of(IntakeProcess.DECISION.name(), "dispatch",
        IntakeProcess.ITEM_CORRECTION.name(), code, IntakeProcess.DISPATCH_NOTE.name(), "按清单派单"));
  }

  void sign(ProcessInstance instance, String group) {
    completeAs(group, task(instance, Element.SIGN.id()), Map.of(IntakeProcess.SIGNED.name(), "yes"));
  }

  /** Every task of the called case done by its units' staff, until only the intake's own step is left. */
  void finishCase(ProcessInstance instance) {
    cases().completeAll(instance.getId(), t -> !t.getTaskDefinitionKey().startsWith(KEY));
  }

  void callback(ProcessInstance instance, String rating) {
    completeAs(COMMAND, task(instance, Element.CALLBACK.id()), Map.of(IntakeProcess.REACHED.name(), "yes",
        IntakeProcess.SOLVED.name(), "dissatisfied".equals(rating) ? "no" : "yes", IntakeProcess.RATING.name(),
        rating, IntakeProcess.CALLBACK_COMMENT.name(), "已电话回访"));
  }

  String requestId(ProcessInstance instance) {
    return (String) runtime.getVariable(instance.getId(), IntakeProcess.REQUEST_ID.name());
  }

  Map<String, Object> row(String table, String column, String value) {
    return jdbc.sql("select * from " + table + " where " + column + " = :v").param("v", value).query().listOfRows()
        .stream().findFirst().orElseThrow(() -> new AssertionError("no row in " + table + " for " + value));
  }

  long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  @Test
  void modelOpensInModelerWithACompleteDiagram() throws Exception {
    SharedModels.assertWellModelled(KEY, "诉求受理·研判派单");
    assertDeployedInEveryCounty(KEY);
  }

  // --- 登记诉求 and 研判 ----------------------------------------------------------------------------------------

  @Test
  void aRequestIsRegisteredWithTheListsSuggestionForTheCommandCentre() {
    ProcessInstance instance = receive(request(FOOD));

    assertThat(instance).isWaitingAtExactly(Element.DISPATCH.id());
    String id = requestId(instance);
    assertThat(id).startsWith("SQ20250303-");
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult()
        .getBusinessKey()).isEqualTo(id);
    Task dispatch = task(instance, Element.DISPATCH.id());
    assertThat(dispatch.getName()).isEqualTo("研判派单");
    assertThat(candidateGroups(dispatch)).containsExactly(COMMAND);
    assertThat(formOf(dispatch)).isEqualTo("intake-dispatch");
    assertThat(dispatch.getDueDate()).as("one working day").isEqualTo(at(MONDAY_MORNING.plusDays(1)));
    String suggestion = (String) runtime.getVariable(instance.getId(), IntakeProcess.SUGGESTION_TEXT.name());
    assertThat(suggestion.lines()).as("three items best first, each with the words that matched").hasSize(3)
        .allSatisfy(line -> assertThat(line).matches("[123]\\. ZQ\\d{3} .+（命中：.+）"));
    assertThat(runtime.getVariable(instance.getId(), IntakeProcess.WARNING.name())).isEqualTo("");
    assertThat(runtime.getVariable(instance.getId(), IntakeProcess.ITEM_OPTIONS).toString()).contains("\"value\":\"ZQ");

    Map<String, Object> stored = row("shudi_intake_request", "id", id);
    assertThat(stored).containsEntry("STATE", "received").containsEntry("TOWNSHIP", "mingshui")
        .containsEntry("KIND", "livelihood").containsEntry("RECEIVED_BY", DISPATCHER)
        .containsEntry("CONTACT_PHONE", "13800000000");
  }

  @Test
  void theContactIsKeptInTheIntakeTableOnlyNeverInTheProcessOrItsHistory() {
    ProcessInstance instance = receive(request(FOOD));

    assertThat(runtime.getVariables(instance.getId())).doesNotContainKeys(IntakeProcess.CONTACT_NAME.name(),
        IntakeProcess.CONTACT_PHONE.name());
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).list())
        .extracting(v -> v.getName()).doesNotContain(IntakeProcess.CONTACT_NAME.name(),
            IntakeProcess.CONTACT_PHONE.name());
    assertThat(history.createHistoricDetailQuery().processInstanceId(instance.getId()).list())
        .as("no form-field or variable detail row repeats the phone").noneMatch(d -> d.toString().contains("13800000000"));
    assertThat(row("shudi_intake_request", "id", requestId(instance))).containsEntry("CONTACT_NAME", "张先生");
  }

  @Test
  void aRequestTheListDoesNotHoldComesWithAWarning() {
    ProcessInstance instance = receive(request("请问去济南西站的公交车时刻表在哪里查询"));

    assertThat((String) runtime.getVariable(instance.getId(), IntakeProcess.WARNING.name()))
        .startsWith("⚠ 研判提示：这件诉求看来不在清单内");
    assertThat(row("shudi_intake_request", "id", requestId(instance)).get("SUGGESTED_ITEM")).isNull();
  }

  // --- 派单 by the list: sign, the item's case, callback ----------------------------------------------------------

  @Test
  void aRequestDispatchedByTheListRunsTheItemsCaseAndIsCalledBack() {
    ProcessInstance instance = receive(request(FOOD));
    String id = requestId(instance);

    dispatchByList(instance, "zq054");

    Task sign = task(instance, Element.SIGN.id());
    assertThat(candidateGroups(sign)).as("the list's primary unit of ZQ054").containsExactly(MARKET);
    assertThat(sign.getDueDate()).as("three working days").isEqualTo(at(MONDAY_MORNING.plusDays(3)));
    assertThat(row("shudi_intake_request", "id", id)).containsEntry("STATE", "dispatched")
        .containsEntry("ITEM_CODE", "ZQ054").containsEntry("PRIMARY_UNIT", "market");
    assertThat(jdbc.sql("select count(*) from shudi_intake_evidence where request_id = :r").param("r", id)
        .query(Long.class).single()).as("no evidence before the unit keeps it").isZero();

    sign(instance, MARKET);

    assertThat(row("shudi_intake_evidence", "request_id", id)).as("the kept request is evidence of its item")
        .containsEntry("ITEM_CODE", "ZQ054");

    ProcessInstance caseInstance = called(instance, "zq054");
    assertThat(caseInstance.getBusinessKey()).as("the case is linked to the request").isEqualTo(id);
    assertThat(runtime.getVariable(caseInstance.getId(), "township")).isEqualTo("mingshui");
    assertThat(row("shudi_intake_request", "id", id)).containsEntry("STATE", "handling");
    assertThat(row("shudi_intake_dispatch", "request_id", id)).containsEntry("ANSWER", "accepted");

    finishCase(instance);

    assertThat(instance).isWaitingAtExactly(Element.CALLBACK.id());
    Map<String, Object> closed = row("shudi_intake_request", "id", id);
    assertThat(closed).containsEntry("STATE", "awaiting_callback").containsEntry("CASE_INSTANCE_ID",
        caseInstance.getId());
    assertThat((String) closed.get("OUTCOME")).isNotBlank();

    callback(instance, "satisfied");

    assertThat(instance).isEnded().hasPassed(Element.END.id());
    assertThat(row("shudi_intake_request", "id", id)).containsEntry("STATE", "closed");
    assertThat(row("shudi_intake_callback", "request_id", id)).containsEntry("RATING", "satisfied")
        .containsEntry("UNIT", "market").containsEntry("REACHED", true).containsEntry("SOLVED", true);
  }

  @Test
  void aDispatchToAnItemTheListDoesNotHoldIsRefusedAndNothingIsRecorded() {
    ProcessInstance instance = receive(request(FOOD));
    Task dispatch = task(instance, Element.DISPATCH.id());
    long evidence = count("shudi_intake_evidence");

    assertThatThrownBy(() -> dispatchByList(instance, "ZQ999")).hasMessageContaining("现行清单中没有事项「ZQ999」");

    assertThat(task(instance, Element.DISPATCH.id()).getId()).isEqualTo(dispatch.getId());
    assertThat(row("shudi_intake_request", "id", requestId(instance))).containsEntry("STATE", "received")
        .containsEntry("ITEM_CODE", null);
    assertThat(count("shudi_intake_evidence")).isEqualTo(evidence);
  }

  @Test
  void aDissatisfiedRequesterSendsTheWorkBackOnce() {
    ProcessInstance instance = receive(request(FOOD));
    dispatchByList(instance, "ZQ054");
    sign(instance, MARKET);
    finishCase(instance);

    String id = requestId(instance);
    callback(instance, "dissatisfied");

    Task rework = task(instance, Element.REWORK.id());
    assertThat(candidateGroups(rework)).containsExactly(MARKET);
    assertThat(row("shudi_intake_request", "id", id)).containsEntry("STATE", "rework");
    completeAs(MARKET, rework, Map.of(IntakeProcess.WORK_RESULT.name(), "再次检查，责令停业整顿"));
    assertThat(row("shudi_intake_request", "id", id).get("OUTCOME")).isEqualTo("再次检查，责令停业整顿");

    callback(instance, "dissatisfied");

    assertThat(instance).as("the second 不满意 does not send it back again").isEnded();
    assertThat(jdbc.sql("select count(*) from shudi_intake_callback where request_id = :r").param("r", id)
        .query(Long.class).single()).isEqualTo(2);
  }

  // --- 退单 ----------------------------------------------------------------------------------------------------

  @Test
  void anUpheldReturnGoesBackToTheCommandCentreForANewDispatch() {
    ProcessInstance instance = receive(request(FOOD));
    dispatchByList(instance, "ZQ054");

    completeAs(MARKET, task(instance, Element.SIGN.id()), Map.of(IntakeProcess.SIGNED.name(), "no",
        IntakeProcess.RETURN_REASON.name(), "属于餐饮油烟，不是食品安全", IntakeProcess.RETURN_EVIDENCE.name(), "清单ZQ070"));

    Task review = task(instance, Element.REVIEW.id());
    assertThat(candidateGroups(review)).containsExactly(COMMAND);
    assertThat(row("shudi_intake_request", "id", requestId(instance))).containsEntry("STATE", "returned");
    completeAs(COMMAND, review, Map.of(IntakeProcess.RETURN_UPHELD.name(), "yes",
        IntakeProcess.RETURN_DECISION.name(), "理由成立，重新派单"));

    assertThat(instance).isWaitingAtExactly(Element.DISPATCH.id());
    assertThat(row("shudi_intake_request", "id", requestId(instance))).as("no unit, item or deadline until the "
        + "next dispatch").containsEntry("STATE", "received").containsEntry("ITEM_CODE", null)
        .containsEntry("PRIMARY_UNIT", null).containsEntry("DUE_AT", null);
    assertThat(jdbc.sql("select count(*) from shudi_intake_evidence where request_id = :r")
        .param("r", requestId(instance)).query(Long.class).single()).as("a returned dispatch teaches nothing").isZero();
    Map<String, Object> decided = row("shudi_intake_dispatch", "request_id", requestId(instance));
    assertThat(decided).containsEntry("ANSWER", "returned").containsEntry("RETURN_UPHELD", true)
        .containsEntry("UNIT", "market").containsEntry("DECIDED_BY", COMMAND + "_staff");
  }

  @Test
  void aReturnThatDoesNotStandLeavesTheWorkWithTheUnit() {
    ProcessInstance instance = receive(request(FOOD));
    dispatchByList(instance, "ZQ054");
    completeAs(MARKET, task(instance, Element.SIGN.id()), Map.of(IntakeProcess.SIGNED.name(), "no",
        IntakeProcess.RETURN_REASON.name(), "不属于本局", IntakeProcess.RETURN_EVIDENCE.name(), "无"));

    completeAs(COMMAND, task(instance, Element.REVIEW.id()), Map.of(IntakeProcess.RETURN_UPHELD.name(), "no",
        IntakeProcess.RETURN_DECISION.name(), "食品安全属市场监管职责"));

    assertThat(called(instance, "zq054")).isNotNull();
    assertThat(row("shudi_intake_request", "id", requestId(instance))).containsEntry("STATE", "handling");
  }

  @Test
  void aTaskCompletedWithAnotherRequestsIdActsOnItsOwnRequestOnly() {
    ProcessInstance other = receive(request(FOOD));
    String otherId = requestId(other);
    dispatchByList(other, "ZQ054");
    ProcessInstance instance = receive(request(FOOD + "，还有苍蝇"));
    dispatchByList(instance, "ZQ054");

    completeAs(MARKET, task(instance, Element.SIGN.id()), Map.of(IntakeProcess.SIGNED.name(), "no",
        IntakeProcess.RETURN_REASON.name(), "不属于本局", IntakeProcess.RETURN_EVIDENCE.name(), "无",
        IntakeProcess.REQUEST_ID.name(), otherId));

    assertThat(row("shudi_intake_request", "id", otherId)).as("the other request untouched")
        .containsEntry("STATE", "dispatched");
    assertThat(row("shudi_intake_dispatch", "request_id", otherId).get("ANSWER")).isNull();
    assertThat(row("shudi_intake_request", "id", instance.getBusinessKey())).containsEntry("STATE", "returned");
  }

  @Test
  void aDispatchWhoseBlueprintWasSuspendedMeanwhileIsRefusedWhenSignedAndTheTaskStays() {
    ProcessInstance instance = receive(request(FOOD));
    dispatchByList(instance, "ZQ054");
    Task sign = task(instance, Element.SIGN.id());
    repository.updateProcessDefinitionSuspensionState().byProcessDefinitionKey("zq054")
        .processDefinitionTenantId(TENANT).suspend();
    try {
      assertThatThrownBy(() -> sign(instance, MARKET)).hasMessageContaining("事项「ZQ054」的流程已暂停，不能办理");

      assertThat(task(instance, Element.SIGN.id()).getId()).isEqualTo(sign.getId());
      assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).count()).isZero();
      assertThat(row("shudi_intake_dispatch", "request_id", instance.getBusinessKey()).get("ANSWER")).isNull();
    } finally {
      repository.updateProcessDefinitionSuspensionState().byProcessDefinitionKey("zq054")
          .processDefinitionTenantId(TENANT).activate();
    }
  }

  @Test
  void aReturnWithoutReasonAndEvidenceIsRefusedAndNothingHappens() {
    ProcessInstance instance = receive(request(FOOD));
    dispatchByList(instance, "ZQ054");
    Task sign = task(instance, Element.SIGN.id());

    assertThatThrownBy(() -> completeAs(MARKET, sign, Map.of(IntakeProcess.SIGNED.name(), "no",
        IntakeProcess.RETURN_REASON.name(), "不属于本局"))).hasMessageContaining("退单须写明退单理由和依据");

    assertThat(task(instance, Element.SIGN.id()).getId()).isEqualTo(sign.getId());
    assertThat(row("shudi_intake_dispatch", "request_id", requestId(instance)).get("ANSWER")).isNull();
  }

  @Test
  void aDispatchNeitherSignedNorReturnedInThreeWorkingDaysStaysWithTheUnit() {
    ProcessInstance instance = receive(request(FOOD));
    dispatchByList(instance, "ZQ054");

    passTimeAndRunTimers(instance, MONDAY_MORNING.plusDays(3).plusMinutes(1));

    assertThat(instance).hasPassed(Element.SIGN_DEADLINE.id());
    assertThat(called(instance, "zq054")).isNotNull();
    Map<String, Object> dispatch = row("shudi_intake_dispatch", "request_id", requestId(instance));
    assertThat(dispatch).as("counted as not answered in time").containsEntry("ANSWER", "lapsed")
        .containsEntry("ANSWERED_AT", null);
  }

  // --- duplicates and requests outside the list -----------------------------------------------------------------

  @Test
  void aRequestLikeAnEarlierOneInTheSameGridIsOfferedAsItsDuplicateAndStartsNothing() {
    ProcessInstance first = receive(request(FOOD));
    String original = requestId(first);
    ProcessInstance second = receive(request(FOOD.replace("肚子疼", "肚子很疼")));
    String duplicate = requestId(second);

    assertThat(runtime.getVariable(second.getId(), IntakeProcess.DUPLICATE_OPTIONS).toString()).contains(original);
    assertThat((String) runtime.getVariable(second.getId(), IntakeProcess.DUPLICATES_TEXT.name()))
        .startsWith("⚠ 疑似重复");

    completeAs(COMMAND, task(second, Element.DISPATCH.id()), Map.of(IntakeProcess.DECISION.name(), "duplicate",
        IntakeProcess.DUPLICATE_OF.name(), original));

    assertThat(second).isEnded().hasPassed(Element.MERGED.id());
    assertThat(row("shudi_intake_request", "id", duplicate)).containsEntry("STATE", "duplicate")
        .containsEntry("DUPLICATE_OF", original);
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(second.getId()).count()).isZero();
  }

  @Test
  void aRequestOutsideTheListIsTheCompetentDepartmentsOwnWork() {
    ProcessInstance instance = receive(request("小区门口的路灯坏了一个多月了，晚上很黑"));

    completeAs(COMMAND, task(instance, Element.DISPATCH.id()), Map.of(IntakeProcess.DECISION.name(), "off_list",
        IntakeProcess.COMPETENT_DEPARTMENT.name(), "区住建局"));

    Task own = task(instance, Element.OWN_WORK.id());
    assertThat(candidateGroups(own)).containsExactly(HOUSING);
    assertThat(own.getDueDate()).as("15个工作日").isEqualTo(at(MONDAY_MORNING.plusDays(21)));
    assertThat(row("shudi_intake_request", "id", requestId(instance))).containsEntry("STATE", "off_list")
        .containsEntry("PRIMARY_UNIT", "housing").containsEntry("ITEM_CODE", null);
    completeAs(HOUSING, own, Map.of(IntakeProcess.WORK_RESULT.name(), "已更换路灯"));
    assertThat(instance).isWaitingAtExactly(Element.CALLBACK.id());
  }

  @Test
  void aRequestOutsideTheListIsNeverSentToATownship() {
    ProcessInstance instance = receive(request("小区门口的路灯坏了一个多月了，晚上很黑"));

    assertThatThrownBy(() -> completeAs(COMMAND, task(instance, Element.DISPATCH.id()), Map.of(
        IntakeProcess.DECISION.name(), "off_list", IntakeProcess.COMPETENT_DEPARTMENT.name(), "明水街道")))
        .hasMessageContaining("清单之外无属地管理事项");

    assertThat(instance).isWaitingAtExactly(Element.DISPATCH.id());
    assertThat(row("shudi_intake_request", "id", requestId(instance)).get("PRIMARY_UNIT")).isNull();
  }

  // --- bad input at the front door: refused, nothing stored ------------------------------------------------------

  void assertRefusedAndNothingStored(Map<String, Object> form, String message) {
    long requests = count("shudi_intake_request");
    long instances = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count();

    assertThatThrownBy(() -> receive(form)).hasMessageContaining(message);

    assertThat(count("shudi_intake_request")).isEqualTo(requests);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count()).isEqualTo(instances);
  }

  @Test
  void anEmptyRequestIsRefused() {
    assertRefusedAndNothingStored(request("   "), "诉求内容为空");
  }

  @Test
  void aHotlineWorkOrderIsRegisteredByTheCommandCentreOnly() {
    long requests = count("shudi_intake_request");
    long instances = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count();
    identity.setAuthentication(MINGSHUI + "_staff", List.of(MINGSHUI), List.of(TENANT));
    try {
      assertThatThrownBy(() -> start(KEY, request(FOOD))).hasMessageContaining("热线工单由指挥中心登记");
    } finally {
      identity.clearAuthentication();
    }
    assertThat(count("shudi_intake_request")).isEqualTo(requests);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(KEY).count()).isEqualTo(instances);

    Map<String, Object> township = request(FOOD);
    township.put(IntakeProcess.SOURCE.name(), "township");
    identity.setAuthentication(MINGSHUI + "_staff", List.of(MINGSHUI), List.of(TENANT));
    try {
      assertThat(start(KEY, township).getBusinessKey()).as("as the township's own request").startsWith("SQ");
    } finally {
      identity.clearAuthentication();
    }
  }

  @Test
  void aReplayedWorkOrderIsRefused() {
    Map<String, Object> form = request(FOOD);
    form.put(IntakeProcess.EXTERNAL_ID.name(), "12345-20250303-0001");
    receive(form);
    assertRefusedAndNothingStored(form, "「12345-20250303-0001」已经受理过");
  }

  @Test
  void aLocationOutsideChinaIsRefusedAsProbablySwapped() {
    Map<String, Object> form = request(FOOD);
    form.put(IntakeProcess.LATITUDE.name(), "117.53");
    form.put(IntakeProcess.LONGITUDE.name(), "36.71");
    assertRefusedAndNothingStored(form, "纬度「117.53」超出范围");
  }
}
