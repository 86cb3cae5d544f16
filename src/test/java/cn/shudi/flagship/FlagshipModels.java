package cn.shudi.flagship;

import cn.shudi.blueprint.ItemProcess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;

import cn.shudi.blueprint.BlueprintFiles;
import cn.shudi.blueprint.BlueprintGenerator;
import cn.shudi.blueprint.DriftCheck;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;
import cn.shudi.support.ModelRuleSet;

/**
 * The modelling rules of a flagship blueprint, checked on the file as analysts edit it
 * ({@code processes/zhangqiu/<CODE>.bpmn}): it follows the platform's rule set ({@link cn.shudi.blueprint.ModelCheck}:
 * beans, no classes or scripts, opens in Camunda Modeler with a complete, readable diagram) and its list item (every
 * step a task of the right unit with the list's deadline, reminder and supervision, a lane per unit, async joins).
 */
final class FlagshipModels {

  static final Path FOLDER = Path.of("processes/zhangqiu");
  /** Steps the platform does itself, as a service task of the step's name. */
  private static final Map<String, String> SERVICE_STEPS = Map.of("录入信用档案", "${creditFile.recordInspection(execution)}");

  private FlagshipModels() {
  }

  static BpmnModelInstance read(String code) {
    return Bpmn.readModelFromFile(FOLDER.resolve(code + ".bpmn").toFile());
  }

  static void assertFollowsTheListAndOpensInModeler(Item item) throws IOException {
    String code = item.code();
    String key = BlueprintGenerator.processKey(item);
    ModelRuleSet.assertFollowsTheRules(FOLDER.getFileName().toString(), code + ".bpmn", key, item.name());
    String xml = Files.readString(FOLDER.resolve(code + ".bpmn"), StandardCharsets.UTF_8);
    assertThat(xml).as("hand-modelled: the generator keeps it").doesNotContain("exporter=\"shudi-blueprint-generator\"");
    BpmnModelInstance model = read(code);

    // the list: no drift, and every step carries the conventions
    assertThat(new DriftCheck(new BlueprintFiles(FOLDER.getParent())).check(code + ".bpmn", model, item)).isEmpty();
    for (Responsibility unit : item.responsibilities()) {
      for (int i = 0; i < unit.steps().size(); i++) {
        assertStep(model, BlueprintGenerator.stepId(item, unit, i), unit, unit.steps().get(i));
      }
    }
    assertStartAndEnd(model, key);

    // the lanes: one per unit of the list
    Set<String> unitNames = new LinkedHashSet<>();
    item.responsibilities().forEach(r -> unitNames.add(r.party().name()));
    assertThat(model.getModelElementsByType(Lane.class)).extracting(Lane::getName).as("one lane per unit")
        .containsExactlyInAnyOrderElementsOf(unitNames);
  }

