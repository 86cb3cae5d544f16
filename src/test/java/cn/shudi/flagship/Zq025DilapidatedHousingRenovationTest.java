package cn.shudi.flagship;

import static cn.shudi.support.EngineClock.at;
import cn.shudi.blueprint.ItemProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;


/**
 * ZQ025 农村危房改造的组织实施 (township primary): survey and review by the township, safety appraisal by
 * 区住建局 and identity check by 区民政局 side by side, renovation of grade C/D houses with the bureau's
 * technical service alongside, acceptance, and the subsidy paid by 区财政局; grade A/B does not qualify.
 */
class Zq025DilapidatedHousingRenovationTest extends FlagshipTestBase {

  static final ItemProcess.Ids ZQ025 = ItemProcess.ids("ZQ025");
  static final ItemProcess.Element CIVIL_1 = ZQ025.step("civil", 1);
  static final ItemProcess.Element END = ZQ025.end();
  static final ItemProcess.Element END_REJECTED = ZQ025.element("end_rejected");
  static final ItemProcess.Element EVALUATE_REJECTED = ZQ025.element("evaluate_rejected");
  static final ItemProcess.Element FINANCE_1 = ZQ025.step("finance", 1);
  static final ItemProcess.Element HOUSING_1 = ZQ025.step("housing", 1);
  static final ItemProcess.Element HOUSING_2 = ZQ025.step("housing", 2);
  static final ItemProcess.Element RECORD_REJECTED = ZQ025.element("record_rejected");
  static final ItemProcess.Element TOWNSHIP_1 = ZQ025.township(1);
  static final ItemProcess.Element TOWNSHIP_2 = ZQ025.township(2);
  static final ItemProcess.Element TOWNSHIP_3 = ZQ025.township(3);
  static final ItemProcess.Element TOWNSHIP_4 = ZQ025.township(4);

  static final Map<String, Object> CASE = Map.of(ItemProcess.CASE_SUBJECT.name(), "明水街道西营村李某（低保户）住房");

  static Map<String, Object> appraised(String grade) {
    return with(DONE, ItemProcess.DUTY_RESULT.name(), "鉴定结论：" + grade + "级", "houseSafetyGrade", grade);
  }

  @Override
  String code() {
    return "ZQ025";
  }

  /** The township surveys and reviews; appraisal and identity check then run side by side. */
  ProcessInstance applied() {
    ProcessInstance instance = startCase(CASE);
    assertThat(instance).isWaitingAtExactly(TOWNSHIP_1.id());
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, with(DONE, ItemProcess.DUTY_RESULT.name(), "农户申请已受理并公示"));
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, with(DONE, ItemProcess.DUTY_RESULT.name(), "身份和住房情况审核通过，报区住建局鉴定"));
    assertThat(openSteps(instance)).containsExactly(CIVIL_1.id(), HOUSING_1.id());
    return instance;
  }

  @Test
  void aDangerousHouseIsRenovatedAcceptedAndTheSubsidyPaid() {
    ProcessInstance instance = applied();
    Task appraisal = task(instance, HOUSING_1.id());
    assertThat(formOf(appraisal)).isEqualTo("housing-verification");
    assertThat(candidateGroups(appraisal)).containsExactly(HOUSING);
    complete(instance, CIVIL_1.id(), CIVIL, with(DONE, ItemProcess.DUTY_RESULT.name(), "低保身份核实无误"));
    complete(instance, HOUSING_1.id(), HOUSING, appraised("D"));
    runAsyncJobs(instance);

    assertThat(instance).isWaitingAtExactly(TOWNSHIP_3.id(), HOUSING_2.id());
    assertThat(task(instance, TOWNSHIP_3.id()).getDueDate()).as("60日")
        .isEqualTo(at(MONDAY_MORNING.plusDays(60)));
    complete(instance, HOUSING_2.id(), HOUSING, with(DONE, ItemProcess.DUTY_RESULT.name(), "已提供改造图集和技术指导"));
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, with(DONE, ItemProcess.DUTY_RESULT.name(), "改造协议已签订，施工完成"));
    runAsyncJobs(instance);
    complete(instance, TOWNSHIP_4.id(), MINGSHUI, with(DONE, ItemProcess.DUTY_RESULT.name(), "竣工验收合格，已报送拨付材料"));
    Task pay = task(instance, FINANCE_1.id());
    assertThat(candidateGroups(pay)).containsExactly(FINANCE);
    complete(instance, FINANCE_1.id(), FINANCE, with(DONE, ItemProcess.DUTY_RESULT.name(), "补助资金已拨付"));

    assertThat(rateDepartments(instance)).containsExactly(HOUSING, CIVIL, FINANCE);
    assertThat(instance).isEnded().hasPassed(END.id()).hasNotPassed(END_REJECTED.id());
    assertThat(historicVariable(instance, HOUSING_1.variable("grade"))).isEqualTo("D");
  }

  @Test
  void aHouseAppraisedAsGradeBDoesNotQualify() {
    ProcessInstance instance = applied();
    complete(instance, HOUSING_1.id(), HOUSING, appraised("B"));
    complete(instance, CIVIL_1.id(), CIVIL, DONE);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded().hasPassed(RECORD_REJECTED.id(), EVALUATE_REJECTED.id(), END_REJECTED.id())
        .hasNotPassed(TOWNSHIP_3.id(), FINANCE_1.id(), END.id());
    assertThat(historicVariable(instance, ItemProcess.CASE_RESULT.name()).toString()).contains("鉴定结论：B级");
  }

  @Test
  void aLateSurveyIsSupervisedAndGoesToTheJointMeetingOfTheDepartments() {
    ProcessInstance instance = startCase(CASE);
    assertThat(task(instance, TOWNSHIP_1.id()).getDueDate()).as("10个工作日")
        .isEqualTo(at(MONDAY_MORNING.plusDays(14)));
    fire(instance, TOWNSHIP_1.reminder().id());
    fire(instance, TOWNSHIP_1.deadline().id());
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("摸底申报");
    referredUp(supervision, MINGSHUI);
    completeAs(COMMAND, tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult(),
        with(SUPERVISED, "supervisionOutcome", "escalate"));
    assertThat(finishJointMeeting(supervision)).containsExactlyInAnyOrder(HOUSING, CIVIL, FINANCE);
    assertThat(instance).isWaitingAtExactly(TOWNSHIP_1.id());
  }

  @Test
  void everyStepThatRunsLateIsRemindedAndSupervised() {
    ProcessInstance instance = startCase(CASE);
    lateThenDone(instance, TOWNSHIP_1, MINGSHUI, DONE);
    lateThenDone(instance, TOWNSHIP_2, MINGSHUI, DONE);
    runsLate(instance, HOUSING_1, HOUSING);
    runsLate(instance, CIVIL_1, CIVIL);
    complete(instance, HOUSING_1.id(), HOUSING, appraised("C"));
    complete(instance, CIVIL_1.id(), CIVIL, DONE);
    runAsyncJobs(instance);
    runsLate(instance, TOWNSHIP_3, MINGSHUI);
    runsLate(instance, HOUSING_2, HOUSING);
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, DONE);
    complete(instance, HOUSING_2.id(), HOUSING, DONE);
    runAsyncJobs(instance);
    lateThenDone(instance, TOWNSHIP_4, MINGSHUI, DONE);
    lateThenDone(instance, FINANCE_1, FINANCE, DONE);
    rateDepartments(instance);
    assertThat(instance).isEnded();
  }
}
