package cn.shudi.organization;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which grid each grid worker (网格员) belongs to, in table {@code shudi_grid_worker} (Flyway
 * {@code V11__grid_workers.sql}; docs/grids.md). The user is a Camunda user of the role group {@code grid_workers}
 * ({@link Role#GRID_WORKER}); the grid is one of the county's {@code grids.csv}. The table belongs to the
 * organization feature: other features read it through this class only.
 */
public class GridWorkers {

  private final JdbcClient jdbc;
  private final Organization organization;

  GridWorkers(JdbcClient jdbc, Organization organization) {
    this.jdbc = jdbc;
    this.organization = organization;
  }

  /**
   * The grid of a grid worker; none for a user without one, or whose grid is no longer in the county's
   * {@code grids.csv}.
   */
  public Optional<Grid> gridOf(String userId) {
    if (userId == null) {
      return Optional.empty();
    }
    record Row(String jurisdiction, String gridCode) {
    }
    return jdbc.sql("select jurisdiction, grid_code from shudi_grid_worker where user_id = ?").param(userId)
        .query((rs, row) -> new Row(rs.getString("jurisdiction"), rs.getString("grid_code"))).optional()
        .flatMap(r -> organization.find(r.jurisdiction()).flatMap(j -> j.grid(r.gridCode())));
  }

  /** The grid workers of a grid (their user ids, sorted). */
  public List<String> workersOf(Grid grid) {
    return jdbc.sql("select user_id from shudi_grid_worker where jurisdiction = ? and grid_code = ? order by user_id")
        .params(grid.jurisdiction(), grid.code()).query(String.class).list();
  }

  /**
   * Puts a grid worker in a grid (in the caller's transaction); a worker belongs to one grid, so an earlier grid is
   * replaced.
   *
   * @throws IllegalArgumentException when the grid is not one of its county's grids
   */
  public void assign(String userId, Grid grid) {
    boolean known = organization.find(grid.jurisdiction()).flatMap(j -> j.grid(grid.code())).filter(grid::equals)
        .isPresent();
    if (!known) {
      throw new IllegalArgumentException("网格「" + grid.code() + "」不是辖区「" + grid.jurisdiction() + "」grids.csv 中的网格");
    }
    jdbc.sql("delete from shudi_grid_worker where user_id = ?").param(userId).update();
    jdbc.sql("insert into shudi_grid_worker (user_id, jurisdiction, grid_code) values (?, ?, ?)")
        .params(userId, grid.jurisdiction(), grid.code()).update();
  }

  /**
   * The demo grid worker of each township ({@code zhangqiu_mingshui_grid}) gets the township's first grid, unless it
   * already has a grid of the county (a changed assignment stays). A county without grids.csv leaves its grid
   * workers without a grid.
   *
   * @return how many assignments were made
   */
  int assignDemoGridWorkers(Organization organization) {
    int assigned = 0;
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      for (Unit township : jurisdiction.townships()) {
        List<Grid> grids = jurisdiction.gridsOf(township.code());
        String user = DemoUsers.gridWorkerOf(township);
        if (!grids.isEmpty() && gridOf(user).filter(g -> g.jurisdiction().equals(jurisdiction.code())).isEmpty()) {
          assign(user, grids.get(0));
          assigned++;
        }
      }
    }
    return assigned;
  }
}
