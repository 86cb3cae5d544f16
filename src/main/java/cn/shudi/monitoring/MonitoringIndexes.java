package cn.shudi.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The indexes the platform adds to Camunda's own tables: the plugin's queries on a large history, and the
 * authorization check of every staff query on a large organization. Not a
 * Flyway migration: Flyway may run before the engine has created its tables. Created at start-up,
 * once the engine is up, idempotently ({@code create index if not exists}); on PostgreSQL
 * {@code concurrently}, so a big history table stays writable while the index is built, and an index
 * left invalid by an interrupted build is dropped and built again. Why each one: docs/monitoring.md.
 */
public class MonitoringIndexes {

  /**
   * One index.
   *
   * @param why the query it serves, for the log
   */
  public record Index(String name, String table, List<String> columns, String why) {
  }

  public static final List<Index> INDEXES = List.of(
      new Index("SHUDI_IDX_HI_TASK_TENANT_END", "ACT_HI_TASKINST", List.of("TENANT_ID_", "END_TIME_"),
          "dashboard: durations of the completed tasks of the user's jurisdictions in the window"),
      new Index("SHUDI_IDX_HI_TASK_KEY_END", "ACT_HI_TASKINST", List.of("PROC_DEF_KEY_", "TENANT_ID_", "END_TIME_"),
          "runtime tab and diagram overlay: durations of one item's steps in the window"),
      new Index("SHUDI_IDX_RU_TASK_DUE", "ACT_RU_TASK", List.of("DUE_DATE_"),
          "dashboard: the most overdue open tasks"),
      new Index("SHUDI_IDX_RU_AUTH_USER", "ACT_RU_AUTHORIZATION", List.of("USER_ID_"),
          "every staff query's authorization check: the user's and their groups' grants by index (with Camunda's"
              + " group index), not a scan of all grants, which grow with every user, unit and open task"));

  private static final Logger LOG = LoggerFactory.getLogger(MonitoringIndexes.class);

  private final JdbcTemplate jdbc;
  private final String databaseType;
  private final String prefix;

  /**
   * @param databaseType the engine's database type ({@code h2}, {@code postgres}, …)
   * @param tablePrefix the engine's table prefix (usually empty)
   */
  public MonitoringIndexes(DataSource dataSource, String databaseType, String tablePrefix) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.databaseType = databaseType == null ? "" : databaseType.toLowerCase(Locale.ROOT);
    this.prefix = tablePrefix == null ? "" : tablePrefix;
  }

  /** Creates the indexes that are missing; returns the names of those it created or rebuilt. */
  public List<String> ensure() {
    List<String> created = new ArrayList<>();
    if (!supported()) {
      LOG.info("平台索引：数据库类型 {} 未适配，跳过（见 docs/monitoring.md）", databaseType);
      return created;
    }
    for (Index index : INDEXES) {
      try {
        if (exists(index) && valid(index)) {
          continue;
        }
        if (exists(index)) {
          LOG.warn("平台索引 {} 无效（上次创建被中断），重建", index.name());
          jdbc.execute("drop index concurrently if exists " + index.name());
        }
        long started = System.nanoTime();
        jdbc.execute(createStatement(index));
        created.add(index.name());
        LOG.info("平台索引 {} 已创建（{} ms）：{}", index.name(), (System.nanoTime() - started) / 1_000_000,
            index.why());
      } catch (DataAccessException e) {
        // never stop the platform for an index; another node may be building it right now
        LOG.warn("平台索引 {} 未能创建：{}", index.name(), e.getMessage());
      }
    }
    return created;
  }

  /** Drops the indexes (the benchmark measures with and without). */
  public void drop() {
    for (Index index : INDEXES) {
      jdbc.execute("drop index if exists " + index.name());
    }
  }

  String createStatement(Index index) {
    String columns = String.join(", ", index.columns());
    String concurrently = isPostgres() ? "concurrently " : "";
    return "create index " + concurrently + "if not exists " + index.name() + " on " + prefix + index.table() + " ("
        + columns + ")";
  }

  public boolean exists(Index index) {
    Integer count = isPostgres()
        ? jdbc.queryForObject("select count(*) from pg_indexes where lower(indexname) = lower(?)", Integer.class,
            index.name())
        : jdbc.queryForObject("select count(*) from information_schema.indexes where upper(index_name) = upper(?)",
            Integer.class, index.name());
    return count != null && count > 0;
  }

  private boolean valid(Index index) {
    if (!isPostgres()) {
      return true;
    }
    Integer invalid = jdbc.queryForObject("select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid "
        + "where lower(c.relname) = lower(?) and not i.indisvalid", Integer.class, index.name());
    return invalid == null || invalid == 0;
  }

  private boolean supported() {
    return databaseType.equals("h2") || isPostgres();
  }

  private boolean isPostgres() {
    return databaseType.equals("postgres");
  }
}
