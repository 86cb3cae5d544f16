package cn.shudi.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one case costs, counted rather than timed: CPU of this JVM and of all PostgreSQL server processes,
 * transactions committed, and per table the rows written and the scans made (PostgreSQL's statistics of
 * the case's own database). Taken around N cases worked by one thread, after a warm-up, so the figures
 * are per case and the two sides can be compared line by line.
 */
final class CaseCost {

  /** Counters at one moment: name → value. */
  record Snapshot(Map<String, Long> values) {
    Map<String, Double> perCase(Snapshot before, int cases) {
      Map<String, Double> result = new LinkedHashMap<>();
      values.forEach((name, value) -> {
        long delta = value - before.values.getOrDefault(name, 0L);
        if (delta != 0) {
          result.put(name, delta / (double) cases);
        }
      });
      return result;
    }
  }

  private CaseCost() {
  }

  static Snapshot take(Apps.Db db) throws SQLException, InterruptedException {
    Thread.sleep(1500); // PostgreSQL flushes a backend's statistics at most once a second
    Map<String, Long> values = new TreeMap<>();
    values.put("cpu ms: JVM", processCpuNanos() / 1_000_000);
    values.put("cpu ms: PostgreSQL", postgresCpuMillis());
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement()) {
      statement.execute("select pg_stat_clear_snapshot()");
      try (ResultSet rows = statement.executeQuery("select xact_commit, xact_rollback, tup_returned, tup_fetched"
          + " from pg_stat_database where datname = current_database()")) {
        rows.next();
        values.put("db: commits", rows.getLong(1));
        values.put("db: rollbacks", rows.getLong(2));
        values.put("db: rows returned", rows.getLong(3));
        values.put("db: rows fetched", rows.getLong(4));
      }
      try (ResultSet rows = statement.executeQuery("select lower(relname), coalesce(seq_scan, 0),"
          + " coalesce(idx_scan, 0), n_tup_ins, n_tup_upd, n_tup_del, coalesce(seq_tup_read, 0),"
          + " coalesce(idx_tup_fetch, 0) from pg_stat_user_tables")) {
        while (rows.next()) {
          String table = rows.getString(1);
          values.put("scans: " + table, rows.getLong(2) + rows.getLong(3));
          values.put("rows read by full scans: " + table, rows.getLong(7));
          values.put("rows read by index: " + table, rows.getLong(8));
          values.put("writes: " + table, rows.getLong(4) + rows.getLong(5) + rows.getLong(6));
        }
      }
    }
    return new Snapshot(values);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** User + system CPU of every process named postgres on this machine, in ms (Linux /proc). */
  static long postgresCpuMillis() {
    long ticks = 0;
    try (var processes = Files.list(Path.of("/proc"))) {
      for (Path process : (Iterable<Path>) processes::iterator) {
        if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String stat = Files.readString(process.resolve("stat"));
          int close = stat.lastIndexOf(')');
          if (!stat.substring(stat.indexOf('(') + 1, close).startsWith("postgres")) {
            continue;
          }
          String[] fields = stat.substring(close + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        } catch (IOException | RuntimeException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks * 10; // USER_HZ = 100 on Linux
  }
}
