package cn.shudi.flagship;

import static cn.shudi.support.EngineClock.at;
import cn.shudi.blueprint.ItemProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.shudi.casework.Reminders;

/**
 * ZQ016 秸秆禁烧专项整治 (township primary): a daily patrol loop for the ban period, fires stopped on the spot,
 * reported and, where the offender is known, punished by 区综合执法局 while the patrol goes on; the
 * township's straw utilisation ends the ban period; monitoring, inspection and guidance run alongside.
 */
class Zq016StrawBurningBanTest extends FlagshipTestBase {

  static final ItemProcess.Ids ZQ016 = ItemProcess.ids("ZQ016");
  static final ItemProcess.Element AGRICULTURE_1 = ZQ016.step("agriculture", 1);
  static final ItemProcess.Element BAN_OVER = ZQ016.element("ban_over");
  static final ItemProcess.Element ECOLOGY_1 = ZQ016.step("ecology", 1);
  static final ItemProcess.Element ECOLOGY_2 = ZQ016.step("ecology", 2);
  static final ItemProcess.Element END = ZQ016.end();
  static final ItemProcess.Element NEXT_DAY = ZQ016.element("next_day");
  static final ItemProcess.Element PATROL = ZQ016.element("patrol");
  static final ItemProcess.Element PATROL_END = ZQ016.element("patrol_end");
  static final ItemProcess.Element PENALTY_END = ZQ016.element("penalty_end");
  static final ItemProcess.Element PENALTY_NEEDED = ZQ016.element("penalty_needed");
  static final ItemProcess.Element RECORD = ZQ016.record();
  static final ItemProcess.Element STRAW_UTILISED_REPORTED = ZQ016.element("straw_utilised_reported");
  static final ItemProcess.Element TOWNSHIP_1 = ZQ016.township(1);
  static final ItemProcess.Element TOWNSHIP_2 = ZQ016.township(2);
  static final ItemProcess.Element TOWNSHIP_3 = ZQ016.township(3);
  static final ItemProcess.Element TOWNSHIP_4 = ZQ016.township(4);
  static final ItemProcess.Element URBAN_1 = ZQ016.step("urban", 1);
  static final ItemProcess.Element WAIT_NEXT_ROUND = ZQ016.element("wait_next_round");

  static final Map<String, Object> CASE = Map.of(ItemProcess.CASE_SUBJECT.name(), "明水街道夏收禁烧网格");
  static final Map<String, Object> NO_FIRE =
      with(DONE, ItemProcess.DUTY_RESULT.name(), "全天候巡查，未发现焚烧", "patrolArea", "明水街道第三网格", "fireFound", "no");
  static final Map<String, Object> FIRE = with(DONE, ItemProcess.DUTY_RESULT.name(), "发现焚烧火点", "patrolArea", "明水街道第三网格",
      "fireFound", "yes", "firePointLocation", "东营村北3号地块");
  static final Map<String, Object> STOPPED_OFFENDER_KNOWN = with(DONE, ItemProcess.DUTY_RESULT.name(), "火点已扑灭，现场已清理",
      "fireExtinguished", "yes", "offenderInfo", "张某，东营村北3号地块承包户");
  static final Map<String, Object> STOPPED_OFFENDER_UNKNOWN = with(DONE, ItemProcess.DUTY_RESULT.name(), "火点已扑灭，当事人不明",
      "fireExtinguished", "yes", "offenderInfo", "");
  static final Map<String, Object> REPORTED = with(DONE, ItemProcess.DUTY_RESULT.name(), "已上报区指挥中心");
  static final Map<String, Object> STRAW_USED = with(DONE, ItemProcess.DUTY_RESULT.name(), "秸秆已全部机械化还田或离田收储");

  @Override
  String code() {
    return "ZQ016";
  }

