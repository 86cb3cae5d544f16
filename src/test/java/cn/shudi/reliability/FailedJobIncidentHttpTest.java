package cn.shudi.reliability;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import cn.shudi.blueprint.ItemProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.credit.CreditCode;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.Http;
import cn.shudi.support.WebappSession;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * A failing job becomes an incident within minutes that supervisors see in Cockpit, and a retry after the cause
 * is fixed resolves it: ZQ054's credit-file job ({@code zq054_market_4}) meets a credit code whose check
 * character is wrong — the start checks the code, so here the administrator's later correction of the variable
 * brings the typo in — fails on every attempt of its cycle (R3/PT1M: three attempts, one minute apart), and
 * then waits as an incident; the administrator corrects {@code creditCode}, the supervisor sets a retry, the
 * case goes on, and the credit file holds exactly one entry.
 */
@PlatformTest
class FailedJobIncidentHttpTest extends ProcessTestBase {

  static final ItemProcess.Ids ZQ054 = ItemProcess.ids("ZQ054");
  static final ItemProcess.Element JOIN = ZQ054.join();
  static final ItemProcess.Element MARKET_1 = ZQ054.step("market", 1);
  static final ItemProcess.Element MARKET_2 = ZQ054.step("market", 2);
  static final ItemProcess.Element MARKET_4 = ZQ054.step("market", 4);
  static final ItemProcess.Element TOWNSHIP_1 = ZQ054.township(1);
  static final ItemProcess.Element TOWNSHIP_3 = ZQ054.township(3);

  static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  @LocalServerPort
  int port;
  @Autowired
  JdbcClient jdbc;

  final ObjectMapper json = new ObjectMapper();

  @Test
  void aFailingCreditJobBecomesAnIncidentInCockpitAndARetryAfterTheFixResolvesIt() throws Exception {
    String valid = validCode("91370181MA3C4R97");
    String typo = valid.substring(0, 17) + CHARSET.charAt((CHARSET.indexOf(valid.charAt(17)) + 1) % CHARSET.length());
    assertThat(CreditCode.isValid(typo)).isFalse();
    assertThat(Pattern.matches(startFormPattern(), typo)).as("the start form's pattern accepts the typo").isTrue();

    CaseDriver cases = new CaseDriver(engine);
    assertThatThrownBy(() -> cases.start("zq054", "zhangqiu", "mingshui", Map.of(ItemProcess.CASE_SUBJECT.name(),
        "章丘某食品有限公司", ItemProcess.CREDIT_CODE.name(), typo))).as("the start checks the check character")
        .hasMessageContaining("校验码");
    String caseId = cases.start("zq054", "zhangqiu", "mingshui", Map.of(ItemProcess.CASE_SUBJECT.name(), "章丘某食品有限公司",
        ItemProcess.CREDIT_CODE.name(), valid)).getId();
    Http admin = new Http(port).as("admin", ADMIN_PASSWORD);
    Http.Response mistaken = admin.putJson("/engine-rest/process-instance/" + caseId + "/variables/creditCode",
        "{\"value\":\"" + typo + "\",\"type\":\"String\"}");
    assertThat(mistaken.status()).as(mistaken.toString()).isEqualTo(204);
    cases.completeAsStaff(task(caseId, MARKET_1.id()), CaseDriver.FORM_VALUES);
    cases.completeAsStaff(task(caseId, MARKET_2.id()), CaseDriver.FORM_VALUES);
    cases.completeAsStaff(task(caseId, TOWNSHIP_1.id()), CaseDriver.FORM_VALUES);
    management.createJobQuery().processInstanceId(caseId).activityId(JOIN.id()).list()
        .forEach(j -> management.executeJob(j.getId()));
    cases.completeAsStaff(task(caseId, TOWNSHIP_3.id()), CaseDriver.FORM_VALUES);

    // the job executor's attempts, one after the other (each failure puts the next a minute later)
    Job job = management.createJobQuery().processInstanceId(caseId).activityId(MARKET_4.id()).singleResult();
    int attempts = 0;
    while (management.createJobQuery().jobId(job.getId()).singleResult().getRetries() > 0) {
      assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("不能写入信用档案");
      attempts++;
      assertThat(attempts).as("retries run out").isLessThan(10);
    }
    System.out.println("[reliability] credit job attempts before the incident: " + attempts);
    assertThat(attempts).as("R3/PT1M: three attempts, an incident two minutes after the first").isEqualTo(3);
    assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getDuedate()).isNotNull();

