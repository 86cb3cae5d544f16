package cn.shudi.accountability;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.shudi.support.PostgresServer;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The refusal store on a real PostgreSQL server, migrated by the platform's Flyway scripts: a refusal made
 * inside a transaction that rolls back is kept, a repeated attempt is one row, over-long values fit, and
 * the report's days are the county's.
 */
@Tag("postgres")
class RefusalsPostgresTest {

  static PostgresServer postgres;
  static DriverManagerDataSource dataSource;
  static Refusals refusals;
  static DataSourceTransactionManager transactions;

  /** The counties as the data files give them. */
  static final Organization ORGANIZATION =
      new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/").load();

  @BeforeAll
  static void migrate() {
    postgres = PostgresServer.freshDatabase("shudi_refusals");
    dataSource = new DriverManagerDataSource(postgres.url(), postgres.user(), postgres.password());
    Flyway.configure().dataSource(dataSource).table("shudi_schema_history").baselineOnMigrate(true)
        .baselineVersion("0").locations("classpath:db/migration").load().migrate();
    transactions = new DataSourceTransactionManager(dataSource);
    refusals = new Refusals(JdbcClient.create(dataSource), ORGANIZATION, transactions);
  }

  @AfterAll
  static void dropDatabase() {
    if (postgres != null) {
      postgres.drop();
    }
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  static void at(LocalDateTime time) {
    ClockUtil.setCurrentTime(Date.from(time.atZone(ORGANIZATION.jurisdiction("zhangqiu").zone()).toInstant()));
  }

  @Test
  void aRefusalOutlivesTheTransactionThatRollsBack() {
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      JdbcClient.create(dataSource).sql("insert into shudi_refusal (id, jurisdiction, reason, refused_at) "
          + "values ('rolled-back', 'zhangqiu', 'x', now())").update();
      refusals.record("kept", "zhangqiu", "case-1", "ZQ999", "market", "事项「ZQ999」不在清单内");
      status.setRollbackOnly();
    });
    assertThat(refusals.ofCase("case-1")).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo("kept"));
    assertThat(JdbcClient.create(dataSource).sql("select count(*) from shudi_refusal where id = 'rolled-back'")
        .query(Long.class).single()).isZero();
  }

  @Test
  void theSameAttemptIsOneRowAndLongValuesAreCut() {
    String id = Refusals.idOf("zhangqiu", "case-2", "zq003_step_2", "理由");
    Refusal first = refusals.record(id, "zhangqiu", "case-2", "ZQ003-" + "X".repeat(40), "u".repeat(100),
        "理".repeat(1200));
    Refusal again = refusals.record(id, "zhangqiu", "case-2", "ZQ003", "agriculture", "理由");
    assertThat(again).isEqualTo(first);
    assertThat(first.itemCode()).hasSize(16);
    assertThat(first.unitCode()).hasSize(64);
    assertThat(first.reason()).hasSize(1000);
    assertThat(refusals.ofCase("case-2")).hasSize(1);
  }

  @Test
  void aDayIsTheCountysDay() {
    at(LocalDateTime.of(2023, 1, 31, 23, 59, 30));
    refusals.record("late", "yunxi", "case-3", "YX017", "ecology", "理由");
    at(LocalDateTime.of(2023, 2, 1, 0, 0, 10));
    refusals.record("early", "yunxi", "case-4", "YX017", "ecology", "理由");

    assertThat(refusals.of("yunxi", LocalDate.of(2023, 1, 31), LocalDate.of(2023, 1, 31)))
        .extracting(Refusal::id).containsExactly("late");
    assertThat(refusals.of("yunxi", LocalDate.of(2023, 2, 1), LocalDate.of(2023, 2, 28)))
        .extracting(Refusal::id).containsExactly("early");
    assertThat(refusals.of("zhangqiu", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 2, 28))).isEmpty();
  }
}
