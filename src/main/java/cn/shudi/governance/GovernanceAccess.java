package cn.shudi.governance;

import org.springframework.stereotype.Component;

import cn.shudi.organization.CountyAccess;
import cn.shudi.organization.CountyView;

/**
 * Who may read a county's list versions, their differences and export them: its analysts and
 * supervisors, and the administrators (see {@link CountyAccess}).
 */
@Component
class GovernanceAccess {

  private final CountyAccess access;

  GovernanceAccess(CountyAccess access) {
    this.access = access;
  }

  /** @throws org.springframework.web.server.ResponseStatusException 401 without a login, 403 for others */
  void checkCanRead(String jurisdiction) {
    access.checkCanRead(jurisdiction, CountyView.LIST_VERSIONS);
  }
}
