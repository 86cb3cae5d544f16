package cn.shudi.evaluation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ratings, call ratings and appeals in the platform's tables ({@code V3__evaluation.sql}). Runs in the
 * caller's transaction: called from the engine, a rating lands with the task that gave it, or not at all.
 * Times are the county's local time ({@link cn.shudi.organization.Jurisdiction#zone()}).
 */
@Repository
public class EvaluationStore {

  private static final String RATING_COLUMNS = "id, jurisdiction, case_id, process_instance_id, item_code, "
      + "rater_group, rated_group, rated_unit, rating, rating_comment, rated_by, rated_at, status";
  private static final String CALL_RATING_COLUMNS = "id, jurisdiction, call_id, process_instance_id, item_code, "
      + "rater_group, rated_group, rated_unit, justified, complete, within_list, rating_comment, rated_by, rated_at";
  private static final String APPEAL_COLUMNS = "id, rating_id, jurisdiction, process_instance_id, appellant_group, "
      + "appellant_user, reason, appealed_at, decision, decision_note, decided_by, decided_at";

  private final JdbcClient jdbc;

  EvaluationStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // --- ratings of departments --------------------------------------------------------------------

  /**
   * Stores the rating unless the case already has one for the department: then that one is returned
   * (a retried job, a second completion) and nothing changes.
   */
  public StoredRating saveRating(StoredRating rating) {
    Optional<StoredRating> existing = ratingOf(rating.caseId(), rating.ratedGroup());
    if (existing.isPresent()) {
      return existing.get();
    }
    jdbc.sql("insert into shudi_rating (" + RATING_COLUMNS + ") values (:id, :jurisdiction, :caseId, "
        + ":processInstanceId, :itemCode, :raterGroup, :ratedGroup, :ratedUnit, :rating, :comment, :ratedBy, "
        + ":ratedAt, :status)")
        .param("id", rating.id()).param("jurisdiction", rating.jurisdiction()).param("caseId", rating.caseId())
        .param("processInstanceId", rating.processInstanceId()).param("itemCode", rating.itemCode())
        .param("raterGroup", rating.raterGroup()).param("ratedGroup", rating.ratedGroup())
        .param("ratedUnit", rating.ratedUnit()).param("rating", rating.rating().value())
        .param("comment", rating.comment()).param("ratedBy", rating.ratedBy()).param("ratedAt", rating.ratedAt())
        .param("status", rating.annulled() ? "annulled" : "valid")
        .update();
    return rating;
  }

  public Optional<StoredRating> rating(String id) {
    return jdbc.sql("select " + RATING_COLUMNS + " from shudi_rating where id = :id").param("id", id)
        .query(EvaluationStore::rating).optional();
  }

  public Optional<StoredRating> ratingOf(String caseId, String ratedGroup) {
    return jdbc.sql("select " + RATING_COLUMNS + " from shudi_rating where case_id = :caseId and rated_group = :group")
        .param("caseId", caseId).param("group", ratedGroup)
        .query(EvaluationStore::rating).optional();
  }

  /** The county's ratings given from {@code from} (inclusive) to {@code to} (exclusive), annulled ones too. */
  public List<StoredRating> ratingsIn(String jurisdiction, LocalDateTime from, LocalDateTime to) {
    return jdbc.sql("select " + RATING_COLUMNS + " from shudi_rating where jurisdiction = :jurisdiction "
        + "and rated_at >= :from and rated_at < :to order by rated_at, id")
        .param("jurisdiction", jurisdiction).param("from", from).param("to", to)
        .query(EvaluationStore::rating).list();
  }

  /** The latest ratings a unit received, newest first. */
  public List<StoredRating> ratingsOf(String jurisdiction, String ratedGroup, int max) {
    return jdbc.sql("select " + RATING_COLUMNS + " from shudi_rating where jurisdiction = :jurisdiction "
        + "and rated_group = :group order by rated_at desc, id fetch first " + Math.max(1, max) + " rows only")
        .param("jurisdiction", jurisdiction).param("group", ratedGroup)
        .query(EvaluationStore::rating).list();
  }

  /** An upheld appeal takes the rating out of the ranking. */
  public void annul(String ratingId) {
    jdbc.sql("update shudi_rating set status = 'annulled' where id = :id").param("id", ratingId).update();
  }

  // --- ratings of calls --------------------------------------------------------------------------

  /** Stores the call rating unless the department already rated the call: then that one is returned. */
  public CallRating saveCallRating(CallRating rating) {
    Optional<CallRating> existing = callRatingOf(rating.callId(), rating.raterGroup());
    if (existing.isPresent()) {
      return existing.get();
    }
    jdbc.sql("insert into shudi_call_rating (" + CALL_RATING_COLUMNS + ") values (:id, :jurisdiction, :callId, "
        + ":processInstanceId, :itemCode, :raterGroup, :ratedGroup, :ratedUnit, :justified, :complete, :withinList, "
        + ":comment, :ratedBy, :ratedAt)")
        .param("id", rating.id()).param("jurisdiction", rating.jurisdiction()).param("callId", rating.callId())
        .param("processInstanceId", rating.processInstanceId()).param("itemCode", rating.itemCode())
        .param("raterGroup", rating.raterGroup()).param("ratedGroup", rating.ratedGroup())
        .param("ratedUnit", rating.ratedUnit()).param("justified", rating.justified())
        .param("complete", rating.complete()).param("withinList", rating.withinList())
        .param("comment", rating.comment()).param("ratedBy", rating.ratedBy()).param("ratedAt", rating.ratedAt())
        .update();
    return rating;
  }

