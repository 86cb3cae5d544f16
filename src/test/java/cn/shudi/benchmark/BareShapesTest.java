package cn.shudi.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Map;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.junit.jupiter.api.Test;

import cn.shudi.support.CaseDriver;

/** The benchmark compares like with like: the bare model has ZQ054's shape and runs the clean path. */
class BareShapesTest {

  @Test
  void theBareModelHasZq054sShape() {
    BpmnModelInstance zq054 = Bpmn.readModelFromFile(new File("processes/zhangqiu/ZQ054.bpmn"));
    BpmnModelInstance bare = BareShapes.zq054();
    Map<String, Function<BpmnModelInstance, Long>> shape = Map.of(
        "user tasks", m -> count(m, UserTask.class),
        "parallel gateways", m -> count(m, ParallelGateway.class),
        "exclusive gateways", m -> count(m, ExclusiveGateway.class),
        "call activities", m -> count(m, CallActivity.class),
        "service tasks", m -> count(m, ServiceTask.class),
        "boundary timers", m -> m.getModelElementsByType(BoundaryEvent.class).stream()
            .filter(b -> !b.getChildElementsByType(TimerEventDefinition.class).isEmpty()).count(),
        "async points", m -> m.getModelElementsByType(FlowNode.class).stream()
            .filter(n -> n.isCamundaAsyncBefore() || n.isCamundaAsyncAfter()).count(),
        "output mappings", m -> count(m, CamundaOutputParameter.class));
    shape.forEach((what, counted) -> assertThat(counted.apply(bare)).as(what).isEqualTo(counted.apply(zq054)));
    assertThat(count(bare, CamundaInputParameter.class)).as("input mappings of the steps")
        .isEqualTo(count(zq054, CamundaInputParameter.class));
  }

  @Test
  void aBareCaseRunsTheCleanPathToItsEnd() {
    ProcessEngine engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:bench-shapes;DB_CLOSE_DELAY=-1").setJobExecutorActivate(false)
        .setProcessEngineName("bench-shapes").buildProcessEngine();
    try {
      DeploymentBuilder deployment = engine.getRepositoryService().createDeployment();
      BareShapes.all().forEach(model -> deployment.addModelInstance(
          model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId()
              + ".bpmn", model));
      deployment.deploy();
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey(BareShapes.CASE);
      for (String step : new String[] {"market_1", "market_2", "township_1", "township_3"}) {
        engine.getManagementService().createJobQuery().messages().list()
            .forEach(job -> engine.getManagementService().executeJob(job.getId()));
        var task = engine.getTaskService().createTaskQuery().processInstanceId(instance.getId())
            .taskDefinitionKey(step).singleResult();
        assertThat(task).as(step).isNotNull();
        assertThat(engine.getManagementService().createJobQuery().timers().activityId(step + "_deadline").count())
            .as("deadline timer of " + step).isOne();
        engine.getTaskService().complete(task.getId(), CaseDriver.FORM_VALUES);
      }
      engine.getManagementService().createJobQuery().messages().list()
          .forEach(job -> engine.getManagementService().executeJob(job.getId()));
      ProcessInstance evaluation = engine.getRuntimeService().createProcessInstanceQuery()
          .superProcessInstanceId(instance.getId()).singleResult();
      assertThat(engine.getRuntimeService().getVariable(evaluation.getId(), "market_2_hazardCount"))
          .as("all variables handed to the evaluation").isEqualTo(0L);
      var rate = engine.getTaskService().createTaskQuery().processInstanceId(evaluation.getId()).singleResult();
      engine.getTaskService().complete(rate.getId(), CaseDriver.FORM_VALUES);
      assertThat(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
          .isZero();
    } finally {
      engine.close();
    }
  }

  private static long count(BpmnModelInstance model, Class<? extends org.camunda.bpm.model.xml.instance.ModelElementInstance> type) {
    return model.getModelElementsByType(type).size();
  }
}
