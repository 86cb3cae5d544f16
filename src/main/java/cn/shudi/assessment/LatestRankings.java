package cn.shudi.assessment;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The assessment's public read API for other features (the supervisors' dashboard): the latest assessed month
 * of each county, one line per unit. Reads the assessment's own tables ({@code shudi_assessment},
 * {@code shudi_assessment_rank}; see {@link AssessmentStore}); nobody else queries them.
 */
public final class LatestRankings {

  private static final String TABLE = "shudi_assessment_rank";
  private static final String LATEST = """
      select a.jurisdiction as jurisdiction, a.period as period, r.unit_group as unit, r.unit_name as unit_name,
             r.unit_type as unit_type, r.score as score, r.rank_no as rank_no, r.outcome as outcome,
             r.list_order as list_order
        from shudi_assessment a
             inner join shudi_assessment_rank r on r.assessment_id = a.id
       where a.period = (select max(p.period) from shudi_assessment p where p.jurisdiction = a.jurisdiction)""";

  /**
   * One ranked (or unranked) unit of a county's latest month.
   *
   * @param unitGroup the unit's group
   * @param unitType {@link cn.shudi.organization.UnitType#code()} of a department or township
   * @param score null: not ranked (未参评)
   * @param rank null: not ranked
   * @param outcome {@link Outcome#code()}
   */
  public record Line(String jurisdiction, String period, String unitGroup, String unitName, String unitType,
      Double score, Integer rank, String outcome) {
  }

  private final JdbcTemplate jdbc;

  public LatestRankings(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(dataSource);
  }

  /**
   * Whether the assessment's tables are there (they are created by Flyway; a bare engine, as in the
   * benchmarks, has none).
   *
   * @throws org.springframework.dao.DataAccessException when the database cannot be asked
   */
  public boolean available() {
    Boolean found = jdbc.execute((Connection connection) -> {
      DatabaseMetaData meta = connection.getMetaData();
      for (String name : List.of(TABLE, TABLE.toUpperCase(Locale.ROOT), TABLE.toLowerCase(Locale.ROOT))) {
        try (ResultSet tables = meta.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
          if (tables.next()) {
            return true;
          }
        }
      }
      return false;
    });
    return Boolean.TRUE.equals(found);
  }

  /**
   * The latest month of each of the given counties (all counties when {@code jurisdictions} is null), by
   * county, kind (departments first), rank (unranked last) and the county's order of units.
   *
   * @throws org.springframework.dao.DataAccessException when the tables do not answer
   */
  public List<Line> latest(Collection<String> jurisdictions) {
    StringBuilder sql = new StringBuilder("select * from (").append(LATEST).append(") q");
    List<Object> args = new ArrayList<>();
    if (jurisdictions != null) {
      sql.append(" where q.jurisdiction in (")
          .append(String.join(", ", jurisdictions.stream().map(t -> "?").toList())).append(")");
      args.addAll(jurisdictions);
    }
    sql.append(" order by q.jurisdiction, q.unit_type, case when q.rank_no is null then 1 else 0 end, q.rank_no,"
        + " q.list_order");
    return jdbc.query(sql.toString(), (rs, n) -> {
      double score = rs.getDouble("score");
      Double boxedScore = rs.wasNull() ? null : score;
      int rank = rs.getInt("rank_no");
      Integer boxedRank = rs.wasNull() ? null : rank;
      return new Line(rs.getString("jurisdiction"), rs.getString("period"), rs.getString("unit"),
          rs.getString("unit_name"), rs.getString("unit_type"), boxedScore, boxedRank, rs.getString("outcome"));
    }, args.toArray());
  }
}
