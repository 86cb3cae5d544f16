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
 * ZQ024 乡村建设工程质量和安全监管 (township primary, works under 300k CNY and 300 m²): registration,
 * inspections until no hazard is left, a housing-bureau expert on site for a major hazard, the completion
 * check; 区住建局 guidance and 区自然资源分局 planning check alongside from the start.
 */
class Zq024RuralBuildingSafetyTest extends FlagshipTestBase {

  static final ItemProcess.Ids ZQ024 = ItemProcess.ids("ZQ024");
  static final ItemProcess.Element END = ZQ024.end();
  static final ItemProcess.Element HOUSING_1 = ZQ024.step("housing", 1);
  static final ItemProcess.Element HOUSING_2 = ZQ024.step("housing", 2);
  static final ItemProcess.Element MAJOR_HAZARD = ZQ024.element("major_hazard");
  static final ItemProcess.Element RESOURCES_1 = ZQ024.step("resources", 1);
  static final ItemProcess.Element TOWNSHIP_1 = ZQ024.township(1);
  static final ItemProcess.Element TOWNSHIP_2 = ZQ024.township(2);
  static final ItemProcess.Element TOWNSHIP_3 = ZQ024.township(3);
  static final ItemProcess.Element TOWNSHIP_4 = ZQ024.township(4);

  static final Map<String, Object> CASE = Map.of(ItemProcess.CASE_SUBJECT.name(), "明水街道东营村王某自建房（180平方米）");
  static final Map<String, Object> REGISTERED = with(DONE, ItemProcess.DUTY_RESULT.name(), "已开工登记，投资22万元，面积180平方米");
  static final Map<String, Object> CLEAN =
      with(DONE, ItemProcess.DUTY_RESULT.name(), "施工现场质量安全措施到位", ItemProcess.HAZARD_COUNT.name(), 0L, ItemProcess.HAZARD_LEVEL.name(), "none");
  static final Map<String, Object> MAJOR = with(DONE, ItemProcess.DUTY_RESULT.name(), "发现重大隐患", ItemProcess.HAZARD_COUNT.name(), 1L,
      ItemProcess.HAZARD_LEVEL.name(), "major", ItemProcess.DUTY_FINDINGS.name(), "二层圈梁钢筋配置不足，模板支撑失稳");
  static final Map<String, Object> GENERAL = with(DONE, ItemProcess.DUTY_RESULT.name(), "发现一般隐患", ItemProcess.HAZARD_COUNT.name(), 2L,
      ItemProcess.HAZARD_LEVEL.name(), "general", ItemProcess.DUTY_FINDINGS.name(), "临边无防护栏杆；施工人员未戴安全帽");
  static final Map<String, Object> ORDER = with(DONE, ItemProcess.DUTY_RESULT.name(), "已书面告知建设方限期整改", ItemProcess.RECTIFICATION_DAYS.name(), 7L,
      ItemProcess.RECTIFICATION_REQUIREMENTS.name(), "按技术判定意见加固后复查");

  @Override
  String code() {
    return "ZQ024";
  }