  private static void assertStep(BpmnModelInstance model, String id, Responsibility unit, Step step) {
    FlowNode node = model.getModelElementById(id);
    assertThat(node).as("task %s for %s", id, step.name()).isNotNull();
    assertThat(node.getName()).isEqualTo(step.name());
    assertThat(documentation(node)).as("documentation of %s", id).isEqualTo(step.description());
    if (node instanceof ServiceTask service) {
      assertThat(service.getCamundaExpression()).isEqualTo(SERVICE_STEPS.get(step.name()));
      assertThat(service.isCamundaAsyncBefore()).as("%s retries as a job", id).isTrue();
      return;
    }
    UserTask task = (UserTask) node;
    String group = BlueprintGenerator.candidateGroup(unit);
    assertThat(task.getCamundaCandidateGroups()).isEqualTo(group);
    assertThat(task.getCamundaDueDate()).isEqualTo(BlueprintGenerator.dueExpression(step));
    assertThat(task.getCamundaFormRef()).isNotBlank();
    assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
    List<String> inputs = task.getExtensionElements().getElementsQuery().filterByType(
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult().getCamundaInputParameters()
        .stream().map(CamundaInputParameter::getCamundaName).toList();
    assertThat(inputs).as("%s: the form writes into local variables", id).contains(ItemProcess.DUTY_RESULT.name(), ItemProcess.DUTY_FINDINGS.name());
    List<String> outputs = task.getExtensionElements().getElementsQuery().filterByType(
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult().getCamundaOutputParameters()
        .stream().map(CamundaOutputParameter::getCamundaName).toList();
    assertThat(outputs).as("%s keeps its own result", id).contains(id + "_result", id + "_findings");

    String limit = step.timeLimit().label();
    Map<String, BoundaryEvent> timers = new HashMap<>();
    for (BoundaryEvent boundary : model.getModelElementsByType(BoundaryEvent.class)) {
      if (boundary.getAttachedTo() == task) {
        timers.put(boundary.getId(), boundary);
      }
    }
    assertThat(timers.keySet()).as("timers of %s", id).containsExactlyInAnyOrder(id + "_reminder", id + "_deadline");
    BoundaryEvent reminder = timers.get(id + "_reminder");
    BoundaryEvent deadline = timers.get(id + "_deadline");
    assertThat(reminder.cancelActivity()).isFalse();
    assertThat(deadline.cancelActivity()).isFalse();
    assertThat(timeDate(reminder)).isEqualTo("${deadlines.reminderAt('" + limit + "')}");
    assertThat(timeDate(deadline)).isEqualTo("${deadlines.after('" + limit + "')}");
    ServiceTask remind = (ServiceTask) reminder.getOutgoing().iterator().next().getTarget();
    assertThat(remind.getName()).isEqualTo("提醒即将到期");
    assertThat(remind.getCamundaExpression()).isEqualTo("${reminders.remind(execution, '" + id + "')}");
    assertThat(remind.getOutgoing().iterator().next().getTarget()).isInstanceOf(EndEvent.class);
    CallActivity supervise = (CallActivity) deadline.getOutgoing().iterator().next().getTarget();
    assertThat(supervise.getName()).isEqualTo("督办超期事项");
    assertThat(supervise.getCalledElement()).isEqualTo("shared_supervision");
    assertThat(supervise.getCamundaCalledElementBinding()).isEqualTo("deployment");
    List<CamundaIn> ins = supervise.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list();
    assertThat(ins).anySatisfy(in -> assertThat(in.getCamundaVariables()).isEqualTo("all"));
    assertThat(ins).anySatisfy(in -> {
      assertThat(in.getCamundaTarget()).isEqualTo("overdueStep");
      assertThat(in.getCamundaSourceExpression()).isEqualTo(step.name());
    });
    assertThat(ins).anySatisfy(in -> {
      assertThat(in.getCamundaTarget()).isEqualTo("overdueGroup");
      assertThat(in.getCamundaSourceExpression()).isEqualTo(group);
    });
    assertThat(supervise.getOutgoing().iterator().next().getTarget()).isInstanceOf(EndEvent.class);
  }

  private static void assertStartAndEnd(BpmnModelInstance model, String key) {
    StartEvent start = model.getModelElementById(key + "_start");
    assertThat(start.getName()).isEqualTo("案件已受理");
    assertThat(start.getCamundaFormRef()).isEqualTo("case-start");
    assertThat(start.getCamundaFormRefBinding()).isEqualTo("deployment");
    assertThat(start.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list())
        .anySatisfy(l -> {
          assertThat(l.getCamundaEvent()).isEqualTo("start");
          assertThat(l.getCamundaDelegateExpression()).isEqualTo("${caseOpening}");
        });
    List<CallActivity> evaluations = model.getModelElementsByType(CallActivity.class).stream()
        .filter(c -> "shared_evaluation".equals(c.getCalledElement())).toList();
    assertThat(evaluations).isNotEmpty().allSatisfy(c -> {
      assertThat(c.getName()).isEqualTo("评价部门履职");
      assertThat(c.getCamundaCalledElementBinding()).isEqualTo("deployment");
      assertThat(c.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list())
          .anySatisfy(in -> assertThat(in.getCamundaVariables()).isEqualTo("all"));
      assertThat(c.getOutgoing()).singleElement().satisfies(f -> assertThat(f.getTarget()).isInstanceOf(EndEvent.class));
    });
    assertThat(model.<EndEvent>getModelElementById(key + "_end").getName()).isEqualTo("案件已办结");
    for (ParallelGateway gateway : model.getModelElementsByType(ParallelGateway.class)) {
      if (gateway.getIncoming().size() > 1) {
        assertThat(gateway.isCamundaAsyncBefore()).as("join %s runs as a job", gateway.getId()).isTrue();
      }
    }
  }

  private static String documentation(FlowNode node) {
    Collection<Documentation> docs = node.getDocumentations();
    return docs.isEmpty() ? null : docs.iterator().next().getTextContent();
  }

  private static String timeDate(BoundaryEvent event) {
    TimerEventDefinition timer = (TimerEventDefinition) event.getEventDefinitions().iterator().next();
    return timer.getTimeDate().getTextContent();
  }
}
