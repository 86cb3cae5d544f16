package cn.shudi.organization;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the engine's identity match the organization data: one tenant per jurisdiction, one group
 * per unit and per role, and the grants each kind of group needs. Idempotent: a restart with the
 * same data changes nothing, and changed names are updated.
 */
public class OrganizationProvisioner {

  private static final String LEGACY_INBOX_FILTER = "本单位待办";

  private static final Logger LOG = LoggerFactory.getLogger(OrganizationProvisioner.class);
  private static final String APP_TASKLIST = "tasklist";
  private static final String APP_COCKPIT = "cockpit";

  private final IdentityService identity;
  private final AuthorizationService authorizations;
  private final FilterService filters;
  private final GridWorkers gridWorkers;

  /** The resources this class grants on; read once per run. */
  private static final List<Resource> GRANTED_RESOURCES = List.of(Resources.APPLICATION,
      Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE, Resources.TASK, Resources.DEPLOYMENT);

  private Map<String, Group> existingGroups = Map.of();
  private Map<String, Authorization> existingGrants = Map.of();
  private Set<String> tenantGroups = Set.of();

  OrganizationProvisioner(ProcessEngine engine, GridWorkers gridWorkers) {
    this.gridWorkers = gridWorkers;
    this.identity = engine.getIdentityService();
    this.authorizations = engine.getAuthorizationService();
    this.filters = engine.getFilterService();
  }

  /**
   * The start-up step: the identity from the organization data, then the demo logins when
   * {@code shudi.organization.demo.enabled}, each demo grid worker in the first grid of its township. The start-up sequence runs it in one transaction: all of it lands,
   * or none.
   */
  public void provisionAtStartup(Organization organization, OrganizationProperties properties) {
    provision(organization);
    if (properties.demo().enabled()) {
      new DemoUsers(identity, properties.demo().password()).create(organization);
      int assigned = gridWorkers.assignDemoGridWorkers(organization);
      if (assigned > 0) {
        LOG.info("已为 {} 个演示网格员分配网格", assigned);
      }
    }
  }

