package cn.shudi.accountability;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import cn.shudi.catalog.Catalogs;
import cn.shudi.organization.Organization;

/**
 * Puts the {@link TownshipGuard} on every user task the engine parses, as a built-in {@code create}
 * listener (it runs before the model's own listeners, and a model cannot remove it). The camunda Spring
 * Boot starter registers every {@code ProcessEnginePlugin} bean. Why the check runs at task creation and
 * not at deployment: see {@link TownshipGuard}.
 */
@Component
class TownshipGuardPlugin extends AbstractProcessEnginePlugin {

  private final TownshipGuard guard;

  TownshipGuardPlugin(Organization organization, Catalogs catalogs, Refusals refusals) {
    this.guard = new TownshipGuard(organization, catalogs, refusals);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPreBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPreBPMNParseListeners());
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
          userTask.getTaskDefinition().addBuiltInTaskListener(TaskListener.EVENTNAME_CREATE, guard);
        }
      }
    });
    configuration.setCustomPreBPMNParseListeners(listeners);
  }
}
