package cn.shudi.intake;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The intake's tables ({@code shudi_intake_*}, V8__intake.sql), written in the engine's transaction when the step
 * that decides a fact completes, so a refused step leaves nothing behind.
 */
@Component
class IntakeStore {

  static final int TEXT_LENGTH = 2000;

  /** One dispatch of a request to a unit and the unit's answer. */
  record Dispatch(String id, String jurisdiction, String requestId, String unit, String township,
      LocalDateTime dispatchedAt, LocalDateTime signDue, LocalDateTime answeredAt, String answer, String returnReason,
      String returnEvidence, Boolean returnUpheld) {
  }

  /** One callback. */
  record Callback(String id, String jurisdiction, String requestId, String unit, String township, boolean reached,
      Boolean solved, String rating, String comment, String recordedBy, LocalDateTime recordedAt) {
  }

  /** One confirmed request, evidence of its item. */
  record Evidence(String itemCode, String text) {
  }

  private final JdbcClient jdbc;

  IntakeStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(StoredRequest r) {
    jdbc.sql("insert into shudi_intake_request (id, jurisdiction, process_instance_id, kind, source, external_id, "
        + "text, contact_name, contact_phone, township, grid, latitude, longitude, received_at, received_by, "
        + "suggested_item, state) values (:id, :jurisdiction, :process, :kind, :source, :external, :text, :name, "
        + ":phone, :township, :grid, :lat, :lng, :at, :by, :suggested, :state)")
        .param("id", r.id()).param("jurisdiction", r.jurisdiction()).param("process", r.processInstanceId())
        .param("kind", r.kind().value()).param("source", r.source().value()).param("external", r.externalId())
        .param("text", r.text()).param("name", r.contactName()).param("phone", r.contactPhone())
        .param("township", r.township()).param("grid", r.grid()).param("lat", r.latitude())
        .param("lng", r.longitude()).param("at", r.receivedAt()).param("by", r.receivedBy())
        .param("suggested", r.suggestedItem()).param("state", r.state().value()).update();
  }

  boolean knows(String jurisdiction, RequestSource source, String externalId) {
    return jdbc.sql("select count(*) from shudi_intake_request where jurisdiction = :j and source = :s "
        + "and external_id = :e").param("j", jurisdiction).param("s", source.value()).param("e", externalId)
        .query(Long.class).single() > 0;
  }

  Optional<StoredRequest> request(String id) {
    return jdbc.sql("select * from shudi_intake_request where id = :id").param("id", id).query(IntakeStore::request)
        .optional();
  }

  /** The county's requests received since {@code since}, newest first, at most {@code limit}. */
  List<StoredRequest> receivedSince(String jurisdiction, LocalDateTime since, int limit) {
    return jdbc.sql("select * from shudi_intake_request where jurisdiction = :j and received_at >= :since "
        + "order by received_at desc, id fetch first :limit rows only").param("j", jurisdiction)
        .param("since", since).param("limit", limit).query(IntakeStore::request).list();
  }

  /**
   * What a public status page (Open311's anonymous reads) may list: the requests filed on the web, never a hotline
   * caller's, a grid worker's or an enterprise's, never a 执法诉求.
   */
  static boolean isPublic(StoredRequest request) {
    return request.source() == RequestSource.WEB && request.kind() != RequestKind.ENFORCEMENT;
  }

  /**
   * What a public list asks for (Open311's GET Service Requests): some ids (then nothing else counts), or items,
   * a window of received times (county time, either end open when null) and states; empty lists mean all.
   */
  record PublicFilter(List<String> ids, List<String> itemCodes, LocalDateTime from, LocalDateTime to,
      List<String> states) {
    static final PublicFilter ALL = new PublicFilter(List.of(), List.of(), null, null, List.of());
  }

  /** The county's public requests ({@link #isPublic}), newest first: page {@code page} (from 0) of {@code size}. */
  List<StoredRequest> publicPage(String jurisdiction, int page, int size) {
    return publicPage(jurisdiction, PublicFilter.ALL, page, size);
  }

