package cn.shudi.organization;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo logins of the default profile, so a newcomer can try every role. Created once; a user
 * that already exists (perhaps with a changed password) is left alone.
 */
class DemoUsers {

  private static final Logger LOG = LoggerFactory.getLogger(DemoUsers.class);

  /** One demo login: id, display name (first + last), and the groups it belongs to. */
  public record DemoUser(String id, String firstName, String lastName, List<String> groups) {
  }

  private final IdentityService identity;
  private final String password;

  public DemoUsers(IdentityService identity, String password) {
    if (password == null || password.isBlank()) {
      throw new IllegalStateException("shudi.organization.demo.password 未设置：演示用户需要一个口令");
    }
    this.identity = identity;
    this.password = password;
  }

  /** The demo users of one jurisdiction, by the rules of the README. */
  public static List<DemoUser> of(Jurisdiction j) {
    List<DemoUser> users = new ArrayList<>();
    for (Unit unit : j.units()) {
      users.add(new DemoUser(unit.groupId() + "_staff", unit.shortName(), "办事员", List.of(unit.groupId())));
      users.add(new DemoUser(unit.groupId() + "_lead", unit.shortName(), "负责人",
          List.of(unit.groupId(), Role.UNIT_LEAD.groupId(j))));
      if (unit.isTownship()) {
        users.add(new DemoUser(gridWorkerOf(unit), unit.shortName(), "网格员",
            List.of(unit.groupId(), Role.GRID_WORKER.groupId(j))));
      }
    }
    users.add(new DemoUser(j.code() + "_dispatcher", j.commandCentre().shortName(), "调度员",
        List.of(j.commandCentre().groupId(), Role.DISPATCHER.groupId(j))));
    users.add(new DemoUser(j.code() + "_analyst", j.establishmentOffice().shortName(), "清单分析员",
        List.of(j.establishmentOffice().groupId(), Role.ANALYST.groupId(j))));
    users.add(new DemoUser(j.code() + "_supervisor", j.shortName(), "督查人员", List.of(Role.SUPERVISOR.groupId(j))));
    return users;
  }

  /** The township's demo grid worker ({@code zhangqiu_mingshui_grid}); {@link GridWorkers} gives it a grid. */
  static String gridWorkerOf(Unit township) {
    return township.groupId() + "_grid";
  }

  public void create(Organization organization) {
    int created = 0;
    // one query for all, not one per user: this runs on every start
    Set<String> existing = identity.createUserQuery().list().stream().map(User::getId).collect(Collectors.toSet());
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      for (DemoUser demo : of(jurisdiction)) {
        if (existing.contains(demo.id())) {
          continue;
        }
        User user = identity.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setPassword(password);
        identity.saveUser(user);
        for (String group : demo.groups()) {
          identity.createMembership(demo.id(), group);
        }
        created++;
      }
    }
    if (created > 0) {
      LOG.info("已创建 {} 个演示用户（口令见 README）", created);
    }
  }
}
