package cn.shudi.organization;

import java.util.List;
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
   * @param readers the roles that may read, in the order the refusal names them
   * @param what what is being read, for the refusal, e.g. 问责报告
   * @throws ResponseStatusException 401 without a login, 403 for anyone but the readers and admins
   */
  public void checkCanRead(String jurisdiction, List<Role> readers, String what) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "请先登录");
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (groups.contains(Groups.CAMUNDA_ADMIN)) {
      return;
    }
    List<String> tenants = user.getTenantIds() == null ? List.of() : user.getTenantIds();
    boolean reader = readers.stream().anyMatch(r -> groups.contains(jurisdiction + "_" + r.suffix()));
    if (!reader || !tenants.contains(jurisdiction)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "用户「" + user.getUserId() + "」无权查看「" + jurisdiction
          + "」的" + what + "：仅本辖区的" + readers.stream().map(Role::label).collect(Collectors.joining("、"))
          + "和系统管理员可以查看");
    }
  }
}
