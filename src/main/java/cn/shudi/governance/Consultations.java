package cn.shudi.governance;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The townships' written opinions on a proposal ({@code shudi_governance_opinion}), in the caller's
 * transaction: an opinion lands with the task that gave it. One per case and township; a township that
 * did not answer by the deadline gets the row {@value #SILENT}.
 */
@Repository
class Consultations {

  static final String SILENT = "silent";

  /** One township's opinion. */
  record Opinion(String caseId, String jurisdiction, String townshipGroup, String opinion, String comment,
      String answeredBy, LocalDateTime answeredAt) {
  }

  private final JdbcClient jdbc;

  Consultations(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the opinion unless the township already has one in this case (then nothing changes). */
  void record(Opinion o) {
    if (!of(o.caseId()).stream().filter(x -> x.townshipGroup().equals(o.townshipGroup())).toList().isEmpty()) {
      return;
    }
    jdbc.sql("insert into shudi_governance_opinion (case_id, jurisdiction, township_group, opinion, opinion_comment, "
        + "answered_by, answered_at) values (:caseId, :jurisdiction, :group, :opinion, :comment, :by, :at)")
        .param("caseId", o.caseId()).param("jurisdiction", o.jurisdiction()).param("group", o.townshipGroup())
        .param("opinion", o.opinion()).param("comment", o.comment()).param("by", o.answeredBy())
        .param("at", o.answeredAt())
        .update();
  }

  List<Opinion> of(String caseId) {
    return jdbc.sql("select case_id, jurisdiction, township_group, opinion, opinion_comment, answered_by, answered_at "
        + "from shudi_governance_opinion where case_id = :caseId order by answered_at, township_group")
        .param("caseId", caseId)
        .query((rs, n) -> new Opinion(rs.getString("case_id"), rs.getString("jurisdiction"),
            rs.getString("township_group"), rs.getString("opinion"), rs.getString("opinion_comment"),
            rs.getString("answered_by"), rs.getObject("answered_at", LocalDateTime.class)))
        .list();
  }
}
