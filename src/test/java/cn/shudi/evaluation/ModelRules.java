package cn.shudi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Collaboration;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * The modelling rules for the hand-modelled shared processes of this feature, checked on the file in the
 * repository's {@code processes/shared/} as analysts edit it: opens in Camunda Modeler for Camunda 7.24 with
 * a pool, lanes and a complete diagram (a shape for every flow node, lane and pool inside its container, an
 * orthogonal edge from source to target for every flow), Chinese names, prefixed lower_snake ids, beans
 * instead of classes or scripts, forms bound to the deployment, a group and a deadline on every user task.
 */
public final class ModelRules {

  static final Path FOLDER = Path.of("processes/shared");
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");

  private ModelRules() {
  }

  public static BpmnModelInstance read(String processId) {
    return Bpmn.readModelFromFile(FOLDER.resolve(processId + ".bpmn").toFile());
  }

  public static void assertWellModelled(String processId, String processName) throws IOException {
    String xml = Files.readString(FOLDER.resolve(processId + ".bpmn"), StandardCharsets.UTF_8);
    assertThat(xml).contains("modeler:executionPlatform=\"Camunda Platform\"",
        "modeler:executionPlatformVersion=\"7.24.0\"");
    assertThat(xml).as("beans, never classes or scripts").doesNotContain("camunda:class", "scriptTask",
        "camunda:script", "scriptFormat", "DOCTYPE");

    BpmnModelInstance model = read(processId);
    Bpmn.validateModel(model);
    Process process = model.getModelElementById(processId);
    assertThat(process.getName()).isEqualTo(processName);
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");

    assertThat(model.getModelElementsByType(Collaboration.class)).hasSize(1);
    Collection<Participant> pools = model.getModelElementsByType(Participant.class);
    assertThat(pools).hasSize(1);
    Participant pool = pools.iterator().next();
    assertThat(pool.getProcess()).isSameAs(process);
    assertThat(pool.getName()).isEqualTo(processName);

    Map<String, Bounds> shapes = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      assertThat(shapes.put(shape.getBpmnElement().getId(), shape.getBounds())).as("one shape per element").isNull();
    }
    assertThat(shapes).containsKey(pool.getId());
    Collection<Lane> lanes = model.getModelElementsByType(Lane.class);
    assertThat(lanes).isNotEmpty();
    for (Lane lane : lanes) {
      assertThat(lane.getName()).as("lane %s", lane.getId()).matches(n -> n != null && CJK.matcher(n).find());
      assertThat(within(shapes.get(lane.getId()), shapes.get(pool.getId()))).as("lane %s in the pool", lane.getId())
          .isTrue();
    }

    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String id = node.getId();
      assertThat(shapes).as("shape of %s", id).containsKey(id);
      boolean splitting = node instanceof Gateway && node.getOutgoing().size() > 1;
      if (node instanceof Task || node instanceof Event || splitting) {
        assertThat(node.getName()).as("Chinese name of %s", id).matches(n -> n != null && CJK.matcher(n).find());
      }
      if (splitting) {
        assertThat(node.getName()).as("gateway %s asks a question", id).endsWith("？");
        assertThat(node.getOutgoing()).extracting(SequenceFlow::getName).containsExactlyInAnyOrder("是", "否");
      }
      List<Lane> in = lanes.stream().filter(l -> l.getFlowNodeRefs().contains(node)).toList();
      assertThat(in).as("%s is in exactly one lane", id).hasSize(1);
      assertThat(within(shapes.get(id), shapes.get(in.get(0).getId()))).as("%s drawn in its lane", id).isTrue();
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaFormRef()).as("form of %s", task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      assertThat(task.getCamundaCandidateGroups()).as("group of %s", task.getId()).isNotBlank();
      assertThat(task.getCamundaDueDate()).as("deadline of %s", task.getId()).startsWith("${deadlines.after(");
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        assertThat(start.getCamundaFormRefBinding()).isEqualTo("deployment");
      }
    }
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      if (element.getId() != null && !(element instanceof Process)) {
        assertThat(element.getId()).as("id of a %s", element.getElementType().getTypeName())
            .matches(processId + "_[a-z0-9_]+");
      }
    }

    Map<String, List<Waypoint>> edges = new HashMap<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      edges.put(edge.getBpmnElement().getId(), List.copyOf(edge.getWaypoints()));
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      List<Waypoint> points = edges.get(flow.getId());
      assertThat(points).as("edge of %s", flow.getId()).isNotNull().hasSizeGreaterThanOrEqualTo(2);
      assertThat(onBorder(shapes.get(flow.getSource().getId()), points.get(0))).as("%s leaves its source", flow.getId())
          .isTrue();
      assertThat(onBorder(shapes.get(flow.getTarget().getId()), points.get(points.size() - 1)))
          .as("%s reaches its target", flow.getId()).isTrue();
      for (int i = 1; i < points.size(); i++) {
        Waypoint a = points.get(i - 1);
        Waypoint b = points.get(i);
        assertThat(a.getX().equals(b.getX()) || a.getY().equals(b.getY())).as("%s is orthogonal", flow.getId())
            .isTrue();
      }
    }
  }

  private static boolean within(Bounds inner, Bounds outer) {
    return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  private static boolean onBorder(Bounds s, Waypoint p) {
    double tolerance = 1.0;
    boolean insideX = p.getX() >= s.getX() - tolerance && p.getX() <= s.getX() + s.getWidth() + tolerance;
    boolean insideY = p.getY() >= s.getY() - tolerance && p.getY() <= s.getY() + s.getHeight() + tolerance;
    boolean vertical = Math.abs(p.getX() - s.getX()) <= tolerance
        || Math.abs(p.getX() - s.getX() - s.getWidth()) <= tolerance;
    boolean horizontal = Math.abs(p.getY() - s.getY()) <= tolerance
        || Math.abs(p.getY() - s.getY() - s.getHeight()) <= tolerance;
    return insideX && insideY && (vertical || horizontal);
  }
}
