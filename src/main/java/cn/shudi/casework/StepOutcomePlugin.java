package cn.shudi.casework;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.listener.DelegateExpressionExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.organization.Organization;

/**
 * Puts a {@link StepRecorder} on every user task of a case as a built-in {@code complete} listener, when
 * the engine parses the model (the models stay as analysts draw them; a model cannot remove it). A case is
 * a process of the blueprint family: its start event opens the case ({@value ItemProcess#OPENING_LISTENER});
 * the shared processes (calls, supervision, evaluation …) record nothing. The camunda Spring Boot starter
 * registers every {@code ProcessEnginePlugin} bean.
 */
@Component
class StepOutcomePlugin extends AbstractProcessEnginePlugin {

  private final StepOutcomes outcomes;
  private final Organization organization;

  StepOutcomePlugin(StepOutcomes outcomes, Organization organization) {
    this.outcomes = outcomes;
    this.organization = organization;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
        if (opensCases(process)) {
          recordSteps(process);
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  /** Whether a start event of the process opens a case ({@code ${caseOpening}}). */
  static boolean opensCases(ScopeImpl process) {
    for (ActivityImpl activity : process.getActivities()) {
      for (var listener : activity.getListeners(ExecutionListener.EVENTNAME_START)) {
        if (listener instanceof DelegateExpressionExecutionListener opening
            && ItemProcess.OPENING_LISTENER.equals(opening.getExpressionText())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every user task of the scope and of its sub-processes (a multi-instance task inside its body). */
  private void recordSteps(ScopeImpl scope) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
            new StepRecorder(outcomes, organization, activity.getIoMapping() != null));
      }
      recordSteps(activity);
    }
  }
}
