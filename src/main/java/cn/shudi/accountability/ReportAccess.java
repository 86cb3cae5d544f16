package cn.shudi.accountability;

import java.util.List;

import org.springframework.stereotype.Component;

import cn.shudi.organization.CountyAccess;
import cn.shudi.organization.Role;

/**
 * Who may read a county's accountability report: its supervisors, dispatchers and analysts, and the
 * administrators (see {@link CountyAccess}).
 */
@Component
class ReportAccess {

  static final List<Role> READERS = List.of(Role.SUPERVISOR, Role.DISPATCHER, Role.ANALYST);

  private final CountyAccess access;

  ReportAccess(CountyAccess access) {
    this.access = access;
  }

  /** @throws org.springframework.web.server.ResponseStatusException 401 without a login, 403 for others */
  void checkCanRead(String jurisdiction) {
    access.checkCanRead(jurisdiction, READERS, "问责报告");
  }
}
