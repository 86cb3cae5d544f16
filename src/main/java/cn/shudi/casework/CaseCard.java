package cn.shudi.casework;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * What tells one case's task from another on a Tasklist card: the subject, the township by name and the list
 * item, copied onto the task as local variables when it is created ({@link StepOutcomePlugin} puts this on
 * every user task). Tasklist reads a filter's card variables with the staff member's grants, and unit staff
 * may read their tasks but not the case's variables. The due date and the time left are Tasklist's own.
 */
final class CaseCard implements TaskListener {

  private final Organization organization;

  CaseCard(Organization organization) {
    this.organization = organization;
  }

  @Override
  public void notify(DelegateTask task) {
    ItemProcess.CASE_SUBJECT.find(task).ifPresent(subject -> ItemProcess.CARD_SUBJECT.setLocal(task, subject));
    ItemProcess.TOWNSHIP_GROUP.find(task).flatMap(group -> organization.find(task.getTenantId())
        .flatMap(j -> j.unitOfGroup(group))).map(Unit::shortName)
        .ifPresent(name -> ItemProcess.CARD_TOWNSHIP.setLocal(task, name));
    ItemProcess.ITEM_CODE.find(task).ifPresent(code -> ItemProcess.CARD_ITEM.setLocal(task,
        code + " " + ItemProcess.ITEM_NAME.find(task).orElse("")));
  }
}