  /** As {@link #publicPage(String, int, int)}, of the requests the filter lets through. */
  List<StoredRequest> publicPage(String jurisdiction, PublicFilter filter, int page, int size) {
    StringBuilder sql = new StringBuilder("select * from shudi_intake_request where jurisdiction = :j and source = :web "
        + "and kind <> :enforcement");
    Map<String, Object> params = new HashMap<>();
    params.put("j", jurisdiction);
    params.put("web", RequestSource.WEB.value());
    params.put("enforcement", RequestKind.ENFORCEMENT.value());
    if (!filter.ids().isEmpty()) {
      sql.append(" and id in (:ids)");
      params.put("ids", filter.ids());
    } else {
      if (!filter.itemCodes().isEmpty()) {
        sql.append(" and item_code in (:items)");
        params.put("items", filter.itemCodes());
      }
      if (filter.from() != null) {
        sql.append(" and received_at >= :from");
        params.put("from", filter.from());
      }
      if (filter.to() != null) {
        sql.append(" and received_at <= :to");
        params.put("to", filter.to());
      }
      if (!filter.states().isEmpty()) {
        sql.append(" and state in (:states)");
        params.put("states", filter.states());
      }
    }
    sql.append(" order by received_at desc, id offset :offset rows fetch next :size rows only");
    params.put("offset", (long) page * size);
    params.put("size", size);
    return jdbc.sql(sql.toString()).params(params).query(IntakeStore::request).list();
  }

  /**
   * The county's requests received by one user (the grid workers' page, {@code GridWorkerController}), newest first:
   * page {@code page} (from 0) of {@code size}; only the one of {@code externalId} when it is given.
   */
  List<StoredRequest> receivedBy(String jurisdiction, String userId, String externalId, int page, int size) {
    var query = jdbc.sql("select * from shudi_intake_request where jurisdiction = :j and received_by = :by "
        + (externalId == null ? "" : "and external_id = :external ")
        + "order by received_at desc, id desc offset :offset rows fetch next :size rows only")
        .param("j", jurisdiction).param("by", userId).param("offset", (long) page * size).param("size", size);
    if (externalId != null) {
      query = query.param("external", externalId);
    }
    return query.query(IntakeStore::request).list();
  }

  void state(String id, RequestState state) {
    jdbc.sql("update shudi_intake_request set state = :state where id = :id").param("state", state.value())
        .param("id", id).update();
  }

  void dispatched(String id, String itemCode, String primaryUnit, String cooperatingUnits, LocalDateTime dueAt,
      LocalDateTime at, RequestState state) {
    jdbc.sql("update shudi_intake_request set item_code = :item, primary_unit = :primary, cooperating_units = :co, "
        + "due_at = :due, dispatched_at = :at, duplicate_of = null, state = :state where id = :id")
        .param("item", itemCode).param("primary", primaryUnit).param("co", cooperatingUnits).param("due", dueAt)
        .param("at", at).param("state", state.value()).param("id", id).update();
  }

  /** A return upheld: the request waits for 研判派单 again, without the unit, item and deadline of the dispatch. */
  void undispatched(String id) {
    jdbc.sql("update shudi_intake_request set item_code = null, primary_unit = null, cooperating_units = null, "
        + "due_at = null, dispatched_at = null, state = :state where id = :id")
        .param("state", RequestState.RECEIVED.value()).param("id", id).update();
  }

  void duplicate(String id, String originalId, LocalDateTime at) {
    jdbc.sql("update shudi_intake_request set duplicate_of = :original, dispatched_at = :at, state = :state "
        + "where id = :id").param("original", originalId).param("at", at)
        .param("state", RequestState.DUPLICATE.value()).param("id", id).update();
  }

  void caseStarted(String id, String caseInstanceId) {
    jdbc.sql("update shudi_intake_request set case_instance_id = :case where id = :id").param("case", caseInstanceId)
        .param("id", id).update();
  }

  void outcome(String id, String outcome, LocalDateTime at, RequestState state) {
    jdbc.sql("update shudi_intake_request set outcome = :outcome, closed_at = :at, state = :state where id = :id")
        .param("outcome", clip(outcome)).param("at", at).param("state", state.value()).param("id", id).update();
  }

