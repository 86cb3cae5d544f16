package cn.shudi.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.metrics.Meter;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * Job executor settings measured with 1 and 2 engines ("nodes") on one PostgreSQL database. Not a test:
 * run it by hand, figures go to docs/cluster.md.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=cn.shudi.cluster.JobExecutorBenchmark -Dexec.args="3 400"
 *   (args: repetitions, cases per trial; server from SHUDI_PG_SERVER/…, a throw-away database is dropped after)
 * </pre>
 *
 * A trial: a loader engine (no job executor) starts N cases of a process shaped like the blueprints' async
 * parts — fork, two async steps, an async parallel join (two join jobs), an async step after it, so 5 jobs
 * per case, exclusive per case as in the platform — and 50 cases waiting at a timer due 2 s after the
 * executors start (deadlines falling due in the middle of a backlog). Then 1 or 2 engines with the
 * setting's job executor start at once and the clock runs until ACT_RU_JOB is empty. Figures per trial:
 * jobs/s, timer lateness (end of the timer job's run minus its due date, from ACT_HI_JOB_LOG) median and
 * max, and the executors' own meters: acquisition attempts, jobs acquired, locks lost to the other node
 * (job-acquired-failure), rejected (pool full), failed (mostly optimistic locking at the join). The settings
 * run interleaved, repetition by repetition, so a noisy neighbour hits them alike; medians are reported.
 */
public final class JobExecutorBenchmark {

  /** A job executor setting: the Spring Boot property names of camunda.bpm.job-execution. */
  record Setting(String name, int corePoolSize, int maxPoolSize, int queueCapacity, int maxJobsPerAcquisition,
      int waitTimeInMillis, long maxWait, int backoffTimeInMillis, long maxBackoff, int lockTimeInMillis,
      boolean preferTimers) {
  }

  /** The settings of docs/cluster.md's rounds; pick with -Dsettings=name,name (default: the shipped ones). */
  static final List<Setting> ALL_SETTINGS = List.of(
      // the Camunda / starter defaults
      new Setting("default", 3, 10, 3, 3, 5000, 60_000, 0, 0, 300_000, false),
      // round 1
      new Setting("r1-core4-queue16-acq8", 4, 8, 16, 8, 2000, 10_000, 50, 2_000, 60_000, false),
      new Setting("r1-core4-queue16-acq8-no-backoff", 4, 8, 16, 8, 2000, 10_000, 0, 0, 60_000, false),
      new Setting("r1-core4-queue16-acq8+prefer-timers", 4, 8, 16, 8, 2000, 10_000, 50, 2_000, 60_000, true),
      new Setting("r1-pool10-queue10-acq3", 10, 10, 10, 3, 2000, 10_000, 50, 2_000, 60_000, false),
      // round 2: as many threads as ever run (core = max), queue = one acquisition
      new Setting("r2-pool6-queue6-acq6", 6, 6, 6, 6, 2000, 10_000, 50, 2_000, 60_000, false),
      new Setting("r2-pool6-queue6-acq6-no-backoff", 6, 6, 6, 6, 2000, 10_000, 0, 0, 60_000, false),
      new Setting("r2-pool6-queue6-acq6+prefer-timers", 6, 6, 6, 6, 2000, 10_000, 50, 2_000, 60_000, true),
      // what application.yaml ships: the starter's pool and acquisition, shorter idle waits, backoff, 1 min locks
      new Setting("chosen", 3, 10, 3, 3, 2000, 10_000, 50, 2_000, 60_000, false),
      new Setting("chosen+prefer-timers", 3, 10, 3, 3, 2000, 10_000, 50, 2_000, 60_000, true));

  static final List<Setting> SETTINGS = ALL_SETTINGS.stream()
      .filter(s -> List.of(System.getProperty("settings", "default,chosen,chosen+prefer-timers")
          .split(",")).contains(s.name()))
      .toList();

  static final int TIMERS = 50;
  static final int JOBS_PER_CASE = 5;

  private JobExecutorBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int cases = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    String server = System.getenv().getOrDefault("SHUDI_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    String user = System.getenv().getOrDefault("SHUDI_PG_USER", "postgres");
    String password = System.getenv().getOrDefault("SHUDI_PG_PASSWORD", "");
    String database = "shudi_jobbench_" + Long.toString(System.currentTimeMillis(), 36);
    try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + database);
    }
    String url = server + database;
    System.out.println("loadavg at start: " + Files.readString(Path.of("/proc/loadavg")).trim());
    Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
    ProcessEngine loader = engine("loader", url, user, password, null);
    try (Connection db = DriverManager.getConnection(url, user, password)) {
      loader.getRepositoryService().createDeployment().name("bench").addModelInstance("bench_async.bpmn", async())
          .addModelInstance("bench_timer.bpmn", timer()).deploy();
      for (int r = 0; r < repetitions; r++) {
        for (Setting setting : SETTINGS) {
          for (int nodes = 1; nodes <= 2; nodes++) {
            Map<String, Double> trial = trial(loader, db, url, user, password, setting, nodes, cases);
            results.computeIfAbsent(setting.name() + " ×" + nodes, k -> new ArrayList<>()).add(trial);
            System.out.printf(Locale.ROOT, "rep %d %-22s nodes %d %s  loadavg %s%n", r + 1, setting.name(), nodes,
                trial, Files.readString(Path.of("/proc/loadavg")).trim());
          }
        }
      }
    } finally {
      loader.close();
      try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
          Statement statement = admin.createStatement()) {
        statement.execute("drop database if exists " + database + " with (force)");
      }
    }
    System.out.println();
    System.out.println("| setting | nodes | jobs/s | timer lateness p50 ms | max ms | acquisitions | acquired |"
        + " lost lock (acq. failure) | rejected | failed (OLE) |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    results.forEach((cell, trials) -> {
      String[] name = cell.split(" ×");
      System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n", name[0],
          name[1], median(trials, t -> t.get("jobs/s")), median(trials, t -> t.get("late50")),
          median(trials, t -> t.get("lateMax")), median(trials, t -> t.get("attempts")),
          median(trials, t -> t.get("acquired")), median(trials, t -> t.get("lost")),
          median(trials, t -> t.get("rejected")), median(trials, t -> t.get("failed")));
    });
    System.out.println("loadavg at end: " + Files.readString(Path.of("/proc/loadavg")).trim());
  }

  static Map<String, Double> trial(ProcessEngine loader, Connection db, String url, String user, String password,
      Setting setting, int nodes, int cases) throws Exception {
    try (Statement statement = db.createStatement()) {
      statement.execute("delete from act_hi_job_log");
    }
    RuntimeService runtime = loader.getRuntimeService();
    for (int i = 0; i < cases; i++) {
      runtime.startProcessInstanceByKey("bench_async");
    }
    List<ProcessEngine> engines = new ArrayList<>();
    for (int n = 0; n < nodes; n++) {
      engines.add(engine("node-" + n + "-" + System.nanoTime(), url, user, password, setting));
    }
    long start = System.currentTimeMillis();
    Date due = new Date(start + 2_000);
    for (int i = 0; i < TIMERS; i++) {
      runtime.startProcessInstanceByKey("bench_timer", Map.of("due", due));
    }
    long t0 = System.nanoTime();
    for (ProcessEngine engine : engines) {
      ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().start();
    }
    long deadline = t0 + 300_000_000_000L;
    while (count(db, "select count(*) from act_ru_job") > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> trial = new LinkedHashMap<>();
    trial.put("jobs/s", Math.round(10 * (cases * JOBS_PER_CASE + TIMERS) / seconds) / 10.0);
    List<Long> lateness = longs(db, "select (extract(epoch from (timestamp_ - job_duedate_)) * 1000)::bigint"
        + " from act_hi_job_log where job_state_ = 2 and job_def_type_ = 'timer-intermediate-transition'");
    Collections.sort(lateness);
    trial.put("late50", lateness.isEmpty() ? -1.0 : lateness.get(lateness.size() / 2));
    trial.put("lateMax", lateness.isEmpty() ? -1.0 : lateness.get(lateness.size() - 1));
    trial.put("attempts", meter(engines, Metrics.JOB_ACQUISITION_ATTEMPT));
    trial.put("acquired", meter(engines, Metrics.JOB_ACQUIRED_SUCCESS));
    trial.put("lost", meter(engines, Metrics.JOB_ACQUIRED_FAILURE));
    trial.put("rejected", meter(engines, Metrics.JOB_EXECUTION_REJECTED));
    trial.put("failed", meter(engines, Metrics.JOB_FAILED));
    trial.put("left", (double) count(db, "select count(*) from act_ru_job"));
    for (ProcessEngine engine : engines) {
      engine.close();
    }
    return trial;
  }

  static ProcessEngine engine(String name, String url, String user, String password, Setting setting) {
    StandaloneProcessEngineConfiguration configuration = (StandaloneProcessEngineConfiguration)
        ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName(name).setJdbcUrl(url).setJdbcUsername(user).setJdbcPassword(password)
        .setJdbcDriver("org.postgresql.Driver").setDatabaseSchemaUpdate("true").setHistory("full")
        .setJobExecutorActivate(false);
    configuration.setIdGenerator(new StrongUuidGenerator());
    configuration.setDbMetricsReporterActivate(false);
    configuration.setJdbcMaxActiveConnections(10);
    if (setting != null) {
      DefaultJobExecutor executor = new DefaultJobExecutor();
      executor.setCorePoolSize(setting.corePoolSize());
      executor.setMaxPoolSize(setting.maxPoolSize());
      executor.setQueueSize(setting.queueCapacity());
      executor.setMaxJobsPerAcquisition(setting.maxJobsPerAcquisition());
      executor.setWaitTimeInMillis(setting.waitTimeInMillis());
      executor.setMaxWait(setting.maxWait());
      executor.setBackoffTimeInMillis(setting.backoffTimeInMillis());
      executor.setMaxBackoff(setting.maxBackoff());
      executor.setLockTimeInMillis(setting.lockTimeInMillis());
      configuration.setJobExecutor(executor);
      configuration.setJobExecutorPreferTimerJobs(setting.preferTimers());
      configuration.setJobExecutorAcquireByDueDate(setting.preferTimers());
    }
    return configuration.buildProcessEngine();
  }

  static BpmnModelInstance async() {
    return Bpmn.createExecutableProcess("bench_async").camundaHistoryTimeToLive(1)
        .startEvent().parallelGateway("fork")
        .serviceTask("t1").camundaAsyncBefore().camundaExpression("${execution.setVariable('t1', 1)}")
        .parallelGateway("join").camundaAsyncBefore()
        .serviceTask("t3").camundaAsyncBefore().camundaExpression("${execution.setVariable('t3', 1)}")
        .endEvent()
        .moveToNode("fork")
        .serviceTask("t2").camundaAsyncBefore().camundaExpression("${execution.setVariable('t2', 1)}")
        .connectTo("join")
        .done();
  }

  static BpmnModelInstance timer() {
    return Bpmn.createExecutableProcess("bench_timer").camundaHistoryTimeToLive(1)
        .startEvent().intermediateCatchEvent("deadline").timerWithDate("${due}").endEvent().done();
  }

  static double meter(List<ProcessEngine> engines, String name) {
    double sum = 0;
    for (ProcessEngine engine : engines) {
      Meter meter = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getMetricsRegistry()
          .getDbMeterByName(name);
      sum += meter == null ? 0 : meter.get();
    }
    return sum;
  }

  static long count(Connection db, String sql) throws Exception {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static List<Long> longs(Connection db, String sql) throws Exception {
    try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      List<Long> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getLong(1));
      }
      return values;
    }
  }

  static double median(List<Map<String, Double>> trials, ToDoubleFunction<Map<String, Double>> value) {
    double[] values = trials.stream().mapToDouble(value).sorted().toArray();
    return values[values.length / 2];
  }
}
