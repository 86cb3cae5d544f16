package cn.shudi.casework;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * A step's outcome, recorded as its task completes (a built-in {@code complete} listener that
 * {@link StepOutcomePlugin} puts on every user task of a case): one row in {@link StepOutcomes}, with what
 * the completion already has at hand — the task's candidate group (loaded anyway to delete the task's
 * links), the logged-in user, the engine clock and the step's local form fields. No query of the history.
 */
final class StepRecorder implements TaskListener {

  private final StepOutcomes outcomes;
  private final Organization organization;
  /** Whether the step's form fields are local to it (the task has an input mapping). */
  private final boolean mapped;

  StepRecorder(StepOutcomes outcomes, Organization organization, boolean mapped) {
    this.outcomes = outcomes;
    this.organization = organization;
    this.mapped = mapped;
  }

  @Override
  public void notify(DelegateTask task) {
    ExecutionEntity execution = ((TaskEntity) task).getExecution();
    Map<String, Object> facts = mapped && execution != null ? execution.getVariablesLocal() : Map.of();
    String group = candidateGroup(task.getCandidates(), organization.find(task.getTenantId()).orElse(null));
    if (group == null && execution != null) {
      group = groupFromId(execution, task.getTaskDefinitionKey());
    }
    outcomes.record(new StepOutcomes.Outcome(task.getProcessInstanceId(), task.getTenantId(),
        task.getTaskDefinitionKey(), task.getName(), task.getId(), group, unitName(task.getTenantId(), group),
        completedBy(task), ClockUtil.getCurrentTime().toInstant(), facts));
  }

  /**
   * The unit the step is for: its candidate group, not the stationed agency that may also hold the task (a task of
   * the department's is the department's step, whoever of its people did it).
   */
  private static String candidateGroup(Iterable<IdentityLink> links, Jurisdiction county) {
    for (IdentityLink link : links) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null && (county == null
          || county.unitOfGroup(link.getGroupId()).filter(Unit::isStation).isEmpty())) {
        return link.getGroupId();
      }
    }
    return null;
  }

  /** A step without a candidate group: the unit its id names ({@code <key>_<unit>_<n>}). */
  private String groupFromId(ExecutionEntity execution, String stepId) {
    String key = execution.getProcessDefinition().getKey();
    return ItemProcess.ids(key).unitOf(stepId).map(unit -> unit.equals(ItemProcess.TOWNSHIP_UNIT)
        ? ItemProcess.TOWNSHIP_GROUP.get(execution)
        : organization.find(execution.getTenantId()).flatMap(j -> j.unit(unit)).map(Unit::groupId).orElse(null))
        .orElse(null);
  }

  private String unitName(String tenant, String group) {
    if (group == null) {
      return null;
    }
    return organization.find(tenant).flatMap(j -> j.unitOfGroup(group)).map(Unit::shortName).orElse(group);
  }

  /** The logged-in user completing the task, else its assignee. */
  private static String completedBy(DelegateTask task) {
    CommandContext context = Context.getCommandContext();
    String user = context == null ? null : context.getAuthenticatedUserId();
    return user != null ? user : task.getAssignee();
  }
}
