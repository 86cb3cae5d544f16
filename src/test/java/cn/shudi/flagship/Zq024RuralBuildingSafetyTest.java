package cn.shudi.flagship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;


/**
 * ZQ024 乡村建设工程质量和安全监管 (township primary, works under 300k CNY and 300 m²): registration,
 * inspections until no hazard is left, a housing-bureau expert on site for a major hazard, the completion
 * check; 区住建局 guidance and 区自然资源分局 planning check alongside from the start.
 */
class Zq024RuralBuildingSafetyTest extends FlagshipTestBase {

  static final Map<String, Object> CASE = Map.of("caseSubject", "明水街道东营村王某自建房（180平方米）");
  static final Map<String, Object> REGISTERED = with(DONE, "dutyResult", "已开工登记，投资22万元，面积180平方米");
  static final Map<String, Object> CLEAN =
      with(DONE, "dutyResult", "施工现场质量安全措施到位", "hazardCount", 0L, "hazardLevel", "none");
  static final Map<String, Object> MAJOR = with(DONE, "dutyResult", "发现重大隐患", "hazardCount", 1L,
      "hazardLevel", "major", "dutyFindings", "二层圈梁钢筋配置不足，模板支撑失稳");
  static final Map<String, Object> GENERAL = with(DONE, "dutyResult", "发现一般隐患", "hazardCount", 2L,
      "hazardLevel", "general", "dutyFindings", "临边无防护栏杆；施工人员未戴安全帽");
  static final Map<String, Object> ORDER = with(DONE, "dutyResult", "已书面告知建设方限期整改", "rectificationDays", 7L,
      "rectificationRequirements", "按技术判定意见加固后复查");

  @Override
  String code() {
    return "ZQ024";
  }

  @Test
  void modelFollowsTheListAndOpensInModeler() throws Exception {
    FlagshipModels.assertFollowsTheListAndOpensInModeler(item());
  }

  @Test
  void withoutHazardsTheWorksGoStraightToTheCompletionCheck() {
    ProcessInstance instance = startCase(CASE);
    assertThat(startFormOf(instance)).isEqualTo("case-start");
    assertThat(openSteps(instance)).containsExactly("zq024_housing_1", "zq024_resources_1", "zq024_township_1");
    assertThat(task(instance, "zq024_township_1").getDueDate()).as("3个工作日")
        .isEqualTo(at(MONDAY_MORNING.plusDays(3)));
    complete(instance, "zq024_housing_1", HOUSING, with(DONE, "dutyResult", "已下发技术要点并培训镇街监管人员"));
    complete(instance, "zq024_resources_1", RESOURCES, with(DONE, "dutyResult", "用地和乡村建设规划许可核实无误"));
    complete(instance, "zq024_township_1", MINGSHUI, REGISTERED);
    assertThat(formOf(task(instance, "zq024_township_2"))).isEqualTo("inspection");
    complete(instance, "zq024_township_2", MINGSHUI, CLEAN);
    complete(instance, "zq024_township_4", MINGSHUI, with(DONE, "dutyResult", "竣工核查合格，已填写核查记录"));
    runAsyncJobs(instance);
    assertThat(rateDepartments(instance)).containsExactly(HOUSING, RESOURCES);
    assertThat(instance).isEnded().hasPassed("zq024_end")
        .hasNotPassed("zq024_major_hazard", "zq024_housing_2", "zq024_township_3");
  }

  @Test
  void aMajorHazardBringsTheHousingBureauOnSiteAndInspectionsRepeatUntilNoHazardIsLeft() {
    ProcessInstance instance = startCase(CASE);
    complete(instance, "zq024_township_1", MINGSHUI, REGISTERED);
    complete(instance, "zq024_township_2", MINGSHUI, MAJOR);

    // 乡呼县应: the housing bureau's expert judges the major hazard before the township orders rectification
    Task site = task(instance, "zq024_housing_2");
    assertThat(candidateGroups(site)).containsExactly(HOUSING);
    assertThat(site.getDueDate()).as("2个工作日").isEqualTo(at(MONDAY_MORNING.plusDays(2)));
    complete(instance, "zq024_housing_2", HOUSING, with(DONE, "dutyResult", "技术判定：需加固圈梁并更换支撑"));
    assertThat(formOf(task(instance, "zq024_township_3"))).isEqualTo("rectification-order");
    complete(instance, "zq024_township_3", MINGSHUI, ORDER);

    // inspected again: a general hazard is rectified without the expert
    complete(instance, "zq024_township_2", MINGSHUI, GENERAL);
    assertThat(instance).isWaitingAt("zq024_township_3");
    complete(instance, "zq024_township_3", MINGSHUI, ORDER);
    complete(instance, "zq024_township_2", MINGSHUI, CLEAN);
    complete(instance, "zq024_township_4", MINGSHUI, DONE);
    complete(instance, "zq024_housing_1", HOUSING, DONE);
    complete(instance, "zq024_resources_1", RESOURCES, DONE);
    runAsyncJobs(instance);
    rateDepartments(instance);

    assertThat(instance).isEnded();
    assertThat(completedTimes(instance, "zq024_township_2")).isEqualTo(3);
    assertThat(completedTimes(instance, "zq024_township_3")).isEqualTo(2);
    assertThat(completedTimes(instance, "zq024_housing_2")).isEqualTo(1);
    assertThat(historicVariable(instance, "caseResult").toString()).contains("技术判定：需加固圈梁并更换支撑");
  }

  @Test
  void aLateRegistrationIsSupervisedAndGoesToTheJointMeetingOfTheDepartments() {
    ProcessInstance instance = startCase(CASE);
    fire(instance, "zq024_township_1_reminder");
    fire(instance, "zq024_township_1_deadline");
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("开工登记");
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(MINGSHUI);
    completeAs(COMMAND, tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult(),
        with(SUPERVISED, "supervisionOutcome", "escalate"));
    assertThat(finishJointMeeting(supervision)).containsExactlyInAnyOrder(HOUSING, RESOURCES);
    assertThat(instance).isWaitingAt("zq024_township_1");
  }

  @Test
  void everyStepThatRunsLateIsRemindedAndSupervised() {
    ProcessInstance instance = startCase(CASE);
    runsLate(instance, "zq024_township_1", MINGSHUI);
    runsLate(instance, "zq024_housing_1", HOUSING);
    runsLate(instance, "zq024_resources_1", RESOURCES);
    complete(instance, "zq024_township_1", MINGSHUI, REGISTERED);
    complete(instance, "zq024_housing_1", HOUSING, DONE);
    complete(instance, "zq024_resources_1", RESOURCES, DONE);
    runsLate(instance, "zq024_township_2", MINGSHUI);
    complete(instance, "zq024_township_2", MINGSHUI, MAJOR);
    runsLate(instance, "zq024_housing_2", HOUSING);
    complete(instance, "zq024_housing_2", HOUSING, DONE);
    runsLate(instance, "zq024_township_3", MINGSHUI);
    complete(instance, "zq024_township_3", MINGSHUI, ORDER);
    complete(instance, "zq024_township_2", MINGSHUI, CLEAN);
    runsLate(instance, "zq024_township_4", MINGSHUI);
    complete(instance, "zq024_township_4", MINGSHUI, DONE);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded();
  }
}
