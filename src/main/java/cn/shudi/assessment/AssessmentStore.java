package cn.shudi.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.shudi.organization.UnitType;

/**
 * The stored monthly rankings: tables {@code shudi_assessment} and {@code shudi_assessment_rank}, which belong
 * to the assessment feature (created by Flyway {@code V3__evaluation.sql} with the evaluation's tables; the
 * intake figures of formula 2026.3 added by {@code V9__assessment_intake.sql}; other features read them through
 * {@link Assessment}). Runs in the caller's transaction.
 */
@Repository
class AssessmentStore {

  private final JdbcClient jdbc;

  AssessmentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores the ranking, replacing an earlier one of the same county and month. */
  public void save(MonthlyRanking ranking, String processInstanceId) {
    jdbc.sql("delete from shudi_assessment_rank where assessment_id in "
        + "(select id from shudi_assessment where jurisdiction = :jurisdiction and period = :period)")
        .param("jurisdiction", ranking.jurisdiction()).param("period", ranking.period().toString()).update();
    jdbc.sql("delete from shudi_assessment where jurisdiction = :jurisdiction and period = :period")
        .param("jurisdiction", ranking.jurisdiction()).param("period", ranking.period().toString()).update();
    jdbc.sql("insert into shudi_assessment (id, jurisdiction, period, formula_version, computed_at, "
        + "process_instance_id, export_file) values (:id, :jurisdiction, :period, :version, :computedAt, "
        + ":processInstanceId, :exportFile)")
        .param("id", ranking.id()).param("jurisdiction", ranking.jurisdiction())
        .param("period", ranking.period().toString()).param("version", ranking.formulaVersion())
        .param("computedAt", ranking.computedAt()).param("processInstanceId", processInstanceId)
        .param("exportFile", ranking.exportFile())
        .update();
    int order = 0;
    for (UnitResult unit : ranking.all().toList()) {
      UnitMetrics m = unit.metrics();
      jdbc.sql("insert into shudi_assessment_rank (assessment_id, unit_code, unit_group, unit_name, unit_type, "
          + "list_order, rank_no, score, completion_rate, satisfaction_rate, response_rate, tasks_due, tasks_on_time, "
          + "calls_due, calls_on_time, ratings, rating_points, refusals, outcome, request_satisfaction_rate, "
          + "request_response_rate, requests_dispatched, requests_answered, request_callbacks, request_points) "
          + "values (:id, :code, :group, :name, :type, :order, :rank, :score, :completion, :satisfaction, :response, "
          + ":tasksDue, :tasksOnTime, :callsDue, :callsOnTime, :ratings, :points, :refusals, :outcome, "
          + ":requestSatisfaction, :requestResponse, :dispatched, :answered, :callbacks, :requestPoints)")
          .param("id", ranking.id()).param("code", m.unitCode()).param("group", m.unitGroup())
          .param("name", m.unitName()).param("type", m.kind().code()).param("order", order++)
          .param("rank", unit.rank()).param("score", unit.score())
          .param("completion", rate(m.completionRate())).param("satisfaction", rate(m.satisfactionRate()))
          .param("response", rate(m.responseRate())).param("tasksDue", m.tasksDue())
          .param("tasksOnTime", m.tasksOnTime()).param("callsDue", m.callsDue()).param("callsOnTime", m.callsOnTime())
          .param("ratings", m.ratings())
          .param("points", BigDecimal.valueOf(m.ratingPoints()).setScale(6, RoundingMode.HALF_UP))
          .param("refusals", m.refusals()).param("outcome", unit.outcome().code())
          .param("requestSatisfaction", rate(m.requestSatisfactionRate()))
          .param("requestResponse", rate(m.requestResponseRate())).param("dispatched", m.requestsDispatched())
          .param("answered", m.requestsAnswered()).param("callbacks", m.requestCallbacks())
          .param("requestPoints", BigDecimal.valueOf(m.requestPoints()).setScale(6, RoundingMode.HALF_UP))
          .update();
    }
  }

  /** The stored ranking of the county and month, with the name the county had when it was computed. */
  public Optional<MonthlyRanking> find(String jurisdiction, String jurisdictionName, YearMonth period) {
    record Header(String id, String version, LocalDateTime computedAt, String exportFile) {
    }
    Optional<Header> header = jdbc.sql("select id, formula_version, computed_at, export_file from shudi_assessment "
        + "where jurisdiction = :jurisdiction and period = :period")
        .param("jurisdiction", jurisdiction).param("period", period.toString())
        .query((rs, row) -> new Header(rs.getString("id"), rs.getString("formula_version"),
            rs.getObject("computed_at", LocalDateTime.class), rs.getString("export_file")))
        .optional();
    if (header.isEmpty()) {
      return Optional.empty();
    }
    List<UnitResult> departments = new ArrayList<>();
    List<UnitResult> townships = new ArrayList<>();
    jdbc.sql("select * from shudi_assessment_rank where assessment_id = :id order by list_order")
        .param("id", header.get().id())
        .query(AssessmentStore::unit).list()
        .forEach(u -> (u.metrics().kind() == UnitType.DEPARTMENT ? departments : townships).add(u));
    return Optional.of(new MonthlyRanking(header.get().id(), jurisdiction, jurisdictionName, period,
        header.get().version(), header.get().computedAt(), departments, townships, header.get().exportFile()));
  }

  private static BigDecimal rate(Double rate) {
    return rate == null ? null : BigDecimal.valueOf(rate).setScale(4, RoundingMode.HALF_UP);
  }

  /** A row of formula 2026.2 or earlier has no intake figures: 0. */
  private static double points(ResultSet rs, String column) throws SQLException {
    BigDecimal points = rs.getBigDecimal(column);
    return points == null ? 0 : points.doubleValue();
  }

  private static UnitType unitType(String code) {
    return UnitType.fromCode(code).orElseThrow(() -> new IllegalArgumentException("未知单位类型：" + code));
  }

  private static UnitResult unit(ResultSet rs, int row) throws SQLException {
    UnitMetrics metrics = new UnitMetrics(rs.getString("unit_code"), rs.getString("unit_group"),
        rs.getString("unit_name"), unitType(rs.getString("unit_type")), rs.getInt("tasks_due"),
        rs.getInt("tasks_on_time"), rs.getInt("calls_due"), rs.getInt("calls_on_time"), rs.getInt("ratings"),
        rs.getBigDecimal("rating_points").doubleValue(), rs.getInt("refusals"), rs.getInt("requests_dispatched"),
        rs.getInt("requests_answered"), rs.getInt("request_callbacks"), points(rs, "request_points"));
    int rank = rs.getInt("rank_no");
    Integer rankNo = rs.wasNull() ? null : rank;
    BigDecimal score = rs.getBigDecimal("score");
    return new UnitResult(metrics, score == null ? null : score.setScale(2, RoundingMode.HALF_UP), rankNo,
        Outcome.fromCode(rs.getString("outcome")));
  }
}
