package cn.shudi.casework;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.reliability.RequestRefusedException;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * What a form states is enforced on the server: the start form's credit code (check character, GB 32100) and
 * the inspection form's 「隐患数量与隐患等级须一致」 and required fields. A refusal answers with the rule in
 * Chinese, and nothing happens: no case starts, the task stays open. Every task of a case carries its card
 * variables (subject, township, item), which unit staff read through their filter.
 */
@PlatformTest
class FormRulesTest extends ProcessTestBase {

  static final ItemProcess.Ids ZQ054 = ItemProcess.ids("ZQ054");
  static final String VALID = "91350100M000100Y43";
  static final String TYPO = "91350100M000100Y44";

  @LocalServerPort
  int port;

  final ObjectMapper json = new ObjectMapper();

  ProcessDefinition zq054() {
    return repository.createProcessDefinitionQuery().processDefinitionKey("zq054").tenantIdIn(TENANT)
        .latestVersion().singleResult();
  }

  Map<String, Object> startForm(String subject, String creditCode) {
    Map<String, Object> values = new HashMap<>(Map.of(ItemProcess.TOWNSHIP.name(), "mingshui",
        ItemProcess.CASE_SUBJECT.name(), subject, ItemProcess.CASE_DESCRIPTION.name(), "日常监督检查"));
    values.put(ItemProcess.CREDIT_CODE.name(), creditCode);
    return values;
  }

  ProcessInstance startAsMarketStaff(Map<String, Object> values) {
    identity.setAuthentication("zhangqiu_market_staff", List.of("zhangqiu_market"), List.of(TENANT));
    try {
      return forms.submitStartForm(zq054().getId(), values);
    } finally {
      identity.clearAuthentication();
    }
  }

