package cn.shudi.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.listener.DelegateExpressionExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * Puts a {@link StepRecorder} on every user task of a case as a built-in {@code complete} listener, when
 * the engine parses the model (the models stay as analysts draw them; a model cannot remove it). A case is
 * a process of the blueprint family: its start event opens the case ({@value ItemProcess#OPENING_LISTENER});
 * the shared processes (calls, supervision, evaluation …) record nothing. Before that, on every process, a
 * {@link CaseCard} and {@link StationedAgencies} go on every user task and a {@link FormCheck} on each user task and start event that has a Camunda form, so the server enforces
 * what the form states before anything is recorded. The camunda Spring Boot starter registers every
 * {@code ProcessEnginePlugin} bean.
 */
@Component
class StepOutcomePlugin extends AbstractProcessEnginePlugin {

  private final StepOutcomes outcomes;
  private final Organization organization;
  private final FormCheck forms;
  private final CaseCard card;

  StepOutcomePlugin(StepOutcomes outcomes, Organization organization, FormCheck forms) {
    this.outcomes = outcomes;
    this.organization = organization;
    this.forms = forms;
    this.card = new CaseCard();
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
        checkForms(process);
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

  /** A case's start form (when it starts by itself) and every user task's Camunda form. */
  private void checkForms(ProcessDefinitionEntity process) {
    // the start form of a blueprint's case (a shared process's start is checked by its own feature: a call
    // outside the list, for one, is refused and recorded, not turned away)
    FormDefinition start = process.getStartFormDefinition();
    if (start != null && start.getCamundaFormDefinitionKey() != null
        && ItemProcess.START_FORM.equals(start.getCamundaFormDefinitionKey().getExpressionText())
        && process.getInitial() != null) {
      process.getInitial().addBuiltInListener(ExecutionListener.EVENTNAME_START,
          (ExecutionListener) forms::starting);
    }
    // every user task: its card when created, then the department's agency in the case's township as a candidate
    // too; its form's rules when completed
    eachUserTask(process, (activity, task) -> {
      task.addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, (TaskListener) this::created);
      if (task.getCamundaFormDefinitionKey() != null) {
        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, (TaskListener) forms::completing);
      }
    });
  }

  /**
   * A task is created: its county, the case's township and the candidate groups the model gave it are read once, for
   * its card and for the stationed agency that may hold it too.
   */
  private void created(DelegateTask task) {
    Optional<Jurisdiction> county = organization.find(task.getTenantId());
    Optional<String> township = ItemProcess.TOWNSHIP_GROUP.find(task);
    List<String> candidates = task.getCandidates().stream().map(IdentityLink::getGroupId).filter(Objects::nonNull)
        .toList();
    card.write(task, county, township, candidates);
    if (county.isPresent() && township.isPresent()) {
      StationedAgencies.add(task, county.get(), township.get(), candidates);
    }
  }

  private void recordSteps(ScopeImpl process) {
    eachUserTask(process, (activity, task) -> task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE,
        new StepRecorder(outcomes, organization, activity.getIoMapping() != null)));
  }

  /** Every user task of the scope and of its sub-processes (a multi-instance task inside its body). */
  private static void eachUserTask(ScopeImpl scope, BiConsumer<ActivityImpl, TaskDefinition> action) {
    for (ActivityImpl activity : scope.getActivities()) {
      if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
        action.accept(activity, userTask.getTaskDefinition());
      }
      eachUserTask(activity, action);
    }
  }
}
