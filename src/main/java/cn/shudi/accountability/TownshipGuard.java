package cn.shudi.accountability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * "Townships must not be burdened with items where the list does not name them": a built-in
 * {@code create} listener on every user task (added by {@link TownshipGuardPlugin}). When a task of a list
 * item's blueprint (process key = item code in lower case, in the county's tenant) would go to a township
 * — a township's group among its candidate groups (a fixed {@code zhangqiu_mingshui} or the resolved
 * {@code ${townshipGroup}}), or a member of a township's group as assignee or candidate user — and the
 * county's list gives 镇街 no responsibility in that item ({@code Party.isCaseTownship} neither primary nor
 * cooperating), the guard records a refusal and throws {@link OutsideListException}: the task is not
 * created, the command that tried is rolled back, the refusal row stays.
 *
 * <p><b>Run time, not deploy time.</b> The check runs when the task is created, not when the model is
 * parsed, because:
 * <ul>
 * <li>the list and the blueprints change independently (动态调整): an item may lose or gain 镇街 after its
 * blueprint was deployed; the guard applies the list in force when the work is handed out;</li>
 * <li>the engine parses a definition again whenever its cache misses (after a restart, on another node):
 * a parse-time refusal of an already deployed definition would leave its running cases unloadable;</li>
 * <li>candidate groups are expressions ({@code ${townshipGroup}}, or any variable): only the created task
 * says for sure who gets the work;</li>
 * <li>one deployment holds all blueprints of a county: a deploy-time refusal would stop every item of it
 * for one wrong file, and there would be no case to hold anyone to account for.</li>
 * </ul>
 * The price: a wrong blueprint is found when a case first reaches the task, not when it is deployed; the
 * user then sees the reason, nothing is put on the township, and the attempt is in the accountability
 * report.
 *
 * <p>Processes that are not list items (the shared processes: supervision, the township's evaluation of
 * departments, calls) are not checked: there the township acts for itself.
 */
class TownshipGuard implements TaskListener {

  private final Organization organization;
  private final Catalogs catalogs;
  private final Refusals refusals;
  private final Map<String, Unit> townshipsByGroup = new LinkedHashMap<>();

  public TownshipGuard(Organization organization, Catalogs catalogs, Refusals refusals) {
    this.organization = organization;
    this.catalogs = catalogs;
    this.refusals = refusals;
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      jurisdiction.townships().forEach(t -> townshipsByGroup.put(t.groupId(), t));
    }
  }

  /** The reason users see and the report shows. */
  public static String reason(Item item) {
    return "清单未规定镇街承担「" + item.name() + "」的责任";
  }

  /** Whether the list gives the township of the case any responsibility in the item. */
  public static boolean namesTownship(Item item) {
    return item.townshipPrimary() || item.responsibilities().stream().anyMatch(r -> r.party().isCaseTownship());
  }

  /**
   * A task about to be handed out: whose blueprint (tenant, process key), which step, and to whom (candidate
   * groups, and the users named as assignee or candidates, with their groups).
   */
  record Handover(String tenant, String caseId, String processKey, String stepId, String stepName,
      List<String> candidateGroups, Map<String, List<String>> groupsOfUsers) {
  }

  /** Adapter: the created task as a {@link Handover}. */
  @Override
  public void notify(DelegateTask task) {
    if (task.getTenantId() == null || !(task.getExecution() instanceof ExecutionEntity e)
        || e.getProcessDefinition() == null) {
      return;
    }
    List<String> groups = new ArrayList<>();
    Set<String> users = new LinkedHashSet<>();
    if (task.getAssignee() != null) {
      users.add(task.getAssignee());
    }
    for (IdentityLink link : task.getCandidates()) {
      if (IdentityLinkType.CANDIDATE.equals(link.getType())) {
        if (link.getGroupId() != null) {
          groups.add(link.getGroupId());
        }
        if (link.getUserId() != null) {
          users.add(link.getUserId());
        }
      }
    }
    Map<String, List<String>> groupsOfUsers = new LinkedHashMap<>();
    if (groups.stream().noneMatch(townshipsByGroup::containsKey)) {
      users.forEach(user -> groupsOfUsers.put(user, groupsOf(user)));
    }
    check(new Handover(task.getTenantId(), task.getProcessInstanceId(), e.getProcessDefinition().getKey(),
        task.getTaskDefinitionKey(), task.getName(), groups, groupsOfUsers));
  }

  /**
   * Refuses the handover when it would give a township an item the list does not give it: records the
   * refusal and throws {@link OutsideListException}.
   */
  void check(Handover handover) {
    Optional<Item> item = item(handover.tenant(), handover.processKey());
    if (item.isEmpty() || namesTownship(item.get())) {
      return;
    }
    Optional<Unit> township = township(handover);
    if (township.isEmpty()) {
      return;
    }
    String reason = reason(item.get());
    String primary = item.get().primary().party().fixedUnit().map(Unit::code).orElse(null);
    Refusal refusal = refusals.record(Refusals.idOf(handover.tenant(), handover.caseId(), handover.stepId(), reason),
        handover.tenant(), handover.caseId(), item.get().code(), primary, reason);
    throw new OutsideListException(reason + "：施工图「" + item.get().code() + "」的任务「" + handover.stepName() + "」（"
        + handover.stepId() + "）不能交给" + township.get().shortName() + "。清单之外无属地管理事项，"
        + "请按清单修改施工图（已记录，供问责）", refusal);
  }

  /** The list item whose blueprint (process key = item code in lower case) the task belongs to, if any. */
  private Optional<Item> item(String tenant, String processKey) {
    if (organization.find(tenant).isEmpty()) {
      return Optional.empty();
    }
    Catalog catalog;
    try {
      catalog = catalogs.of(tenant);
    } catch (NoSuchElementException noList) {
      return Optional.empty();
    }
    return catalog.item(processKey.toUpperCase(Locale.ROOT));
  }

  /** The first township the task would go to: a township's group among the candidates, else a user's. */
  private Optional<Unit> township(Handover handover) {
    for (String group : handover.candidateGroups()) {
      if (townshipsByGroup.containsKey(group)) {
        return Optional.of(townshipsByGroup.get(group));
      }
    }
    for (List<String> groups : handover.groupsOfUsers().values()) {
      for (String group : groups) {
        if (townshipsByGroup.containsKey(group)) {
          return Optional.of(townshipsByGroup.get(group));
        }
      }
    }
    return Optional.empty();
  }

  /** The user's groups, read without the current user's authorizations (staff may not read groups). */
  private static List<String> groupsOf(String user) {
    CommandContext context = Context.getCommandContext();
    List<Group> groups = context.runWithoutAuthorization(
        () -> context.getReadOnlyIdentityProvider().createGroupQuery(context).groupMember(user).list());
    List<String> ids = new ArrayList<>();
    groups.forEach(g -> ids.add(g.getId()));
    return ids;
  }
}
