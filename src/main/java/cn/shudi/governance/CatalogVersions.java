package cn.shudi.governance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored versions of the lists ({@code V5__governance.sql}). Runs in the caller's transaction: called
 * from the engine, a version lands with the decision that approved it, or not at all. Two decisions racing
 * for the same next number: the primary key lets one commit and rolls the other back.
 */
@Repository
class CatalogVersions {

  private static final String COLUMNS = "jurisdiction, version_no, version_label, effective_date, csv_text, kind, "
      + "item_code, case_id, decided_by, deployment_id, recorded_at";
  private static final String WITHOUT_CSV = "jurisdiction, version_no, version_label, effective_date, '' as csv_text, "
      + "kind, item_code, case_id, decided_by, deployment_id, recorded_at";

  private final JdbcClient jdbc;

  CatalogVersions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(CatalogVersion v) {
    jdbc.sql("insert into shudi_catalog_version (" + COLUMNS + ") values (:jurisdiction, :number, :label, "
        + ":effectiveDate, :csv, :kind, :itemCode, :caseId, :decidedBy, :deploymentId, :recordedAt)")
        .param("jurisdiction", v.jurisdiction()).param("number", v.number()).param("label", v.label())
        .param("effectiveDate", v.effectiveDate()).param("csv", v.csv()).param("kind", v.kind())
        .param("itemCode", v.itemCode()).param("caseId", v.caseId()).param("decidedBy", v.decidedBy())
        .param("deploymentId", v.deploymentId()).param("recordedAt", v.recordedAt())
        .update();
  }

  Optional<CatalogVersion> latest(String jurisdiction) {
    return jdbc.sql("select " + COLUMNS + " from shudi_catalog_version where jurisdiction = :j and version_no = "
        + "(select max(version_no) from shudi_catalog_version where jurisdiction = :j)")
        .param("j", jurisdiction).query(CatalogVersions::row).optional();
  }

  int latestNumber(String jurisdiction) {
    Integer max = jdbc.sql("select max(version_no) from shudi_catalog_version where jurisdiction = :j")
        .param("j", jurisdiction).query(Integer.class).optional().orElse(null);
    return max == null ? 0 : max;
  }

  Optional<CatalogVersion> get(String jurisdiction, int number) {
    return jdbc.sql("select " + COLUMNS + " from shudi_catalog_version where jurisdiction = :j and version_no = :n")
        .param("j", jurisdiction).param("n", number).query(CatalogVersions::row).optional();
  }

  Optional<CatalogVersion> byLabel(String jurisdiction, String label) {
    return jdbc.sql("select " + COLUMNS + " from shudi_catalog_version where jurisdiction = :j and version_label = :l")
        .param("j", jurisdiction).param("l", label).query(CatalogVersions::row).optional();
  }

  /** All versions, oldest first, without their CSV text. */
  List<CatalogVersion> list(String jurisdiction) {
    return jdbc.sql("select " + WITHOUT_CSV + " from shudi_catalog_version where jurisdiction = :j order by version_no")
        .param("j", jurisdiction).query(CatalogVersions::row).list();
  }

  List<String> labels(String jurisdiction) {
    return jdbc.sql("select version_label from shudi_catalog_version where jurisdiction = :j")
        .param("j", jurisdiction).query(String.class).list();
  }

  private static CatalogVersion row(ResultSet rs, int rowNumber) throws SQLException {
    return new CatalogVersion(rs.getString("jurisdiction"), rs.getInt("version_no"), rs.getString("version_label"),
        rs.getObject("effective_date", LocalDate.class), rs.getString("csv_text"), rs.getString("kind"),
        rs.getString("item_code"), rs.getString("case_id"), rs.getString("decided_by"),
        rs.getString("deployment_id"), rs.getObject("recorded_at", LocalDateTime.class));
  }
}
