package cn.shudi.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The platform against the bare Camunda engine, same work, same database, one run: start-up, ZQ054
 * cases per second, REST task completion latency, timer lateness, Cockpit plugin queries. Prints each
 * figure and writes {@code target/benchmark/results.md}. How to run and what each figure compares:
 * docs/benchmark.md.
 *
 * <pre>
 * mvn -Pbenchmark test-compile exec:exec                      # full run (~20 min on 2 cores)
 * mvn -Pbenchmark test-compile exec:exec -Dbench.quick=true   # smoke run, small counts
 * mvn -Pbenchmark test-compile exec:exec -Dbench.steps=cases,rest   # some steps only
 * mvn -Pbenchmark test-compile exec:exec -Dbench.steps=suggest      # 研判 latency per county (seconds)
 * mvn -Pbenchmark test-compile exec:exec -Dbench.steps=open311      # Open311 filings per second, H2 and PostgreSQL
 * </pre>
 */
public final class Bench {

  static final AtomicBoolean firstFailure = new AtomicBoolean();
  private static final long T0 = System.nanoTime();
  private static final String PG_SERVER = env("SHUDI_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String PG_USER = env("SHUDI_PG_USER", "postgres");
  private static final String PG_PASSWORD = env("SHUDI_PG_PASSWORD", "");

  /** Counts of one run: full or quick. */
  record Counts(int startupRounds, int warmup, int cases, int threads, int restCalls, int restClients, int timers,
      int cockpitRows, int cockpitRuns) {
    static final Counts FULL = new Counts(2, 30, 400, 4, 1000, 6, 10_000, 1_000_000, 21);
    static final Counts QUICK = new Counts(1, 10, 60, 4, 150, 6, 1_000, 100_000, 7);
  }

  private final Counts counts;
  /** The administrator's password of the platform as application.yaml starts it (README). */
  static final String ADMIN_PASSWORD = System.getenv().getOrDefault("SHUDI_ADMIN_PASSWORD", "Shudi@Kaifa2026");

  private final Set<String> steps;
  private final Path out = Path.of("target", "benchmark");
  private final List<String> table = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private Bench(Counts counts, Set<String> steps) {
    this.counts = counts;
    this.steps = steps;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = Boolean.getBoolean("bench.quick");
    String stepList = System.getProperty("bench.steps", "all");
    Set<String> steps = "all".equals(stepList) || stepList.isBlank()
        ? Set.of("startup", "cases", "rest", "timers", "cockpit", "suggest", "open311") : Set.of(stepList.split(","));
    // "split" (where the cases/s difference comes from) is opt-in: -Dbench.steps=split
    Bench bench = new Bench(quick ? Counts.QUICK : Counts.FULL, steps);
    int status = bench.runAll(quick);
    System.exit(status);
  }

  private int runAll(boolean quick) throws Exception {
    Files.createDirectories(out);
    deleteTree(out.resolve("h2")); // the last run's H2 files (about 1 GB after a quick run)
    String loadBefore = loadAverage();
    String facts = machineFacts(quick);
    System.out.println(facts);
    row("| figure | platform | bare engine | ratio | target | met |", "|---|---:|---:|---:|---|---|");
    int failures = 0;
    for (String step : List.of("startup", "cases", "split", "scaling", "cost", "timers", "cockpit", "suggest",
        "open311")) {
      if (!steps.contains(step) && !("cases".equals(step) && steps.contains("rest"))) {
        continue;
      }
      try {
        switch (step) {
          case "startup" -> startup();
          case "cases" -> cases();
          case "timers" -> timers();
          case "split" -> split();
          case "scaling" -> scaling();
          case "cost" -> cost();
          case "suggest" -> suggest();
          case "open311" -> open311();
          default -> cockpit();
        }
      } catch (Exception | Error e) {
        failures++;
        e.printStackTrace();
        notes.add("- step " + step + " FAILED: " + e);
      }
    }
    String report = "# Benchmark results\n\n" + facts + "\n- load average at start: " + loadBefore
        + "\n- load average at end: " + loadAverage() + "\n- duration: " + seconds() + " s\n\n"
        + String.join("\n", table) + "\n\n" + String.join("\n", notes) + "\n";
    Files.writeString(out.resolve("results.md"), report);
    System.out.println("\n" + report);
    System.out.println("written to " + out.resolve("results.md").toAbsolutePath());
    return failures == 0 ? 0 : 1;
  }

  // ---------------------------------------------------------------- 1. start-up

  private void startup() throws Exception {
    Path folder = out.resolve("startup");
    deleteTree(folder);
    Map<String, double[][]> times = new java.util.LinkedHashMap<>();
    for (String kind : StartupProbe.kinds()) {
      times.put(kind, new double[2][counts.startupRounds()]);
    }
    for (int round = 0; round < counts.startupRounds(); round++) {
      for (String kind : StartupProbe.kinds()) {
        Path db = folder.resolve(kind + "-" + round).resolve("db").toAbsolutePath();
        double first = spawn(kind, db);
        double again = spawn(kind, db);
        times.get(kind)[0][round] = first;
        times.get(kind)[1][round] = again;
        progress("start-up %s round %d: first %.1f s, restart %.1f s", kind, round + 1, first, again);
      }
    }
    double[] platform = best(times.get("platform"));
    double[] sameFiles = best(times.get("bare-blueprints"));
    double[] empty = best(times.get("bare-empty"));
    row(String.format(Locale.ROOT, "| start-up, first (s), vs bare deploying the same files (340 definitions + forms) | %.1f | %.1f | %.2f× | ≤ 1.5× | %s |",
        platform[0], sameFiles[0], platform[0] / sameFiles[0], met(platform[0] / sameFiles[0] <= 1.5)));
    row(String.format(Locale.ROOT, "| start-up, first (s), vs bare deploying nothing | %.1f | %.1f | %.2f× | — | |",
        platform[0], empty[0], platform[0] / empty[0]));
    row(String.format(Locale.ROOT, "| restart, nothing changed (s), vs bare with the same files | %.1f | %.1f | %.2f× | ≤ 1.5× | %s |",
        platform[1], sameFiles[1], platform[1] / sameFiles[1], met(platform[1] / sameFiles[1] <= 1.5)));
    row(String.format(Locale.ROOT, "| restart, nothing changed (s), vs bare deploying nothing | %.1f | %.1f | %.2f× | — | |",
        platform[1], empty[1], platform[1] / empty[1]));
    notes.add("- start-up: wall time from spawning a child JVM (same java, same test classpath, default heap) to"
        + " the application serving HTTP with its processes deployed; H2 file database fresh per round;"
        + " best of " + counts.startupRounds() + " round(s). Both sides have Camunda's webapps and REST.");
  }

  private static double[] best(double[][] rounds) {
    return new double[] {Arrays.stream(rounds[0]).min().orElseThrow(), Arrays.stream(rounds[1]).min().orElseThrow()};
  }

  private double spawn(String kind, Path db) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        StartupProbe.class.getName(), kind, db.toString()).redirectErrorStream(true);
    long started = System.nanoTime();
    Process process = builder.start();
    double ready = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("BENCH-READY") && ready < 0) {
          ready = (System.nanoTime() - started) / 1e9;
          System.out.println("  " + kind + ": " + line);
        } else if (output.length() < 20_000) {
          output.append(line).append('\n');
        }
      }
    }
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    if (ready < 0) {
      throw new IllegalStateException(kind + " did not get ready:\n" + output);
    }
    return ready;
  }

  // ---------------------------------------------------------------- 2. + 3. cases, REST

  private void cases() throws Exception {
    boolean casesToo = steps.contains("cases");
    jitWarmup();
    for (String database : casesToo ? List.of("h2", "pg") : List.of("h2")) {
      for (int nodes : casesToo ? List.of(1, 2) : List.of(1)) {
        String kind = "h2".equals(database) ? "H2 file" : "PostgreSQL";
        // both sides up at once, on databases of their own; measured in alternating rounds (below)
        List<Apps.Db> dbs = List.of(database(kind, "p" + nodes), database(kind, "b" + nodes));
        List<List<ConfigurableApplicationContext>> contexts = List.of(new ArrayList<>(), new ArrayList<>());
        try {
          for (int side = 0; side < 2; side++) {
            for (int node = 0; node < nodes; node++) {
              // engine names unique in the JVM: the engines register themselves by name
              String name = side == 0 ? (node == 0 ? "default" : "node" + (node + 1)) : "bare" + (node + 1);
              contexts.get(side).add(side == 0 ? Apps.platform(dbs.get(0), "full", name)
                  : Apps.bare(dbs.get(1), "full", name));
            }
          }
          progress("platform and bare %s, %d node(s) each, started", kind, nodes);
          if (casesToo) {
            casesRow(measurePair(contexts, dbs, nodes), database, nodes, "full-lean / full");
          }
        } finally {
          contexts.forEach(side -> side.forEach(ConfigurableApplicationContext::close));
          dbs.forEach(this::drop);
        }
        if ("h2".equals(database) && nodes == 1 && steps.contains("rest")) {
          rest();
        }
      }
    }
    if (casesToo) {
      historyLevels();
    }
    if (restResult[0] != null) {
      RestLatency.Result p = restResult[0];
      RestLatency.Result b = restResult[1];
      row(String.format(Locale.ROOT, "| REST task complete, p50 (ms), %d clients, H2 file | %.1f | %.1f | %.2f× | — | |",
          p.clients(), p.ms().p50(), b.ms().p50(), p.ms().p50() / b.ms().p50()));
      row(String.format(Locale.ROOT, "| REST task complete, p95 (ms), %d clients, H2 file | %.1f | %.1f | %.2f× | — | |",
          p.clients(), p.ms().p95(), b.ms().p95(), p.ms().p95() / b.ms().p95()));
      row(String.format(Locale.ROOT, "| REST task completions per s, %d clients | %.0f | %.0f | %.2f× | — | |",
          p.clients(), p.perSecond(), b.perSecond(), p.perSecond() / b.perSecond()));
      notes.add(String.format(Locale.ROOT, "- REST: %d calls (after %d untimed) of POST /engine-rest/task/{id}/complete"
          + " on the plan step (→ fork: 2 user tasks, 4 timers), HTTP basic login (platform: zhangqiu_market_staff,"
          + " authorization checks on; bare: a user of its own, authorization off, same login filter); failures:"
          + " platform %d, bare %d.", p.calls(), Math.min(counts.restClients() * 2, counts.restCalls() / 10),
          p.failures(), b.failures()));
    }
  }

  /**
   * REST completion latency, each side alone in the JVM: the REST API and its login find their engine by
   * name ("default"), which two applications in one JVM would share.
   */
  private void rest() throws Exception {
    for (int side = 0; side < 2; side++) {
      boolean platform = side == 0;
      Apps.Db db = database("H2 file", (platform ? "p" : "b") + "rest");
      try (ConfigurableApplicationContext context = platform ? Apps.platform(db, "full", "default")
          : Apps.bare(db, "full", "default")) {
        restResult[side] = RestLatency.run(engine(context), platform ? CaseLoad.Shape.PLATFORM
            : CaseLoad.Shape.BARE, Apps.port(context), platform ? "zhangqiu_market_staff" : BareApp.USER,
            platform ? "Shudi@Demo2026" : BareApp.PASSWORD, counts.restCalls(), counts.restClients(),
            (platform ? "platform" : "bare") + " REST");
      } finally {
        drop(db);
      }
    }
  }

  private final RestLatency.Result[] restResult = new RestLatency.Result[2];

  /**
   * Both sides once, untimed, before the first measurement: the engine, MyBatis, H2 and Spring code they
   * share is then compiled by the JIT for both, and the first measured side is not the one that pays.
   */
  private void jitWarmup() throws Exception {
    for (boolean platform : new boolean[] {true, false}) {
      Apps.Db db = database("H2 file", (platform ? "p" : "b") + "jit");
      try (ConfigurableApplicationContext context = platform ? Apps.platform(db, "full", "default")
          : Apps.bare(db, "full", "default")) {
        new CaseLoad(List.of(engine(context)), platform ? CaseLoad.Shape.PLATFORM : CaseLoad.Shape.BARE)
            .run(counts.warmup() * 3, counts.threads(), (platform ? "platform" : "bare") + " JIT warm-up");
      }
    }
  }

  /** Rounds of the cases measurement: the median of the rounds is reported, and every round's ratio. */
  static final int ROUNDS = 3;

  /** Both sides over {@link #ROUNDS} rounds: per side the median round, and the median of the rounds' ratios. */
  record Pair(CaseLoad.Result platform, CaseLoad.Result bare, double ratio, List<Double> ratios) {
  }

  /**
   * The platform and the bare engine, both started, in alternating rounds (P B, B P, P B, …) of half the
   * cases each: a slow moment of the machine then hits both sides instead of one, and the first round of
   * a side is not its only one. The spread of the rounds' ratios shows how far one figure can be trusted.
   */
  private Pair measurePair(List<List<ConfigurableApplicationContext>> contexts, List<Apps.Db> dbs, int nodes)
      throws Exception {
    List<CaseLoad> loads = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int side = 0; side < 2; side++) {
      boolean platform = side == 0;
      loads.add(new CaseLoad(contexts.get(side).stream().map(Bench::engine).toList(),
          platform ? CaseLoad.Shape.PLATFORM : CaseLoad.Shape.BARE));
      labels.add(String.format("%s %s %s %d node(s)", platform ? "platform" : "bare", dbs.get(side).label(),
          platform ? "full-lean" : "full", nodes));
      loads.get(side).run(counts.warmup(), counts.threads(), labels.get(side) + " warm-up");
    }
    List<List<CaseLoad.Result>> rounds = List.of(new ArrayList<>(), new ArrayList<>());
    List<Double> ratios = new ArrayList<>();
    int perRound = Math.max(1, counts.cases() / 2);
    for (int round = 0; round < ROUNDS; round++) {
      CaseLoad.Result[] results = new CaseLoad.Result[2];
      for (int i = 0; i < 2; i++) {
        int side = round % 2 == 0 ? i : 1 - i;
        results[side] = loads.get(side).run(perRound, counts.threads(), labels.get(side) + " round " + (round + 1));
        rounds.get(side).add(results[side]);
        progress("%s round %d: %.1f cases/s, case p50 %.0f ms", labels.get(side), round + 1, results[side].perSecond(),
            results[side].latencyMs().p50());
      }
      ratios.add(results[0].perSecond() / results[1].perSecond());
    }
    List<Double> sortedRatios = ratios.stream().sorted().toList();
    return new Pair(median(rounds.get(0)), median(rounds.get(1)), sortedRatios.get(sortedRatios.size() / 2), ratios);
  }

  private static CaseLoad.Result median(List<CaseLoad.Result> results) {
    List<CaseLoad.Result> sorted = results.stream()
        .sorted(java.util.Comparator.comparingDouble(CaseLoad.Result::perSecond)).toList();
    return sorted.get(sorted.size() / 2);
  }

  private CaseLoad.Result measureCases(List<ConfigurableApplicationContext> contexts, boolean platform, Apps.Db db,
      int nodes, String history) throws Exception {
    List<ProcessEngine> engines = contexts.stream().map(Bench::engine).toList();
    CaseLoad load = new CaseLoad(engines, platform ? CaseLoad.Shape.PLATFORM : CaseLoad.Shape.BARE);
    String label = String.format("%s %s %s %d node(s)", platform ? "platform" : "bare", db.label(), history, nodes);
    load.run(counts.warmup(), counts.threads(), label + " warm-up");
    long before = db.postgres() ? historyBytes(db) : 0;
    CaseLoad.Result result = load.run(counts.cases(), counts.threads(), label);
    long after = db.postgres() ? historyBytes(db) : 0;
    historyPerCase = (after - before) / (double) counts.cases();
    progress("%s: %.1f cases/s, case p50 %.0f ms p95 %.0f ms, %d retries%s", label, result.perSecond(),
        result.latencyMs().p50(), result.latencyMs().p95(), result.retries(),
        db.postgres() ? String.format(Locale.ROOT, ", history %.1f KB/case", historyPerCase / 1024) : "");
    return result;
  }

  private double historyPerCase;

  private void casesRow(Pair pair, String database, int nodes, String history) {
    boolean pg = "pg".equals(database);
    CaseLoad.Result p = pair.platform();
    CaseLoad.Result b = pair.bare();
    row(String.format(Locale.ROOT, "| ZQ054 cases/s, %s, %s history, %d node(s), %d threads, median of %d rounds (round ratios %s) | %.1f | %.1f | %.2f× | ≥ 0.8×%s | %s |",
        pg ? "PostgreSQL" : "H2 file", history, nodes, counts.threads(), ROUNDS, pair.ratios().stream()
            .map(r -> String.format(Locale.ROOT, "%.2f", r)).toList(), p.perSecond(), b.perSecond(), pair.ratio(),
        pg ? ", ≥ 50/s" : "", met(pair.ratio() >= 0.8 && (!pg || p.perSecond() >= 50))));
    row(String.format(Locale.ROOT, "| ZQ054 one case end to end p50 / p95 (ms), %s, %s, %d node(s), median round | %.0f / %.0f | %.0f / %.0f | | | |",
        pg ? "PostgreSQL" : "H2 file", history, nodes, p.latencyMs().p50(), p.latencyMs().p95(), b.latencyMs().p50(),
        b.latencyMs().p95()));
    if (p.retries() + b.retries() > 0) {
      notes.add(String.format(Locale.ROOT, "- %s %d node(s): optimistic-locking retries platform %d, bare %d (median round)",
          database, nodes, p.retries(), b.retries()));
    }
  }

  /**
   * PostgreSQL, one node: the history levels, cases/s and history bytes per case. "full" is the platform's
   * full-lean against the bare engine's Camunda full; the platform also runs Camunda's full ("camunda-full").
   */
  private void historyLevels() throws Exception {
    List<String> levels = List.of("full", "camunda-full", "audit");
    double[][] perSecond = new double[2][levels.size()];
    double[][] bytes = new double[2][levels.size()];
    for (int level = 0; level < levels.size(); level++) {
      String history = levels.get(level);
      for (int side = 0; side < 2; side++) {
        boolean platform = side == 0;
        String asked = platform ? history : history.replace("camunda-", "");
        if (!platform && level == 1) {
          perSecond[side][level] = perSecond[side][0]; // the bare engine's full is Camunda's: measured once
          bytes[side][level] = bytes[side][0];
          continue;
        }
        Apps.Db db = database("PostgreSQL", (platform ? "p" : "b") + asked.replace("-", ""));
        try (ConfigurableApplicationContext context = platform ? Apps.platform(db, asked, "default")
            : Apps.bare(db, asked, "default")) {
          CaseLoad.Result result = measureCases(List.of(context), platform, db, 1, platform
              ? Apps.platformHistory(asked) : asked);
          perSecond[side][level] = result.perSecond();
          bytes[side][level] = historyPerCase;
        } finally {
          drop(db);
        }
      }
    }
    for (int level = 0; level < levels.size(); level++) {
      String label = switch (levels.get(level)) {
        case "full" -> "platform full-lean / bare full";
        case "camunda-full" -> "platform full / bare full";
        default -> "audit";
      };
      double ratio = perSecond[0][level] / perSecond[1][level];
      row(String.format(Locale.ROOT, "| ZQ054 cases/s, PostgreSQL, history %s, 1 node (history run) | %.1f | %.1f | %.2f× | ≥ 0.8×, ≥ 50/s | %s |",
          label, perSecond[0][level], perSecond[1][level], ratio, met(ratio >= 0.8 && perSecond[0][level] >= 50)));
      row(String.format(Locale.ROOT, "| history KB per ZQ054 case (act_hi_*), PostgreSQL, %s | %.1f | %.1f | %.2f× | — | |",
          label, bytes[0][level] / 1024, bytes[1][level] / 1024, bytes[0][level] / bytes[1][level]));
    }
    notes.add(String.format(Locale.ROOT, "- history levels, platform: full-lean gives %.2f× the cases/s of Camunda's full"
        + " and %.0f%% of its history bytes per case; audit %.2f× and %.0f%%. Bare: audit %.2f× and %.0f%% of full.",
        perSecond[0][0] / perSecond[0][1], 100 * bytes[0][0] / bytes[0][1], perSecond[0][2] / perSecond[0][1],
        100 * bytes[0][2] / bytes[0][1], perSecond[1][2] / perSecond[1][0], 100 * bytes[1][2] / bytes[1][0]));
  }

  // ---------------------------------------------------------------- 2b. where the difference comes from

  /**
   * Opt-in ({@code -Dbench.steps=split}): on PostgreSQL, one node, the platform's engine runs both ZQ054
   * and the bare shape (deployed into tenant zhangqiu), alternately, and the bare engine runs the bare
   * shape. platform+ZQ054 / platform+bare shape = what the blueprint's beans and listeners cost;
   * platform+bare shape / bare+bare shape = what the engine configuration (authorization, plugins,
   * identity, parse listeners) costs.
   */
  private void split() throws Exception {
    Apps.Db db = database("PostgreSQL", "psplit");
    double[] platform = new double[2];
    try (ConfigurableApplicationContext context = Apps.platform(db, "full", "default")) {
      ProcessEngine engine = engine(context);
      Apps.deployBareShapes(engine, "zhangqiu");
      CaseLoad.Shape bareInTenant = new CaseLoad.Shape(BareShapes.CASE, "zhangqiu", "", BareShapes.EVALUATION, "rate");
      CaseLoad[] loads = {new CaseLoad(List.of(engine), CaseLoad.Shape.PLATFORM),
          new CaseLoad(List.of(engine), bareInTenant)};
      for (CaseLoad load : loads) {
        load.run(counts.warmup(), counts.threads(), "split warm-up");
      }
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 2; i++) {
          platform[i] += loads[i].run(counts.cases() / 2, counts.threads(), i == 0 ? "platform engine, ZQ054"
              : "platform engine, bare shape").perSecond() / 2;
        }
      }
    } finally {
      drop(db);
    }
    // the same platform with authorization checks off: how much of the rest is the per-task grants
    Apps.Db openDb = database("PostgreSQL", "osplit");
    double withoutAuthorization;
    try (ConfigurableApplicationContext context = Apps.platform(openDb, "full", "default",
        "--camunda.bpm.authorization.enabled=false")) {
      ProcessEngine engine = engine(context);
      Apps.deployBareShapes(engine, "zhangqiu");
      CaseLoad load = new CaseLoad(List.of(engine),
          new CaseLoad.Shape(BareShapes.CASE, "zhangqiu", "", BareShapes.EVALUATION, "rate"));
      load.run(counts.warmup(), counts.threads(), "split warm-up");
      withoutAuthorization = load.run(counts.cases(), counts.threads(), "platform engine, authorization off, bare shape")
          .perSecond();
    } finally {
      drop(openDb);
    }
    Apps.Db bareDb = database("PostgreSQL", "bsplit");
    double bare;
    try (ConfigurableApplicationContext context = Apps.bare(bareDb, "full", "default")) {
      CaseLoad load = new CaseLoad(List.of(engine(context)), CaseLoad.Shape.BARE);
      load.run(counts.warmup(), counts.threads(), "split warm-up");
      bare = load.run(counts.cases(), counts.threads(), "bare engine, bare shape").perSecond();
    } finally {
      drop(bareDb);
    }
    row(String.format(Locale.ROOT, "| split, PostgreSQL, 1 node: platform engine ZQ054 / platform engine bare shape (cases/s) | %.1f | %.1f | %.2f× | — | |",
        platform[0], platform[1], platform[0] / platform[1]));
    row(String.format(Locale.ROOT, "| split, PostgreSQL, 1 node: platform engine bare shape / bare engine bare shape (cases/s) | %.1f | %.1f | %.2f× | — | |",
        platform[1], bare, platform[1] / bare));
    row(String.format(Locale.ROOT, "| split, PostgreSQL, 1 node: platform engine with authorization off, bare shape / bare engine bare shape (cases/s) | %.1f | %.1f | %.2f× | — | |",
        withoutAuthorization, bare, withoutAuthorization / bare));
  }

  // ---------------------------------------------------------------- 2c. more staff at once

  /**
   * Opt-in ({@code -Dbench.steps=scaling}): PostgreSQL, one node, both sides with 4, 8 and 16 worker
   * threads. Each worker waits for the job executor between steps, so with few workers cases/s is bound by
   * one case's latency, not by the machine; this shows where each side stops scaling.
   */
  private void scaling() throws Exception {
    for (int threads : List.of(4, 8, 16)) {
      double[] perSecond = new double[2];
      double[] p50 = new double[2];
      for (int side = 0; side < 2; side++) {
        boolean platform = side == 0;
        Apps.Db db = database("PostgreSQL", (platform ? "p" : "b") + "scale" + threads);
        try (ConfigurableApplicationContext context = platform ? Apps.platform(db, "full", "default")
            : Apps.bare(db, "full", "default")) {
          CaseLoad load = new CaseLoad(List.of(engine(context)), platform ? CaseLoad.Shape.PLATFORM
              : CaseLoad.Shape.BARE);
          String label = (platform ? "platform" : "bare") + " PostgreSQL, " + threads + " workers";
          load.run(counts.warmup(), threads, label + " warm-up");
          CaseLoad.Result result = load.run(counts.cases(), threads, label);
          perSecond[side] = result.perSecond();
          p50[side] = result.latencyMs().p50();
          progress("%s: %.1f cases/s, case p50 %.0f ms, %d retries", label, result.perSecond(),
              result.latencyMs().p50(), result.retries());
        } finally {
          drop(db);
        }
      }
      row(String.format(Locale.ROOT, "| ZQ054 cases/s, PostgreSQL, full, 1 node, %d workers (case p50 ms) | %.1f (%.0f) | %.1f (%.0f) | %.2f× | ≥ 0.8×, ≥ 50/s | %s |",
          threads, perSecond[0], p50[0], perSecond[1], p50[1], perSecond[0] / perSecond[1],
          met(perSecond[0] / perSecond[1] >= 0.8 && perSecond[0] >= 50)));
    }
  }

  /**
   * Opt-in ({@code -Dbench.steps=cost}): PostgreSQL, one node, one worker: per case the CPU of this JVM
   * and of PostgreSQL, commits, and per table rows written and scans, platform against bare.
   */
  private void cost() throws Exception {
    List<Map<String, Double>> sides = new ArrayList<>();
    for (boolean platform : new boolean[] {true, false}) {
      Apps.Db db = database("PostgreSQL", (platform ? "p" : "b") + "cost");
      try (ConfigurableApplicationContext context = platform ? Apps.platform(db, "full", "default")
          : Apps.bare(db, "full", "default")) {
        CaseLoad load = new CaseLoad(List.of(engine(context)), platform ? CaseLoad.Shape.PLATFORM
            : CaseLoad.Shape.BARE);
        load.run(counts.warmup(), 1, (platform ? "platform" : "bare") + " cost warm-up");
        CaseCost.Snapshot before = CaseCost.take(db);
        load.run(counts.cases(), 1, (platform ? "platform" : "bare") + " cost");
        sides.add(CaseCost.take(db).perCase(before, counts.cases()));
      } finally {
        drop(db);
      }
    }
    java.util.Set<String> names = new java.util.TreeSet<>(sides.get(0).keySet());
    names.addAll(sides.get(1).keySet());
    for (String name : names) {
      double p = sides.get(0).getOrDefault(name, 0.0);
      double b = sides.get(1).getOrDefault(name, 0.0);
      if (Math.abs(p - b) >= 0.05 || name.startsWith("cpu") || name.startsWith("db")) {
        row(String.format(Locale.ROOT, "| per ZQ054 case, PostgreSQL, 1 worker: %s | %.1f | %.1f | %s | — | |", name, p,
            b, b == 0 ? "—" : String.format(Locale.ROOT, "%.2f×", p / b)));
      }
    }
  }

  // ---------------------------------------------------------------- 4. timers

  private void timers() throws Exception {
    TimerLateness.Result[] pair = new TimerLateness.Result[2];
    for (int side = 0; side < 2; side++) {
      boolean platform = side == 0;
      Apps.Db db = database("PostgreSQL", (platform ? "p" : "b") + "timers");
      try (ConfigurableApplicationContext context = platform ? Apps.platform(db, "full", "default")
          : Apps.bare(db, "full", "default")) {
        pair[side] = TimerLateness.run(engine(context), context.getBean(DataSource.class),
            platform ? "zhangqiu" : null, counts.timers(), platform ? "platform timers" : "bare timers");
        progress("%s timers: p50 %.0f ms, p95 %.0f, p99 %.0f, max %.0f; all fired %.1f s after the due date",
            platform ? "platform" : "bare", pair[side].lateMs().p50(), pair[side].lateMs().p95(),
            pair[side].lateMs().p99(), pair[side].lateMs().max(), pair[side].drainSeconds());
      } finally {
        drop(db);
      }
    }
    Stats p = pair[0].lateMs();
    Stats b = pair[1].lateMs();
    row(String.format(Locale.ROOT, "| timer lateness p50 / p95 / p99 / max (s), %,d due at once, PostgreSQL | %.1f / %.1f / %.1f / %.1f | %.1f / %.1f / %.1f / %.1f | %.2f× (p95) | — | |",
        counts.timers(), p.p50() / 1000, p.p95() / 1000, p.p99() / 1000, p.max() / 1000, b.p50() / 1000,
        b.p95() / 1000, b.p99() / 1000, b.max() / 1000, p.p95() / b.p95()));
    notes.add("- timers: platform = its job-executor settings from application.yaml; bare = the starter's defaults."
        + " Lateness from ACT_HI_ACTINST.END_TIME_ of the timer event − the common due date (set by one SQL update"
        + " while the executor was idle).");
  }

  // ---------------------------------------------------------------- 5. cockpit

  private void cockpit() throws Exception {
    Apps.Db db = database("PostgreSQL", "cockpit");
    try {
      Map<String, Stats> figures = CockpitQueries.run(db, counts.cockpitRows(), counts.cockpitRuns());
      figures.forEach((name, stats) -> row(String.format(Locale.ROOT,
          "| Cockpit plugin: %s, %,d completed tasks, PostgreSQL, p50 / p95 (ms) | %.0f / %.0f | — | — | p95 < 500 ms | %s |",
          name, counts.cockpitRows(), stats.p50(), stats.p95(), met(stats.p95() < 500))));
      notes.add("- Cockpit: MonitoringBenchmark's synthetic history (its fill), plugin indexes on, " + counts.cockpitRuns()
          + " timed runs per query after 2 warm-ups; no bare figure (the plugin is project code only).");
    } finally {
      drop(db);
    }
  }

  // ---------------------------------------------------------------- 6. suggest (研判)

  private void suggest() throws Exception {
    int rounds = counts == Counts.QUICK ? 5 : 20;
    Map<String, SuggestLatency.Figure> figures = SuggestLatency.run(3, rounds);
    figures.forEach((county, figure) -> row(String.format(Locale.ROOT,
        "| 研判 ItemSuggester.suggest, %s, %d texts × %d rounds, p50 / p95 (ms) | %.1f / %.1f | — | — | p95 < 50 ms | %s |",
        county, figure.texts(), rounds, figure.stats().p50(), figure.stats().p95(), met(figure.stats().p95() < 50))));
    notes.add("- 研判: one thread, in-memory Lucene index per county built by the first warm-up request (3 warm-up rounds); texts from "
        + figures.values().stream().map(f -> f.file().toString()).distinct().toList()
        + "; no bare figure (project code only).");
  }

  // ---------------------------------------------------------------- 7. Open311 filings

  private void open311() throws Exception {
    int calls = counts == Counts.QUICK ? 60 : 300;
    int clients = 4;
    for (String kind : List.of("H2 file", "PostgreSQL")) {
      Apps.Db db = database(kind, "o311");
      ConfigurableApplicationContext context = null;
      try {
        context = Apps.platform(db, "full", "default");
        Open311Load.Result r = Open311Load.run(Apps.port(context), ADMIN_PASSWORD, calls, clients,
            "open311-" + (db.postgres() ? "pg" : "h2"));
        row(String.format(Locale.ROOT, "| Open311 POST requests.json, %s, %d client threads: accepted per s, p50 / p95 (ms)"
            + " | %.1f/s, %.0f / %.0f | — | — | — | |", kind, clients, r.perSecond(), r.ms().p50(), r.ms().p95()));
        notes.add(String.format(Locale.ROOT, "- Open311 (%s): %d timed filings of POST /open311/v2/requests.json "
            + "(form-encoded, a key issued through /api/open311/clients, each a new shared_intake process with the "
            + "list's suggestion); failures %d; no bare figure (project code only).", kind, r.calls(), r.failures()));
      } finally {
        if (context != null) {
          context.close();
        }
        drop(db);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private void row(String... lines) {
    for (String line : lines) {
      table.add(line);
      if (!line.startsWith("|---")) {
        System.out.println(line);
      }
    }
  }

  private static String met(boolean met) {
    return met ? "yes" : "**no**";
  }

  static ProcessEngine engine(ConfigurableApplicationContext context) {
    return context.getBean(ProcessEngine.class);
  }

  /** A fresh database: an H2 file under target/benchmark, or a throw-away PostgreSQL database. */
  private Apps.Db database(String kind, String name) throws Exception {
    String unique = name + "_" + Long.toString(System.currentTimeMillis(), 36);
    if (kind.startsWith("H2")) {
      Path file = out.resolve("h2").resolve(unique).resolve("db").toAbsolutePath();
      return new Apps.Db("H2 file", "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }
    String database = "shudi_bench_" + unique.toLowerCase(Locale.ROOT);
    try (Connection admin = DriverManager.getConnection(PG_SERVER + "postgres", PG_USER, PG_PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("create database " + database);
    }
    return new Apps.Db("PostgreSQL", PG_SERVER + database, PG_USER, PG_PASSWORD);
  }

  private void drop(Apps.Db db) {
    if (!db.postgres()) {
      return;
    }
    String database = db.url().substring(PG_SERVER.length());
    try (Connection admin = DriverManager.getConnection(PG_SERVER + "postgres", PG_USER, PG_PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    } catch (Exception e) {
      notes.add("- could not drop " + database + ": " + e.getMessage());
    }
  }

  private static long historyBytes(Apps.Db db) throws Exception {
    try (Connection connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select coalesce(sum(pg_total_relation_size(c.oid)), 0) from pg_class c"
            + " join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'r' and n.nspname = current_schema()"
            + " and c.relname like 'act\\_hi\\_%'")) {
      result.next();
      return result.getLong(1);
    }
  }

  private String machineFacts(boolean quick) throws IOException {
    String memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
        .findFirst().orElse("MemTotal: ?").replaceAll("\\s+", " ");
    String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
        .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
    String postgres;
    try (Connection admin = DriverManager.getConnection(PG_SERVER + "postgres", PG_USER, PG_PASSWORD);
        Statement statement = admin.createStatement();
        ResultSet version = statement.executeQuery("select version()")) {
      version.next();
      postgres = version.getString(1);
    } catch (Exception e) {
      postgres = "not reachable: " + e.getMessage();
    }
    return "- date: " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)) + " UTC"
        + "\n- mode: " + (quick ? "quick (-Dbench.quick=true)" : "full") + ", counts " + counts
        + "\n- cores: " + Runtime.getRuntime().availableProcessors() + " (" + cpu + ")"
        + "\n- RAM: " + memory + "; benchmark JVM max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB"
        + "\n- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + "\n- PostgreSQL: " + postgres + " at " + PG_SERVER;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  static void progress(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[%4d s] %s%n", seconds(), String.format(Locale.ROOT, format, args));
  }

  private static long seconds() {
    return (System.nanoTime() - T0) / 1_000_000_000;
  }

  private static void deleteTree(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
