package cn.shudi.casework;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.organization.Jurisdiction;

/**
 * What tells one case's task from another on a Tasklist card: the subject, the township by name, the unit the
 * task is for and the list item, written onto the task as one local variable ({@link ItemProcess#CARD}) when it is created (by
 * {@link StepOutcomePlugin}'s create listener on every user task). Tasklist reads a filter's card variables with the staff member's grants, and unit staff
 * may read their tasks but not the case's variables. The due date and the time left are Tasklist's own.
 *
 * <p>The unit that started the case ({@code caseStarterGroup}) may read each of its tasks (a READ grant on
 * the task, gone with the task): its filter 我发起的案件 follows where the case is; it works on none of them.
 */
final class CaseCard {

  /** Between the card's parts (Tasklist's script splits at it to name a task's unit). */
  static final String SEPARATOR = "\u3000";

  /**
   * Writes the task's card and, where the starting unit is not among the candidates, its READ grant.
   *
   * @param county the task's county, if it is one
   * @param township the case's township group, if the case has one
   * @param candidates the task's candidate groups as the model gave them
   */
  void write(DelegateTask task, Optional<Jurisdiction> county, Optional<String> township, List<String> candidates) {
    StringJoiner card = new StringJoiner(SEPARATOR);
    ItemProcess.CASE_SUBJECT.find(task).ifPresent(subject -> card.add("对象：" + subject));
    township.flatMap(group -> county.flatMap(j -> j.unitOfGroup(group)))
        .ifPresent(unit -> card.add("镇街：" + unit.shortName()));
    candidates.stream().map(group -> county.flatMap(j -> j.unitOfGroup(group))).flatMap(Optional::stream)
        .findFirst().ifPresent(unit -> card.add("办理单位：" + unit.shortName()));
    ItemProcess.ITEM_CODE.find(task)
        .ifPresent(code -> card.add("事项：" + code + " " + ItemProcess.ITEM_NAME.find(task).orElse("")));
    if (card.length() > 0) {
      ItemProcess.CARD.setLocal(task, card.toString());
    }
    ItemProcess.CASE_STARTER_GROUP.find(task).filter(group -> !candidates.contains(group))
        .ifPresent(group -> letRead(task, group));
  }

  /** A READ grant on the task for the group, written with the platform's rights (staff may not grant). */
  private static void letRead(DelegateTask task, String group) {
    CommandContext context = Context.getCommandContext();
    boolean enabled = context.isAuthorizationCheckEnabled();
    context.disableAuthorizationCheck();
    try {
      AuthorizationService authorizations = task.getProcessEngineServices().getAuthorizationService();
      // the task was just created and the group is not its candidate: no grant of the group on it exists yet
      Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(group);
      grant.setResource(Resources.TASK);
      grant.setResourceId(task.getId());
      grant.addPermission(Permissions.READ);
      authorizations.saveAuthorization(grant);
    } finally {
      if (enabled) {
        context.enableAuthorizationCheck();
      }
    }
  }
}