  @Test
  void withoutHazardsTheWorksGoStraightToTheCompletionCheck() {
    ProcessInstance instance = startCase(CASE);
    assertThat(startFormOf(instance)).isEqualTo("case-start");
    assertThat(openSteps(instance)).containsExactly(HOUSING_1.id(), RESOURCES_1.id(), TOWNSHIP_1.id());
    assertThat(task(instance, TOWNSHIP_1.id()).getDueDate()).as("3个工作日")
        .isEqualTo(at(MONDAY_MORNING.plusDays(3)));
    complete(instance, HOUSING_1.id(), HOUSING, with(DONE, ItemProcess.DUTY_RESULT.name(), "已下发技术要点并培训镇街监管人员"));
    complete(instance, RESOURCES_1.id(), RESOURCES, with(DONE, ItemProcess.DUTY_RESULT.name(), "用地和乡村建设规划许可核实无误"));
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, REGISTERED);
    assertThat(formOf(task(instance, TOWNSHIP_2.id()))).isEqualTo("inspection");
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, CLEAN);
    complete(instance, TOWNSHIP_4.id(), MINGSHUI, with(DONE, ItemProcess.DUTY_RESULT.name(), "竣工核查合格，已填写核查记录"));
    runAsyncJobs(instance);
    assertThat(rateDepartments(instance)).containsExactly(HOUSING, RESOURCES);
    assertThat(instance).isEnded().hasPassed(END.id())
        .hasNotPassed(MAJOR_HAZARD.id(), HOUSING_2.id(), TOWNSHIP_3.id());
  }

  @Test
  void aMajorHazardBringsTheHousingBureauOnSiteAndInspectionsRepeatUntilNoHazardIsLeft() {
    ProcessInstance instance = startCase(CASE);
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, REGISTERED);
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, MAJOR);

    // 乡呼县应: the housing bureau's expert judges the major hazard before the township orders rectification
    Task site = task(instance, HOUSING_2.id());
    assertThat(candidateGroups(site)).containsExactly(HOUSING);
    assertThat(site.getDueDate()).as("2个工作日").isEqualTo(at(MONDAY_MORNING.plusDays(2)));
    complete(instance, HOUSING_2.id(), HOUSING, with(DONE, ItemProcess.DUTY_RESULT.name(), "技术判定：需加固圈梁并更换支撑"));
    assertThat(formOf(task(instance, TOWNSHIP_3.id()))).isEqualTo("rectification-order");
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, ORDER);

    // inspected again: a general hazard is rectified without the expert
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, GENERAL);
    assertThat(instance).isWaitingAt(TOWNSHIP_3.id());
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, ORDER);
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, CLEAN);
    complete(instance, TOWNSHIP_4.id(), MINGSHUI, DONE);
    complete(instance, HOUSING_1.id(), HOUSING, DONE);
    complete(instance, RESOURCES_1.id(), RESOURCES, DONE);
    runAsyncJobs(instance);
    rateDepartments(instance);

    assertThat(instance).isEnded();
    assertThat(completedTimes(instance, TOWNSHIP_2.id())).isEqualTo(3);
    assertThat(completedTimes(instance, TOWNSHIP_3.id())).isEqualTo(2);
    assertThat(completedTimes(instance, HOUSING_2.id())).isEqualTo(1);
    assertThat(historicVariable(instance, ItemProcess.CASE_RESULT.name()).toString()).contains("技术判定：需加固圈梁并更换支撑");
  }

  @Test
  void aLateRegistrationIsSupervisedAndGoesToTheJointMeetingOfTheDepartments() {
    ProcessInstance instance = startCase(CASE);
    fire(instance, TOWNSHIP_1.reminder().id());
    fire(instance, TOWNSHIP_1.deadline().id());
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("开工登记");
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(MINGSHUI);
    referredUp(supervision, MINGSHUI);
    completeAs(COMMAND, tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult(),
        with(SUPERVISED, "supervisionOutcome", "escalate"));
    assertThat(finishJointMeeting(supervision)).containsExactlyInAnyOrder(HOUSING, RESOURCES);
    assertThat(instance).isWaitingAt(TOWNSHIP_1.id());
  }

  @Test
  void everyStepThatRunsLateIsRemindedAndSupervised() {
    ProcessInstance instance = startCase(CASE);
    runsLate(instance, TOWNSHIP_1, MINGSHUI);
    runsLate(instance, HOUSING_1, HOUSING);
    runsLate(instance, RESOURCES_1, RESOURCES);
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, REGISTERED);
    complete(instance, HOUSING_1.id(), HOUSING, DONE);
    complete(instance, RESOURCES_1.id(), RESOURCES, DONE);
    lateThenDone(instance, TOWNSHIP_2, MINGSHUI, MAJOR);
    lateThenDone(instance, HOUSING_2, HOUSING, DONE);
    lateThenDone(instance, TOWNSHIP_3, MINGSHUI, ORDER);
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, CLEAN);
    lateThenDone(instance, TOWNSHIP_4, MINGSHUI, DONE);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded();
  }
}
