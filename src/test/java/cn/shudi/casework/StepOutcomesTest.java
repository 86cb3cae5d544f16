package cn.shudi.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.casework.StepOutcomes.Outcome;
import cn.shudi.process.Variable;

import com.fasterxml.jackson.databind.ObjectMapper;
import cn.shudi.support.PlatformTest;

/**
 * The rules of casework on a real engine (the credit file tests' context): a case's step records its
 * outcome when — and only when — it completes, with the unit, who and the form's facts; a process that is
 * not a case records nothing; the case's result is built from the outcomes; a case opens only in a
 * township of its county.
 */
@PlatformTest
class StepOutcomesTest {

  private static final String TENANT = "zhangqiu";
  private static final String MARKET = "zhangqiu_market";
  private static final String MINGSHUI = "zhangqiu_mingshui";
  private static final ItemProcess.Ids CASE = new ItemProcess.Ids("casework_test");
  private static final ItemProcess.Element INSPECT = CASE.step("market", 1);
  private static final ItemProcess.Element ASSIST = CASE.township(1);
  /** A step without a candidate group: its unit is the one its id names. */
  private static final ItemProcess.Element CONFIRM = CASE.step("market", 2);
  private static final ItemProcess.Ids NOT_A_CASE = new ItemProcess.Ids("casework_other");
  private static final ItemProcess.Element OTHER_STEP = NOT_A_CASE.step("market", 1);
  private static final List<Variable<?>> FORM = List.of(ItemProcess.DUTY_RESULT, ItemProcess.DUTY_FINDINGS,
      ItemProcess.HAZARD_COUNT);

  @Autowired
  ProcessEngine engine;
  @Autowired
  StepOutcomes outcomes;
  @Autowired
  CaseRecords caseRecords;
  @Autowired
  ObjectMapper json;

