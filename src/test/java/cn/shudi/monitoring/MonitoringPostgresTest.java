package cn.shudi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.shudi.support.PostgresServer;

/**
 * The same queries and figures on a real PostgreSQL server ({@code mvn test -Ppostgres-tests}), plus the
 * indexes: created concurrently at start-up, and recognised as present.
 */
@Tag("postgres")
@SpringBootTest(properties = "spring.application.name=shudi-monitoring-postgres")
class MonitoringPostgresTest extends MonitoringFiguresTestBase {

  static PostgresServer postgres;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    postgres = PostgresServer.freshDatabase("shudi_monitoring");
    registry.add("spring.datasource.url", postgres::url);
    registry.add("spring.datasource.username", postgres::user);
    registry.add("spring.datasource.password", postgres::password);
  }

  @AfterAll
  static void dropDatabase() {
    if (postgres != null) {
      postgres.drop();
    }
  }

  @Test
  void runsOnPostgresWithTheIndexes() {
    assertThat(engine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
    MonitoringIndexes indexes = MonitoringIndexesTest.indexesOf(engine);
    assertThat(MonitoringIndexes.INDEXES).allSatisfy(index -> assertThat(indexes.exists(index)).isTrue());
    assertThat(indexes.ensure()).as("a second run creates nothing").isEmpty();
  }
}
