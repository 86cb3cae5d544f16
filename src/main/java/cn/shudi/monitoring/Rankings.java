package cn.shudi.monitoring;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.shudi.monitoring.Dashboard.Ranking;
import cn.shudi.monitoring.Dashboard.RankingLine;

/**
 * The current evaluation ranking (双向互评 → 考核排名) for the dashboard, read from the assessment's
 * ranking table when it exists. The table belongs to {@code cn.shudi.assessment} (Flyway); until it is
 * there, or when it does not answer the expected query, the section stays empty with a note.
 *
 * <p>The query ({@code shudi.monitoring.ranking.query} to change it) returns one row per unit of the latest
 * month of each jurisdiction with the columns {@code jurisdiction, period, unit} (the unit's group),
 * {@code unit_name, unit_type} ({@code department}/{@code township}), {@code score, rank_no} (null: not
 * ranked, 未参评), {@code outcome} ({@code commended}/{@code summoned}/{@code none}) and
 * {@code list_order}; the plugin adds the tenant filter and the order around it.
 */
public class Rankings {

  /** The assessment's table of ranked units (Flyway V3, {@code cn.shudi.assessment}). */
  public static final String DEFAULT_TABLE = "shudi_assessment_rank";
  /** The latest assessed month of each jurisdiction, one row per unit. */
  public static final String DEFAULT_QUERY = """
      select a.jurisdiction as jurisdiction, a.period as period, r.unit_group as unit, r.unit_name as unit_name,
             r.unit_type as unit_type, r.score as score, r.rank_no as rank_no, r.outcome as outcome,
             r.list_order as list_order
        from shudi_assessment a
             inner join shudi_assessment_rank r on r.assessment_id = a.id
       where a.period = (select max(p.period) from shudi_assessment p where p.jurisdiction = a.jurisdiction)""";

  static final java.util.Map<String, String> KINDS = java.util.Map.of("department", "部门", "township", "镇街");
  static final java.util.Map<String, String> OUTCOMES = java.util.Map.of("commended", "表扬", "summoned", "约谈");

  static final String NOTE_MISSING = "考核排名表尚未建立（由考核模块 cn.shudi.assessment 生成），暂无排名。";
  static final String NOTE_UNREADABLE = "考核排名表与预期结构不符，暂不显示（详见服务器日志）。";
  static final String NOTE_EMPTY = "尚无本辖区的月度评价排名（每月 1 日评出上月排名）。";
  static final String NOTE_SOURCE = "月度评价排名：各辖区最近一期（部门、镇街分别排名）。";

  private static final Logger LOG = LoggerFactory.getLogger(Rankings.class);

  private final JdbcTemplate jdbc;
  private final String table;
  private final String query;

  public Rankings(DataSource dataSource, String table, String query) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.table = table;
    this.query = query;
  }

  /** The latest ranking of the jurisdictions in scope. */
  Ranking current(MonitoringScope scope, Directory directory) {
    if (!tableExists()) {
      return new Ranking(false, NOTE_MISSING, List.of());
    }
    if (!scope.isAll() && scope.tenantIds().isEmpty()) {
      return new Ranking(true, NOTE_EMPTY, List.of());
    }
    StringBuilder sql = new StringBuilder("select * from (").append(query).append(") q");
    List<Object> args = new ArrayList<>();
    if (!scope.isAll()) {
      sql.append(" where q.jurisdiction in (")
          .append(String.join(", ", scope.tenantIds().stream().map(t -> "?").toList())).append(")");
      args.addAll(scope.tenantIds());
    }
    sql.append(" order by q.jurisdiction, q.unit_type, case when q.rank_no is null then 1 else 0 end, q.rank_no,"
        + " q.list_order");
    try {
      List<RankingLine> rows = jdbc.query(sql.toString(), (rs, n) -> {
        String jurisdiction = rs.getString("jurisdiction");
        String unit = rs.getString("unit");
        String name = rs.getString("unit_name");
        String kind = rs.getString("unit_type");
        double score = rs.getDouble("score");
        Double boxedScore = rs.wasNull() ? null : score;
        int rank = rs.getInt("rank_no");
        Integer boxedRank = rs.wasNull() ? null : rank;
        String outcome = rs.getString("outcome");
        return new RankingLine(jurisdiction, rs.getString("period"), unit,
            name == null ? directory.unitName(jurisdiction, unit) : name, kind, KINDS.getOrDefault(kind, kind),
            boxedScore, boxedRank, outcome, OUTCOMES.getOrDefault(outcome, ""));
      }, args.toArray());
      List<RankingLine> ordered = new ArrayList<>(rows);
      ordered.sort(java.util.Comparator.comparingInt(r -> directory.order(r.jurisdiction()))); // stable
      return new Ranking(true, ordered.isEmpty() ? NOTE_EMPTY : NOTE_SOURCE, ordered);
    } catch (DataAccessException e) {
      LOG.warn("考核排名读取失败（表 {}，查询见 shudi.monitoring.ranking.query）：{}", table, e.getMessage());
      return new Ranking(false, NOTE_UNREADABLE, List.of());
    }
  }

  boolean tableExists() {
    try {
      Boolean found = jdbc.execute((Connection connection) -> {
        DatabaseMetaData meta = connection.getMetaData();
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT))) {
          try (ResultSet tables = meta.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
            if (tables.next()) {
              return true;
            }
          }
        }
        return false;
      });
      return Boolean.TRUE.equals(found);
    } catch (DataAccessException e) {
      LOG.warn("无法检查考核排名表 {}：{}", table, e.getMessage());
      return false;
    }
  }
}
