package cn.shudi.accountability;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * The refusals of all counties, in table {@code shudi_refusal} (Flyway {@code V1__platform_tables.sql}). The
 * table belongs to the accountability feature: other features read it through this class only. Times are the
 * county's local time ({@link Jurisdiction#zone()}) by the engine clock.
 *
 * <p>A refusal is written in <b>its own transaction</b> ({@code PROPAGATION_REQUIRES_NEW}): the engine's
 * command that made the attempt may roll back — the township guard throws and so rolls back the very
 * command that tried to create the task; a refused call inside a caller's transaction that fails later
 * rolls back too — and the attempt must be on record all the same. The row commits before the engine's
 * transaction decides.
 *
 * <p>A row's id is derived from the case and the step ({@link #idOf}): when the same step of the same case
 * is refused again — the job executor retries a failed job, the user presses 完成 once more — the row
 * already there stands for it, so a retried job does not count three times in the report.
 */
@Component
public class Refusals {

  private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
  private static final int ITEM_CODE_LENGTH = 16;
  private static final int UNIT_CODE_LENGTH = 64;
  private static final int CASE_ID_LENGTH = 64;
  private static final int REASON_LENGTH = 1000;

  private static final String SELECT =
      "select id, jurisdiction, case_id, item_code, unit_code, reason, refused_at from shudi_refusal ";
  private static final RowMapper<Refusal> ROW = (rs, row) -> new Refusal(rs.getString("id"),
      rs.getString("jurisdiction"), rs.getString("case_id"), rs.getString("item_code"), rs.getString("unit_code"),
      rs.getString("reason"), rs.getObject("refused_at", LocalDateTime.class));

  private final JdbcClient jdbc;
  private final Organization organization;
  private final TransactionTemplate ownTransaction;

  Refusals(JdbcClient jdbc, Organization organization, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.organization = organization;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * A stable id for the refusal of one step ({@code activityId}) of one case: a name-based UUID, so the
   * same attempt gives the same id.
   */
  public static String idOf(String jurisdiction, String caseId, String activityId, String reason) {
    String name = jurisdiction + "|" + caseId + "|" + activityId + "|" + reason;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * Records the refusal now (engine clock), committed at once whatever becomes of the caller's transaction.
   * Values longer than their columns are cut. Recording the same id again keeps the first row.
   *
   * @return the refusal as stored (the first one for a repeated id)
   */
  public Refusal record(String id, String jurisdiction, String caseId, String itemCode, String unitCode,
      String reason) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(reason, "reason");
    Refusal refusal = new Refusal(id, jurisdiction, cut(caseId, CASE_ID_LENGTH), cut(itemCode, ITEM_CODE_LENGTH),
        cut(unitCode, UNIT_CODE_LENGTH), cut(reason, REASON_LENGTH), now(jurisdiction));
    try {
      Refusal stored = ownTransaction.execute(status -> find(id).orElseGet(() -> insert(refusal)));
      LOG.info("已拒绝并记录（{}，案件 {}，事项 {}，单位 {}）：{}", jurisdiction, caseId, itemCode, unitCode, reason);
      return stored;
    } catch (DuplicateKeyException e) {
      // another node recorded the same attempt between our look and our insert
      return find(id).orElseThrow(() -> e);
    }
  }

  /** The county's refusals from the start of {@code from} to the end of {@code to} (its days), oldest first. */
  public List<Refusal> of(String jurisdiction, LocalDate from, LocalDate to) {
    return jdbc.sql(SELECT + "where jurisdiction = :jurisdiction and refused_at >= :from and refused_at < :to "
        + "order by refused_at, id")
        .param("jurisdiction", jurisdiction).param("from", from.atStartOfDay())
        .param("to", to.plusDays(1).atStartOfDay())
        .query(ROW).list();
  }

  /**
   * How often each unit was refused in the county's month, per {@code unit_code} as written (a unit code or a
   * group id); refusals naming no unit are not counted.
   */
  public Map<String, Integer> perUnit(Jurisdiction jurisdiction, YearMonth month) {
    Map<String, Integer> counts = new HashMap<>();
    jdbc.sql("select unit_code, count(*) as refusals from shudi_refusal where jurisdiction = :jurisdiction "
        + "and refused_at >= :from and refused_at < :to and unit_code is not null group by unit_code")
        .param("jurisdiction", jurisdiction.code()).param("from", month.atDay(1).atStartOfDay())
        .param("to", month.plusMonths(1).atDay(1).atStartOfDay())
        .query((rs, row) -> Map.entry(rs.getString("unit_code"), rs.getInt("refusals"))).list()
        .forEach(e -> counts.merge(e.getKey(), e.getValue(), Integer::sum));
    return counts;
  }

  /** The refusals of one case, oldest first. */
  public List<Refusal> ofCase(String caseId) {
    return jdbc.sql(SELECT + "where case_id = :caseId order by refused_at, id").param("caseId", caseId)
        .query(ROW).list();
  }

  private Optional<Refusal> find(String id) {
    return jdbc.sql(SELECT + "where id = :id").param("id", id).query(ROW).optional();
  }

  private Refusal insert(Refusal refusal) {
    jdbc.sql("insert into shudi_refusal (id, jurisdiction, case_id, item_code, unit_code, reason, refused_at) "
        + "values (:id, :jurisdiction, :caseId, :itemCode, :unitCode, :reason, :refusedAt)")
        .param("id", refusal.id()).param("jurisdiction", refusal.jurisdiction()).param("caseId", refusal.caseId())
        .param("itemCode", refusal.itemCode()).param("unitCode", refusal.unitCode())
        .param("reason", refusal.reason()).param("refusedAt", refusal.refusedAt()).update();
    return refusal;
  }

  /** Now by the engine clock in the county's time, to the second. */
  private LocalDateTime now(String jurisdiction) {
    Jurisdiction county = organization.find(jurisdiction)
        .orElseThrow(() -> new IllegalArgumentException("没有辖区「" + jurisdiction + "」"));
    return county.now();
  }

  private static String cut(String value, int length) {
    if (value == null) {
      return null;
    }
    return value.length() <= length ? value : value.substring(0, length);
  }
}
