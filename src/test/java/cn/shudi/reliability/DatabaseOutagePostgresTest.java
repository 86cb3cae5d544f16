package cn.shudi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.ShudiApplication;
import cn.shudi.support.Http;
import cn.shudi.support.PostgresServer;
import cn.shudi.support.StaffUsers;

/**
 * The production profile on PostgreSQL loses its database for a while (every connection of the database
 * terminated, new ones refused) and gets it back, the application running throughout:
 * <ul>
 * <li>requests during the outage fail fast with 503, {@code Retry-After} and a Chinese message in Camunda's
 * error format, never a stack trace;</li>
 * <li>nothing is half-written: every case whose start was answered 200 exists with its first task, and no
 * other case exists;</li>
 * <li>afterwards requests succeed again without a restart, and the job executor runs the timer that fell due
 * during the outage.</li>
 * </ul>
 */
@Tag("postgres")
class DatabaseOutagePostgresTest {

  static final String ADMIN_PASSWORD = "Prod#Root-" + Long.toString(System.nanoTime(), 36);
  static final String STAFF_PASSWORD = "Prod#Staff-2026x";
  static final String KEY = "test_outage";
  static final Duration OUTAGE = Duration.ofSeconds(25);
  static final Duration TIMER = Duration.ofSeconds(15);

  static PostgresServer postgres;
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void createDatabase() {
    postgres = PostgresServer.freshDatabase("shudi_outage");
  }

