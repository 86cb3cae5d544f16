package cn.shudi.flagship;

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

  static final Map<String, Object> CASE = Map.of("caseSubject", "明水街道夏收禁烧网格");
  static final Map<String, Object> NO_FIRE =
      with(DONE, "dutyResult", "全天候巡查，未发现焚烧", "patrolArea", "明水街道第三网格", "fireFound", "no");
  static final Map<String, Object> FIRE = with(DONE, "dutyResult", "发现焚烧火点", "patrolArea", "明水街道第三网格",
      "fireFound", "yes", "firePointLocation", "东营村北3号地块");
  static final Map<String, Object> STOPPED_OFFENDER_KNOWN = with(DONE, "dutyResult", "火点已扑灭，现场已清理",
      "fireExtinguished", "yes", "offenderInfo", "张某，东营村北3号地块承包户");
  static final Map<String, Object> STOPPED_OFFENDER_UNKNOWN = with(DONE, "dutyResult", "火点已扑灭，当事人不明",
      "fireExtinguished", "yes", "offenderInfo", "");
  static final Map<String, Object> REPORTED = with(DONE, "dutyResult", "已上报区指挥中心");
  static final Map<String, Object> STRAW_USED = with(DONE, "dutyResult", "秸秆已全部机械化还田或离田收储");

  @Override
  String code() {
    return "ZQ016";
  }

  @Test
  void modelFollowsTheListAndOpensInModeler() throws Exception {
    FlagshipModels.assertFollowsTheListAndOpensInModeler(item());
  }

  @Test
  void aFireIsStoppedReportedAndPunishedWhileThePatrolGoesOnUntilTheStrawIsUsed() {
    ProcessInstance instance = startCase(CASE);
    // the patrol, the utilisation, the monitoring and the guidance start together
    assertThat(openSteps(instance)).containsExactly("zq016_agriculture_1", "zq016_ecology_1", "zq016_township_1",
        "zq016_township_4");
    Task patrol = task(instance, "zq016_township_1");
    assertThat(formOf(patrol)).isEqualTo("straw-patrol");
    assertThat(patrol.getDueDate()).as("1日").isEqualTo(at(MONDAY_MORNING.plusDays(1)));
    assertThat(task(instance, "zq016_ecology_1").getDueDate()).as("2小时").isEqualTo(at(MONDAY_MORNING.plusHours(2)));
    complete(instance, "zq016_ecology_1", ECOLOGY, with(DONE, "dutyResult", "卫星遥感发现疑似火点1处，已推送镇街核查"));
    complete(instance, "zq016_ecology_2", ECOLOGY, DONE);
    complete(instance, "zq016_agriculture_1", AGRICULTURE, DONE);

    complete(instance, "zq016_township_1", MINGSHUI, FIRE);
    Task stop = task(instance, "zq016_township_2");
    assertThat(formOf(stop)).isEqualTo("fire-point");
    assertThat(tasks.getVariable(stop.getId(), "firePointLocation")).as("the patrol's fire point, prefilled")
        .isEqualTo("东营村北3号地块");
    assertThat(stop.getDueDate()).as("1小时").isEqualTo(at(MONDAY_MORNING.plusHours(1)));
    complete(instance, "zq016_township_2", MINGSHUI, STOPPED_OFFENDER_KNOWN);
    assertThat(task(instance, "zq016_township_3").getDueDate()).as("24小时").isEqualTo(at(MONDAY_MORNING.plusHours(24)));
    complete(instance, "zq016_township_3", MINGSHUI, REPORTED);

    // the offender is known: 区综合执法局 punishes, and the patrol does not wait for it
    assertThat(openSteps(instance)).containsExactly("zq016_township_4", "zq016_urban_1");
    assertThat(instance).isWaitingAt("zq016_wait_next_round");
    assertThat(candidateGroups(task(instance, "zq016_urban_1"))).containsExactly(URBAN);
    fire(instance, "zq016_next_day");
    assertThat(task(instance, "zq016_township_1").getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(2)));
    complete(instance, "zq016_township_1", MINGSHUI, NO_FIRE);
    assertThat(openSteps(instance)).containsExactly("zq016_township_4", "zq016_urban_1");
    assertThat(instance).isWaitingAt("zq016_wait_next_round");

    // the township has the straw used: the ban period ends at once, no further round
    complete(instance, "zq016_township_4", MINGSHUI, STRAW_USED);
    assertThat(instance).hasPassed("zq016_straw_utilised_reported", "zq016_patrol_end")
        .isNotWaitingAt("zq016_wait_next_round");
    assertThat(openSteps(instance)).as("the patrol waits for the penalty only").containsExactly("zq016_urban_1");
    assertThat(management.createJobQuery().processInstanceId(instance.getId()).activityId("zq016_next_day").count())
        .isZero();

    complete(instance, "zq016_urban_1", URBAN, with(DONE, "dutyResult", "已立案调查并作出罚款决定"));
    runAsyncJobs(instance);
    assertThat(rateDepartments(instance)).containsExactly(ECOLOGY, AGRICULTURE, URBAN);
    assertThat(instance).isEnded().hasPassed("zq016_penalty_end", "zq016_patrol", "zq016_record", "zq016_end");
    assertThat(completedTimes(instance, "zq016_township_1")).isEqualTo(2);
    assertThat(historicVariable(instance, "caseResult").toString()).contains("已立案调查并作出罚款决定");
  }

  @Test
  void whenTheStrawIsUsedBeforeTheRoundEndsTheBanEndsAtTheGatewayAndAnUnknownOffenderIsNotPunished() {
    ProcessInstance instance = startCase(CASE);
    complete(instance, "zq016_township_1", MINGSHUI, FIRE);
    complete(instance, "zq016_township_2", MINGSHUI, STOPPED_OFFENDER_UNKNOWN);
    complete(instance, "zq016_township_4", MINGSHUI, STRAW_USED);
    complete(instance, "zq016_township_3", MINGSHUI, REPORTED);

    assertThat(instance).hasPassed("zq016_penalty_needed", "zq016_ban_over", "zq016_patrol_end")
        .hasNotPassed("zq016_urban_1", "zq016_wait_next_round");
    assertThat(openSteps(instance)).containsExactly("zq016_agriculture_1", "zq016_ecology_1");
    complete(instance, "zq016_ecology_1", ECOLOGY, DONE);
    complete(instance, "zq016_ecology_2", ECOLOGY, DONE);
    complete(instance, "zq016_agriculture_1", AGRICULTURE, DONE);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded();
  }

  @Test
  void aLateFireResponseIsSupervisedAndGoesToTheJointMeetingOfTheDepartments() {
    ProcessInstance instance = startCase(CASE);
    complete(instance, "zq016_township_1", MINGSHUI, FIRE);
    Task stop = task(instance, "zq016_township_2");

    fire(instance, "zq016_township_2_reminder");
    assertThat(tasks.createTaskQuery().taskId(stop.getId()).singleResult().getPriority())
        .isEqualTo(Reminders.REMINDED_PRIORITY);
    fire(instance, "zq016_township_2_deadline");
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("制止处置");
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(MINGSHUI);
    assertThat(runtime.getVariable(supervision.getId(), "severalDepartments")).isEqualTo(true);
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
    runsLate(instance, "zq016_ecology_1", ECOLOGY);
    complete(instance, "zq016_ecology_1", ECOLOGY, DONE);
    runsLate(instance, "zq016_ecology_2", ECOLOGY);
    complete(instance, "zq016_ecology_2", ECOLOGY, DONE);
    runsLate(instance, "zq016_agriculture_1", AGRICULTURE);
    complete(instance, "zq016_agriculture_1", AGRICULTURE, DONE);
    runsLate(instance, "zq016_township_1", MINGSHUI);
    complete(instance, "zq016_township_1", MINGSHUI, FIRE);
    runsLate(instance, "zq016_township_2", MINGSHUI);
    complete(instance, "zq016_township_2", MINGSHUI, STOPPED_OFFENDER_KNOWN);
    runsLate(instance, "zq016_township_3", MINGSHUI);
    complete(instance, "zq016_township_3", MINGSHUI, REPORTED);
    runsLate(instance, "zq016_urban_1", URBAN);
    complete(instance, "zq016_urban_1", URBAN, DONE);
    runsLate(instance, "zq016_township_4", MINGSHUI);
    complete(instance, "zq016_township_4", MINGSHUI, STRAW_USED);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded();
  }
}
