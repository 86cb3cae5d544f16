package cn.shudi.governance;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One stored version of a county's list (table {@code shudi_catalog_version}).
 *
 * @param number 1, 2, 3 … per jurisdiction; the highest is in force
 * @param label the CSV's header comment 版本
 * @param csv the whole list as catalog.csv text
 * @param kind {@value #SHIPPED}, {@value #ADMISSION} or {@value #ADJUSTMENT}
 * @param itemCode the item admitted or adjusted (null for a shipped list)
 * @param caseId the governance case that decided it (null for a shipped list)
 * @param decidedBy who approved it (null for a shipped list)
 * @param deploymentId the deployment of the item's blueprint (null for a shipped list)
 */
record CatalogVersion(String jurisdiction, int number, String label, LocalDate effectiveDate, String csv,
    String kind, String itemCode, String caseId, String decidedBy, String deploymentId, LocalDateTime recordedAt) {

  public static final String SHIPPED = "shipped";
  public static final String ADMISSION = "admission";
  public static final String ADJUSTMENT = "adjustment";

  public VersionDiff.Version ref() {
    return new VersionDiff.Version(number, label, effectiveDate);
  }
}
