package cn.shudi.support;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/** Small models for tests of the platform itself (blueprints have their own tests). */
public final class TestModels {

  public static final String JOINT_KEY = "test_joint_inspection";

  private TestModels() {
  }

  /** A department and a township work in parallel, each in its own user task, then the case ends. */
  public static BpmnModelInstance jointInspection(String departmentGroup, String townshipGroup) {
    return Bpmn.createExecutableProcess(JOINT_KEY).name("测试联合检查")
        .camundaHistoryTimeToLive(30)
        .startEvent("test_start").name("案件已受理")
        .parallelGateway("test_fork")
        .userTask("test_department_inspect").name("部门排查隐患").camundaCandidateGroups(departmentGroup)
        .parallelGateway("test_join")
        .endEvent("test_end").name("案件已办结")
        .moveToNode("test_fork")
        .userTask("test_township_inspect").name("镇街排查隐患").camundaCandidateGroups(townshipGroup)
        .connectTo("test_join")
        .done();
  }

  public static String xml(BpmnModelInstance model) {
    return Bpmn.convertToString(model);
  }
}
