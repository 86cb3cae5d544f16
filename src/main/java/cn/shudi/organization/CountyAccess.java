package cn.shudi.organization;

import java.util.Collection;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may read a county-wide view of the platform's own REST resources: members of the given roles of
 * that county (groups {@code <county>_<role>}, members of the county's tenant) and the administrators
 * ({@code camunda-admin}). The user is the one the REST login ({@code ProcessEngineAuthenticationFilter}
 * on {@code /api/*}) authenticated for this request.
 */
@Component
public class CountyAccess {

  private final ProcessEngine engine;

  CountyAccess(ProcessEngine engine) {
    this.engine = engine;
  }

  /**
   * @throws ResponseStatusException 401 without a login, 403 for anyone but the view's readers and admins
   */
  public void checkCanRead(String jurisdiction, CountyView view) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "请先登录");
    }
    if (!mayRead(user.getGroupIds(), user.getTenantIds(), jurisdiction, view)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "用户「" + user.getUserId() + "」无权查看「" + jurisdiction
          + "」的" + view.label() + "：仅本辖区的" + view.readers().stream().map(Role::label).collect(Collectors.joining("、"))
          + "和系统管理员可以查看");
    }
  }

  /** Whether a user of these groups and tenants may read the county's view: admins, and its readers in its tenant. */
  public static boolean mayRead(Collection<String> groups, Collection<String> tenants, String jurisdiction,
      CountyView view) {
    if (isAdmin(groups)) {
      return true;
    }
    boolean reader = groups != null
        && view.readers().stream().anyMatch(r -> groups.contains(jurisdiction + "_" + r.suffix()));
    return reader && tenants != null && tenants.contains(jurisdiction);
  }

  /** The administrators ({@code camunda-admin}) read every county's views. */
  public static boolean isAdmin(Collection<String> groups) {
    return groups != null && groups.contains(Groups.CAMUNDA_ADMIN);
  }
}