  @BeforeEach
  void deploy() {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(CASE.key())
        .tenantIdIn(TENANT).count() == 0) {
      engine.getRepositoryService().createDeployment().tenantId(TENANT).name("casework-test")
          .addModelInstance(CASE.key() + ".bpmn", cn.shudi.support.TestForms.formed(caseModel()))
          .addModelInstance(NOT_A_CASE.key() + ".bpmn", cn.shudi.support.TestForms.formed(otherModel()))
          .addString(cn.shudi.support.TestForms.RESOURCE, cn.shudi.support.TestForms.json()).deploy();
    }
  }

  @AfterEach
  void reset() {
    engine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  /** Market and township side by side (the market's form local to its step), then the market confirms. */
  static BpmnModelInstance caseModel() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(CASE.key()).name("案件办理测试").camundaHistoryTimeToLive(30)
        .startEvent(CASE.start().id()).name("案件已受理")
        .camundaExecutionListenerDelegateExpression(ExecutionListener.EVENTNAME_START, ItemProcess.OPENING_LISTENER)
        .parallelGateway(CASE.fork().id())
        .userTask(INSPECT.id()).name("排查隐患").camundaCandidateGroups(MARKET)
        .parallelGateway(CASE.join().id())
        .userTask(CONFIRM.id()).name("确认结果").camundaAssignee("zhangqiu_market_staff")
        .serviceTask(CASE.record().id()).name("记录办理结果").camundaExpression(ItemProcess.RECORD_RESULT)
        .endEvent(CASE.end().id()).name("案件已办结")
        .moveToNode(CASE.fork().id())
        .userTask(ASSIST.id()).name("协助检查").camundaCandidateGroups(ItemProcess.TOWNSHIP_CANDIDATE)
        .connectTo(CASE.join().id())
        .done();
    for (ItemProcess.Element step : List.of(INSPECT, CONFIRM)) {
      UserTask task = model.getModelElementById(step.id());
      CamundaInputOutput io = model.newInstance(CamundaInputOutput.class);
      for (Variable<?> field : FORM) {
        CamundaInputParameter local = model.newInstance(CamundaInputParameter.class);
        local.setCamundaName(field.name());
        io.getCamundaInputParameters().add(local);
      }
      task.builder().addExtensionElement(io);
    }
    return model;
  }

  /** Not a case (no case opening): like the shared processes. */
  static BpmnModelInstance otherModel() {
    return Bpmn.createExecutableProcess(NOT_A_CASE.key()).name("非案件流程测试").camundaHistoryTimeToLive(30)
        .startEvent(NOT_A_CASE.start().id()).name("已发起")
        .userTask(OTHER_STEP.id()).name("办理").camundaCandidateGroups(MARKET)
        .endEvent(NOT_A_CASE.end().id()).name("已办结")
        .done();
  }

  String startCase(String township) {
    VariableMap variables = ItemProcess.TOWNSHIP.with(township);
    ItemProcess.CASE_SUBJECT.put(variables, "某食品有限公司");
    return engine.getRuntimeService().createProcessInstanceByKey(CASE.key()).processDefinitionTenantId(TENANT)
        .setVariables(variables).execute().getId();
  }

  Task task(String caseId, ItemProcess.Element step) {
    return engine.getTaskService().createTaskQuery().processInstanceId(caseId).taskDefinitionKey(step.id())
        .singleResult();
  }

  void completeAs(String group, Task task, Map<String, Object> values) {
    engine.getIdentityService().setAuthentication(group + "_staff", List.of(group), List.of(TENANT));
    try {
      engine.getTaskService().complete(task.getId(), values);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  @Test
  void aCompletedStepRecordsWhoDidItForWhichUnitWhenAndTheFormsFacts() {
    ClockUtil.setCurrentTime(new java.util.Date(1_741_000_000_000L));
    String caseId = startCase("mingshui");
    completeAs(MARKET, task(caseId, INSPECT), ItemProcess.DUTY_RESULT.with("已下达责令整改通知书")
        .putValue(ItemProcess.HAZARD_COUNT.name(), 2L));

    assertThat(outcomes.ofCase(caseId)).singleElement().satisfies(outcome -> {
      assertThat(outcome.caseId()).isEqualTo(caseId);
      assertThat(outcome.jurisdiction()).isEqualTo(TENANT);
      assertThat(outcome.stepId()).isEqualTo(INSPECT.id());
      assertThat(outcome.stepName()).isEqualTo("排查隐患");
      assertThat(outcome.unitGroup()).isEqualTo(MARKET);
      assertThat(outcome.unitName()).isEqualTo("区市场监管局");
      assertThat(outcome.completedBy()).isEqualTo("zhangqiu_market_staff");
      assertThat(outcome.completedAt()).isEqualTo(ClockUtil.getCurrentTime().toInstant());
      assertThat(ItemProcess.DUTY_RESULT.from(outcome.facts())).isEqualTo("已下达责令整改通知书");
      assertThat(ItemProcess.HAZARD_COUNT.from(outcome.facts())).isEqualTo(2L);
      assertThat(outcome.facts()).as("a field left empty is a fact too").containsKey(ItemProcess.DUTY_FINDINGS.name())
          .as("only the step's own fields").doesNotContainKey(ItemProcess.TOWNSHIP.name());
    });
  }

  @Test
  void aStepNotCompletedRecordsNothing() {
    String caseId = startCase("mingshui");
    assertThat(outcomes.ofCase(caseId)).isEmpty();
    completeAs(MARKET, task(caseId, INSPECT), Map.of());
    assertThat(outcomes.ofCase(caseId)).extracting(Outcome::stepId).containsExactly(INSPECT.id());

    // the township's step is cancelled with the case: no outcome
    engine.getRuntimeService().deleteProcessInstance(caseId, "测试：撤销案件");
    assertThat(outcomes.ofCase(caseId)).extracting(Outcome::stepId).containsExactly(INSPECT.id());
  }

  @Test
  void aStepOfTheTownshipIsTheCasesTownshipsAndWithoutALoginTheAssigneeDidIt() {
    String caseId = startCase("mingshui");
    Task assist = task(caseId, ASSIST);
    engine.getTaskService().claim(assist.getId(), "zhangqiu_mingshui_staff");
    engine.getTaskService().complete(assist.getId());
    assertThat(outcomes.ofCase(caseId)).singleElement().satisfies(outcome -> {
      assertThat(outcome.unitGroup()).isEqualTo(MINGSHUI);
      assertThat(outcome.unitName()).isEqualTo("明水街道");
      assertThat(outcome.completedBy()).isEqualTo("zhangqiu_mingshui_staff");
      assertThat(outcome.facts()).as("no input mapping: no facts of its own").isEmpty();
    });
  }

  @Test
  void aStepWithoutCandidateGroupIsTheUnitItsIdNames() {
    String caseId = startCase("mingshui");
    completeAs(MARKET, task(caseId, INSPECT), Map.of());
    completeAs(MINGSHUI, task(caseId, ASSIST), Map.of());
    Task confirm = task(caseId, CONFIRM);
    engine.getTaskService().complete(confirm.getId());
    assertThat(outcomes.ofCase(caseId)).extracting(Outcome::stepId, Outcome::unitGroup, Outcome::completedBy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(INSPECT.id(), MARKET, "zhangqiu_market_staff"),
            org.assertj.core.groups.Tuple.tuple(ASSIST.id(), MINGSHUI, "zhangqiu_mingshui_staff"),
            org.assertj.core.groups.Tuple.tuple(CONFIRM.id(), MARKET, "zhangqiu_market_staff"));
  }

  @Test
  void aProcessThatIsNotACaseRecordsNothing() {
    String id = engine.getRuntimeService().createProcessInstanceByKey(NOT_A_CASE.key())
        .processDefinitionTenantId(TENANT).execute().getId();
    Task step = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult();
    completeAs(MARKET, step, Map.of());
    assertThat(outcomes.ofCase(id)).isEmpty();
  }

  @Test
  void theCaseResultIsEachStepsResultAndFindingsTheLastRoundCounting() throws Exception {
    String caseId = startCase("mingshui");
    completeAs(MARKET, task(caseId, INSPECT), ItemProcess.DUTY_RESULT.with("检查发现问题")
        .putValue(ItemProcess.DUTY_FINDINGS.name(), "冷藏柜温度超标"));
    completeAs(MINGSHUI, task(caseId, ASSIST), Map.of());
    engine.getTaskService().complete(task(caseId, CONFIRM).getId(), ItemProcess.DUTY_RESULT.with("已确认"));

    String result = (String) engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(caseId)
        .variableName(ItemProcess.CASE_RESULT.name()).singleResult().getValue();
    Map<String, Object> expected = new java.util.HashMap<>();
    expected.put(INSPECT.id() + ItemProcess.STEP_RESULT_SUFFIX, "检查发现问题");
    expected.put(INSPECT.id() + ItemProcess.STEP_FINDINGS_SUFFIX, "冷藏柜温度超标");
    expected.put(CONFIRM.id() + ItemProcess.STEP_RESULT_SUFFIX, "已确认");
    assertThat(json.readValue(result, Map.class))
        .as("the township's step has no form fields, an empty field is left out: not in the result")
        .containsExactlyInAnyOrderEntriesOf(expected);

    // a second round of a step: its last result counts
    Outcome first = new Outcome(caseId, TENANT, INSPECT.id(), "排查隐患", "t1", MARKET, null, null, null,
        Map.of(ItemProcess.DUTY_RESULT.name(), "第一轮"));
    Outcome second = new Outcome(caseId, TENANT, INSPECT.id(), "排查隐患", "t2", MARKET, null, null, null,
        Map.of(ItemProcess.DUTY_RESULT.name(), "第二轮"));
    assertThat(caseRecords.summary(List.of(first, second)))
        .isEqualTo("{\"" + INSPECT.id() + ItemProcess.STEP_RESULT_SUFFIX + "\":\"第二轮\"}");
  }

  @Test
  void longFactsAreCutSoACompletionCannotFail() {
    String caseId = startCase("mingshui");
    String longText = "很长的检查记录".repeat(400);
    completeAs(MARKET, task(caseId, INSPECT), ItemProcess.DUTY_FINDINGS.with(longText));
    String kept = ItemProcess.DUTY_FINDINGS.from(outcomes.ofCase(caseId).get(0).facts());
    assertThat(kept).hasSize(StepOutcomes.FACT_SIZE).endsWith("（超长，已截断）");
    assertThat(outcomes.json(Map.of("a", "x".repeat(StepOutcomes.FACTS_SIZE)))).hasSizeLessThanOrEqualTo(
        StepOutcomes.FACTS_SIZE);
  }

  @Test
  void aCaseOpensOnlyInATownshipOfItsCounty() {
    assertThatThrownBy(() -> startCase("chengguan")).hasMessageContaining("「chengguan」不是章丘区的镇街");
    assertThatThrownBy(() -> engine.getRuntimeService().createProcessInstanceByKey(CASE.key())
        .processDefinitionTenantId(TENANT).execute()).hasMessageContaining("请选择案件所属镇街");
    String caseId = startCase("mingshui");
    assertThat(ItemProcess.TOWNSHIP_GROUP.from(engine.getRuntimeService().getVariables(caseId))).isEqualTo(MINGSHUI);
  }
}
