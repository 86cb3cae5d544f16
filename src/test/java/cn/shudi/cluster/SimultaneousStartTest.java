package cn.shudi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import cn.shudi.support.Http;
import cn.shudi.support.PostgresServer;

/**
 * Two nodes started at the same moment on an empty PostgreSQL database, as after a fresh install or a
 * cluster restart: both come up, and everything each start-up writes exists once — schema migrations,
 * blueprint deployments and definitions, the organization's groups, tenants, users and grants, the
 * Tasklist filters, the lists in force — and either node serves a case.
 */
@Tag("postgres")
class SimultaneousStartTest {

  static final String ADMIN_PASSWORD = "Cl#Start-" + Long.toString(System.nanoTime(), 36) + "7";

  PostgresServer database;
  AppNode nodeA;
  AppNode nodeB;

  @AfterEach
  void stopNodesAndDropDatabase() throws Exception {
    AppNode.stopAndDrop(database, nodeA, nodeB);
  }

  @Test
  void twoNodesStartingTogetherOnAnEmptyDatabaseWriteEverythingOnce() throws Exception {
    database = PostgresServer.freshDatabase("shudi_start");
    long t0 = System.nanoTime();
    nodeA = AppNode.launch("node-a", database, ADMIN_PASSWORD, Map.of());
    nodeB = AppNode.launch("node-b", database, ADMIN_PASSWORD, Map.of());
    nodeA.awaitUp(Duration.ofMinutes(4));
    nodeB.awaitUp(Duration.ofMinutes(4));
    System.out.printf("[start] both nodes up after %.1f s%n", (System.nanoTime() - t0) / 1e9);

    try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password())) {
      assertThat(ClusterKillTest.count(db, "select count(*) from act_re_procdef where key_ = 'zq054'"))
          .as("ZQ054 deployed once").isOne();
      Map<String, String> once = Map.of(
          "definitions", "select key_ || ' ' || coalesce(tenant_id_, '-') from act_re_procdef"
              + " group by key_, tenant_id_ having count(*) > 1",
          "deployments", "select name_ || ' ' || coalesce(tenant_id_, '-') from act_re_deployment"
              + " group by name_, tenant_id_ having count(*) > 1",
          "forms", "select key_ || ' ' || coalesce(tenant_id_, '-') from act_re_camformdef"
              + " group by key_, tenant_id_ having count(*) > 1",
          "group grants", "select group_id_ || ' ' || resource_type_ || ' ' || resource_id_ from act_ru_authorization"
              + " where group_id_ is not null group by group_id_, resource_type_, resource_id_ having count(*) > 1",
          "tenant memberships", "select tenant_id_ || ' ' || coalesce(group_id_, user_id_) from act_id_tenant_member"
              + " group by tenant_id_, group_id_, user_id_ having count(*) > 1",
          "Tasklist filters", "select name_ || ' ' || coalesce(owner_, '-') from act_ru_filter"
              + " group by name_, owner_, query_ having count(*) > 1",
          "migrations", "select version from shudi_schema_history where version is not null"
              + " group by version having count(*) > 1");
      for (Map.Entry<String, String> check : once.entrySet()) {
        assertThat(ClusterKillTest.strings(db, check.getValue())).as("%s written twice", check.getKey()).isEmpty();
      }
      assertThat(ClusterKillTest.count(db, "select count(*) from act_ru_filter")).as("filters").isPositive();
      assertThat(ClusterKillTest.count(db, "select count(*) from act_id_group")).as("groups").isPositive();
    }

    // both serve: the admin creates a staff user on A, who starts a case on B
    ClusterKillTest.createUser(nodeA.admin(), "st_township", "zhangqiu_mingshui");
    Http township = nodeB.http("st_township", ClusterKillTest.STAFF_PASSWORD);
    assertThat(new ClusterKillTest().startCase(township, "simultaneous-start")).isNotBlank();
    assertThat(nodeA.isAlive() && nodeB.isAlive()).isTrue();
    List<String> errors = List.of(nodeA.tail(4000), nodeB.tail(4000)).stream()
        .flatMap(log -> log.lines().filter(line -> line.contains(" ERROR ")))
        .toList();
    assertThat(errors).as("errors in the nodes' logs").isEmpty();
  }
}
