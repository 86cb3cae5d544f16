package cn.shudi.redteam;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cn.shudi.ShudiApplication;
import cn.shudi.security.AttackCanary;
import cn.shudi.support.PostgresServer;

/**
 * The red-team suite of issue 12 against the application on a real PostgreSQL server (a fresh database,
 * dropped afterwards), with the demo organization, over real HTTP. Fails, not skips, without a server.
 */
@Tag("postgres")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedTeamPostgresTest implements ExpressionProbes, VariableProbes, ModelProbes, BodyProbes, BoundaryProbes {

  PostgresServer postgres;
  ConfigurableApplicationContext context;

  @BeforeAll
  void start() {
    postgres = PostgresServer.freshDatabase("shudi_redteam");
    context = new SpringApplicationBuilder(ShudiApplication.class, AttackCanary.Config.class).run("--server.port=0",
        "--spring.main.banner-mode=off", "--spring.datasource.url=" + postgres.url(),
        "--spring.datasource.username=" + postgres.user(), "--spring.datasource.password=" + postgres.password());
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
    if (postgres != null) {
      postgres.drop();
    }
  }

  @Override
  public int port() {
    return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
  }

  @Override
  public ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  @Override
  public AttackCanary canary() {
    return context.getBean(AttackCanary.class);
  }

  @Override
  public DataSource dataSource() {
    return context.getBean(DataSource.class);
  }
}
