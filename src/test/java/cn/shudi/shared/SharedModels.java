package cn.shudi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Collaboration;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Checks that a hand-modelled shared process follows the modelling rules: it parses with the Camunda
 * model API, opens in Camunda Modeler (Camunda Platform 7.24) with a pool, lanes and a complete diagram,
 * and carries Chinese names and prefixed ids. Reads the file from the repository's
 * {@code processes/shared/} folder, as analysts edit it.
 */
final class SharedModels {

  static final Path FOLDER = Path.of("processes/shared");
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  private static final double TOLERANCE = 1.0;

  private SharedModels() {
  }

  static BpmnModelInstance read(String processId) {
    try (InputStream in = Files.newInputStream(FOLDER.resolve(processId + ".bpmn"))) {
      return Bpmn.readModelFromStream(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Everything the modelling rules require of {@code processes/shared/<processId>.bpmn}. */
  static void assertWellModelled(String processId, String processName) throws IOException {
    String xml = Files.readString(FOLDER.resolve(processId + ".bpmn"), StandardCharsets.UTF_8);
    for (String ns : List.of("xmlns:bpmn=", "xmlns:bpmndi=", "xmlns:dc=", "xmlns:di=", "xmlns:camunda=",
        "xmlns:modeler=\"http://camunda.org/schema/modeler/1.0\"", "modeler:executionPlatform=\"Camunda Platform\"",
        "modeler:executionPlatformVersion=\"7.24.0\"")) {
      assertThat(xml).as("%s declares %s", processId, ns).contains(ns);
    }
    assertThat(xml).as("no Java classes, no scripts").doesNotContain("camunda:class", "scriptTask", "camunda:script",
        "scriptFormat");

    BpmnModelInstance model = read(processId);
    Bpmn.validateModel(model);

    Process process = model.getModelElementById(processId);
    assertThat(process).as("process %s", processId).isNotNull();
    assertThat(process.getName()).isEqualTo(processName);
    assertThat(process.isExecutable()).isTrue();
    assertThat(process.getCamundaHistoryTimeToLiveString()).isEqualTo("P365D");

    Collection<Collaboration> collaborations = model.getModelElementsByType(Collaboration.class);
    assertThat(collaborations).hasSize(1);
    Collection<Participant> participants = model.getModelElementsByType(Participant.class);
    assertThat(participants).hasSize(1);
    Participant pool = participants.iterator().next();
    assertThat(pool.getProcess()).isSameAs(process);
    assertThat(pool.getName()).isEqualTo(processName);

    Map<String, Bounds> shapes = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      assertThat(shapes.put(shape.getBpmnElement().getId(), shape.getBounds())).as("one shape per element").isNull();
    }
    Map<String, List<Waypoint>> edges = new HashMap<>();
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      edges.put(edge.getBpmnElement().getId(), new ArrayList<>(edge.getWaypoints()));
    }

    assertThat(shapes).as("the pool has a shape").containsKey(pool.getId());
    Collection<Lane> lanes = model.getModelElementsByType(Lane.class);
    assertThat(lanes).as("lanes by role").isNotEmpty();
    for (Lane lane : lanes) {
      assertThat(lane.getName()).as("lane %s", lane.getId()).matches(n -> n != null && CJK.matcher(n).find());
      assertThat(shapes).as("lane %s has a shape", lane.getId()).containsKey(lane.getId());
      assertThat(within(shapes.get(lane.getId()), shapes.get(pool.getId()))).as("lane %s in the pool", lane.getId())
          .isTrue();
    }

    // every flow node: shape, name, id, lane
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String id = node.getId();
      assertThat(shapes).as("flow node %s has a BPMNShape", id).containsKey(id);
      boolean needsName = node instanceof Task || node instanceof Event || node instanceof CallActivity
          || node instanceof SubProcess || (node instanceof Gateway && node.getOutgoing().size() > 1);
      if (needsName) {
        assertThat(node.getName()).as("Chinese name of %s", id).matches(n -> n != null && CJK.matcher(n).find());
      }
      if (node instanceof Gateway && node.getOutgoing().size() > 1) {
        assertThat(node.getName()).as("gateway %s asks a question", id).endsWith("？");
        assertThat(node.getOutgoing()).extracting(SequenceFlow::getName).as("flows out of %s", id)
            .containsExactlyInAnyOrder("是", "否");
      }
      if (node.getParentElement() instanceof Process) {
        List<Lane> in = lanes.stream().filter(l -> l.getFlowNodeRefs().contains(node)).toList();
        assertThat(in).as("%s is in exactly one lane", id).hasSize(1);
        assertThat(within(shapes.get(id), shapes.get(in.get(0).getId()))).as("%s drawn inside its lane", id).isTrue();
      } else if (node.getParentElement() instanceof SubProcess parent) {
        assertThat(within(shapes.get(id), shapes.get(parent.getId()))).as("%s drawn inside %s", id, parent.getId())
            .isTrue();
      }
      if (node instanceof BoundaryEvent boundary) {
        Bounds host = shapes.get(boundary.getAttachedTo().getId());
        Bounds b = shapes.get(id);
        assertThat(intersects(host, b.getX(), b.getY(), b.getX() + b.getWidth(), b.getY() + b.getHeight(), -1))
            .as("%s drawn on the border of its activity", id).isTrue();
      }
    }

    // ids: lower_snake with the process prefix
    for (ModelElementInstance element : model.getModelElementsByType(BaseElement.class)) {
      String id = ((BaseElement) element).getId();
      if (id != null && !(element instanceof Process)) {
        assertThat(id).as("id of a %s", element.getElementType().getTypeName())
            .matches(processId + "_[a-z0-9_]+");
      }
    }

    // every sequence flow: an orthogonal edge from its source to its target, crossing no other shape
    Collection<SequenceFlow> flows = model.getModelElementsByType(SequenceFlow.class);
    for (SequenceFlow flow : flows) {
      String id = flow.getId();
      assertThat(edges).as("sequence flow %s has a BPMNEdge", id).containsKey(id);
      List<Waypoint> points = edges.get(id);
      assertThat(points).as("waypoints of %s", id).hasSizeGreaterThanOrEqualTo(2);
      assertThat(onBorder(shapes.get(flow.getSource().getId()), points.get(0))).as("%s leaves its source", id)
          .isTrue();
      assertThat(onBorder(shapes.get(flow.getTarget().getId()), points.get(points.size() - 1)))
          .as("%s reaches its target", id).isTrue();
      for (int i = 1; i < points.size(); i++) {
        Waypoint a = points.get(i - 1);
        Waypoint b = points.get(i);
        assertThat(a.getX().equals(b.getX()) || a.getY().equals(b.getY())).as("segment %d of %s is orthogonal", i, id).isTrue();
        for (FlowNode other : model.getModelElementsByType(FlowNode.class)) {
          if (other == flow.getSource() || other == flow.getTarget() || other instanceof SubProcess
              && flow.getParentElement() == other) {
            continue;
          }
          Bounds s = shapes.get(other.getId());
          assertThat(intersects(s, Math.min(a.getX(), b.getX()), Math.min(a.getY(), b.getY()),
              Math.max(a.getX(), b.getX()), Math.max(a.getY(), b.getY()), TOLERANCE))
              .as("segment %d of %s crosses %s", i, id, other.getId()).isFalse();
        }
      }
    }
    for (Activity activity : model.getModelElementsByType(Activity.class)) {
      assertThat(activity.getIncoming()).as("%s is reached", activity.getId()).isNotEmpty();
    }
  }

  private static boolean within(Bounds inner, Bounds outer) {
    return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  /** Whether the box (x1,y1)–(x2,y2) overlaps the shape's interior shrunk by {@code inset}. */
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
