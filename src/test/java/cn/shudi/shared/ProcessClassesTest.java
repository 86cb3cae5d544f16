package cn.shudi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import cn.shudi.assessment.MonthlyAssessmentProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.evaluation.AppealProcess;
import cn.shudi.evaluation.EvaluationProcess;
import cn.shudi.process.BpmnElement;

/** Each shared process's class names its model: the key is the process id, every flow node is in the enum and back. */
class ProcessClassesTest {

  static Stream<Arguments> processes() {
    return Stream.of(Arguments.of(CallProcess.KEY, CallProcess.Element.values()),
        Arguments.of(SupervisionProcess.KEY, SupervisionProcess.Element.values()),
        Arguments.of(JointMeetingProcess.KEY, JointMeetingProcess.Element.values()),
        Arguments.of(EvaluationProcess.KEY, EvaluationProcess.Element.values()),
        Arguments.of(AppealProcess.KEY, AppealProcess.Element.values()),
        Arguments.of(MonthlyAssessmentProcess.KEY, MonthlyAssessmentProcess.Element.values()));
  }

  @ParameterizedTest
  @MethodSource("processes")
  void theEnumNamesEveryFlowNodeOfTheModel(String key, BpmnElement[] elements) {
    BpmnModelInstance model = Bpmn.readModelFromFile(Path.of("processes/shared", key + ".bpmn").toFile());
    assertThat((Object) model.getModelElementById(key)).as("process id").isInstanceOf(Process.class);
    assertThat(Arrays.stream(elements).map(BpmnElement::id))
        .as("flow nodes of " + key)
        .containsExactlyInAnyOrderElementsOf(model.getModelElementsByType(FlowNode.class).stream()
            .map(FlowNode::getId).toList());
  }
}
