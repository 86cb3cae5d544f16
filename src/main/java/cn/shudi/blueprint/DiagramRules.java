package cn.shudi.blueprint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/**
 * The drawing rules of {@link ModelCheck}: every element drawn once, inside its pool, lane or sub-process,
 * boundary events on their activity, every flow an orthogonal edge from its source's border to its target's that
 * crosses no other shape. Reports through {@code finding(elementId, message)}; a missing shape or edge is the
 * model check's own finding, so the geometry here skips what is not drawn.
 */
final class DiagramRules {

  static final double TOLERANCE = 1.0;

  private final BpmnModelInstance model;
  private final BiConsumer<String, String> finding;
  private final Map<String, Bounds> shapes = new HashMap<>();
  private final Map<String, List<Waypoint>> edges = new HashMap<>();
  /** The diagram (plane) each shape or edge is drawn on: a collapsed sub-process has its own. */
  private final Map<String, String> planes = new HashMap<>();

  DiagramRules(BpmnModelInstance model, BiConsumer<String, String> finding) {
    this.model = model;
    this.finding = finding;
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() != null && shape.getBounds() != null
          && shapes.put(shape.getBpmnElement().getId(), shape.getBounds()) != null) {
        finding.accept(shape.getBpmnElement().getId(), "规则「每个元素一个图形」：元素画了不止一次（多个 BPMNShape）");
      }
      if (shape.getBpmnElement() != null) {
        planes.put(shape.getBpmnElement().getId(), shape.getParentElement().getAttributeValue("id"));
      }
    }
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() != null) {
        edges.put(edge.getBpmnElement().getId(), new ArrayList<>(edge.getWaypoints()));
        planes.put(edge.getBpmnElement().getId(), edge.getParentElement().getAttributeValue("id"));
      }
    }
  }

  boolean shaped(String id) {
    return shapes.containsKey(id);
  }

  boolean edged(String id) {
    List<Waypoint> points = edges.get(id);
    return points != null && points.size() >= 2;
  }

  /**
   * Lanes in the pool, each flow node in one lane and drawn inside it (or inside its sub-process), boundary events
   * on their activity; {@code subProcessesSpanLanes}: an expanded sub-process need not fit its lane.
   */
  void lanes(Participant pool, Collection<Lane> lanes, boolean subProcessesSpanLanes) {
    for (Lane lane : pool == null ? List.<Lane>of() : lanes) {
      inside(lane.getId(), pool.getId(), "规则「泳道在池内」：泳道应画在池「" + pool.getId() + "」内");
    }
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String id = node.getId();
      List<Lane> in = lanes.stream().filter(l -> l.getFlowNodeRefs().contains(node)).toList();
      if (node.getParentElement() instanceof Process && in.size() != 1 || in.size() > 1) {
        finding.accept(id, "规则「元素在一条泳道中」：应恰好属于一条泳道，实际 " + in.size() + " 条");
      } else if (in.size() == 1 && !(subProcessesSpanLanes && node instanceof SubProcess)) {
        inside(id, in.get(0).getId(), "规则「元素画在泳道内」：应画在泳道「" + in.get(0).getName() + "」内");
      }
      if (node.getParentElement() instanceof SubProcess parent) {
        inside(id, parent.getId(), "规则「元素画在子流程内」：应画在「" + parent.getId() + "」内");
      }
      if (node instanceof BoundaryEvent boundary && shaped(id) && shaped(boundary.getAttachedTo().getId())) {
        Bounds host = shapes.get(boundary.getAttachedTo().getId());
        Bounds b = shapes.get(id);
        if (!intersects(host, b.getX(), b.getY(), b.getX() + b.getWidth(), b.getY() + b.getHeight(), -1)) {
          finding.accept(id, "规则「边界事件在活动边上」：应画在「" + boundary.getAttachedTo().getId() + "」的边上");
        }
      }
    }
  }

  void edges() {
    Collection<FlowNode> nodes = model.getModelElementsByType(FlowNode.class);
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      String id = flow.getId();
      if (!edged(id)) {
        continue;
      }
      List<Waypoint> points = edges.get(id);
      if (!onBorder(shapes.get(flow.getSource().getId()), points.get(0))) {
        finding.accept(id, "规则「连线连到图形边上」：起点不在来源「" + flow.getSource().getId() + "」的边上");
      }
      if (!onBorder(shapes.get(flow.getTarget().getId()), points.get(points.size() - 1))) {
        finding.accept(id, "规则「连线连到图形边上」：终点不在目标「" + flow.getTarget().getId() + "」的边上");
      }
      for (int i = 1; i < points.size(); i++) {
        Waypoint a = points.get(i - 1);
        Waypoint b = points.get(i);
        if (!a.getX().equals(b.getX()) && !a.getY().equals(b.getY())) {
          finding.accept(id, "规则「连线正交」：第 " + i + " 段应水平或竖直");
        }
        for (FlowNode other : nodes) {
          if (other == flow.getSource() || other == flow.getTarget()
              || other instanceof SubProcess && flow.getParentElement() == other || !shaped(other.getId())
              || !samePlane(id, other.getId())) {
            continue;
          }
          if (intersects(shapes.get(other.getId()), Math.min(a.getX(), b.getX()), Math.min(a.getY(), b.getY()),
              Math.max(a.getX(), b.getX()), Math.max(a.getY(), b.getY()), TOLERANCE)) {
            finding.accept(id, "规则「连线不穿过图形」：第 " + i + " 段穿过「" + other.getId() + "」");
          }
        }
      }
    }
  }

  /**
   * What bpmn-js draws must stay readable: flow nodes on one diagram do not overlap (a boundary event sits on its
   * activity, an element inside an expanded sub-process in it), and no flow runs through a label placed in the file
   * (a gateway's question, an event's state, an answer 是/否) other than its own and its ends'.
   */
  void readable() {
    List<FlowNode> nodes = new ArrayList<>(model.getModelElementsByType(FlowNode.class));
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        FlowNode a = nodes.get(i);
        FlowNode b = nodes.get(j);
        if (!shaped(a.getId()) || !shaped(b.getId()) || !samePlane(a.getId(), b.getId()) || attached(a, b)
            || attached(b, a) || contains(a, b) || contains(b, a)) {
          continue;
        }
        Bounds x = shapes.get(a.getId());
        if (intersects(shapes.get(b.getId()), x.getX(), x.getY(), x.getX() + x.getWidth(), x.getY() + x.getHeight(),
            TOLERANCE)) {
          finding.accept(a.getId(), "规则「图形不重叠」：与「" + b.getId() + "」画在一处");
        }
      }
    }
    Map<String, Bounds> labels = new HashMap<>();
    for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
      if (shape.getBpmnElement() != null && shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
        labels.put(shape.getBpmnElement().getId(), shape.getBpmnLabel().getBounds());
      }
    }
    for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
      if (edge.getBpmnElement() != null && edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
        labels.put(edge.getBpmnElement().getId(), edge.getBpmnLabel().getBounds());
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      List<Waypoint> points = edges.get(flow.getId());
      if (points == null) {
        continue;
      }
      for (Map.Entry<String, Bounds> label : labels.entrySet()) {
        String owner = label.getKey();
        if (owner.equals(flow.getId()) || owner.equals(flow.getSource().getId()) || owner.equals(flow.getTarget().getId())
            || !samePlane(owner, flow.getId())) {
          continue;
        }
        for (int i = 1; i < points.size(); i++) {
          Waypoint a = points.get(i - 1);
          Waypoint b = points.get(i);
          if (intersects(label.getValue(), Math.min(a.getX(), b.getX()), Math.min(a.getY(), b.getY()),
              Math.max(a.getX(), b.getX()), Math.max(a.getY(), b.getY()), TOLERANCE)) {
            finding.accept(flow.getId(), "规则「连线不穿过标签」：第 " + i + " 段穿过「" + owner + "」的标签");
            break;
          }
        }
      }
    }
  }

  private static boolean attached(FlowNode event, FlowNode host) {
    return event instanceof BoundaryEvent boundary && boundary.getAttachedTo() == host;
  }

  private static boolean contains(FlowNode outer, FlowNode inner) {
    for (var parent = inner.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent == outer) {
        return true;
      }
    }
    return false;
  }

  static void reached(BpmnModelInstance model, BiConsumer<String, String> finding) {
    for (Activity activity : model.getModelElementsByType(Activity.class)) {
      if (activity.getIncoming().isEmpty()) {
        finding.accept(activity.getId(), "规则「活动有来路」：没有进入的连线，永远不会执行");
      }
    }
  }

  private boolean samePlane(String one, String other) {
    return Objects.equals(planes.get(one), planes.get(other));
  }

  /** Whether {@code inner} is drawn inside {@code outer}; a sub-process drawn collapsed shows its inside elsewhere. */
  private void inside(String inner, String outer, String message) {
    if (shaped(inner) && shaped(outer) && samePlane(inner, outer) && !within(shapes.get(inner), shapes.get(outer))) {
      finding.accept(inner, message);
    }
  }

  static boolean within(Bounds inner, Bounds outer) {
    return inner.getX() >= outer.getX() && inner.getY() >= outer.getY()
        && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
        && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
  }

  /** Whether the box (x1,y1)–(x2,y2) overlaps the shape's interior shrunk by {@code inset}. */
  static boolean intersects(Bounds s, double x1, double y1, double x2, double y2, double inset) {
    return x1 < s.getX() + s.getWidth() - inset && x2 > s.getX() + inset && y1 < s.getY() + s.getHeight() - inset
        && y2 > s.getY() + inset;
  }

  static boolean onBorder(Bounds s, Waypoint p) {
    if (s == null) {
      return true;
    }
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
