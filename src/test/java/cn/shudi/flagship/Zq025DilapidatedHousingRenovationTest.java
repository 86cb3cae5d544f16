package cn.shudi.flagship;

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

  static final Map<String, Object> CASE = Map.of("caseSubject", "明水街道西营村李某（低保户）住房");

  static Map<String, Object> appraised(String grade) {
    return with(DONE, "dutyResult", "鉴定结论：" + grade + "级", "houseSafetyGrade", grade);
  }

  @Override
  String code() {
    return "ZQ025";
  }

  @Test
  void modelFollowsTheListAndOpensInModeler() throws Exception {
    FlagshipModels.assertFollowsTheListAndOpensInModeler(item());
  }

  /** The township surveys and reviews; appraisal and identity check then run side by side. */
  ProcessInstance applied() {
    ProcessInstance instance = startCase(CASE);
    assertThat(instance).isWaitingAtExactly("zq025_township_1");
    complete(instance, "zq025_township_1", MINGSHUI, with(DONE, "dutyResult", "农户申请已受理并公示"));
    complete(instance, "zq025_township_2", MINGSHUI, with(DONE, "dutyResult", "身份和住房情况审核通过，报区住建局鉴定"));
    assertThat(openSteps(instance)).containsExactly("zq025_civil_1", "zq025_housing_1");
    return instance;
  }

  @Test
  void aDangerousHouseIsRenovatedAcceptedAndTheSubsidyPaid() {
    ProcessInstance instance = applied();
    Task appraisal = task(instance, "zq025_housing_1");
    assertThat(formOf(appraisal)).isEqualTo("housing-verification");
    assertThat(candidateGroups(appraisal)).containsExactly(HOUSING);
    complete(instance, "zq025_civil_1", CIVIL, with(DONE, "dutyResult", "低保身份核实无误"));
    complete(instance, "zq025_housing_1", HOUSING, appraised("D"));
    runAsyncJobs(instance);

    assertThat(instance).isWaitingAtExactly("zq025_township_3", "zq025_housing_2");
    assertThat(task(instance, "zq025_township_3").getDueDate()).as("60日")
        .isEqualTo(at(MONDAY_MORNING.plusDays(60)));
    complete(instance, "zq025_housing_2", HOUSING, with(DONE, "dutyResult", "已提供改造图集和技术指导"));
    complete(instance, "zq025_township_3", MINGSHUI, with(DONE, "dutyResult", "改造协议已签订，施工完成"));
    runAsyncJobs(instance);
    complete(instance, "zq025_township_4", MINGSHUI, with(DONE, "dutyResult", "竣工验收合格，已报送拨付材料"));
    Task pay = task(instance, "zq025_finance_1");
    assertThat(candidateGroups(pay)).containsExactly(FINANCE);
    complete(instance, "zq025_finance_1", FINANCE, with(DONE, "dutyResult", "补助资金已拨付"));

    assertThat(rateDepartments(instance)).containsExactly(HOUSING, CIVIL, FINANCE);
    assertThat(instance).isEnded().hasPassed("zq025_end").hasNotPassed("zq025_end_rejected");
    assertThat(historicVariable(instance, "zq025_housing_1_grade")).isEqualTo("D");
  }

  @Test
  void aHouseAppraisedAsGradeBDoesNotQualify() {
    ProcessInstance instance = applied();
    complete(instance, "zq025_housing_1", HOUSING, appraised("B"));
    complete(instance, "zq025_civil_1", CIVIL, DONE);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded().hasPassed("zq025_record_rejected", "zq025_evaluate_rejected", "zq025_end_rejected")
        .hasNotPassed("zq025_township_3", "zq025_finance_1", "zq025_end");
    assertThat(historicVariable(instance, "caseResult").toString()).contains("鉴定结论：B级");
  }

  @Test
  void aLateSurveyIsSupervisedAndGoesToTheJointMeetingOfTheDepartments() {
    ProcessInstance instance = startCase(CASE);
    assertThat(task(instance, "zq025_township_1").getDueDate()).as("10个工作日")
        .isEqualTo(at(MONDAY_MORNING.plusDays(14)));
    fire(instance, "zq025_township_1_reminder");
    fire(instance, "zq025_township_1_deadline");
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("摸底申报");
    completeAs(COMMAND, tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult(),
        with(SUPERVISED, "supervisionOutcome", "escalate"));
    assertThat(finishJointMeeting(supervision)).containsExactlyInAnyOrder(HOUSING, CIVIL, FINANCE);
    assertThat(instance).isWaitingAtExactly("zq025_township_1");
  }

  @Test
  void everyStepThatRunsLateIsRemindedAndSupervised() {
    ProcessInstance instance = startCase(CASE);
    runsLate(instance, "zq025_township_1", MINGSHUI);
    complete(instance, "zq025_township_1", MINGSHUI, DONE);
    runsLate(instance, "zq025_township_2", MINGSHUI);
    complete(instance, "zq025_township_2", MINGSHUI, DONE);
    runsLate(instance, "zq025_housing_1", HOUSING);
    runsLate(instance, "zq025_civil_1", CIVIL);
    complete(instance, "zq025_housing_1", HOUSING, appraised("C"));
    complete(instance, "zq025_civil_1", CIVIL, DONE);
    runAsyncJobs(instance);
    runsLate(instance, "zq025_township_3", MINGSHUI);
    runsLate(instance, "zq025_housing_2", HOUSING);
    complete(instance, "zq025_township_3", MINGSHUI, DONE);
    complete(instance, "zq025_housing_2", HOUSING, DONE);
    runAsyncJobs(instance);
    runsLate(instance, "zq025_township_4", MINGSHUI);
    complete(instance, "zq025_township_4", MINGSHUI, DONE);
    runsLate(instance, "zq025_finance_1", FINANCE);
    complete(instance, "zq025_finance_1", FINANCE, DONE);
    rateDepartments(instance);
    assertThat(instance).isEnded();
  }
}