  @Test
  void aFireIsStoppedReportedAndPunishedWhileThePatrolGoesOnUntilTheStrawIsUsed() {
    ProcessInstance instance = startCase(CASE);
    // the patrol, the utilisation, the monitoring and the guidance start together
    assertThat(openSteps(instance)).containsExactly(AGRICULTURE_1.id(), ECOLOGY_1.id(), TOWNSHIP_1.id(),
        TOWNSHIP_4.id());
    Task patrol = task(instance, TOWNSHIP_1.id());
    assertThat(formOf(patrol)).isEqualTo("straw-patrol");
    assertThat(patrol.getDueDate()).as("1日").isEqualTo(at(MONDAY_MORNING.plusDays(1)));
    assertThat(task(instance, ECOLOGY_1.id()).getDueDate()).as("2小时").isEqualTo(at(MONDAY_MORNING.plusHours(2)));
    complete(instance, ECOLOGY_1.id(), ECOLOGY, with(DONE, ItemProcess.DUTY_RESULT.name(), "卫星遥感发现疑似火点1处，已推送镇街核查"));
    complete(instance, ECOLOGY_2.id(), ECOLOGY, DONE);
    complete(instance, AGRICULTURE_1.id(), AGRICULTURE, DONE);

    complete(instance, TOWNSHIP_1.id(), MINGSHUI, FIRE);
    Task stop = task(instance, TOWNSHIP_2.id());
    assertThat(formOf(stop)).isEqualTo("fire-point");
    assertThat(tasks.getVariable(stop.getId(), "firePointLocation")).as("the patrol's fire point, prefilled")
        .isEqualTo("东营村北3号地块");
    assertThat(stop.getDueDate()).as("1小时").isEqualTo(at(MONDAY_MORNING.plusHours(1)));
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, STOPPED_OFFENDER_KNOWN);
    assertThat(task(instance, TOWNSHIP_3.id()).getDueDate()).as("24小时").isEqualTo(at(MONDAY_MORNING.plusHours(24)));
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, REPORTED);

    // the offender is known: 区综合执法局 punishes, and the patrol does not wait for it
    assertThat(openSteps(instance)).containsExactly(TOWNSHIP_4.id(), URBAN_1.id());
    assertThat(instance).isWaitingAt(WAIT_NEXT_ROUND.id());
    assertThat(candidateGroups(task(instance, URBAN_1.id()))).containsExactly(URBAN);
    fire(instance, NEXT_DAY.id());
    assertThat(task(instance, TOWNSHIP_1.id()).getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(2)));
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, NO_FIRE);
    assertThat(openSteps(instance)).containsExactly(TOWNSHIP_4.id(), URBAN_1.id());
    assertThat(instance).isWaitingAt(WAIT_NEXT_ROUND.id());

    // the township has the straw used: the ban period ends at once, no further round
    complete(instance, TOWNSHIP_4.id(), MINGSHUI, STRAW_USED);
    assertThat(instance).hasPassed(STRAW_UTILISED_REPORTED.id(), PATROL_END.id())
        .isNotWaitingAt(WAIT_NEXT_ROUND.id());
    assertThat(openSteps(instance)).as("the patrol waits for the penalty only").containsExactly(URBAN_1.id());
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).activityId(NEXT_DAY.id()).count())
        .isZero();

    complete(instance, URBAN_1.id(), URBAN, with(DONE, ItemProcess.DUTY_RESULT.name(), "已立案调查并作出罚款决定"));
    runAsyncJobs(instance);
    assertThat(rateDepartments(instance)).containsExactly(ECOLOGY, AGRICULTURE, URBAN);
    assertThat(instance).isEnded().hasPassed(PENALTY_END.id(), PATROL.id(), RECORD.id(), END.id());
    assertThat(completedTimes(instance, TOWNSHIP_1.id())).isEqualTo(2);
    assertThat(historicVariable(instance, ItemProcess.CASE_RESULT.name()).toString()).contains("已立案调查并作出罚款决定");
  }

  @Test
  void whenTheStrawIsUsedBeforeTheRoundEndsTheBanEndsAtTheGatewayAndAnUnknownOffenderIsNotPunished() {
    ProcessInstance instance = startCase(CASE);
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, FIRE);
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, STOPPED_OFFENDER_UNKNOWN);
    complete(instance, TOWNSHIP_4.id(), MINGSHUI, STRAW_USED);
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, REPORTED);

    assertThat(instance).hasPassed(PENALTY_NEEDED.id(), BAN_OVER.id(), PATROL_END.id())
        .hasNotPassed(URBAN_1.id(), WAIT_NEXT_ROUND.id());
    assertThat(openSteps(instance)).containsExactly(AGRICULTURE_1.id(), ECOLOGY_1.id());
    complete(instance, ECOLOGY_1.id(), ECOLOGY, DONE);
    complete(instance, ECOLOGY_2.id(), ECOLOGY, DONE);
    complete(instance, AGRICULTURE_1.id(), AGRICULTURE, DONE);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded();
  }

  @Test
  void aLateFireResponseIsSupervisedAndGoesToTheJointMeetingOfTheDepartments() {
    ProcessInstance instance = startCase(CASE);
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, FIRE);
    Task stop = task(instance, TOWNSHIP_2.id());

    fire(instance, TOWNSHIP_2.reminder().id());
    assertThat(tasks.createTaskQuery().taskId(stop.getId()).singleResult().getPriority())
        .isEqualTo(Reminders.REMINDED_PRIORITY);
    fire(instance, TOWNSHIP_2.deadline().id());
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("制止处置");
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(MINGSHUI);
    assertThat(runtime.getVariable(supervision.getId(), ItemProcess.SEVERAL_DEPARTMENTS.name())).isEqualTo(true);
    referredUp(supervision, MINGSHUI);
    Task supervise = tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult();
    assertThat(candidateGroups(supervise)).containsExactly(COMMAND);
    completeAs(COMMAND, supervise, with(SUPERVISED, "supervisionOutcome", "escalate"));

    // three departments take part: the command centre calls the joint meeting
    assertThat(finishJointMeeting(supervision)).containsExactlyInAnyOrder(ECOLOGY, AGRICULTURE, URBAN);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(supervision.getId()).count()).isZero();
    assertThat(tasks.createTaskQuery().taskId(stop.getId()).count()).as("the fire is still to be handled").isOne();
  }

  @Test
  void everyStepThatRunsLateIsRemindedAndSupervised() {
    ProcessInstance instance = startCase(CASE);
    lateThenDone(instance, ECOLOGY_1, ECOLOGY, DONE);
    lateThenDone(instance, ECOLOGY_2, ECOLOGY, DONE);
    lateThenDone(instance, AGRICULTURE_1, AGRICULTURE, DONE);
    lateThenDone(instance, TOWNSHIP_1, MINGSHUI, FIRE);
    lateThenDone(instance, TOWNSHIP_2, MINGSHUI, STOPPED_OFFENDER_KNOWN);
    lateThenDone(instance, TOWNSHIP_3, MINGSHUI, REPORTED);
    lateThenDone(instance, URBAN_1, URBAN, DONE);
    lateThenDone(instance, TOWNSHIP_4, MINGSHUI, STRAW_USED);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded();
  }
}
