package cn.shudi.monitoring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.camunda.bpm.cockpit.impl.db.CommandExecutorImpl;
import org.camunda.bpm.cockpit.impl.db.QueryServiceImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.assessment.LatestRankings;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

/**
 * Times the plugin's queries on a large synthetic history, without and with {@link MonitoringIndexes}.
 * Not a test: run it by hand, figures go to docs/monitoring.md.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=cn.shudi.monitoring.MonitoringBenchmark -Dexec.args="200000"
 * # PostgreSQL too (a throw-away database is created and dropped on the server):
 *   -Dexec.args="200000 jdbc:postgresql://127.0.0.1:5432/ postgres"   (password: SHUDI_PG_PASSWORD)
 * </pre>
 *
 * A fresh database gets the engine's schema from a standalone engine (no job executor), then N
 * completed user tasks spread evenly over two years in ACT_HI_TASKINST (¼ Zhangqiu, ¾ Yunxi, the 324
 * item keys, 6 steps each, durations 10 min … 30 days), N/10 open tasks with candidate groups in
 * ACT_RU_TASK (due dates from 60 days ago to 60 days ahead) and N/20 process instances in
 * ACT_HI_PROCINST (a tenth of them supervisions). Each query runs {@code runs} times after one warm-up;
 * the median is printed, in milliseconds.
 */
public final class MonitoringBenchmark {

  static final long DAY = 86_400_000L;
  static final int STEPS = 6;