  @AfterAll
  static void dropDatabase() throws SQLException {
    if (postgres != null) {
      admin("alter database " + database() + " allow_connections true");
      postgres.drop();
    }
  }

  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess(KEY).name("测试数据库中断").camundaHistoryTimeToLive(30)
        .startEvent("outage_start")
        .parallelGateway("outage_fork")
        .userTask("outage_inspect").name("排查隐患").camundaCandidateGroups("zhangqiu_market")
        .endEvent("outage_inspected")
        .moveToNode("outage_fork")
        .intermediateCatchEvent("outage_timer").timerWithDuration("PT" + TIMER.toSeconds() + "S")
        .userTask("outage_after_timer").name("到期后办理").camundaCandidateGroups("zhangqiu_market")
        .endEvent("outage_end")
        .done();
  }

  @Test
  void requestsFailClearlyDuringTheOutageNothingIsHalfWrittenAndAllRecoversWithoutARestart() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShudiApplication.class)
        .profiles("postgres").run("--server.port=0", "--spring.main.banner-mode=off",
            "--SHUDI_DB_URL=" + postgres.url(), "--SHUDI_DB_USER=" + postgres.user(),
            "--SHUDI_DB_PASSWORD=" + postgres.password(), "--SHUDI_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
            // the test configuration turns the job executor off; here it must run, and look again soon
            "--camunda.bpm.job-execution.enabled=true", "--camunda.bpm.job-execution.max-wait=5000")) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      IdentityService identity = engine.getIdentityService();
      StaffUsers.create(identity, "pg_outage", "zhangqiu_market", STAFF_PASSWORD);
      engine.getRepositoryService().createDeployment().tenantId("zhangqiu").name("outage-test")
          .addModelInstance(KEY + ".bpmn", model()).deploy();
      int port = ((ServletWebServerApplicationContext) app).getWebServer().getPort();
      Http staff = new Http(port).as("pg_outage", STAFF_PASSWORD);
      String start = "/engine-rest/process-definition/key/" + KEY + "/tenant-id/zhangqiu/start";

      Http.Response timerCase = staff.postJson(start, "{}");
      assertThat(timerCase.status()).as(timerCase.toString()).isEqualTo(200);
      String timerCaseId = json.readTree(timerCase.body()).get("id").asText();

      // a member of staff starts cases all along, one after the other
      List<Answer> starts = Collections.synchronizedList(new ArrayList<>());
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService writer = Executors.newSingleThreadExecutor();
      Future<?> writes = writer.submit(() -> {
        while (writing.get()) {
          long began = System.nanoTime();
          Http.Response answer = staff.postJson(start, "{}");
          starts.add(new Answer(System.nanoTime(), (System.nanoTime() - began) / 1_000_000, answer));
          pause(200);
        }
      });
      pause(2000);

      long cut = System.nanoTime();
      admin("alter database " + database() + " allow_connections false");
      admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database()
          + "' and pid <> pg_backend_pid()");
      List<Answer> reads = new ArrayList<>();
      while (System.nanoTime() - cut < OUTAGE.toNanos()) {
        long began = System.nanoTime();
        Http.Response answer = staff.get("/engine-rest/task?processInstanceId=" + timerCaseId);
        reads.add(new Answer(System.nanoTime(), (System.nanoTime() - began) / 1_000_000, answer));
        pause(500);
      }
      admin("alter database " + database() + " allow_connections true");
      long restored = System.nanoTime();
      Http.Response back;
      do {
        back = staff.get("/engine-rest/task?processInstanceId=" + timerCaseId);
      } while (back.status() != 200 && System.nanoTime() - restored < Duration.ofSeconds(30).toNanos() && pause(200));
      long recovery = (System.nanoTime() - restored) / 1_000_000;
      assertThat(back.status()).as("requests succeed again without a restart: %s", back).isEqualTo(200);

      // the timer fell due during the outage: the job executor runs it once the database is back
      long waited = 0;
      while (engine.getTaskService().createTaskQuery().processInstanceId(timerCaseId)
          .taskDefinitionKey("outage_after_timer").count() == 0 && waited < 90_000) {
        pause(500);
        waited += 500;
      }
      long timerLate = (System.nanoTime() - restored) / 1_000_000;
      assertThat(engine.getTaskService().createTaskQuery().processInstanceId(timerCaseId)
          .taskDefinitionKey("outage_after_timer").count()).as("the timer ran after the outage").isOne();
      pause(1500);
      writing.set(false);
      writes.get(30, TimeUnit.SECONDS);
      writer.shutdown();

      // during the outage: 503, quickly, with a message and no stack trace
      List<Answer> failedReads = reads.stream().filter(a -> a.response().status() != 200).toList();
      assertThat(failedReads).as("reads during the outage").isNotEmpty();
      for (Answer failed : failedReads) {
        assertUnavailable(failed);
      }
      assertThat(reads.stream().filter(a -> a.at() - cut > 1_000_000_000L && a.response().status() == 200))
          .as("no read succeeds once the database is gone").isEmpty();
      long slowest = failedReads.stream().mapToLong(Answer::millis).max().orElseThrow();
      assertThat(slowest).as("fails within the pool's connection timeout (5 s)").isLessThan(8_000);

      // nothing half-written
      List<Answer> refused = starts.stream().filter(a -> a.response().status() != 200).toList();
      List<String> started = new ArrayList<>();
      for (Answer a : starts) {
        if (a.response().status() == 200) {
          started.add(json.readTree(a.response().body()).get("id").asText());
        }
      }
      refused.forEach(this::assertUnavailable);
      assertThat(refused).as("starts refused during the outage").isNotEmpty();
      assertThat(starts.stream().filter(a -> a.at() > restored && a.response().status() == 200))
          .as("starts succeed again").isNotEmpty();
      List<String> existing = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(KEY)
          .list().stream().map(p -> p.getId()).filter(id -> !id.equals(timerCaseId)).toList();
      assertThat(existing).as("exactly the cases whose start was answered 200").containsExactlyInAnyOrderElementsOf(
          started);
      for (String id : started) {
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(id).taskDefinitionKey("outage_inspect")
            .count()).as("case %s has its first task", id).isOne();
      }
      System.out.printf("[reliability] outage %d s: %d reads failed (slowest %d ms), %d of %d starts refused, "
          + "%d started; first success %d ms after restore; timer ran %d ms after restore%n", OUTAGE.toSeconds(),
          failedReads.size(), slowest, refused.size(), starts.size(), started.size(), recovery, timerLate);
    }
  }

  void assertUnavailable(Answer answer) {
    Http.Response response = answer.response();
    assertThat(response.status()).as(response.toString()).isEqualTo(503);
    assertThat(response.raw().headers().firstValue("Retry-After")).contains(ApiFailureFilter.RETRY_AFTER);
    JsonNode body;
    try {
      body = json.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response, e);
    }
    assertThat(body.get("type").asText()).isEqualTo("DatabaseUnavailableException");
    assertThat(body.get("message").asText()).isEqualTo("数据库暂时无法连接，本次操作未保存，请稍后重试");
    assertThat(response.body()).doesNotContain("\tat ", "Exception:", "org.postgresql", "SQL");
  }

  record Answer(long at, long millis, Http.Response response) {
  }

  static String database() {
    String url = postgres.url();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  static void admin(String sql) throws SQLException {
    String url = postgres.url();
    try (Connection connection = DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres",
        postgres.user(), postgres.password()); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  static boolean pause(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
