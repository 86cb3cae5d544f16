package cn.shudi.governance;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.shudi.organization.CountyAccess;
import cn.shudi.organization.Role;

/**
 * Who may read a county's list versions, their differences and export them: its analysts and
 * supervisors, and the administrators (see {@link CountyAccess}).
 */
@Component
class GovernanceAccess {

  static final List<Role> READERS = List.of(Role.ANALYST, Role.SUPERVISOR);

  private final CountyAccess access;

  GovernanceAccess(CountyAccess access) {
    this.access = access;
  }

  /** @throws org.springframework.web.server.ResponseStatusException 401 without a login, 403 for others */
  void checkCanRead(String jurisdiction) {
    access.checkCanRead(jurisdiction, READERS, "清单版本");
  }
}
