package cn.shudi.credit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.shudi.credit.CreditFile.CaseStep;
import cn.shudi.credit.CreditFile.Content;
import cn.shudi.credit.CreditFile.Contribution;
import cn.shudi.credit.CreditFile.Entry;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The tables {@code shudi_credit_entry} and {@code shudi_credit_contribution} (Flyway V2), append-only.
 *
 * <p>Insert-or-return-existing on (case, step): the entry already there is returned; otherwise the new
 * entry and its contributions are inserted under a savepoint (propagation NESTED). When another
 * transaction wins the race for the same (case, step) (a second node running the same job after its lock
 * expired, or two threads), the unique constraint refuses the second insert: the savepoint is rolled back
 * — on PostgreSQL the surrounding transaction would otherwise be unusable — and the winner's entry is read
 * and returned. Inside a job the write joins the engine's transaction: if the job fails, the entry is rolled
 * back with it and the retry writes it again. Times are the county's local time (its jurisdiction's zone).
 */
class CreditEntryStore {

  /** Column sizes of V2; longer text is cut and marked, so a long free text cannot fail the case. */
  private static final int INSPECTION_SIZE = 4000;
  private static final int SUMMARY_SIZE = 20000;
  private static final int RECTIFICATION_SIZE = 8000;
  private static final int STEP_TEXT_SIZE = 8000;
  private static final int STEP_RECTIFICATION_SIZE = 4000;
  private static final int NAME_SIZE = 200;
  private static final int RACE_ATTEMPTS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(CreditEntryStore.class);

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;
  private final Organization organization;

