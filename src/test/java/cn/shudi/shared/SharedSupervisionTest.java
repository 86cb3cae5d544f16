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

/** shared_supervision 督办超期事项: the command centre supervises; a joint meeting where several departments are involved. */
class SharedSupervisionTest extends SharedProcessTestBase {

  static final String KEY = SupervisionProcess.KEY;

  static Map<String, Object> overdue(String itemCode, boolean severalDepartments) {
    Map<String, Object> variables = caseVariables(itemCode, severalDepartments);
    variables.put(SupervisionProcess.OVERDUE_STEP.name(), "排查隐患");
    variables.put(SupervisionProcess.OVERDUE_GROUP.name(), MARKET);
    return variables;
  }

  static final Map<String, Object> SUPERVISED =
      Map.of(SupervisionProcess.SUPERVISION_OPINION.name(), "请区市场监管局两个工作日内办结", SupervisionProcess.SUPERVISION_OUTCOME.name(), "urged");

  @Test
  void modelOpensInModelerWithACompleteDiagram() throws Exception {
    SharedModels.assertWellModelled(KEY, "督办超期事项");
    assertDeployedInEveryCounty(KEY);
  }

  @Test
  void oneDepartmentIsSupervisedByTheCommandCentreWithinTwoWorkingDays() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false));

    assertThat(instance).isWaitingAt(SupervisionProcess.Element.TASK.id());
    Task task = task(instance, SupervisionProcess.Element.TASK.id());
    assertThat(task.getName()).isEqualTo("督办超期事项");
    assertThat(candidateGroups(task)).containsExactly(COMMAND);
    assertThat(task.getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(2)));
    assertThat(task.getTenantId()).isEqualTo(TENANT);
    assertThat(formOf(task)).isEqualTo("supervision");

    completeAs(COMMAND, task, SUPERVISED);

    assertThat(instance).isEnded().hasPassed(SupervisionProcess.Element.GATEWAY.id(), SupervisionProcess.Element.MERGE.id(), SupervisionProcess.Element.END.id())
        .hasNotPassed(SupervisionProcess.Element.JOINT_MEETING.id());
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void severalDepartmentsGoToAJointMeetingThenTheSupervisionEnds() {
    ProcessInstance instance = start(KEY, overdue(TWO_DEPARTMENT_ITEM, true));
    completeAs(COMMAND, task(instance, SupervisionProcess.Element.TASK.id()), SUPERVISED);

    assertThat(instance).isWaitingAt(SupervisionProcess.Element.JOINT_MEETING.id());
    ProcessInstance meeting = called(instance, JointMeetingProcess.KEY);
    assertThat(meeting).isWaitingAt(JointMeetingProcess.Element.ORGANISE.id());
    assertThat(runtime.getVariable(meeting.getId(), SupervisionProcess.OVERDUE_STEP.name())).as("the caller's variables go along")
        .isEqualTo("排查隐患");

    completeAs(COMMAND, task(meeting, JointMeetingProcess.Element.ORGANISE.id()), Map.of(JointMeetingProcess.MEETING_PARTICIPANTS.name(),
        "区农业农村局、区市场监管局", JointMeetingProcess.MEETING_MINUTES.name(), "会议纪要", JointMeetingProcess.MEETING_DECISION.name(), "分头落实"));
    List<Task> implement = tasks(meeting, JointMeetingProcess.Element.IMPLEMENT.id());
    assertThat(implement).flatExtracting(this::candidateGroups).containsExactlyInAnyOrder(AGRICULTURE, MARKET);
    for (Task t : implement) {
      completeAs(candidateGroups(t).get(0), t, Map.of(JointMeetingProcess.DUTY_RESULT.name(), "已落实"));
    }

    assertThat(meeting).isEnded();
    assertThat(instance).isEnded().hasPassed(SupervisionProcess.Element.JOINT_MEETING.id(), SupervisionProcess.Element.END.id());
  }

  @Test
  void onlyTheCommandCentreOfTheCountySupervises() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false));
    Task task = task(instance, SupervisionProcess.Element.TASK.id());

    assertThatThrownBy(() -> completeAs(MARKET, task, SUPERVISED)).as("the overdue department itself")
        .isInstanceOf(AuthorizationException.class);
    identity.setAuthentication("yunxi_command_staff", List.of("yunxi_command"), List.of("yunxi"));
    try {
      assertThatThrownBy(() -> tasks.complete(task.getId(), SUPERVISED)).as("another county's command centre")
          .isInstanceOf(RuntimeException.class);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(instance).isWaitingAt(SupervisionProcess.Element.TASK.id());
  }
}
