package cn.shudi.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the jurisdictions' data files are, and whether the demo organization (demo logins) is created.
 *
 * @param location Spring resource location of the folder with {@code jurisdictions.csv}
 * @param demo the demo users; on only in the default (H2) profile
 */
@ConfigurationProperties("shudi.organization")
public record OrganizationProperties(@DefaultValue("classpath:jurisdictions/") String location,
    @DefaultValue Demo demo) {

  /**
   * @param enabled create a staff member and a lead per unit, a grid worker per township and the
   *     per-jurisdiction roles at start-up
   * @param password the one password of all demo users (must pass the password policy)
   */
  public record Demo(@DefaultValue("false") boolean enabled, String password) {
  }
}