  CreditEntryStore(JdbcClient jdbc, PlatformTransactionManager transactions, Organization organization) {
    this.jdbc = jdbc;
    this.organization = organization;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** The entry of (case, step): the one already recorded, or this one, newly inserted. */
  Entry insertOrGet(String creditCode, CaseStep step, Content content, String correctsEntryId, String recordedBy,
      Instant recordedAt) {
    for (int attempt = 1;; attempt++) {
      Optional<Entry> existing = byCaseStep(step.caseId(), step.stepId());
      if (existing.isPresent()) {
        return existing.get();
      }
      String id = UUID.randomUUID().toString();
      try {
        savepoint.executeWithoutResult(status -> insert(id, creditCode, step, content, correctsEntryId, recordedBy,
            recordedAt));
        return byId(id).orElseThrow();
      } catch (DuplicateKeyException race) {
        // another transaction recorded (case, step) first: return its entry, read on the next round
        // (PostgreSQL and H2 both make the insert wait until the winner committed, so its entry is there)
        LOG.info("信用档案：案件 {} 环节 {} 的记录已由另一事务写入，取用该记录（{}）", step.caseId(), step.stepId(),
            race.getMostSpecificCause().getMessage());
        if (attempt >= RACE_ATTEMPTS) {
          throw race;
        }
        if (attempt > 1) {
          pause(attempt);
        }
      } catch (PessimisticLockingFailureException race) {
        // the winner held its transaction open longer than the database waits (lock timeout): read again
        // once it has finished
        LOG.info("信用档案：案件 {} 环节 {} 正由另一事务写入，稍后重读（{}）", step.caseId(), step.stepId(),
            race.getMostSpecificCause().getMessage());
        if (attempt >= RACE_ATTEMPTS) {
          throw race;
        }
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void insert(String id, String creditCode, CaseStep step, Content content, String correctsEntryId,
      String recordedBy, Instant recordedAt) {
    jdbc.sql("""
        insert into shudi_credit_entry (id, credit_code, jurisdiction, case_id, step_id, item_code, item_name,
          subject_name, township_group, inspection, findings, rectification, result, hazard_count,
          corrects_entry_id, recorded_by, recorded_at)
        values (:id, :code, :jurisdiction, :caseId, :stepId, :itemCode, :itemName, :subject, :township,
          :inspection, :findings, :rectification, :result, :hazards, :corrects, :by, :at)
        """)
        .param("id", id).param("code", creditCode).param("jurisdiction", step.jurisdiction())
        .param("caseId", step.caseId()).param("stepId", step.stepId())
        .param("itemCode", cut(step.itemCode(), 16)).param("itemName", cut(step.itemName(), NAME_SIZE))
        .param("subject", cut(step.subject(), NAME_SIZE)).param("township", step.townshipGroup())
        .param("inspection", cut(content.inspection(), INSPECTION_SIZE))
        .param("findings", cut(content.findings(), SUMMARY_SIZE))
        .param("rectification", cut(content.rectification(), RECTIFICATION_SIZE))
        .param("result", cut(content.result(), SUMMARY_SIZE))
        .param("hazards", content.hazardCount()).param("corrects", correctsEntryId).param("by", recordedBy)
        .param("at", local(recordedAt, step.jurisdiction()))
        .update();
    int seq = 0;
    for (Contribution c : content.contributions()) {
      jdbc.sql("""
          insert into shudi_credit_contribution (entry_id, seq, step_id, step_name, unit_group, unit_name,
            findings, result, hazard_count, hazard_level, rectification, recorded_by, recorded_at)
          values (:entry, :seq, :stepId, :stepName, :unitGroup, :unitName, :findings, :result, :hazards, :level,
            :rectification, :by, :at)
          """)
          .param("entry", id).param("seq", ++seq).param("stepId", c.stepId())
          .param("stepName", cut(c.stepName(), 255)).param("unitGroup", c.unitGroup())
          .param("unitName", cut(c.unitName(), NAME_SIZE)).param("findings", cut(c.findings(), STEP_TEXT_SIZE))
          .param("result", cut(c.result(), STEP_TEXT_SIZE)).param("hazards", c.hazardCount())
          .param("level", cut(c.hazardLevel(), 32))
          .param("rectification", cut(c.rectification(), STEP_RECTIFICATION_SIZE))
          .param("by", c.recordedBy()).param("at", local(c.recordedAt(), step.jurisdiction()))
          .update();
    }
  }

  Optional<Entry> byId(String id) {
    return one(entries("where e.id = :key", id));
  }

  Optional<Entry> byCaseStep(String caseId, String stepId) {
    List<Entry> found = load(jdbc.sql(SELECT_ENTRY + " where e.case_id = :caseId and e.step_id = :stepId")
        .param("caseId", caseId).param("stepId", stepId).query(this::entry).list());
    return one(found);
  }

  /** The whole file of one enterprise, oldest entry first. */
  List<Entry> byCreditCode(String creditCode) {
    return entries("where e.credit_code = :key order by e.recorded_at, e.id", creditCode);
  }

  /** Ids of the entries that correct the given ones. */
  Map<String, List<String>> corrections(List<String> entryIds) {
    Map<String, List<String>> byCorrected = new LinkedHashMap<>();
    if (entryIds.isEmpty()) {
      return byCorrected;
    }
    jdbc.sql("select id, corrects_entry_id from shudi_credit_entry where corrects_entry_id in (:ids)"
        + " order by recorded_at, id")
        .param("ids", entryIds)
        .query((rs, n) -> Map.entry(rs.getString("corrects_entry_id"), rs.getString("id"))).list()
        .forEach(e -> byCorrected.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return byCorrected;
  }

  private static final String SELECT_ENTRY = """
      select e.id, e.credit_code, e.jurisdiction, e.case_id, e.step_id, e.item_code, e.item_name, e.subject_name,
        e.township_group, e.inspection, e.findings, e.rectification, e.result, e.hazard_count,
        e.corrects_entry_id, e.recorded_by, e.recorded_at
      from shudi_credit_entry e
      """;

  private List<Entry> entries(String where, String key) {
    return load(jdbc.sql(SELECT_ENTRY + where).param("key", key).query(this::entry).list());
  }

  private static Optional<Entry> one(List<Entry> entries) {
    return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
  }

  /** Adds the contributions to entries read without them. */
  private List<Entry> load(List<Entry> entries) {
    if (entries.isEmpty()) {
      return entries;
    }
    Map<String, List<Contribution>> byEntry = new LinkedHashMap<>();
    Map<String, String> jurisdictions = new java.util.HashMap<>();
    entries.forEach(e -> jurisdictions.put(e.id(), e.jurisdiction()));
    jdbc.sql("""
        select entry_id, step_id, step_name, unit_group, unit_name, findings, result, hazard_count, hazard_level,
          rectification, recorded_by, recorded_at
        from shudi_credit_contribution where entry_id in (:ids) order by entry_id, seq
        """)
        .param("ids", entries.stream().map(Entry::id).toList())
        .query((rs, n) -> {
          String entryId = rs.getString("entry_id");
          return Map.entry(entryId, contribution(rs, jurisdictions.get(entryId)));
        }).list()
        .forEach(e -> byEntry.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return entries.stream().map(e -> e.withContributions(byEntry.getOrDefault(e.id(), List.of()))).toList();
  }

  private Entry entry(ResultSet rs, int row) throws SQLException {
    return new Entry(rs.getString("id"), rs.getString("credit_code"), rs.getString("jurisdiction"),
        rs.getString("case_id"), rs.getString("step_id"), rs.getString("item_code"), rs.getString("item_name"),
        rs.getString("subject_name"), rs.getString("township_group"), rs.getString("inspection"),
        rs.getString("findings"), rs.getString("rectification"), rs.getString("result"),
        integer(rs, "hazard_count"), rs.getString("corrects_entry_id"), rs.getString("recorded_by"),
        instant(rs, "recorded_at", rs.getString("jurisdiction")), List.of());
  }

  private Contribution contribution(ResultSet rs, String jurisdiction) throws SQLException {
    return new Contribution(rs.getString("step_id"), rs.getString("step_name"), rs.getString("unit_group"),
        rs.getString("unit_name"), rs.getString("findings"), rs.getString("result"), integer(rs, "hazard_count"),
        rs.getString("hazard_level"), rs.getString("rectification"), rs.getString("recorded_by"),
        instant(rs, "recorded_at", jurisdiction));
  }

  private static Integer integer(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  private Instant instant(ResultSet rs, String column, String jurisdiction) throws SQLException {
    LocalDateTime local = rs.getObject(column, LocalDateTime.class);
    return local == null ? null : local.atZone(organization.zone(jurisdiction)).toInstant();
  }

  private LocalDateTime local(Instant instant, String jurisdiction) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, zone(jurisdiction));
  }

  ZoneId zone(String jurisdiction) {
    return organization.zone(jurisdiction);
  }

  static String cut(String text, int size) {
    if (text == null || text.length() <= size) {
      return text;
    }
    String mark = "…（超长，已截断）";
    return text.substring(0, size - mark.length()) + mark;
  }
}
