package cn.shudi.shared;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.shudi.call.JointMeetingProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.call.SupervisionProcess.Element;

/**
 * shared_supervision 督办超期事项, the escalation ladder of seed 000: a township's overdue step goes to the
 * township's centre first (one working day), then to the district command centre when the centre refers it or
 * lets its deadline pass; a department's overdue step goes to the command centre at once; the joint meeting
 * follows only when the dispatcher chooses it. One test per path.
 */
class SharedSupervisionTest extends SharedProcessTestBase {

  static final String KEY = SupervisionProcess.KEY;
  static final String SHUANGSHAN = "zhangqiu_shuangshan";

  /** The variables a blueprint passes when the step of {@code overdueGroup} is overdue. */
  static Map<String, Object> overdue(String itemCode, boolean severalDepartments, String overdueGroup) {
    Map<String, Object> variables = caseVariables(itemCode, severalDepartments);
    variables.put(SupervisionProcess.OVERDUE_STEP.name(), "排查隐患");
    variables.put(SupervisionProcess.OVERDUE_GROUP.name(), overdueGroup);
    return variables;
  }

  static Map<String, Object> supervised(String outcome) {
    return Map.of(SupervisionProcess.SUPERVISION_OPINION.name(), "请责任单位两个工作日内办结",
        SupervisionProcess.SUPERVISION_OUTCOME.name(), outcome);
  }

  static Map<String, Object> townshipSupervised(String outcome) {
    return Map.of(SupervisionProcess.TOWNSHIP_SUPERVISION_OPINION.name(), "请经办人今日办结",
        SupervisionProcess.TOWNSHIP_SUPERVISION_OUTCOME.name(), outcome);
  }

  @Test
  void modelOpensInModelerWithACompleteDiagram() throws Exception {
    SharedModels.assertWellModelled(KEY, "督办超期事项");
    assertDeployedInEveryCounty(KEY);
  }

  // --- a department's step: the command centre at once ---------------------------------------------

