package cn.shudi.credit;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import cn.shudi.ShudiApplication;
import cn.shudi.support.PostgresServer;

/**
 * The credit file's promises on a real PostgreSQL server with the production ({@code postgres}) profile:
 * Flyway V2 on PostgreSQL, the unique constraint, the savepoint around the insert (without it the losing
 * transaction would be aborted), and the races between transactions and nodes.
 */
@Tag("postgres")
class CreditFilePostgresTest extends CreditFileContract {

  static PostgresServer postgres;
  static ConfigurableApplicationContext context;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.freshDatabase("shudi_credit");
    context = new SpringApplicationBuilder(ShudiApplication.class).profiles("postgres").run(
        "--server.port=0", "--spring.main.banner-mode=off",
        "--SHUDI_DB_URL=" + postgres.url(), "--SHUDI_DB_USER=" + postgres.user(),
        "--SHUDI_DB_PASSWORD=" + postgres.password(),
        "--SHUDI_ADMIN_PASSWORD=Credit#Pg-" + Long.toString(System.nanoTime(), 36));
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    if (postgres != null) {
      postgres.drop();
    }
  }

  @Test
  void runsOnPostgresqlWithTheCreditTablesOfFlywayV2() {
    assertThat(engine().getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
    assertThat(jdbc().sql("select count(*) from shudi_schema_history where version = '2' and success")
        .query(Integer.class).single()).isOne();
    assertThat(jdbc().sql("select count(*) from information_schema.table_constraints"
        + " where table_name = 'shudi_credit_entry' and constraint_type = 'UNIQUE'").query(Integer.class).single())
        .isOne();
  }

  @Override
  ProcessEngine engine() {
    return context.getBean(ProcessEngine.class);
  }

  @Override
  CreditFile creditFile() {
    return context.getBean(CreditFile.class);
  }

  @Override
  PlatformTransactionManager transactions() {
    return context.getBean(PlatformTransactionManager.class);
  }

  @Override
  JdbcClient jdbc() {
    return context.getBean(JdbcClient.class);
  }
}