  private MonitoringBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    String postgresServer = args.length > 1 ? args[1] : null;
    String postgresUser = args.length > 2 ? args[2] : "postgres";
    int runs = Integer.parseInt(System.getProperty("runs", "11"));
    if (postgresServer == null) {
      run("H2 2.x in-memory", "jdbc:h2:mem:shudi-bench;DB_CLOSE_DELAY=-1", "sa", "", rows, runs);
    } else {
      String password = System.getenv().getOrDefault("SHUDI_PG_PASSWORD", "");
      String database = "shudi_bench_" + Long.toString(System.currentTimeMillis(), 36);
      try (Connection admin = DriverManager.getConnection(postgresServer + "postgres", postgresUser, password);
          Statement statement = admin.createStatement()) {
        statement.execute("create database " + database);
      }
      try {
        run("PostgreSQL", postgresServer + database, postgresUser, password, rows, runs);
      } finally {
        try (Connection admin = DriverManager.getConnection(postgresServer + "postgres", postgresUser, password);
            Statement statement = admin.createStatement()) {
          statement.execute("drop database if exists " + database + " with (force)");
        }
      }
    }
  }

  /** A standalone engine (no job executor, full history) that gives a fresh database the engine's schema. */
  public static ProcessEngineConfigurationImpl standaloneEngine(String url, String user, String password,
      String name) {
    return (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneProcessEngineConfiguration().setJdbcUrl(url).setJdbcUsername(user)
        .setJdbcDriver(url.startsWith("jdbc:postgresql") ? "org.postgresql.Driver" : "org.h2.Driver")
        .setJdbcPassword(password).setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL).setJobExecutorActivate(false)
        .setProcessEngineName(name);
  }

  static void run(String label, String url, String user, String password, int rows, int runs) throws Exception {
    ProcessEngineConfigurationImpl configuration = standaloneEngine(url, user, password, "bench");
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      Organization organization = new OrganizationLoader(new DefaultResourceLoader(), "classpath:jurisdictions/")
          .load();
      Catalogs catalogs = Catalogs.load(new DefaultResourceLoader(), "classpath:jurisdictions/", organization,
          new CatalogLoader());
      List<String[]> keys = keys();
      long started = System.nanoTime();
      Date now = new Date();
      fill(url, user, password, rows, keys, now);
      System.out.printf(Locale.ROOT, "%s: %,d completed tasks, %,d open tasks, %,d process instances loaded in %d s%n",
          label, rows, rows / 10, rows / 20, (System.nanoTime() - started) / 1_000_000_000);

      MonitoringQueries queries = new MonitoringQueries(new QueryServiceImpl(new CommandExecutorImpl(configuration,
          new MonitoringPlugin().getMappingFiles())));
      Monitoring monitoring = new Monitoring(organization, catalogs, new Rankings(new LatestRankings(configuration.getDataSource())));
      MonitoringIndexes indexes = new MonitoringIndexes(configuration.getDataSource(), configuration.getDatabaseType(),
          configuration.getDatabaseTablePrefix());

      indexes.drop();
      analyze(url, user, password);
      measure(queries, monitoring, now, 3); // warm-up: buffers, MyBatis statements, JIT
      Map<String, Double> without = measure(queries, monitoring, now, runs);
      long indexing = System.nanoTime();
      indexes.ensure();
      System.out.printf(Locale.ROOT, "indexes created in %d ms%n", (System.nanoTime() - indexing) / 1_000_000);
      analyze(url, user, password);
      Map<String, Double> with = measure(queries, monitoring, now, runs);
      indexes.drop();
      analyze(url, user, password);
      Map<String, Double> withoutAgain = measure(queries, monitoring, now, runs);

      System.out.printf(Locale.ROOT, "%n%s, %,d completed tasks; median of %d runs, ms%n", label, rows, runs);
      System.out.printf(Locale.ROOT, "| query | without indexes | with indexes | without again |%n|---|---:|---:|---:|%n");
      without.forEach((name, ms) -> System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f |%n", name, ms,
          with.get(name), withoutAgain.get(name)));
    } finally {
      engine.close();
    }
  }

  static Map<String, Double> measure(MonitoringQueries queries, Monitoring monitoring, Date now, int runs) {
    MonitoringScope zhangqiu = MonitoringScope.of(List.of("zhangqiu"));
    MonitoringScope all = MonitoringScope.all();
    Date since = Monitoring.since(now, 90);
    Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
    cases.put("durations, one county, 90 days (dashboard)",
        () -> queries.taskDurations(new MonitoringQuery(zhangqiu, now, since)));
    cases.put("durations, all counties, 90 days (admin dashboard)",
        () -> queries.taskDurations(new MonitoringQuery(all, now, since)));
    cases.put("durations, one item, 90 days (tab, overlay)",
        () -> queries.taskDurations(new MonitoringQuery(zhangqiu, now, since).processDefinitionKey("zq001")));
    cases.put("durations, one county, 365 days",
        () -> queries.taskDurations(new MonitoringQuery(zhangqiu, now, Monitoring.since(now, 365))));
    cases.put("open and overdue tasks per step and unit, one county",
        () -> queries.openTasks(new MonitoringQuery(zhangqiu, now, since)));
    cases.put("20 most overdue tasks, one county",
        () -> queries.taskList(new MonitoringQuery(zhangqiu, now, since).overdueOnly().limit(20)));
    cases.put("open cases per item, one county",
        () -> queries.openCases(new MonitoringQuery(zhangqiu, now, since)));
    cases.put("20 calls waiting longest, one county",
        () -> queries.taskList(new MonitoringQuery(zhangqiu, now, since).processDefinitionKey(SharedProcesses.CALL)
            .taskDefinitionKey(SharedProcesses.CALL_ACCEPT).oldestFirst().limit(20)));
    cases.put("supervisions and joint meetings, one county",
        () -> queries.escalations(new MonitoringQuery(zhangqiu, now, since)));
    cases.put("ranking (table check + query)", () -> monitoring.rankings().current(zhangqiu, monitoring.directory()));
    cases.put("whole dashboard, one county (all queries + roll-up)",
        () -> monitoring.dashboard(queries, zhangqiu, now, 90));
    cases.put("whole definition tab, one item",
        () -> monitoring.definition(queries, "zq001:1:bench", "zq001", "zhangqiu", now, 90));
    Map<String, Double> medians = new LinkedHashMap<>();
    cases.forEach((name, query) -> {
      query.get(); // warm-up: MyBatis statement, JIT, caches
      double[] times = new double[runs];
      for (int i = 0; i < runs; i++) {
        long started = System.nanoTime();
        query.get();
        times[i] = (System.nanoTime() - started) / 1_000_000.0;
      }
      Arrays.sort(times);
      medians.put(name, times[runs / 2]);
    });
    return medians;
  }

  /** The 324 item keys with their tenant: {tenant, key}. */
  public static List<String[]> keys() {
    List<String[]> keys = new ArrayList<>();
    for (int i = 1; i <= 81; i++) {
      keys.add(new String[] {"zhangqiu", String.format(Locale.ROOT, "zq%03d", i)});
    }
    for (int i = 1; i <= 243; i++) {
      keys.add(new String[] {"yunxi", String.format(Locale.ROOT, "yx%03d", i)});
    }
    return keys;
  }

  public static void fill(String url, String user, String password, int rows, List<String[]> keys, Date now)
      throws SQLException {
    Random random = new Random(20260302L);
    try (Connection connection = DriverManager.getConnection(url, user, password)) {
      connection.setAutoCommit(false);
      try (PreparedStatement definition = connection.prepareStatement("insert into ACT_RE_PROCDEF (ID_, REV_, NAME_,"
          + " KEY_, VERSION_, SUSPENSION_STATE_, TENANT_ID_, STARTABLE_) values (?, 1, ?, ?, 1, 1, ?, true)")) {
        for (String[] key : keys) {
          definition.setString(1, key[1] + ":1:bench");
          definition.setString(2, key[1]);
          definition.setString(3, key[1]);
          definition.setString(4, key[0]);
          definition.addBatch();
        }
        definition.executeBatch();
      }
      try (PreparedStatement task = connection.prepareStatement("insert into ACT_HI_TASKINST (ID_, TASK_DEF_KEY_,"
          + " PROC_DEF_KEY_, PROC_DEF_ID_, PROC_INST_ID_, NAME_, START_TIME_, END_TIME_, DURATION_, DELETE_REASON_,"
          + " PRIORITY_, TENANT_ID_) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 50, ?)")) {
        for (int i = 0; i < rows; i++) {
          String[] key = pick(keys, random);
          long end = now.getTime() - (long) (random.nextDouble() * 730 * DAY);
          long duration = (long) (600_000 * Math.exp(random.nextDouble() * Math.log(30.0 * DAY / 600_000)));
          task.setString(1, "hit-" + i);
          task.setString(2, key[1] + "_step_" + (1 + random.nextInt(STEPS)));
          task.setString(3, key[1]);
          task.setString(4, key[1] + ":1:bench");
          task.setString(5, "pi-" + (i / 8));
          task.setString(6, "环节");
          task.setTimestamp(7, new Timestamp(end - duration));
          task.setTimestamp(8, new Timestamp(end));
          task.setLong(9, duration);
          task.setString(10, random.nextInt(20) == 0 ? "deleted" : "completed");
          task.setString(11, key[0]);
          task.addBatch();
          if (i % 5_000 == 4_999) {
            task.executeBatch();
            connection.commit();
          }
        }
        task.executeBatch();
      }
      try (PreparedStatement task = connection.prepareStatement("insert into ACT_RU_TASK (ID_, REV_, PROC_DEF_ID_,"
          + " NAME_, TASK_DEF_KEY_, PRIORITY_, CREATE_TIME_, DUE_DATE_, SUSPENSION_STATE_, TENANT_ID_)"
          + " values (?, 1, ?, ?, ?, 50, ?, ?, 1, ?)");
          PreparedStatement link = connection.prepareStatement("insert into ACT_RU_IDENTITYLINK (ID_, REV_, GROUP_ID_,"
              + " TYPE_, TASK_ID_, TENANT_ID_) values (?, 1, ?, 'candidate', ?, ?)")) {
        for (int i = 0; i < rows / 10; i++) {
          String[] key = pick(keys, random);
          long due = now.getTime() + (long) ((random.nextDouble() * 120 - 60) * DAY);
          task.setString(1, "rut-" + i);
          task.setString(2, key[1] + ":1:bench");
          task.setString(3, "环节");
          task.setString(4, key[1] + "_step_" + (1 + random.nextInt(STEPS)));
          task.setTimestamp(5, new Timestamp(due - 10 * DAY));
          task.setTimestamp(6, new Timestamp(due));
          task.setString(7, key[0]);
          task.addBatch();
          link.setString(1, "ril-" + i);
          link.setString(2, key[0] + "_unit" + random.nextInt(40));
          link.setString(3, "rut-" + i);
          link.setString(4, key[0]);
          link.addBatch();
          if (i % 5_000 == 4_999) {
            task.executeBatch();
            link.executeBatch();
            connection.commit();
          }
        }
        task.executeBatch();
        link.executeBatch();
      }
      try (PreparedStatement instance = connection.prepareStatement("insert into ACT_HI_PROCINST (ID_, PROC_INST_ID_,"
          + " PROC_DEF_KEY_, PROC_DEF_ID_, START_TIME_, END_TIME_, ROOT_PROC_INST_ID_, TENANT_ID_)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < rows / 20; i++) {
          String[] key = pick(keys, random);
          boolean supervision = i % 10 == 0;
          long start = now.getTime() - (long) (random.nextDouble() * 730 * DAY);
          instance.setString(1, "hpi-" + i);
          instance.setString(2, "hpi-" + i);
          instance.setString(3, supervision ? SharedProcesses.SUPERVISION : key[1]);
          instance.setString(4, (supervision ? SharedProcesses.SUPERVISION : key[1]) + ":1:bench");
          instance.setTimestamp(5, new Timestamp(start));
          instance.setTimestamp(6, random.nextInt(10) == 0 ? null : new Timestamp(start + 5 * DAY));
          instance.setString(7, supervision ? "hpi-" + (i + 1) : "hpi-" + i);
          instance.setString(8, key[0]);
          instance.addBatch();
        }
        instance.executeBatch();
      }
      connection.commit();
    }
  }

  /** ¼ of the work in Zhangqiu (81 items), ¾ in Yunxi (243): every key alike. */
  static String[] pick(List<String[]> keys, Random random) {
    return keys.get(random.nextInt(keys.size()));
  }

  public static void analyze(String url, String user, String password) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      // fresh statistics for the planner; on PostgreSQL also the visibility map (index-only scans), as autovacuum would
      statement.execute(url.startsWith("jdbc:postgresql") ? "vacuum analyze" : "analyze");
    }
  }
}
