package cn.shudi.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import cn.shudi.ShudiApplication;
import cn.shudi.reliability.LeanHistoryLevel;
import cn.shudi.support.ZhangqiuOnly;

/** Starts the platform and the bare engine as Spring Boot applications on a given database. */
final class Apps {

  /** A database: JDBC URL and login. */
  record Db(String label, String url, String user, String password) {
    boolean postgres() {
      return url.startsWith("jdbc:postgresql");
    }
  }

  private Apps() {
  }

  /**
   * The platform as it runs (ShudiApplication: its application.yaml, webapps, REST, demo organization,
   * job executor on), on the database. {@code zhangqiuOnly} deploys one county (81 items + shared) to
   * keep the throughput runs' start-up short; the start-up figure deploys both counties.
   */
  static List<String> platformArgs(Db db, String history, String engineName, boolean zhangqiuOnly) {
    List<String> args = new ArrayList<>(common(db, platformHistory(history), engineName));
    if (zhangqiuOnly) {
      String[] location = new String[1];
      ZhangqiuOnly.register((name, value) -> location[0] = value.get().toString());
      args.add("--shudi.organization.location=" + location[0]);
    }
    return args;
  }

  /**
   * The platform's history level for a run's level: "full" is the platform's own ({@link LeanHistoryLevel}, as
   * application.yaml sets it), "camunda-full" is Camunda's full, anything else as given.
   */
  static String platformHistory(String history) {
    return switch (history) {
      case "full" -> LeanHistoryLevel.NAME;
      case "camunda-full" -> "full";
      default -> history;
    };
  }

  /** The bare engine: Camunda's starters only, same history level, job executor on, no auto-deployment. */
  static List<String> bareArgs(Db db, String history, String engineName) {
    List<String> args = new ArrayList<>(common(db, history, engineName));
    args.addAll(List.of("--spring.config.name=bench-bare-none", "--spring.flyway.enabled=false",
        "--camunda.bpm.auto-deployment-enabled=false", "--camunda.bpm.database.schema-update=true",
        "--camunda.bpm.admin-user.id=" + BareApp.USER, "--camunda.bpm.admin-user.password=" + BareApp.PASSWORD));
    return args;
  }

  private static List<String> common(Db db, String history, String engineName) {
    List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.url(),
        "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
        "--camunda.bpm.history-level=" + history, "--camunda.bpm.job-execution.enabled=true",
        "--server.port=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN",
        "--logging.level.org.camunda.bpm.engine.jobexecutor=ERROR",
        "--logging.level.org.camunda.bpm.engine.context=ERROR", "--spring.jmx.enabled=false"));
    if (!"default".equals(engineName)) {
      args.add("--camunda.bpm.process-engine-name=" + engineName);
    }
    return args;
  }

  static ConfigurableApplicationContext platform(Db db, String history, String engineName, String... extraArgs) {
    List<String> args = new ArrayList<>(platformArgs(db, history, engineName, true));
    args.addAll(List.of(extraArgs));
    // experiments: -Dbench.platformArgs="--a=b --c=d" goes to every platform context of the run
    String experiment = System.getProperty("bench.platformArgs", "").trim();
    if (!experiment.isEmpty()) {
      args.addAll(List.of(experiment.split("\\s+")));
    }
    return new SpringApplicationBuilder(ShudiApplication.class).run(args.toArray(String[]::new));
  }

  static ConfigurableApplicationContext bare(Db db, String history, String engineName) {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(BareApp.class)
        .run(bareArgs(db, history, engineName).toArray(String[]::new));
    deployBareShapes(context.getBean(ProcessEngine.class), null);
    return context;
  }

  /** The bare models ({@link BareShapes}), in one deployment; into a tenant when one is given. */
  static void deployBareShapes(ProcessEngine engine, String tenant) {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bench-shapes")
        .enableDuplicateFiltering(false);
    BareShapes.all().forEach(model -> deployment.addModelInstance(
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().getId()
            + ".bpmn", model));
    (tenant == null ? deployment : deployment.tenantId(tenant)).deploy();
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /**
   * What the platform deploys per county at start-up, for the bare engine: the county's blueprint files,
   * the shared processes and the forms, one deployment per county (tenant), duplicates filtered.
   */
  static int deployBlueprintFiles(ProcessEngine engine) {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    int processes = 0;
    try {
      for (String county : List.of("zhangqiu", "yunxi")) {
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name(county)
            .tenantId(county).enableDuplicateFiltering(false);
        for (String pattern : List.of("classpath:processes/" + county + "/*.bpmn", "classpath:processes/shared/*.bpmn",
            "classpath:forms/common/*.form", "classpath:forms/" + county + "/*.form")) {
          for (Resource resource : resolver.getResources(pattern)) {
            try (var in = resource.getInputStream()) {
              deployment.addInputStream(resource.getFilename(), new java.io.ByteArrayInputStream(in.readAllBytes()));
            }
            processes += resource.getFilename().endsWith(".bpmn") ? 1 : 0;
          }
        }
        deployment.deploy();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return processes;
  }
}