  public void provision(Organization organization) {
    long start = System.nanoTime();
    // read what exists in a few queries, then write only the differences: this runs on every start,
    // and one query per group and grant (about 450) made a restart seconds slower
    Map<String, Group> groups = new HashMap<>();
    identity.createGroupQuery().list().forEach(g -> groups.put(g.getId(), g));
    Map<String, Authorization> grants = new HashMap<>();
    for (Resource resource : GRANTED_RESOURCES) {
      var query = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).resourceType(resource);
      // the engine's own per-task grants (one per task and candidate group) are not ours: only "*" rows
      (resource == Resources.APPLICATION ? query : query.resourceId(ANY)).list().stream()
          .filter(a -> a.getGroupId() != null).forEach(a -> grants.put(grantKey(a.getGroupId(), resource, a.getResourceId()), a));
    }
    this.existingGroups = groups;
    this.existingGrants = grants;
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      provision(jurisdiction);
    }
    removeLegacyInboxFilter();
    LOG.info("组织机构已就绪：{} 个辖区，{} 个单位（{} ms）", organization.jurisdictions().size(),
        organization.jurisdictions().stream().mapToInt(j -> j.units().size()).sum(),
        (System.nanoTime() - start) / 1_000_000);
  }

  private void provision(Jurisdiction jurisdiction) {
    ensureTenant(jurisdiction);
    tenantGroups = identity.createGroupQuery().memberOfTenant(jurisdiction.tenantId()).list().stream()
        .map(Group::getId).collect(Collectors.toSet());
    for (Unit unit : jurisdiction.units()) {
      ensureGroup(unit.groupId(), unit.shortName(), unit.type().code(), jurisdiction);
      grantUnit(unit.groupId());
    }
    for (Role role : Role.values()) {
      ensureGroup(role.groupId(jurisdiction), role.groupName(jurisdiction), Role.GROUP_TYPE, jurisdiction);
    }
    grantSupervisor(Role.SUPERVISOR.groupId(jurisdiction));
    // a supervisor who sees a failed job (an incident) may run it again, and nothing more
    grant(Role.SUPERVISOR.groupId(jurisdiction), Resources.PROCESS_DEFINITION, ANY,
        ProcessDefinitionPermissions.RETRY_JOB);
    grantSupervisor(Role.DISPATCHER.groupId(jurisdiction));
    grantAnalyst(Role.ANALYST.groupId(jurisdiction));
  }

  /** Staff of a unit: Tasklist, start cases; task access comes from candidate groups, per task. */
  private void grantUnit(String groupId) {
    grant(groupId, Resources.APPLICATION, APP_TASKLIST, Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.CREATE_INSTANCE);
    grant(groupId, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
  }

  /** Supervisors and dispatchers read everything of their tenant; the tenant check keeps them inside it. */
  private void grantSupervisor(String groupId) {
    grant(groupId, Resources.APPLICATION, APP_TASKLIST, Permissions.ACCESS);
    grant(groupId, Resources.APPLICATION, APP_COCKPIT, Permissions.ACCESS);
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.READ, Permissions.READ_INSTANCE,
        Permissions.READ_TASK, Permissions.READ_HISTORY);
    grant(groupId, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grant(groupId, Resources.TASK, ANY, Permissions.READ);
    grant(groupId, Resources.DEPLOYMENT, ANY, Permissions.READ);
  }

  /** Analysts keep the blueprints: they deploy, and read like supervisors. */
  private void grantAnalyst(String groupId) {
    grantSupervisor(groupId);
    grant(groupId, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ, Permissions.DELETE);
    grant(groupId, Resources.PROCESS_DEFINITION, ANY, Permissions.ALL);
  }

  private void ensureTenant(Jurisdiction jurisdiction) {
    Tenant tenant = identity.createTenantQuery().tenantId(jurisdiction.tenantId()).singleResult();
    if (tenant == null) {
      tenant = identity.newTenant(jurisdiction.tenantId());
      tenant.setName(jurisdiction.name());
      identity.saveTenant(tenant);
    } else if (!jurisdiction.name().equals(tenant.getName())) {
      tenant.setName(jurisdiction.name());
      identity.saveTenant(tenant);
    }
  }

  private void ensureGroup(String id, String name, String type, Jurisdiction jurisdiction) {
    Group group = existingGroups.get(id);
    if (group == null) {
      group = identity.newGroup(id);
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    } else if (!name.equals(group.getName()) || !type.equals(group.getType())) {
      group.setName(name);
      group.setType(type);
      identity.saveGroup(group);
    }
    if (tenantGroups.add(id)) {
      identity.createTenantGroupMembership(jurisdiction.tenantId(), id);
    }
  }

  private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    String key = grantKey(groupId, resource, resourceId);
    Authorization authorization = existingGrants.get(key);
    boolean fresh = authorization == null;
    if (fresh) {
      authorization = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(resource);
      authorization.setResourceId(resourceId);
    }
    boolean changed = fresh;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      existingGrants.put(key, authorizations.saveAuthorization(authorization));
    }
  }

  private static String grantKey(String groupId, Resource resource, String resourceId) {
    return groupId + "|" + resource.resourceType() + "|" + resourceId;
  }

  /**
   * The first version created one 本单位待办 filter readable by everyone; the tasklist feature now
   * makes one per unit. Databases of that version still hold the old one: remove it.
   */
  private void removeLegacyInboxFilter() {
    for (Filter filter : filters.createTaskFilterQuery().filterName(LEGACY_INBOX_FILTER).list()) {
      if (filter.getProperties() == null || !filter.getProperties().containsKey("shudiFilter")) {
        filters.deleteFilter(filter.getId());
      }
    }
  }

}
