package cn.shudi.flagship;

import cn.shudi.blueprint.ItemProcess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

import cn.shudi.blueprint.BlueprintFiles;
import cn.shudi.blueprint.BlueprintGenerator;
import cn.shudi.blueprint.DriftCheck;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;

/**
 * The modelling rules of a flagship blueprint, checked on the file as analysts edit it
 * ({@code processes/zhangqiu/<CODE>.bpmn}): it follows its list item (every step a task of the right
 * unit with the list's deadline, reminder and supervision), it runs on the platform (beans, no classes or
 * scripts, async joins), and it opens in Camunda Modeler with a complete, readable diagram.
 */
final class FlagshipModels {

  static final Path FOLDER = Path.of("processes/zhangqiu");
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  private static final double TOLERANCE = 1.0;
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
    String xml = Files.readString(FOLDER.resolve(code + ".bpmn"), StandardCharsets.UTF_8);
    assertThat(xml).as("no Java classes, no scripts").doesNotContain("camunda:class", "scriptTask", "camunda:script",
        "scriptFormat");
    assertThat(xml).as("hand-modelled: the generator keeps it").doesNotContain("exporter=\"shudi-blueprint-generator\"");
    for (String ns : List.of("modeler:executionPlatform=\"Camunda Platform\"", "modeler:executionPlatformVersion=\"7.24.0\"")) {
      assertThat(xml).contains(ns);
    }
    BpmnModelInstance model = read(code);
    Bpmn.validateModel(model);

    // the list: no drift, and every step carries the conventions
    assertThat(new DriftCheck(new BlueprintFiles(FOLDER.getParent())).check(code + ".bpmn", model, item)).isEmpty();
    Process process = model.getModelElementById(key);
    assertThat(process.getName()).isEqualTo(item.name());
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");
    for (Responsibility unit : item.responsibilities()) {
      for (int i = 0; i < unit.steps().size(); i++) {
        assertStep(model, BlueprintGenerator.stepId(item, unit, i), unit, unit.steps().get(i));
      }
    }
    assertStartAndEnd(model, key);

    // the diagram
    Collection<Participant> participants = model.getModelElementsByType(Participant.class);
    assertThat(participants).hasSize(1);
    Participant pool = participants.iterator().next();
    assertThat(pool.getProcess()).isSameAs(process);
    assertThat(pool.getName()).isEqualTo(item.name());
    Set<String> unitNames = new LinkedHashSet<>();
    item.responsibilities().forEach(r -> unitNames.add(r.party().name()));
    Collection<Lane> lanes = model.getModelElementsByType(Lane.class);
    assertThat(lanes).extracting(Lane::getName).as("one lane per unit").containsExactlyInAnyOrderElementsOf(unitNames);
    assertDiagram(model, key, pool, lanes);
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

