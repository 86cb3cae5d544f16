package cn.shudi.process;

/**
 * An element of a process model by its id, declared once in the class of the process (an enum of its
 * element ids), so code and tests never spell an id themselves.
 */
public interface BpmnElement {

  /** The element's id in the BPMN file. */
  String id();
}
