package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.OrganizationLoader;
import cn.shudi.support.PostgresServer;

/**
 * The intake's tables on a real PostgreSQL server, migrated by the platform's Flyway scripts: a request with its
 * location and photo bytes reads back as stored, a replayed work order is refused by the database itself, the pages
 * of the list and the month's rates run there.
 */
@Tag("postgres")
class IntakeStorePostgresTest {

  static PostgresServer postgres;
  static IntakeStore store;
  static final Jurisdiction ZHANGQIU = new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/")
      .load().jurisdiction("zhangqiu");
  static final LocalDateTime NOON = LocalDateTime.of(2026, 11, 16, 12, 0);

  @BeforeAll
  static void migrate() {
    postgres = PostgresServer.freshDatabase("shudi_intake");
    DriverManagerDataSource dataSource = new DriverManagerDataSource(postgres.url(), postgres.user(),
        postgres.password());
    Flyway.configure().dataSource(dataSource).table("shudi_schema_history").baselineOnMigrate(true)
        .baselineVersion("0").locations("classpath:db/migration").load().migrate();
    store = new IntakeStore(JdbcClient.create(dataSource));
  }

  @AfterAll
  static void dropDatabase() {
    if (postgres != null) {
      postgres.drop();
    }
  }

  static StoredRequest request(String id, String workOrder) {
    return new StoredRequest(id, "zhangqiu", "process-" + id, RequestKind.LIVELIHOOD, RequestSource.HOTLINE,
        workOrder, "烧烤油烟扰民", "王先生", "13800000002", "mingshui", "明水街道第1网格", 36.7121, 117.5376, NOON,
        "zhangqiu_dispatcher", "ZQ070", RequestState.RECEIVED, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void aRequestWithItsLocationAndPhotoReadsBackAsStored() {
    store.insert(request("SQ-PG-1", "PG-1"));
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 0, (byte) 0xFF};
    store.insertPhoto("SQ-PG-1", 0, new Photo("image/png", png));

    StoredRequest read = store.request("SQ-PG-1").orElseThrow();
    assertThat(read.latitude()).isEqualTo(36.7121);
    assertThat(read.longitude()).isEqualTo(117.5376);
    assertThat(read.receivedAt()).isEqualTo(NOON);
    assertThat(read.contactPhone()).isEqualTo("13800000002");
    assertThat(store.photos("SQ-PG-1")).singleElement().satisfies(p -> assertThat(p.bytes()).isEqualTo(png));
    assertThat(store.publicPage("zhangqiu", 0, 10)).extracting(StoredRequest::id).as("a hotline caller's")
        .doesNotContain("SQ-PG-1");
    assertThat(store.publicPage("zhangqiu", new IntakeStore.PublicFilter(List.of(), List.of("ZQ070"),
        NOON.minusDays(1), NOON.plusDays(1), List.of("received", "handling")), 0, 10)).as("filters run on PostgreSQL")
        .isEmpty();
    assertThat(store.publicPage("zhangqiu", new IntakeStore.PublicFilter(List.of("SQ-PG-1"), List.of(), null, null,
        List.of()), 0, 10)).isEmpty();
    assertThat(store.receivedSince("zhangqiu", NOON.minusDays(7), 5)).extracting(StoredRequest::id)
        .as("the duplicates' window").contains("SQ-PG-1");
  }

  @Test
  void aReplayedWorkOrderIsRefusedByTheDatabaseToo() {
    store.insert(request("SQ-PG-2", "PG-2"));

    assertThat(store.knows("zhangqiu", RequestSource.HOTLINE, "PG-2")).isTrue();
    assertThatThrownBy(() -> store.insert(request("SQ-PG-3", "PG-2"))).isInstanceOf(DuplicateKeyException.class);
    assertThat(store.request("SQ-PG-3")).isEmpty();
  }

  @Test
  void theMonthsRatesAreCountedOnPostgres() {
    store.insert(request("SQ-PG-4", "PG-4"));
    store.insert(new IntakeStore.Dispatch("dispatch-pg-4", "zhangqiu", "SQ-PG-4", "ecology", "mingshui", NOON,
        NOON.plusDays(3), null, null, null, null, null));
    store.answer("dispatch-pg-4", "accepted", NOON.plusHours(2), null, null);
    store.insert(new IntakeStore.Callback("callback-pg-4", "zhangqiu", "SQ-PG-4", "ecology", "mingshui", true, true,
        "basically_satisfied", "回访", "zhangqiu_command_staff", NOON.plusDays(5)));

    List<IntakeRates.Rates> units = new IntakeRates(store).of(ZHANGQIU, YearMonth.of(2026, 11)).units();

    assertThat(units).filteredOn(r -> r.unit().equals("ecology")).singleElement().satisfies(r -> {
      assertThat(r.responseRate()).hasValue(1.0);
      assertThat(r.solutionRate()).hasValue(1.0);
      assertThat(r.satisfactionRate()).hasValue(0.9);
    });
  }
}