  void insertPhoto(String requestId, int position, Photo photo) {
    jdbc.sql("insert into shudi_intake_photo (request_id, position, content_type, bytes) values (:r, :p, :t, :b)")
        .param("r", requestId).param("p", position).param("t", photo.contentType()).param("b", photo.bytes())
        .update();
  }

  List<Photo> photos(String requestId) {
    return jdbc.sql("select content_type, bytes from shudi_intake_photo where request_id = :r order by position")
        .param("r", requestId).query((rs, row) -> new Photo(rs.getString(1), rs.getBytes(2))).list();
  }

  void insert(Dispatch d) {
    jdbc.sql("insert into shudi_intake_dispatch (id, jurisdiction, request_id, unit, township, dispatched_at, "
        + "sign_due) values (:id, :j, :r, :unit, :township, :at, :due)").param("id", d.id())
        .param("j", d.jurisdiction()).param("r", d.requestId()).param("unit", d.unit())
        .param("township", d.township()).param("at", d.dispatchedAt()).param("due", d.signDue()).update();
  }

  /** The latest dispatch of a request that the unit has not answered yet. */
  Optional<Dispatch> openDispatch(String requestId) {
    return jdbc.sql("select * from shudi_intake_dispatch where request_id = :r and answer is null "
        + "order by dispatched_at desc, id desc").param("r", requestId).query(IntakeStore::dispatch).list().stream()
        .findFirst();
  }

  /** The latest dispatch of a request. */
  Optional<Dispatch> lastDispatch(String requestId) {
    return jdbc.sql("select * from shudi_intake_dispatch where request_id = :r order by dispatched_at desc, id desc")
        .param("r", requestId).query(IntakeStore::dispatch).list().stream().findFirst();
  }

  void answer(String dispatchId, String answer, LocalDateTime at, String reason, String evidence) {
    jdbc.sql("update shudi_intake_dispatch set answer = :answer, answered_at = :at, return_reason = :reason, "
        + "return_evidence = :evidence where id = :id").param("answer", answer).param("at", at)
        .param("reason", clip(reason)).param("evidence", clip(evidence)).param("id", dispatchId).update();
  }

  void decideReturn(String dispatchId, boolean upheld, String decision, String by, LocalDateTime at) {
    jdbc.sql("update shudi_intake_dispatch set return_upheld = :upheld, return_decision = :decision, "
        + "decided_by = :by, decided_at = :at where id = :id").param("upheld", upheld)
        .param("decision", clip(decision)).param("by", by).param("at", at).param("id", dispatchId).update();
  }

  /** The dispatches of a county in [from, to). */
  List<Dispatch> dispatches(String jurisdiction, LocalDateTime from, LocalDateTime to) {
    return jdbc.sql("select * from shudi_intake_dispatch where jurisdiction = :j and dispatched_at >= :from "
        + "and dispatched_at < :to").param("j", jurisdiction).param("from", from).param("to", to)
        .query(IntakeStore::dispatch).list();
  }

  /** The county's requests sent outside the list to a department in [from, to). */
  List<StoredRequest> offList(String jurisdiction, LocalDateTime from, LocalDateTime to) {
    return jdbc.sql("select * from shudi_intake_request where jurisdiction = :j and item_code is null "
        + "and primary_unit is not null and dispatched_at >= :from and dispatched_at < :to").param("j", jurisdiction)
        .param("from", from).param("to", to).query(IntakeStore::request).list();
  }

  void insert(Callback c) {
    jdbc.sql("insert into shudi_intake_callback (id, jurisdiction, request_id, unit, township, reached, solved, "
        + "rating, comment, recorded_by, recorded_at) values (:id, :j, :r, :unit, :township, :reached, :solved, "
        + ":rating, :comment, :by, :at)").param("id", c.id()).param("j", c.jurisdiction())
        .param("r", c.requestId()).param("unit", c.unit()).param("township", c.township())
        .param("reached", c.reached()).param("solved", c.solved()).param("rating", c.rating())
        .param("comment", c.comment() == null ? null : c.comment().substring(0, Math.min(1000, c.comment().length())))
        .param("by", c.recordedBy()).param("at", c.recordedAt()).update();
  }

