/**
 * The glue between the platform's code and its BPMN processes: {@link cn.shudi.process.Variable} (a typed
 * process variable) and {@link cn.shudi.process.BpmnElement} (an element id). Every process has one class
 * in the feature that owns it, declaring its key, its element ids, its variables and the beans its model
 * calls; everything else uses those declarations. This package depends on Camunda's API only.
 */
package cn.shudi.process;
