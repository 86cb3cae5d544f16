package cn.shudi.benchmark;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import cn.shudi.ShudiApplication;

/**
 * Child JVM of the start-up figure: starts one application on an H2 file database, prints
 * {@code BENCH-READY <deployments> <process definitions>} once it serves (web server up, blueprints
 * deployed), then closes it and exits. The parent times from spawning the JVM to that line.
 *
 * <p>Arguments: {@code platform|bare-blueprints|bare-empty <h2 file path>}.
 */
public final class StartupProbe {

  private StartupProbe() {
  }

  public static void main(String[] args) {
    String kind = args[0];
    Apps.Db db = new Apps.Db("H2 file", "jdbc:h2:file:" + args[1] + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    ConfigurableApplicationContext context;
    if ("platform".equals(kind)) {
      // both counties, as in production: 324 blueprints + shared processes + forms
      context = new SpringApplicationBuilder(ShudiApplication.class)
          .run(Apps.platformArgs(db, "full", "default", false).toArray(String[]::new));
    } else {
      context = new SpringApplicationBuilder(BareApp.class).run(Apps.bareArgs(db, "full", "default")
          .toArray(String[]::new));
      if ("bare-blueprints".equals(kind)) {
        Apps.deployBlueprintFiles(context.getBean(ProcessEngine.class));
      }
    }
    var repository = context.getBean(ProcessEngine.class).getRepositoryService();
    System.out.println("BENCH-READY " + repository.createDeploymentQuery().count() + " "
        + repository.createProcessDefinitionQuery().count() + " port " + Apps.port(context));
    System.out.flush();
    System.exit(SpringApplication.exit(context));
  }

  static List<String> kinds() {
    return List.of("platform", "bare-blueprints", "bare-empty");
  }
}
