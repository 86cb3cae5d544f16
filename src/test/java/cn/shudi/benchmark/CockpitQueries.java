package cn.shudi.benchmark;

import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.camunda.bpm.cockpit.impl.db.CommandExecutorImpl;
import org.camunda.bpm.cockpit.impl.db.QueryServiceImpl;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.assessment.LatestRankings;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.monitoring.Monitoring;
import cn.shudi.monitoring.MonitoringBenchmark;
import cn.shudi.monitoring.MonitoringIndexes;
import cn.shudi.monitoring.MonitoringPlugin;
import cn.shudi.monitoring.MonitoringQueries;
import cn.shudi.monitoring.MonitoringQuery;
import cn.shudi.monitoring.MonitoringScope;
import cn.shudi.monitoring.Rankings;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

/**
 * The Cockpit plugin's queries on a large history: the synthetic data of {@link MonitoringBenchmark}
 * (its {@code fill}, called as it is, so both benchmarks measure the same data), with the plugin's
 * indexes as the platform creates them at start-up; p50 and p95 of {@code runs} runs per query.
 */
final class CockpitQueries {

  private CockpitQueries() {
  }

  static Map<String, Stats> run(Apps.Db db, int rows, int runs) throws Exception {
    ProcessEngineConfigurationImpl configuration = MonitoringBenchmark.standaloneEngine(db.url(), db.user(),
        db.password(), "bench-cockpit");
    ProcessEngine engine = configuration.buildProcessEngine();
    try {
      Organization organization = new OrganizationLoader(new DefaultResourceLoader(), "classpath:jurisdictions/")
          .load();
      Catalogs catalogs = Catalogs.load(new DefaultResourceLoader(), "classpath:jurisdictions/", organization,
          new CatalogLoader());
      Date now = new Date();
      long started = System.nanoTime();
      Bench.progress("cockpit: loading %,d completed tasks into %s", rows, db.label());
      MonitoringBenchmark.fill(db.url(), db.user(), db.password(), rows, MonitoringBenchmark.keys(), now);
      Bench.progress("cockpit: loaded in %d s", (System.nanoTime() - started) / 1_000_000_000);
      new MonitoringIndexes(configuration.getDataSource(), configuration.getDatabaseType(),
          configuration.getDatabaseTablePrefix()).ensure();
      MonitoringBenchmark.analyze(db.url(), db.user(), db.password());
      MonitoringQueries queries = new MonitoringQueries(new QueryServiceImpl(new CommandExecutorImpl(configuration,
          new MonitoringPlugin().getMappingFiles())));
      Monitoring monitoring = new Monitoring(organization, catalogs, new Rankings(new LatestRankings(configuration.getDataSource())));
      MonitoringScope zhangqiu = MonitoringScope.of(List.of("zhangqiu"));
      MonitoringScope all = MonitoringScope.all();
      Date since = Date.from(now.toInstant().minus(Duration.ofDays(90)));
      Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
      cases.put("durations, one county, 90 days", () -> queries.taskDurations(new MonitoringQuery(zhangqiu, now, since)));
      cases.put("durations, all counties, 90 days", () -> queries.taskDurations(new MonitoringQuery(all, now, since)));
      cases.put("durations, one item, 90 days",
          () -> queries.taskDurations(new MonitoringQuery(zhangqiu, now, since).processDefinitionKey("zq001")));
      cases.put("durations, one county, 365 days", () -> queries.taskDurations(new MonitoringQuery(zhangqiu, now,
          Date.from(now.toInstant().minus(Duration.ofDays(365))))));
      cases.put("open and overdue tasks per step and unit", () -> queries.openTasks(new MonitoringQuery(zhangqiu, now,
          since)));
      cases.put("20 most overdue tasks", () -> queries.taskList(new MonitoringQuery(zhangqiu, now, since).overdueOnly()
          .limit(20)));
      cases.put("open cases per item", () -> queries.openCases(new MonitoringQuery(zhangqiu, now, since)));
      cases.put("supervisions and joint meetings", () -> queries.escalations(new MonitoringQuery(zhangqiu, now,
          since)));
      cases.put("whole dashboard, one county", () -> monitoring.dashboard(queries, zhangqiu, now, 90));
      cases.put("whole definition tab, one item",
          () -> monitoring.definition(queries, "zq001:1:bench", "zq001", "zhangqiu", now, 90));
      Map<String, Stats> figures = new LinkedHashMap<>();
      cases.forEach((name, query) -> {
        query.get(); // warm-up
        query.get();
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
          long begin = System.nanoTime();
          query.get();
          times[i] = (System.nanoTime() - begin) / 1e6;
        }
        figures.put(name, Stats.of(times));
      });
      return figures;
    } finally {
      engine.close();
    }
  }
}