    // supervisors see the incident: REST and Cockpit's own API
    String incidents = "/incident?processInstanceId=" + caseId;
    Http supervisor = new Http(port).as("zhangqiu_supervisor", DEMO_PASSWORD);
    JsonNode incident = single(supervisor.get("/engine-rest" + incidents));
    assertThat(incident.get("incidentType").asText()).isEqualTo("failedJob");
    assertThat(incident.get("activityId").asText()).isEqualTo(MARKET_4.id());
    assertThat(incident.get("configuration").asText()).isEqualTo(job.getId());
    assertThat(incident.get("incidentMessage").asText()).contains("不能写入信用档案", "校验码", ItemProcess.CREDIT_CODE.name());
    WebappSession cockpit = WebappSession.login(port, "zhangqiu_supervisor", DEMO_PASSWORD, "cockpit");
    assertThat(single(cockpit.get("/camunda/api/engine/engine/default" + incidents)).get("id").asText())
        .isEqualTo(incident.get("id").asText());
    JsonNode statistics = read(cockpit.get("/camunda/api/engine/engine/default/process-definition/"
        + engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(caseId).singleResult()
            .getProcessDefinitionId() + "/statistics?incidents=true"));
    assertThat(statistics.toString()).contains("\"id\":\"zq054_market_4\"", "\"incidentType\":\"failedJob\"");
    // and on the supervisor's dashboard (属地管理督查看板), with the reason and the way to the retry
    JsonNode dashboard = read(cockpit.get("/camunda/api/cockpit/plugin/shudi-monitoring/default/dashboard"));
    JsonNode line = null;
    for (JsonNode candidate : dashboard.get("incidents")) {
      if (caseId.equals(candidate.get("processInstanceId").asText())) {
        line = candidate;
      }
    }
    assertThat(line).as("the incident on the dashboard").isNotNull();
    assertThat(line.get("activityId").asText()).isEqualTo(MARKET_4.id());
    assertThat(line.get("itemName").asText()).isEqualTo("食品生产经营企业日常安全监管");
    assertThat(line.get("message").asText()).contains("不能写入信用档案");
    assertThat(read(new Http(port).as("yunxi_supervisor", DEMO_PASSWORD).get("/engine-rest" + incidents))
        .size()).as("another county sees nothing").isZero();
    assertThat(supervisor.putJson("/engine-rest/process-instance/" + caseId + "/variables/creditCode",
        "{\"value\":\"" + valid + "\",\"type\":\"String\"}").status())
        .as("supervisors retry jobs, they do not change cases").isEqualTo(403);
    assertThat(new Http(port).as("zhangqiu_dispatcher", DEMO_PASSWORD)
        .putJson("/engine-rest/job/" + job.getId() + "/retries", "{\"retries\":1}").status())
        .as("dispatchers read only").isEqualTo(403);
    assertThat(creditEntries(caseId)).isZero();

    // the administrator corrects the code, the supervisor retries
    Http.Response fixed = admin.putJson("/engine-rest/process-instance/" + caseId + "/variables/creditCode",
        "{\"value\":\"" + valid + "\",\"type\":\"String\"}");
    assertThat(fixed.status()).as(fixed.toString()).isEqualTo(204);
    Http.Response retry = supervisor.putJson("/engine-rest/job/" + job.getId() + "/retries", "{\"retries\":1}");
    assertThat(retry.status()).as(retry.toString()).isEqualTo(204);
    assertThat(read(supervisor.get("/engine-rest" + incidents)).size())
        .as("a retry resolves the incident").isZero();
    assertThat(management.createJobQuery().processInstanceId(caseId).executable().count())
        .as("a plain retry keeps the back-off: due a minute after the last failure").isZero();
    // Cockpit's retry dialog offers "now" for the due date: the REST API's dueDate
    retry = supervisor.putJson("/engine-rest/job/" + job.getId() + "/retries", "{\"retries\":1,\"dueDate\":null}");
    assertThat(retry.status()).as(retry.toString()).isEqualTo(204);
    Job again = management.createJobQuery().processInstanceId(caseId).executable().singleResult();
    assertThat(again.getId()).as("due now, for the job executor").isEqualTo(job.getId());
    management.executeJob(again.getId());

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(caseId).singleResult()
        .getProcessDefinitionKey()).as("the case goes on: the township rates the bureau").isEqualTo("shared_evaluation");
    assertThat(cases.openTasks(caseId)).hasSize(1);
    assertThat(creditEntries(caseId)).as("exactly one credit entry").isOne();
    assertThat(jdbc.sql("select credit_code from shudi_credit_entry where case_id = :id").param("id", caseId)
        .query(String.class).single()).isEqualTo(valid);
  }

  int creditEntries(String caseId) {
    return jdbc.sql("select count(*) from shudi_credit_entry where case_id = :id").param("id", caseId)
        .query(Integer.class).single();
  }

  Task task(String caseId, String step) {
    return tasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(step).singleResult();
  }

  /** The pattern the county's start form checks the credit code with. */
  String startFormPattern() throws Exception {
    JsonNode form = json.readTree(Files.readString(Path.of("forms/zhangqiu/case-start.form")));
    for (JsonNode component : form.get("components")) {
      if (ItemProcess.CREDIT_CODE.name().equals(component.path("key").asText())) {
        return component.get("validate").get("pattern").asText();
      }
    }
    throw new AssertionError("no creditCode field in the start form");
  }

  /** A valid code: the 17-character prefix completed by the check characters the standard asks for. */
  static String validCode(String first16) {
    for (char organization : CHARSET.toCharArray()) {
      for (char check : CHARSET.toCharArray()) {
        String code = first16.substring(0, 16) + organization + check;
        if (CreditCode.isValid(code)) {
          return code;
        }
      }
    }
    throw new AssertionError("no valid code for " + first16);
  }

  JsonNode single(Http.Response answer) {
    JsonNode list = read(answer);
    assertThat(list.size()).as(answer.toString()).isOne();
    return list.get(0);
  }

  JsonNode read(Http.Response answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    try {
      return json.readTree(answer.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + answer, e);
    }
  }
}