  @Test
  void aDepartmentsOverdueStepGoesToTheCommandCentreWithinTwoWorkingDays() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false, MARKET));

    assertThat(instance).isWaitingAt(Element.TASK.id()).hasPassed(Element.LEVEL.id())
        .hasNotPassed(Element.TOWNSHIP.id());
    Task task = task(instance, Element.TASK.id());
    assertThat(task.getName()).isEqualTo("督办超期事项");
    assertThat(candidateGroups(task)).containsExactly(COMMAND);
    assertThat(task.getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(2)));
    assertThat(task.getTenantId()).isEqualTo(TENANT);
    assertThat(formOf(task)).isEqualTo("supervision");

    completeAs(COMMAND, task, supervised(SupervisionProcess.URGED));

    assertThat(instance).isEnded().hasPassed(Element.GATEWAY.id(), Element.MERGE.id(), Element.END.id())
        .hasNotPassed(Element.JOINT_MEETING.id());
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void severalDepartmentsAloneDoNotCallTheJointMeeting() {
    // ZQ002 involves two departments; the dispatcher urges, and that is the end of it
    ProcessInstance instance = start(KEY, overdue(TWO_DEPARTMENT_ITEM, true, AGRICULTURE));
    completeAs(COMMAND, task(instance, Element.TASK.id()), supervised(SupervisionProcess.URGED));

    assertThat(instance).isEnded().hasNotPassed(Element.JOINT_MEETING.id());
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void theDispatchersChoiceCallsTheJointMeetingThenTheSupervisionEnds() {
    // one department only: the meeting is the dispatcher's decision, not a formula over the item
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false, MARKET));
    completeAs(COMMAND, task(instance, Element.TASK.id()), supervised(SupervisionProcess.ESCALATE));

    assertThat(instance).isWaitingAt(Element.JOINT_MEETING.id());
    ProcessInstance meeting = called(instance, JointMeetingProcess.KEY);
    assertThat(meeting).isWaitingAt(JointMeetingProcess.Element.ORGANISE.id());
    assertThat(runtime.getVariable(meeting.getId(), SupervisionProcess.OVERDUE_STEP.name()))
        .as("the caller's variables go along").isEqualTo("排查隐患");

    completeAs(COMMAND, task(meeting, JointMeetingProcess.Element.ORGANISE.id()),
        Map.of(JointMeetingProcess.MEETING_PARTICIPANTS.name(), "区市场监管局、明水街道",
            JointMeetingProcess.MEETING_MINUTES.name(), "会议纪要", JointMeetingProcess.MEETING_DECISION.name(), "分头落实"));
    List<Task> implement = tasks(meeting, JointMeetingProcess.Element.IMPLEMENT.id());
    assertThat(implement).flatExtracting(this::candidateGroups).containsExactly(MARKET);
    for (Task t : implement) {
      completeAs(candidateGroups(t).get(0), t, Map.of(JointMeetingProcess.DUTY_RESULT.name(), "已落实"));
    }

    assertThat(meeting).isEnded();
    assertThat(instance).isEnded().hasPassed(Element.JOINT_MEETING.id(), Element.END.id());
  }

  // --- a township's step: the township's centre first -------------------------------------------------

  @Test
  void aTownshipsOverdueStepGoesFirstToTheTownshipsCentreWithinOneWorkingDay() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false, MINGSHUI));

    assertThat(instance).isWaitingAt(Element.TOWNSHIP.id());
    Task task = task(instance, Element.TOWNSHIP.id());
    assertThat(task.getName()).isEqualTo("镇街中心催办");
    assertThat(candidateGroups(task)).containsExactly(MINGSHUI);
    assertThat(task.getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(1)));
    assertThat(formOf(task)).isEqualTo("township-supervision");
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateGroup(COMMAND).count())
        .as("the command centre is not bothered yet").isZero();

    completeAs(MINGSHUI, task, townshipSupervised(SupervisionProcess.URGED));

    assertThat(instance).isEnded().hasPassed(Element.TOWNSHIP_GATEWAY.id(), Element.END.id())
        .hasNotPassed(Element.TASK.id(), Element.JOINT_MEETING.id());
  }

  @Test
  void whatTheTownshipsCentreCannotSolveGoesUpToTheCommandCentre() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false, MINGSHUI));
    completeAs(MINGSHUI, task(instance, Element.TOWNSHIP.id()), townshipSupervised(SupervisionProcess.REFER));

    assertThat(instance).isWaitingAt(Element.TASK.id());
    Task task = task(instance, Element.TASK.id());
    assertThat(candidateGroups(task)).containsExactly(COMMAND);
    completeAs(COMMAND, task, supervised(SupervisionProcess.URGED));
    assertThat(instance).isEnded().hasPassed(Element.TOWNSHIP.id(), Element.TASK.id())
        .hasNotPassed(Element.TOWNSHIP_DEADLINE.id(), Element.JOINT_MEETING.id());
  }

  @Test
  void theTownshipsCentrePastItsDeadlineHandsTheMatterUp() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false, MINGSHUI));

    assertThat(passTimeAndRunTimers(instance, MONDAY_MORNING.plusHours(23))).as("not yet").isZero();
    assertThat(instance).isWaitingAt(Element.TOWNSHIP.id());
    assertThat(passTimeAndRunTimers(instance, MONDAY_MORNING.plusDays(1))).isOne();

    assertThat(instance).hasPassed(Element.TOWNSHIP_DEADLINE.id()).isWaitingAt(Element.TASK.id());
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(Element.TOWNSHIP.id())
        .count()).as("the centre's task is closed").isZero();
    Task task = task(instance, Element.TASK.id());
    assertThat(candidateGroups(task)).containsExactly(COMMAND);
    assertThat(task.getDueDate()).as("the command centre's own two working days")
        .isEqualTo(at(MONDAY_MORNING.plusDays(3)));
  }

  // --- who may act ----------------------------------------------------------------------------------

  @Test
  void onlyTheTownshipItselfActsOnTheFirstRung() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false, MINGSHUI));

    assertOnlyItsUnitActs(instance, Element.TOWNSHIP, townshipSupervised(SupervisionProcess.URGED),
        SHUANGSHAN, MARKET);
  }

  @Test
  void onlyTheCommandCentreOfTheCountySupervises() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false, MARKET));

    assertOnlyItsUnitActs(instance, Element.TASK, supervised(SupervisionProcess.URGED), MARKET);
  }

  /** The rung's task refuses the others (and another county's command centre); the supervision waits there. */
  void assertOnlyItsUnitActs(ProcessInstance instance, Element rung, Map<String, Object> values, String... others) {
    Task task = task(instance, rung.id());
    for (String other : others) {
      assertThatThrownBy(() -> completeAs(other, task, values)).as(other).isInstanceOf(AuthorizationException.class);
    }
    identity.setAuthentication("yunxi_command_staff", List.of("yunxi_command"), List.of("yunxi"));
    try {
      assertThatThrownBy(() -> tasks.complete(task.getId(), values)).as("another county's command centre")
          .isInstanceOf(RuntimeException.class);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(instance).isWaitingAt(rung.id());
  }
}
