package cn.shudi.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.StaffUsers;

/** The engine's identity after start-up matches the organization data. */
@PlatformTest
class ProvisioningTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  IdentityService identity;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  Organization organization;
  @Autowired
  GridWorkers gridWorkers;

  @Test
  void everyJurisdictionIsATenantAndEveryUnitAGroupOfItsType() {
    assertThat(identity.createTenantQuery().list()).extracting(t -> t.getId() + "=" + t.getName())
        .containsExactlyInAnyOrder("zhangqiu=济南市章丘区", "yunxi=十堰市郧西县");
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      for (Unit unit : jurisdiction.units()) {
        Group group = identity.createGroupQuery().groupId(unit.groupId()).singleResult();
        assertThat(group).as(unit.groupId()).isNotNull();
        assertThat(group.getName()).isEqualTo(unit.shortName());
        assertThat(group.getType()).isEqualTo(unit.type().code());
        assertThat(identity.createTenantQuery().groupMember(unit.groupId()).singleResult().getId())
            .isEqualTo(jurisdiction.tenantId());
      }
    }
    assertThat(identity.createGroupQuery().groupId("zhangqiu_market").singleResult().getName()).isEqualTo("区市场监管局");
    assertThat(identity.createGroupQuery().groupType("township").count()).isEqualTo(18 + 16);
    assertThat(identity.createGroupQuery().groupType("station").count()).as("five agencies in every township")
        .isEqualTo((18 + 16) * 5);
  }

  @Test
  void demoUsersHaveChineseNamesAndTheirUnits() {
    assertThat(identity.createUserQuery().userId("zhangqiu_market_staff").singleResult())
        .satisfies(u -> assertThat(u.getFirstName() + u.getLastName()).isEqualTo("区市场监管局办事员"));
    assertThat(identity.createGroupQuery().groupMember("zhangqiu_mingshui_grid").list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("zhangqiu_mingshui", "zhangqiu_grid_workers");
    assertThat(identity.createGroupQuery().groupMember("yunxi_dispatcher").list()).extracting(Group::getId)
        .containsExactlyInAnyOrder("yunxi_command", "yunxi_dispatchers");
    assertThat(identity.checkPassword("yunxi_analyst", StaffUsers.DEMO_PASSWORD)).isTrue();
    long expected = organization.jurisdictions().stream().mapToLong(j -> DemoUsers.of(j).size()).sum();
    assertThat(identity.createUserQuery().count()).isEqualTo(expected + 1); // + admin
  }

  @Test
  void everyDemoGridWorkerIsInTheFirstGridOfItsTownship() {
    for (Jurisdiction county : organization.jurisdictions()) {
      for (Unit township : county.townships()) {
        assertThat(gridWorkers.gridOf(DemoUsers.gridWorkerOf(township))).as(township.groupId())
            .contains(county.gridsOf(township.code()).get(0));
      }
    }
    assertThat(gridWorkers.gridOf("zhangqiu_mingshui_grid")).get().extracting(Grid::code).isEqualTo("mingshui-01");
    assertThat(gridWorkers.gridOf("zhangqiu_mingshui_staff")).as("staff are in no grid").isEmpty();
  }

  @Test
  void grantsFollowTheRoles() {
    assertThat(authorizations.isUserAuthorized("zhangqiu_analyst", java.util.List.of("zhangqiu_analysts"),
        Permissions.CREATE, Resources.DEPLOYMENT)).isTrue();
    assertThat(authorizations.isUserAuthorized("zhangqiu_market_staff", java.util.List.of("zhangqiu_market"),
        Permissions.CREATE, Resources.DEPLOYMENT)).isFalse();
    assertThat(authorizations.isUserAuthorized("zhangqiu_supervisor", java.util.List.of("zhangqiu_supervisors"),
        Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
    assertThat(authorizations.isUserAuthorized("zhangqiu_market_staff", java.util.List.of("zhangqiu_market"),
        Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isFalse();
  }

  @Test
  void provisioningAgainChangesNothing() {
    long groups = identity.createGroupQuery().count();
    long grants = authorizations.createAuthorizationQuery().count();
    long memberships = identity.createTenantQuery().groupMember("zhangqiu_market").count();
    new OrganizationProvisioner(engine, gridWorkers).provision(organization);
    new DemoUsers(identity, StaffUsers.DEMO_PASSWORD).create(organization);
    assertThat(gridWorkers.assignDemoGridWorkers(organization)).as("the demo grid workers keep their grids").isZero();
    assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
    assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(grants);
    assertThat(identity.createTenantQuery().groupMember("zhangqiu_market").count()).isEqualTo(memberships);
  }
}
