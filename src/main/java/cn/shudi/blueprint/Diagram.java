package cn.shudi.blueprint;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;

/** Writes the diagram interchange (shapes and edges) of a model: what Modeler and Cockpit draw. */
final class Diagram {

  private final BpmnModelInstance model;
  private final BpmnPlane plane;

  Diagram(BpmnModelInstance model, String id, BaseElement root) {
    this.model = model;
    BpmnDiagram diagram = model.newInstance(BpmnDiagram.class);
    diagram.setId(id + "_diagram");
    model.getDefinitions().addChildElement(diagram);
    plane = model.newInstance(BpmnPlane.class);
    plane.setId(id + "_plane");
    plane.setBpmnElement(root);
    diagram.setBpmnPlane(plane);
  }

  BpmnShape shape(BaseElement element, double x, double y, double width, double height) {
    BpmnShape shape = model.newInstance(BpmnShape.class);
    shape.setId(element.getId() + "_di");
    shape.setBpmnElement(element);
    Bounds bounds = model.newInstance(Bounds.class);
    bounds.setX(x);
    bounds.setY(y);
    bounds.setWidth(width);
    bounds.setHeight(height);
    shape.setBounds(bounds);
    if (element instanceof ExclusiveGateway) {
      shape.setMarkerVisible(true); // the X that tells a question from a merge at a glance
    }
    plane.addChildElement(shape);
    return shape;
  }

  /** Places the element's label (bpmn-js puts it below the shape otherwise). */
  void label(BpmnShape shape, double x, double y, double width, double height) {
    shape.setBpmnLabel(label(shape.getId() + "_label", x, y, width, height));
  }

  /** The edge drawn for a flow. */
  BpmnEdge edgeOf(SequenceFlow flow) {
    return model.getModelElementById(flow.getId() + "_di");
  }

  /** Places a flow's label, e.g. a gateway's answer 是/否. */
  void label(BpmnEdge edge, double x, double y, double width, double height) {
    edge.setBpmnLabel(label(edge.getId() + "_label", x, y, width, height));
  }

  private BpmnLabel label(String id, double x, double y, double width, double height) {
    BpmnLabel label = model.newInstance(BpmnLabel.class);
    label.setId(id);
    Bounds bounds = model.newInstance(Bounds.class);
    bounds.setX(x);
    bounds.setY(y);
    bounds.setWidth(width);
    bounds.setHeight(height);
    label.setBounds(bounds);
    return label;
  }

  /** An orthogonal edge through the given points: x1, y1, x2, y2, … */
  BpmnEdge edge(SequenceFlow flow, double... points) {
    BpmnEdge edge = model.newInstance(BpmnEdge.class);
    edge.setId(flow.getId() + "_di");
    edge.setBpmnElement(flow);
    for (int i = 0; i + 1 < points.length; i += 2) {
      Waypoint waypoint = model.newInstance(Waypoint.class);
      waypoint.setX(points[i]);
      waypoint.setY(points[i + 1]);
      edge.getWaypoints().add(waypoint);
    }
    plane.addChildElement(edge);
    return edge;
  }
}
