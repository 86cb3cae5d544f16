package cn.shudi.evaluation;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Role;

/**
 * Who may read a county's evaluation results through the platform's API ({@code /api/*}, where the
 * engine's login filter has put the caller's groups and tenants on the identity service): the county's
 * supervisors, analysts and dispatchers, and the administrators.
 */
public final class Readers {

  private Readers() {
  }

  /** Supervisors, analysts or dispatchers of the county (and member of its tenant), or an administrator. */
  public static boolean mayReadCounty(Authentication user, Jurisdiction jurisdiction) {
    if (user == null || user.getUserId() == null) {
      return false;
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (groups.contains(Groups.CAMUNDA_ADMIN)) {
      return true;
    }
    Set<String> readers = Set.of(Role.SUPERVISOR.groupId(jurisdiction), Role.ANALYST.groupId(jurisdiction),
        Role.DISPATCHER.groupId(jurisdiction));
    return inTenant(user, jurisdiction) && groups.stream().anyMatch(readers::contains);
  }

  /** As {@link #mayReadCounty}, or a member of the unit's own group in the county. */
  public static boolean mayReadUnit(Authentication user, Jurisdiction jurisdiction, String unitGroup) {
    if (mayReadCounty(user, jurisdiction)) {
      return true;
    }
    return user != null && user.getGroupIds() != null && user.getGroupIds().contains(unitGroup)
        && inTenant(user, jurisdiction);
  }

  private static boolean inTenant(Authentication user, Jurisdiction jurisdiction) {
    return user.getTenantIds() != null && user.getTenantIds().contains(jurisdiction.tenantId());
  }
}
