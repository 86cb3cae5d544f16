package cn.shudi.assessment;

import static cn.shudi.support.EngineClock.COUNTY_ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Workbook;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.shudi.ShudiApplication;
import cn.shudi.evaluation.Appeal;
import cn.shudi.evaluation.EvaluationStore;
import cn.shudi.evaluation.StoredRating;
import cn.shudi.organization.Organization;
import cn.shudi.support.PostgresServer;
import cn.shudi.evaluation.AppealProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;

/**
 * The evaluation tables ({@code V3__evaluation.sql}) on a real PostgreSQL server with the production profile:
 * Flyway migrates, ratings, call ratings, an appeal and a monthly ranking are stored and read back, and the
 * workbook downloads.
 */
@Tag("postgres")
class PostgresAssessmentTest {

  static final String ADMIN_PASSWORD = "Prod#Root-" + Long.toString(System.nanoTime(), 36);
  static final String PASSWORD = "Prod#Staff-2026x";
  static PostgresServer postgres;

  @BeforeAll
  static void createDatabase() {
    postgres = PostgresServer.freshDatabase("shudi_assessment");
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

  static ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(ShudiApplication.class).profiles("postgres").run(
        "--server.port=0", "--spring.main.banner-mode=off",
        "--SHUDI_DB_URL=" + postgres.url(), "--SHUDI_DB_USER=" + postgres.user(),
        "--SHUDI_DB_PASSWORD=" + postgres.password(), "--SHUDI_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
        "--shudi.assessment.export-dir=target/test-assessments-postgres");
  }

  static void user(IdentityService identity, String id, String... groups) {
    User user = identity.newUser(id);
    user.setFirstName("测试");
    user.setLastName("用户");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
  }

  @Test
  void ratingsAppealsAndTheRankingLiveInPostgres() throws Exception {
    try (ConfigurableApplicationContext app = start()) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      assertThat(engine.getProcessEngineConfiguration().getDatabaseType()).isEqualTo("postgres");
      JdbcClient jdbc = app.getBean(JdbcClient.class);
      assertThat(jdbc.sql("select count(*) from shudi_schema_history where version = '3' and success")
          .query(Integer.class).single()).isOne();

      IdentityService identity = engine.getIdentityService();
      user(identity, "pg_market", "zhangqiu_market");
      user(identity, "pg_dispatcher", "zhangqiu_command", "zhangqiu_dispatchers");
      user(identity, "pg_supervisor", "zhangqiu_supervisors");
      engine.getRepositoryService().createDeployment().tenantId("zhangqiu").name("pg-evaluation-test")
          .addModelInstance("pg_rate.bpmn", Bpmn.createExecutableProcess("pg_rate").camundaHistoryTimeToLive(30)
              .startEvent().serviceTask().camundaExpression("${evaluations.record(execution)}")
              .serviceTask().camundaExpression("${evaluations.recordCallRating(execution)}")
              .endEvent().done())
          .deploy();

      ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2025, 9, 2, 9, 0).atZone(COUNTY_ZONE).toInstant()));
      ProcessInstance rated = engine.getRuntimeService().createProcessInstanceByKey("pg_rate")
          .processDefinitionTenantId("zhangqiu")
          .setVariables(Map.of(CallProcess.TOWNSHIP_GROUP.name(), "zhangqiu_mingshui", JointMeetingProcess.DEPARTMENT_GROUP.name(), "zhangqiu_market",
              CallProcess.CALLED_DEPARTMENT_GROUP.name(), "zhangqiu_market", CallProcess.RATING.name(), "basically_satisfied", JointMeetingProcess.ITEM_CODE.name(), "ZQ054",
              CallProcess.CALL_JUSTIFIED.name(), "yes", CallProcess.CALL_COMPLETE.name(), "no", CallProcess.CALL_WITHIN_LIST.name(), "no"))
          .execute();
      EvaluationStore store = app.getBean(EvaluationStore.class);
      StoredRating rating = store.ratingOf(rated.getId(), "zhangqiu_market").orElseThrow();
      assertThat(rating.ratedAt()).isEqualTo(LocalDateTime.of(2025, 9, 2, 9, 0));
      assertThat(store.callRatingOf(rated.getId(), "zhangqiu_market").orElseThrow().withinList()).isFalse();
      assertThat(store.ratingsOf("zhangqiu", "zhangqiu_market", 5)).extracting(StoredRating::id)
          .containsExactly(rating.id());

      identity.setAuthentication("pg_market", List.of("zhangqiu_market"), List.of("zhangqiu"));
      ProcessInstance appeal;
      try {
        appeal = engine.getRuntimeService().createProcessInstanceByKey(AppealProcess.KEY)
            .processDefinitionTenantId("zhangqiu")
            .setVariables(Map.of(AppealProcess.RATING_ID.name(), rating.id(), AppealProcess.APPEAL_REASON.name(), "已按时办结")).execute();
      } finally {
        identity.clearAuthentication();
      }
      identity.setAuthentication("pg_dispatcher", List.of("zhangqiu_command", "zhangqiu_dispatchers"),
          List.of("zhangqiu"));
      try {
        var task = engine.getTaskService().createTaskQuery().processInstanceId(appeal.getId()).singleResult();
        engine.getTaskService().complete(task.getId(),
            Map.of(AppealProcess.APPEAL_DECISION.name(), "rejected", AppealProcess.APPEAL_DECISION_NOTE.name(), "维持"));
      } finally {
        identity.clearAuthentication();
      }
      assertThat(store.appealOf(rating.id()).orElseThrow().decision()).isEqualTo(Appeal.REJECTED);

      ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(2025, 10, 1, 2, 0).atZone(COUNTY_ZONE).toInstant()));
      Assessment assessment = app.getBean(Assessment.class);
      var zhangqiu = app.getBean(Organization.class).jurisdiction("zhangqiu");
      MonthlyRanking ranking = assessment.run(zhangqiu, YearMonth.of(2025, 9), null);
      assessment.run(zhangqiu, YearMonth.of(2025, 9), null); // a second run replaces the first
      MonthlyRanking stored = assessment.find(zhangqiu, YearMonth.of(2025, 9)).orElseThrow();
      assertThat(stored.departments().get(0).unitCode()).isEqualTo("market");
      assertThat(stored.departments().get(0).score()).isEqualTo(new BigDecimal("60.00"));
      assertThat(stored.townships().get(0).unitCode()).isEqualTo("mingshui");
      assertThat(stored.townships().get(0).metrics().satisfactionRate()).as("信息完整 no; 属于清单内事项 not scored").isCloseTo(0.5,
          org.assertj.core.data.Offset.offset(1e-6));
      assertThat(stored.departments()).hasSameSizeAs(ranking.departments());

      int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
      HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + port + "/api/assessments/zhangqiu/2025-09.xlsx"))
          .header("Authorization", "Basic " + Base64.getEncoder()
              .encodeToString(("pg_supervisor:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
          .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(download.statusCode()).isEqualTo(200);
      try (Workbook workbook = AssessmentWorkbookTest.read(download.body())) {
        assertThat(AssessmentWorkbookTest.rows(workbook.getSheet("部门排名")).get(0)).startsWith(1.0, "区市场监管局");
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
