package cn.shudi.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Staff users a test creates itself, where the production profile has no demo users. */
public final class StaffUsers {

  private StaffUsers() {
  }

  /** A user 测试用户 with the password, member of the unit's group. */
  public static void create(IdentityService identity, String id, String group, String password) {
    User user = identity.newUser(id);
    user.setFirstName("测试");
    user.setLastName("用户");
    user.setPassword(password);
    identity.saveUser(user);
    identity.createMembership(id, group);
  }
}