  long casesAbout(String subject) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("zq054")
        .variableValueEquals(ItemProcess.CASE_SUBJECT.name(), subject).count();
  }

  @Test
  void aWrongCheckCharacterInTheCreditCodeRefusesTheStartAndNoCaseStarts() {
    String subject = "章丘校验码有误食品厂" + UUID.randomUUID();
    assertThatThrownBy(() -> startAsMarketStaff(startForm(subject, TYPO)))
        .isInstanceOf(RequestRefusedException.class).hasMessageContaining("第18位校验码应为「3」");
    assertThat(casesAbout(subject)).as("no case started").isZero();

    // the platform's own starts are checked too: the credit code is checked again at every start
    assertThatThrownBy(() -> cases().start("zq054", TENANT, "mingshui", Map.of(ItemProcess.CASE_SUBJECT.name(),
        subject, ItemProcess.CREDIT_CODE.name(), TYPO))).hasMessageContaining("校验码");
    assertThat(casesAbout(subject)).isZero();

    // over HTTP, as Tasklist's start dialog posts it: 400 with the rule in Chinese
    Http staff = new Http(port).as("zhangqiu_market_staff", DEMO_PASSWORD);
    Http.Response refused = staff.postJson("/engine-rest/process-definition/" + zq054().getId() + "/submit-form",
        "{\"variables\":{\"township\":{\"value\":\"mingshui\"},\"caseSubject\":{\"value\":\"" + subject + "\"},"
            + "\"caseDescription\":{\"value\":\"检查\"},\"creditCode\":{\"value\":\"" + TYPO + "\"}}}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.body()).contains("表单填写不符合要求", "校验码");
    assertThat(casesAbout(subject)).isZero();

    ProcessInstance started = startAsMarketStaff(startForm(subject, VALID));
    assertThat(casesAbout(subject)).isOne();
    assertThat(started.getId()).isNotNull();
  }

  @Test
  void aStartFormWithoutItsRequiredFieldsIsRefused() {
    String subject = "章丘漏填食品厂" + UUID.randomUUID();
    Map<String, Object> values = startForm(subject, "");
    values.remove(ItemProcess.CASE_DESCRIPTION.name());
    assertThatThrownBy(() -> startAsMarketStaff(values)).isInstanceOf(RequestRefusedException.class)
        .hasMessageContaining("「案件情况」为必填项");
    assertThat(casesAbout(subject)).isZero();
  }

  @Test
  void anInconsistentInspectionIsRefusedAndTheTaskStaysOpen() {
    String subject = "章丘隐患不一致食品厂" + UUID.randomUUID();
    ProcessInstance instance = startAsMarketStaff(startForm(subject, VALID));
    completeAs("zhangqiu_market", task(instance, ZQ054.step("market", 1).id()), CaseDriver.FORM_VALUES);
    Task inspection = task(instance, ZQ054.township(1).id());

    Map<String, Object> twoButNone = new HashMap<>(CaseDriver.FORM_VALUES);
    twoButNone.put(ItemProcess.HAZARD_COUNT.name(), 2L);
    twoButNone.put(ItemProcess.HAZARD_LEVEL.name(), "none");
    // the engine wraps what a task listener throws; over HTTP the answer is the refusal itself (below)
    assertThatThrownBy(() -> completeAs("zhangqiu_mingshui", inspection, twoButNone))
        .hasMessageContaining("隐患数量与隐患等级须一致");
    assertThat(tasks.createTaskQuery().taskId(inspection.getId()).count()).as("the task stays open").isOne();

    Map<String, Object> noneButGeneral = new HashMap<>(CaseDriver.FORM_VALUES);
    noneButGeneral.put(ItemProcess.HAZARD_LEVEL.name(), "general");
    assertThatThrownBy(() -> completeAs("zhangqiu_mingshui", inspection, noneButGeneral))
        .hasMessageContaining("隐患数量为 0，隐患等级应选「未发现隐患」");

    Map<String, Object> missing = new HashMap<>(CaseDriver.FORM_VALUES);
    missing.remove(ItemProcess.DUTY_RESULT.name());
    missing.put(ItemProcess.HAZARD_LEVEL.name(), "serious");
    assertThatThrownBy(() -> completeAs("zhangqiu_mingshui", inspection, missing))
        .hasMessageContaining("「检查情况」为必填项").hasMessageContaining("「隐患等级」只能从表单给出的选项中选择");
    assertThat(tasks.createTaskQuery().taskId(inspection.getId()).count()).isOne();

    // over HTTP, as Tasklist submits the form: 400, the rule in Chinese, the task still open
    Http staff = new Http(port).as("zhangqiu_mingshui_staff", DEMO_PASSWORD);
    Http.Response refused = staff.postJson("/engine-rest/task/" + inspection.getId() + "/submit-form",
        "{\"variables\":{\"dutyResult\":{\"value\":\"检查完毕\"},\"hazardCount\":{\"value\":2,\"type\":\"Long\"},"
            + "\"hazardLevel\":{\"value\":\"none\"}}}");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.body()).contains("隐患数量与隐患等级须一致");
    assertThat(tasks.createTaskQuery().taskId(inspection.getId()).count()).isOne();

    completeAs("zhangqiu_mingshui", inspection, CaseDriver.FORM_VALUES);
    assertThat(tasks.createTaskQuery().taskId(inspection.getId()).count()).as("consistent: done").isZero();
  }

  @Test
  void unitStaffSeeSubjectTownshipAndItemOnTheirTaskCards() throws Exception {
    String subject = "章丘卡片食品厂" + UUID.randomUUID();
    ProcessInstance instance = startAsMarketStaff(startForm(subject, VALID));
    Task plan = task(instance, ZQ054.step("market", 1).id());
    String inbox = engine.getFilterService().createTaskFilterQuery().list().stream()
        .filter(f -> "zhangqiu_market:inbox".equals(f.getProperties().get("shudiFilter"))).findFirst().orElseThrow()
        .getId();

    Http staff = new Http(port).as("zhangqiu_market_staff", DEMO_PASSWORD);
    Http.Response list = staff.send(staff.request("/engine-rest/filter/" + inbox + "/list?maxResults=2000")
        .header("Accept", "application/hal+json").header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"processInstanceId\":\"" + instance.getId() + "\"}")));
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    JsonNode card = null;
    for (JsonNode task : json.readTree(list.body()).path("_embedded").path("task")) {
      if (plan.getId().equals(task.path("id").asText())) {
        card = task;
      }
    }
    assertThat(card).as("the task is in the unit's inbox").isNotNull();
    Map<String, String> variables = new HashMap<>();
    card.path("_embedded").path("variable").forEach(v -> variables.put(v.path("name").asText(), v.path("value").asText()));
    assertThat(variables).containsEntry(ItemProcess.CARD.name(), "对象：" + subject + "\u3000镇街：明水街道\u3000"
        + "办理单位：区市场监管局\u3000事项：ZQ054 食品生产经营企业日常安全监管");
    assertThat(card.path("due").asText()).as("due date on the card").isNotEmpty();
  }

  @Test
  void theStarterSeesWhereTheCaseWentAndFollowsItInTheirFilter() throws Exception {
    String subject = "章丘镇街发起食品厂" + UUID.randomUUID();
    Http township = new Http(port).as("zhangqiu_mingshui_staff", DEMO_PASSWORD);
    Http.Response started = township.postJson("/engine-rest/process-definition/" + zq054().getId() + "/submit-form",
        "{\"variables\":{\"township\":{\"value\":\"mingshui\"},\"caseSubject\":{\"value\":\"" + subject + "\"},"
            + "\"caseDescription\":{\"value\":\"网格员报告\"},\"creditCode\":{\"value\":\"" + VALID + "\"}}}");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    String caseId = json.readTree(started.body()).get("id").asText();

    // what Tasklist's script asks right after the start: the case's open steps and their units
    JsonNode open = json.readTree(township.get("/engine-rest/task?processInstanceId=" + caseId).body());
    assertThat(open).hasSize(1);
    assertThat(open.get(0).get("name").asText()).isEqualTo("制定计划");
    String planId = open.get(0).get("id").asText();
    JsonNode local = json.readTree(township.get("/engine-rest/task/" + planId + "/localVariables").body());
    assertThat(local.at("/card/value").asText()).startsWith("对象：" + subject + "\u3000")
        .contains("\u3000办理单位：区市场监管局\u3000");

    // the township's filter 我发起的案件 follows the case; the township reads the bureau's step, works on none
    String filter = engine.getFilterService().createTaskFilterQuery().list().stream()
        .filter(f -> "zhangqiu_mingshui:started".equals(f.getProperties().get("shudiFilter"))).findFirst()
        .orElseThrow().getId();
    assertThat(json.readTree(township.get("/engine-rest/filter/" + filter + "/list?maxResults=2000").body())
        .findValuesAsText("id")).contains(planId);
    Http.Response complete = township.postJson("/engine-rest/task/" + planId + "/complete", "{}");
    assertThat(complete.status()).as(complete.toString()).isIn(403, 404);
    assertThat(tasks.createTaskQuery().taskId(planId).count()).as("still the bureau's to do").isOne();
    completeAs("zhangqiu_market", tasks.createTaskQuery().taskId(planId).singleResult(), CaseDriver.FORM_VALUES);
    assertThat(json.readTree(township.get("/engine-rest/filter/" + filter + "/list?maxResults=2000").body())
        .findValuesAsText("name")).as("the next steps, the township's and the bureau's").contains("排查隐患");
    assertThat(json.readTree(new Http(port).as("zhangqiu_shuangshan_staff", DEMO_PASSWORD)
        .get("/engine-rest/task?processInstanceId=" + caseId).body())).as("another township sees nothing").isEmpty();
  }

  @Test
  void internalProcessesAreNotStartableInTasklist() {
    List<String> startable = repository.createProcessDefinitionQuery().tenantIdIn(TENANT).startableInTasklist()
        .latestVersion().list().stream().map(ProcessDefinition::getKey).toList();
    assertThat(startable).doesNotContain("shared_supervision", "shared_joint_meeting", "shared_evaluation",
        "shared_monthly_assessment").contains("zq054", "shared_call", "shared_appeal");
  }
}