  public Optional<CallRating> callRatingOf(String callId, String raterGroup) {
    return jdbc.sql("select " + CALL_RATING_COLUMNS + " from shudi_call_rating "
        + "where call_id = :callId and rater_group = :group")
        .param("callId", callId).param("group", raterGroup)
        .query(EvaluationStore::callRating).optional();
  }

  public List<CallRating> callRatingsIn(String jurisdiction, LocalDateTime from, LocalDateTime to) {
    return jdbc.sql("select " + CALL_RATING_COLUMNS + " from shudi_call_rating where jurisdiction = :jurisdiction "
        + "and rated_at >= :from and rated_at < :to order by rated_at, id")
        .param("jurisdiction", jurisdiction).param("from", from).param("to", to)
        .query(EvaluationStore::callRating).list();
  }

  // --- appeals -----------------------------------------------------------------------------------

  /**
   * Files the appeal. The table allows one appeal per rating (unique key): a second one fails here even
   * when two are filed at the same moment.
   */
  public void insertAppeal(Appeal appeal) {
    jdbc.sql("insert into shudi_appeal (" + APPEAL_COLUMNS + ") values (:id, :ratingId, :jurisdiction, "
        + ":processInstanceId, :appellantGroup, :appellantUser, :reason, :appealedAt, null, null, null, null)")
        .param("id", appeal.id()).param("ratingId", appeal.ratingId()).param("jurisdiction", appeal.jurisdiction())
        .param("processInstanceId", appeal.processInstanceId()).param("appellantGroup", appeal.appellantGroup())
        .param("appellantUser", appeal.appellantUser()).param("reason", appeal.reason())
        .param("appealedAt", appeal.appealedAt())
        .update();
  }

  public Optional<Appeal> appeal(String id) {
    return jdbc.sql("select " + APPEAL_COLUMNS + " from shudi_appeal where id = :id").param("id", id)
        .query(EvaluationStore::appeal).optional();
  }

  public Optional<Appeal> appealOf(String ratingId) {
    return jdbc.sql("select " + APPEAL_COLUMNS + " from shudi_appeal where rating_id = :ratingId")
        .param("ratingId", ratingId)
        .query(EvaluationStore::appeal).optional();
  }

  /**
   * Records the decision of a pending appeal.
   *
   * @return false when the appeal was decided already (the first decision stands)
   */
  public boolean decide(String appealId, String decision, String note, String decidedBy, LocalDateTime decidedAt) {
    return jdbc.sql("update shudi_appeal set decision = :decision, decision_note = :note, decided_by = :by, "
        + "decided_at = :at where id = :id and decision is null")
        .param("decision", decision).param("note", note).param("by", decidedBy).param("at", decidedAt)
        .param("id", appealId)
        .update() == 1;
  }

  // --- rows --------------------------------------------------------------------------------------

  private static StoredRating rating(ResultSet rs, int row) throws SQLException {
    return new StoredRating(rs.getString("id"), rs.getString("jurisdiction"), rs.getString("case_id"),
        rs.getString("process_instance_id"), rs.getString("item_code"), rs.getString("rater_group"),
        rs.getString("rated_group"), rs.getString("rated_unit"),
        Rating.of(rs.getString("rating")).orElseThrow(), rs.getString("rating_comment"), rs.getString("rated_by"),
        rs.getObject("rated_at", LocalDateTime.class), "annulled".equals(rs.getString("status")));
  }

  private static CallRating callRating(ResultSet rs, int row) throws SQLException {
    return new CallRating(rs.getString("id"), rs.getString("jurisdiction"), rs.getString("call_id"),
        rs.getString("process_instance_id"), rs.getString("item_code"), rs.getString("rater_group"),
        rs.getString("rated_group"), rs.getString("rated_unit"), rs.getBoolean("justified"),
        rs.getBoolean("complete"), rs.getBoolean("within_list"), rs.getString("rating_comment"),
        rs.getString("rated_by"), rs.getObject("rated_at", LocalDateTime.class));
  }

  private static Appeal appeal(ResultSet rs, int row) throws SQLException {
    return new Appeal(rs.getString("id"), rs.getString("rating_id"), rs.getString("jurisdiction"),
        rs.getString("process_instance_id"), rs.getString("appellant_group"), rs.getString("appellant_user"),
        rs.getString("reason"), rs.getObject("appealed_at", LocalDateTime.class), rs.getString("decision"),
        rs.getString("decision_note"), rs.getString("decided_by"), rs.getObject("decided_at", LocalDateTime.class));
  }
}
