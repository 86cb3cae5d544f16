package cn.shudi.benchmark;

import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;

/**
 * ZQ054's shape without project code, for the bare engine: the same user tasks (with their input/output
 * mappings and two non-interrupting boundary timers each: reminder → expression, deadline → call
 * activity), the same gateways, the same asynchronous points (both joins, the credit write) and the
 * same call activity to an evaluation process (a sequential multi-instance sub-process of one user
 * task and one expression). No beans, no listeners, no plugins: every expression is a constant.
 */
final class BareShapes {

  static final String CASE = "bare_zq054";
  static final String EVALUATION = "bare_evaluation";
  static final String SUPERVISION = "bare_supervision";
  static final String TIMER = "bench_timer";
  static final String MARKET = "zhangqiu_market";
  static final String TOWNSHIP = "zhangqiu_mingshui";
  /** Far ahead: the timers exist (jobs, history) but never fire during a run, as in the platform. */
  static final String FAR = "2099-12-31T00:00:00";

  private BareShapes() {
  }

  static List<BpmnModelInstance> all() {
    return List.of(zq054(), evaluation(), supervision());
  }

  static BpmnModelInstance zq054() {
    ProcessBuilder process = Bpmn.createExecutableProcess(CASE).camundaHistoryTimeToLive(365);
    var start = process.startEvent("start");
    var plan = step(start, "market_1", MARKET);
    var fork = plan.parallelGateway("fork");
    var join = step(fork, "market_2", MARKET, "hazardCount", "hazardLevel")
        .parallelGateway("join").camundaAsyncBefore();
    step(fork.moveToNode("fork"), "township_1", TOWNSHIP, "hazardCount", "hazardLevel").connectTo("join");
    join.exclusiveGateway("hazards_found")
        .condition("hazards", "${market_2_hazardCount + township_1_hazardCount > 0}")
        .exclusiveGateway("rectification_merge").parallelGateway("rectification_fork");
    var rectification = step(join.moveToNode("rectification_fork"), "market_3", MARKET, "rectificationDays",
        "rectificationRequirements").parallelGateway("rectification_join").camundaAsyncBefore();
    step(join.moveToNode("rectification_fork"), "township_2", TOWNSHIP).connectTo("rectification_join");
    step(rectification, "market_reinspect", MARKET, "rectified").exclusiveGateway("rectified_ok")
        .condition("fixed", "${market_reinspect_rectified == 'yes'}").exclusiveGateway("results_merge")
        .moveToNode("rectified_ok").connectTo("rectification_merge");
    var shared = join.moveToNode("hazards_found").connectTo("results_merge");
    step(shared.moveToNode("results_merge"), "township_3", TOWNSHIP)
        .serviceTask("market_4").camundaAsyncBefore().camundaExpression("${true}")
        .serviceTask("record").camundaExpression("${true}")
        .callActivity("evaluate").calledElement(EVALUATION)
        .endEvent("end");
    BpmnModelInstance model = process.done();
    // the default flows, as ZQ054 has them: no hazards → results; not fixed → rectify again
    defaultFlow(model, "hazards_found", "results_merge");
    defaultFlow(model, "rectified_ok", "rectification_merge");
    // every call activity hands all variables over (camunda:in variables="all"), as the blueprints do
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      CamundaIn all = model.newInstance(CamundaIn.class);
      all.setCamundaVariables("all");
      if (call.getExtensionElements() == null) {
        call.setExtensionElements(model.newInstance(ExtensionElements.class));
      }
      call.getExtensionElements().addChildElement(all);
    }
    return model;
  }

  /** A step as the blueprints model it: a user task for the group, input/output mappings, two timers. */
  static UserTaskBuilder step(AbstractFlowNodeBuilder<?, ?> from, String id, String group, String... fields) {
    UserTaskBuilder task = from.userTask(id).name(id).camundaCandidateGroups(group).camundaDueDate(FAR)
        .camundaInputParameter("dutyResult", null).camundaInputParameter("dutyFindings", null)
        .camundaOutputParameter(id + "_result", "${dutyResult}")
        .camundaOutputParameter(id + "_findings", "${dutyFindings}");
    for (String field : fields) {
      task.camundaInputParameter(field, null).camundaOutputParameter(id + "_" + field, "${" + field + "}");
    }
    task.boundaryEvent(id + "_reminder").cancelActivity(false).timerWithDate(FAR)
        .serviceTask(id + "_remind").camundaExpression("${true}").endEvent(id + "_reminded");
    task.boundaryEvent(id + "_deadline").cancelActivity(false).timerWithDate(FAR)
        .callActivity(id + "_supervise").calledElement(SUPERVISION)
        .endEvent(id + "_supervised");
    return task;
  }

  private static void defaultFlow(BpmnModelInstance model, String gateway, String target) {
    ExclusiveGateway element = model.getModelElementById(gateway);
    element.getOutgoing().stream().filter(flow -> flow.getTarget().getId().equals(target)).findFirst()
        .ifPresent(element::setDefault);
  }

  static BpmnModelInstance evaluation() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(EVALUATION).camundaHistoryTimeToLive(365).startEvent()
        .subProcess("each").camundaInputParameter("rating", null).camundaInputParameter("ratingComment", null)
        .embeddedSubProcess().startEvent().userTask("rate").camundaCandidateGroups(TOWNSHIP).camundaDueDate(FAR)
        .serviceTask("record_rating").camundaExpression("${true}").endEvent().subProcessDone()
        .endEvent().done();
    // one department rated, one after the other (the blueprints' collection holds the departments that served)
    ((SubProcess) model.getModelElementById("each")).builder().multiInstance().sequential().cardinality("1");
    return model;
  }

  static BpmnModelInstance supervision() {
    return Bpmn.createExecutableProcess(SUPERVISION).camundaHistoryTimeToLive(365).startEvent()
        .userTask("supervise").camundaCandidateGroups("zhangqiu_command").endEvent().done();
  }

  /** One intermediate timer per instance at {@code ${due}}: the deadline shape, for the lateness figure. */
  static BpmnModelInstance timer() {
    return Bpmn.createExecutableProcess(TIMER).camundaHistoryTimeToLive(365).startEvent()
        .intermediateCatchEvent("due").timerWithDate("${due}").endEvent("fired").done();
  }
}
