package cn.shudi.platform;

import static cn.shudi.support.TestModels.JOINT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.ShudiApplication;
import cn.shudi.support.Http;
import cn.shudi.support.PostgresServer;
import cn.shudi.support.StaffUsers;
import cn.shudi.support.TestModels;

/** The production profile on a real PostgreSQL server: boots, deploys, runs a case, keeps it across a restart. */
@Tag("postgres")
class PostgresPlatformTest {

  static final String ADMIN_PASSWORD = "Prod#Root-" + Long.toString(System.nanoTime(), 36);
  static final String STAFF_PASSWORD = "Prod#Staff-2026x";
  static PostgresServer postgres;

  @BeforeAll
  static void createDatabase() {
    postgres = PostgresServer.freshDatabase("shudi_it");
  }

  @AfterAll
  static void dropDatabase() {
    if (postgres != null) {
      postgres.drop();
    }
  }

  static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(ShudiApplication.class).profiles("postgres").run(
        "--server.port=0", "--spring.main.banner-mode=off",
        "--SHUDI_DB_URL=" + postgres.url(), "--SHUDI_DB_USER=" + postgres.user(),
        "--SHUDI_DB_PASSWORD=" + postgres.password(), "--SHUDI_ADMIN_PASSWORD=" + ADMIN_PASSWORD);
  }

  static int port(ConfigurableApplicationContext context) {
    return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
  }

  @Test
  void bootsDeploysRunsACaseToCompletionAndKeepsItAcrossARestart() throws Exception {
    String caseId;
    long groups;
    long deployments;
    try (ConfigurableApplicationContext first = start()) {
      ProcessEngine engine = first.getBean(ProcessEngine.class);
      IdentityService identity = engine.getIdentityService();
      assertThat(engine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
      assertThat(identity.createUserQuery().userId("zhangqiu_market_staff").count()).as("no demo users").isZero();
      groups = identity.createGroupQuery().count();
      assertThat(identity.createGroupQuery().groupId("zhangqiu_market").count()).isOne();

      StaffUsers.create(identity, "pg_market", "zhangqiu_market", STAFF_PASSWORD);
      StaffUsers.create(identity, "pg_township", "zhangqiu_mingshui", STAFF_PASSWORD);
      engine.getRepositoryService().createDeployment().tenantId("zhangqiu").name("pg-test")
          .addModelInstance("test_joint.bpmn", TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui"))
          .deploy();

      int port = port(first);
      ObjectMapper json = new ObjectMapper();
      Http.Response started = new Http(port).as("pg_township", STAFF_PASSWORD)
          .postJson("/engine-rest/process-definition/key/" + JOINT_KEY + "/tenant-id/zhangqiu/start", "{}");
      assertThat(started.status()).as(started.toString()).isEqualTo(200);
      caseId = json.readTree(started.body()).get("id").asText();

      for (String user : List.of("pg_market", "pg_township")) {
        Http http = new Http(port).as(user, STAFF_PASSWORD);
        var mine = json.readTree(http.get("/engine-rest/task?processInstanceId=" + caseId).body());
        assertThat(mine.size()).as(user + " sees exactly its own task").isOne();
        Http.Response done = http.postJson("/engine-rest/task/" + mine.get(0).get("id").asText() + "/complete", "{}");
        assertThat(done.status()).as(done.toString()).isEqualTo(204);
      }
      HistoryService history = engine.getHistoryService();
      assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(caseId).singleResult().getState())
          .isEqualTo("COMPLETED");
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(caseId).list()).extracting(Task::getId)
          .isEmpty();
      deployments = engine.getRepositoryService().createDeploymentQuery().count();
      assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("zq054")
          .tenantIdIn("zhangqiu").count()).as("the blueprints deploy on PostgreSQL").isOne();
    }

    try (ConfigurableApplicationContext second = start()) {
      ProcessEngine engine = second.getBean(ProcessEngine.class);
      assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(caseId)
          .singleResult().getState()).isEqualTo("COMPLETED");
      assertThat(engine.getHistoryService().createHistoricTaskInstanceQuery().processInstanceId(caseId).count())
          .isEqualTo(2);
      assertThat(engine.getRepositoryService().createDeploymentQuery().count())
          .as("a restart with nothing changed deploys nothing").isEqualTo(deployments);
      assertThat(engine.getIdentityService().createGroupQuery().count()).as("provisioning is idempotent")
          .isEqualTo(groups);
      assertThat(new Http(port(second)).as("pg_market", STAFF_PASSWORD).get("/engine-rest/task").status())
          .isEqualTo(200);
    }
  }
}