  /** The callbacks of a county in [from, to). */
  List<Callback> callbacks(String jurisdiction, LocalDateTime from, LocalDateTime to) {
    return jdbc.sql("select * from shudi_intake_callback where jurisdiction = :j and recorded_at >= :from "
        + "and recorded_at < :to").param("j", jurisdiction).param("from", from).param("to", to)
        .query((rs, row) -> callback(rs)).list();
  }

  List<Callback> callbacksOf(String requestId) {
    return jdbc.sql("select * from shudi_intake_callback where request_id = :r order by recorded_at, id")
        .param("r", requestId).query((rs, row) -> callback(rs)).list();
  }

  void insertEvidence(String requestId, String jurisdiction, String itemCode, String text, LocalDateTime at) {
    jdbc.sql("delete from shudi_intake_evidence where request_id = :r").param("r", requestId).update();
    jdbc.sql("insert into shudi_intake_evidence (request_id, jurisdiction, item_code, text, confirmed_at) values "
        + "(:r, :j, :item, :text, :at)").param("r", requestId).param("j", jurisdiction).param("item", itemCode)
        .param("text", clip(text)).param("at", at).update();
  }

  /** The county's confirmed requests, oldest first. */
  List<Evidence> evidence(String jurisdiction) {
    return jdbc.sql("select item_code, text from shudi_intake_evidence where jurisdiction = :j "
        + "order by confirmed_at, request_id").param("j", jurisdiction)
        .query((rs, row) -> new Evidence(rs.getString(1), rs.getString(2))).list();
  }

  private static String clip(String text) {
    return text == null ? null : text.substring(0, Math.min(text.length(), TEXT_LENGTH));
  }

  private static StoredRequest request(ResultSet rs, int row) throws SQLException {
    return new StoredRequest(rs.getString("id"), rs.getString("jurisdiction"), rs.getString("process_instance_id"),
        RequestKind.of(rs.getString("kind")).orElseThrow(), RequestSource.of(rs.getString("source")).orElseThrow(),
        rs.getString("external_id"), rs.getString("text"), rs.getString("contact_name"),
        rs.getString("contact_phone"), rs.getString("township"), rs.getString("grid"), number(rs, "latitude"),
        number(rs, "longitude"), time(rs, "received_at"), rs.getString("received_by"),
        rs.getString("suggested_item"), RequestState.of(rs.getString("state")), rs.getString("item_code"),
        rs.getString("primary_unit"), rs.getString("cooperating_units"), time(rs, "due_at"),
        rs.getString("duplicate_of"), time(rs, "dispatched_at"), rs.getString("case_instance_id"),
        rs.getString("outcome"), time(rs, "closed_at"));
  }

  private static Dispatch dispatch(ResultSet rs, int row) throws SQLException {
    boolean upheld = rs.getBoolean("return_upheld");
    Boolean upheldValue = rs.wasNull() ? null : upheld;
    return new Dispatch(rs.getString("id"), rs.getString("jurisdiction"), rs.getString("request_id"),
        rs.getString("unit"), rs.getString("township"), time(rs, "dispatched_at"), time(rs, "sign_due"),
        time(rs, "answered_at"), rs.getString("answer"), rs.getString("return_reason"),
        rs.getString("return_evidence"), upheldValue);
  }

  private static Callback callback(ResultSet rs) throws SQLException {
    boolean solved = rs.getBoolean("solved");
    Boolean solvedValue = rs.wasNull() ? null : solved;
    return new Callback(rs.getString("id"), rs.getString("jurisdiction"), rs.getString("request_id"),
        rs.getString("unit"), rs.getString("township"), rs.getBoolean("reached"), solvedValue,
        rs.getString("rating"), rs.getString("comment"), rs.getString("recorded_by"), time(rs, "recorded_at"));
  }

  private static Double number(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toLocalDateTime();
  }
}