  private static void assertDiagram(BpmnModelInstance model, String key, Participant pool, Collection<Lane> lanes) {
    Map<String, Bounds> shapes = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      assertThat(shapes.put(shape.getBpmnElement().getId(), shape.getBounds())).as("one shape per element").isNull();
    }
    Map<String, List<Waypoint>> edges = new HashMap<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      edges.put(edge.getBpmnElement().getId(), new ArrayList<>(edge.getWaypoints()));
    }
    assertThat(shapes).containsKey(pool.getId());
    for (Lane lane : lanes) {
      assertThat(shapes).as("lane %s has a shape", lane.getId()).containsKey(lane.getId());
      assertThat(within(shapes.get(lane.getId()), shapes.get(pool.getId()))).isTrue();
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String id = node.getId();
      assertThat(id).as("id").matches(key + "_[a-z0-9_]+");
      assertThat(shapes).as("flow node %s has a BPMNShape", id).containsKey(id);
      boolean splitting = node instanceof Gateway && node.getOutgoing().size() > 1;
      if (node instanceof Activity || node instanceof Event || splitting) {
        assertThat(node.getName()).as("Chinese name of %s", id).matches(n -> n != null && CJK.matcher(n).find());
      }
      if (node instanceof ExclusiveGateway && splitting) {
        assertThat(node.getName()).as("gateway %s asks a question", id).endsWith("？");
        assertThat(node.getOutgoing()).extracting(SequenceFlow::getName).as("answers out of %s", id)
            .containsExactlyInAnyOrder("是", "否");
      }
      List<Lane> in = lanes.stream().filter(l -> l.getFlowNodeRefs().contains(node)).toList();
      if (node.getParentElement() instanceof Process) {
        assertThat(in).as("%s is in exactly one lane", id).hasSize(1);
      }
      assertThat(in).as("%s is in at most one lane", id).hasSizeLessThanOrEqualTo(1);
      if (!in.isEmpty() && !(node instanceof SubProcess)) {
        assertThat(within(shapes.get(id), shapes.get(in.get(0).getId()))).as("%s drawn inside its lane", id).isTrue();
      }
      if (node.getParentElement() instanceof SubProcess parent) {
        assertThat(within(shapes.get(id), shapes.get(parent.getId()))).as("%s drawn inside %s", id, parent.getId())
            .isTrue();
      }
      if (node instanceof BoundaryEvent boundary) {
        Bounds host = shapes.get(boundary.getAttachedTo().getId());
        Bounds b = shapes.get(id);
        assertThat(intersects(host, b.getX(), b.getY(), b.getX() + b.getWidth(), b.getY() + b.getHeight(), -1))
            .as("%s drawn on the border of its activity", id).isTrue();
      }
      if (node instanceof Activity) {
        assertThat(node.getIncoming()).as("%s is reached", id).isNotEmpty();
      }
    }
    for (BaseElement element : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(element.getId()).matches(key + "_flow_[0-9]+");
    }
    Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      String id = flow.getId();
      assertThat(edges).as("sequence flow %s has a BPMNEdge", id).containsKey(id);
      List<Waypoint> points = edges.get(id);
      assertThat(points).hasSizeGreaterThanOrEqualTo(2);
      assertThat(onBorder(shapes.get(flow.getSource().getId()), points.get(0))).as("%s leaves its source", id).isTrue();
      assertThat(onBorder(shapes.get(flow.getTarget().getId()), points.get(points.size() - 1)))
          .as("%s reaches its target", id).isTrue();
      for (int i = 1; i < points.size(); i++) {
        Waypoint a = points.get(i - 1);
        Waypoint b = points.get(i);
        assertThat(a.getX().equals(b.getX()) || a.getY().equals(b.getY())).as("segment %d of %s is orthogonal", i, id)
            .isTrue();
        for (FlowNode other : nodes) {
          if (other == flow.getSource() || other == flow.getTarget()
              || other instanceof SubProcess && flow.getParentElement() == other) {
            continue;
          }
          Bounds s = shapes.get(other.getId());
          assertThat(intersects(s, Math.min(a.getX(), b.getX()), Math.min(a.getY(), b.getY()),
              Math.max(a.getX(), b.getX()), Math.max(a.getY(), b.getY()), TOLERANCE))
              .as("segment %d of %s crosses %s", i, id, other.getId()).isFalse();
        }
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

  private static boolean within(Bounds inner, Bounds outer) {
    return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  private static boolean intersects(Bounds s, double x1, double y1, double x2, double y2, double inset) {
    double left = s.getX() + inset;
    double top = s.getY() + inset;
    double right = s.getX() + s.getWidth() - inset;
    double bottom = s.getY() + s.getHeight() - inset;
    return x1 < right && x2 > left && y1 < bottom && y2 > top;
  }

  private static boolean onBorder(Bounds s, Waypoint p) {
    double left = s.getX();
    double top = s.getY();
    double right = left + s.getWidth();
    double bottom = top + s.getHeight();
    boolean insideX = p.getX() >= left - TOLERANCE && p.getX() <= right + TOLERANCE;
    boolean insideY = p.getY() >= top - TOLERANCE && p.getY() <= bottom + TOLERANCE;
    boolean onVertical = Math.abs(p.getX() - left) <= TOLERANCE || Math.abs(p.getX() - right) <= TOLERANCE;
    boolean onHorizontal = Math.abs(p.getY() - top) <= TOLERANCE || Math.abs(p.getY() - bottom) <= TOLERANCE;
    return insideX && insideY && (onVertical || onHorizontal);
  }
}
