package cn.shudi.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * The demo logins' passwords (the demo users the platform provisions outside the production profile), and
 * staff users a test creates itself where the production profile has none.
 */
public final class StaffUsers {

  /** The password of every demo staff user ({@code zhangqiu_market_staff}, {@code yunxi_chengguan_grid} ...). */
  public static final String DEMO_PASSWORD = "Shudi@Demo2026";
  /** The demo administrator's ({@code admin}) password. */
  public static final String ADMIN_PASSWORD = "Shudi@Kaifa2026";

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
