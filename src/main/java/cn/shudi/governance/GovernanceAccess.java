package cn.shudi.governance;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import cn.shudi.organization.Role;

/**
 * Who may read a county's list versions, their differences and export them: its analysts and supervisors
 * (groups {@code <county>_analysts}, {@code <county>_supervisors}, members of the county's tenant) and the
 * administrators ({@code camunda-admin}). The user is the one the REST login
 * ({@code ProcessEngineAuthenticationFilter} on {@code /api/*}) authenticated for this request.
 */
@Component
class GovernanceAccess {

  static final Set<Role> READERS = Set.of(Role.ANALYST, Role.SUPERVISOR);

  private final ProcessEngine engine;

  GovernanceAccess(ProcessEngine engine) {
    this.engine = engine;
  }

  /** @throws ResponseStatusException 401 without a login, 403 for anyone but the readers above */
  void checkCanRead(String jurisdiction) {
    Authentication user = engine.getIdentityService().getCurrentAuthentication();
    if (user == null || user.getUserId() == null) {
      throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "请先登录");
    }
    List<String> groups = user.getGroupIds() == null ? List.of() : user.getGroupIds();
    if (groups.contains(Groups.CAMUNDA_ADMIN)) {
      return;
    }
    List<String> tenants = user.getTenantIds() == null ? List.of() : user.getTenantIds();
    boolean reader = READERS.stream().anyMatch(r -> groups.contains(jurisdiction + "_" + r.suffix()));
    if (!reader || !tenants.contains(jurisdiction)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "用户「" + user.getUserId() + "」无权查看「" + jurisdiction
          + "」的清单版本：仅本辖区的清单分析员、督查人员和系统管理员可以查看");
    }
  }
}
