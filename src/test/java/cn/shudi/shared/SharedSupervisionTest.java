package cn.shudi.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** shared_supervision 督办超期事项: the command centre supervises; a joint meeting where several departments are involved. */
class SharedSupervisionTest extends SharedProcessTestBase {

  static final String KEY = "shared_supervision";

  static Map<String, Object> overdue(String itemCode, boolean severalDepartments) {
    Map<String, Object> variables = caseVariables(itemCode, severalDepartments);
    variables.put("overdueStep", "排查隐患");
    variables.put("overdueGroup", MARKET);
    return variables;
  }

  static final Map<String, Object> SUPERVISED =
      Map.of("supervisionOpinion", "请区市场监管局两个工作日内办结", "supervisionOutcome", "urged");

  @Test
  void modelOpensInModelerWithACompleteDiagram() throws Exception {
    SharedModels.assertWellModelled(KEY, "督办超期事项");
    assertDeployedInEveryCounty(KEY);
  }

  @Test
  void oneDepartmentIsSupervisedByTheCommandCentreWithinTwoWorkingDays() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false));

    assertThat(instance).isWaitingAt("shared_supervision_task");
    Task task = task(instance, "shared_supervision_task");
    assertThat(task.getName()).isEqualTo("督办超期事项");
    assertThat(candidateGroups(task)).containsExactly(COMMAND);
    assertThat(task.getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(2)));
    assertThat(task.getTenantId()).isEqualTo(TENANT);
    assertThat(formOf(task)).isEqualTo("supervision");

    completeAs(COMMAND, task, SUPERVISED);

    assertThat(instance).isEnded().hasPassed("shared_supervision_gateway", "shared_supervision_merge", "shared_supervision_end")
        .hasNotPassed("shared_supervision_joint_meeting");
    assertThat(runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void severalDepartmentsGoToAJointMeetingThenTheSupervisionEnds() {
    ProcessInstance instance = start(KEY, overdue(TWO_DEPARTMENT_ITEM, true));
    completeAs(COMMAND, task(instance, "shared_supervision_task"), SUPERVISED);

    assertThat(instance).isWaitingAt("shared_supervision_joint_meeting");
    ProcessInstance meeting = called(instance, "shared_joint_meeting");
    assertThat(meeting).isWaitingAt("shared_joint_meeting_organise");
    assertThat(runtime.getVariable(meeting.getId(), "overdueStep")).as("the caller's variables go along")
        .isEqualTo("排查隐患");

    completeAs(COMMAND, task(meeting, "shared_joint_meeting_organise"), Map.of("meetingParticipants",
        "区农业农村局、区市场监管局", "meetingMinutes", "会议纪要", "meetingDecision", "分头落实"));
    List<Task> implement = tasks(meeting, "shared_joint_meeting_implement");
    assertThat(implement).flatExtracting(this::candidateGroups).containsExactlyInAnyOrder(AGRICULTURE, MARKET);
    for (Task t : implement) {
      completeAs(candidateGroups(t).get(0), t, Map.of("dutyResult", "已落实"));
    }

    assertThat(meeting).isEnded();
    assertThat(instance).isEnded().hasPassed("shared_supervision_joint_meeting", "shared_supervision_end");
  }

  @Test
  void onlyTheCommandCentreOfTheCountySupervises() {
    ProcessInstance instance = start(KEY, overdue(ONE_DEPARTMENT_ITEM, false));
    Task task = task(instance, "shared_supervision_task");

    assertThatThrownBy(() -> completeAs(MARKET, task, SUPERVISED)).as("the overdue department itself")
        .isInstanceOf(AuthorizationException.class);
    identity.setAuthentication("yunxi_command_staff", List.of("yunxi_command"), List.of("yunxi"));
    try {
      assertThatThrownBy(() -> tasks.complete(task.getId(), SUPERVISED)).as("another county's command centre")
          .isInstanceOf(RuntimeException.class);
    } finally {
      identity.clearAuthentication();
    }
    assertThat(instance).isWaitingAt("shared_supervision_task");
  }
}
