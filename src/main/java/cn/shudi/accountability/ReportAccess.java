package cn.shudi.accountability;

import org.springframework.stereotype.Component;

import cn.shudi.organization.CountyAccess;
import cn.shudi.organization.CountyView;

/**
 * Who may read a county's accountability report: the readers of {@link CountyView#ACCOUNTABILITY_REPORT} (see
 * {@link CountyAccess}).
 */
@Component
class ReportAccess {

  private final CountyAccess access;

  ReportAccess(CountyAccess access) {
    this.access = access;
  }

  /** @throws org.springframework.web.server.ResponseStatusException 401 without a login, 403 for others */
  void checkCanRead(String jurisdiction) {
    access.checkCanRead(jurisdiction, CountyView.ACCOUNTABILITY_REPORT);
  }
}
