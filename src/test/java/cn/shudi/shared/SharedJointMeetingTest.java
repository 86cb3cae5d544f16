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
import cn.shudi.support.EngineClock;

/** shared_joint_meeting 联席会议: the command centre convenes, every department of the item implements in parallel. */
class SharedJointMeetingTest extends SharedProcessTestBase {

  static final String KEY = JointMeetingProcess.KEY;
  static final Map<String, Object> MEETING = Map.of(JointMeetingProcess.MEETING_PARTICIPANTS.name(), "区农业农村局、区市场监管局",
      JointMeetingProcess.MEETING_MINUTES.name(), "会议纪要", JointMeetingProcess.MEETING_DECISION.name(), "农业农村局负责产地溯源，市场监管局负责流通环节");

  @Test
  void modelOpensInModelerWithACompleteDiagram() throws Exception {
    SharedModels.assertWellModelled(KEY, "联席会议");
    assertDeployedInEveryCounty(KEY);
  }

  @Test
  void theCommandCentreConvenesAndEveryDepartmentImplementsTheDecisions() {
    ProcessInstance instance = start(KEY, caseVariables(TWO_DEPARTMENT_ITEM, true));

    assertThat(instance).isWaitingAt(JointMeetingProcess.Element.ORGANISE.id());
    Task organise = task(instance, JointMeetingProcess.Element.ORGANISE.id());
    assertThat(organise.getName()).isEqualTo("组织召开联席会议");
    assertThat(candidateGroups(organise)).containsExactly(COMMAND);
    assertThat(formOf(organise)).isEqualTo("joint-meeting");
    assertThat(organise.getDueDate()).as("5个工作日").isEqualTo(at(MONDAY_MORNING.plusDays(7)));

    // the meeting is held on Wednesday
    EngineClock.set(MONDAY_MORNING.plusDays(2));
    completeAs(COMMAND, organise, MEETING);

    List<Task> implement = tasks(instance, JointMeetingProcess.Element.IMPLEMENT.id());
    assertThat(implement).as("one task per department, at the same time").hasSize(2);
    assertThat(implement).flatExtracting(this::candidateGroups).containsExactlyInAnyOrder(AGRICULTURE, MARKET);
    assertThat(implement).allSatisfy(t -> {
      assertThat(t.getName()).isEqualTo("落实会议议定事项");
      assertThat(formOf(t)).isEqualTo("duty-step");
      // Wednesday + 10 working days = Wednesday two weeks later
      assertThat(t.getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(16)));
    });

    Task market = implement.stream().filter(t -> candidateGroups(t).contains(MARKET)).findFirst().orElseThrow();
    Task agriculture = implement.stream().filter(t -> candidateGroups(t).contains(AGRICULTURE)).findFirst()
        .orElseThrow();
    assertThatThrownBy(() -> completeAs(MARKET, agriculture, Map.of(JointMeetingProcess.DUTY_RESULT.name(), "代办")))
        .as("a department does not complete another's task").isInstanceOf(AuthorizationException.class);

    completeAs(MARKET, market, Map.of(JointMeetingProcess.DUTY_RESULT.name(), "流通环节已排查", JointMeetingProcess.DUTY_FINDINGS.name(), "无"));
    assertThat(instance).isWaitingAt(JointMeetingProcess.Element.IMPLEMENT.id());
    assertThat(runtime.getVariable(instance.getId(), JointMeetingProcess.DUTY_RESULT.name())).as("each department's result stays its own")
        .isNull();
    completeAs(AGRICULTURE, agriculture, Map.of(JointMeetingProcess.DUTY_RESULT.name(), "产地已溯源"));

    assertThat(instance).isEnded().hasPassed(JointMeetingProcess.Element.END.id());
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(JointMeetingProcess.DUTY_RESULT.name()).list()).extracting(v -> v.getValue())
        .containsExactlyInAnyOrder("流通环节已排查", "产地已溯源");
  }

  @Test
  void anItemWithOneDepartmentGivesThatDepartmentTheDecisions() {
    ProcessInstance instance = start(KEY, caseVariables(ONE_DEPARTMENT_ITEM, false));
    completeAs(COMMAND, task(instance, JointMeetingProcess.Element.ORGANISE.id()), MEETING);

    Task implement = task(instance, JointMeetingProcess.Element.IMPLEMENT.id());
    assertThat(candidateGroups(implement)).containsExactly(MARKET);
    completeAs(MARKET, implement, Map.of(JointMeetingProcess.DUTY_RESULT.name(), "已落实"));
    assertThat(instance).isEnded();
  }
}
