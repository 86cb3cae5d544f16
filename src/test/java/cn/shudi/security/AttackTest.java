package cn.shudi.security;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static cn.shudi.support.TestModels.JOINT_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shudi.credit.CreditCode;
import cn.shudi.credit.CreditFile;
import cn.shudi.support.Http;
import cn.shudi.support.TestModels;
import cn.shudi.support.WebappSession;

/**
 * The attacks of the issue "Scale and reliability", one test each, over real HTTP against the running
 * application (login brute force: {@link LoginThrottleHttpTest}; issue 12's probes: the red-team suite,
 * {@code cn.shudi.redteam}). Each test asserts the refusal (status and a clear message) and that the attack left nothing
 * behind: no deployment, variable, filter or changed task, no evaluated expression (the {@link AttackCanary}),
 * no data of another unit in the answer. Where an assertion could pass for a wrong reason, the test first
 * shows the same request succeeding for someone allowed to make it. The summary is docs/security.md.
 *
 * <p>The browser half of the stored-XSS attack is {@link StoredXssInBrowserTest} ({@code -Pbrowser-tests}).
 */
class AttackTest extends SecurityTestBase {

  static final String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";
  /** Would run in the engine if a query expression were evaluated. */
  static final String CANARY = "${attackCanary.fire('query')}";

  @Autowired
  HistoryService history;
  @Autowired
  FilterService filters;
  @Autowired
  AttackCanary canary;
  @Autowired
  SecurityProperties properties;
  @Autowired
  CreditFile creditFile;

  Task task(String caseId, String key) {
    return tasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(key).singleResult();
  }

  long deployments(String name) {
    return repository.createDeploymentQuery().deploymentName(name).count();
  }

  long definitions(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).count();
  }

  Http.Response deploy(Http client, String name, String bpmn) {
    return client.postMultipart("/engine-rest/deployment/create",
        Map.of("deployment-name", name, "tenant-id", "zhangqiu", "deploy-changed-only", "true"),
        name + ".bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
  }

  static String cleanBpmn(String key) {
    return TestModels.xml(TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui")).replace(JOINT_KEY, key);
  }

  // --- anonymous REST -------------------------------------------------------------------------------

  @Test
  void anonymousRest() {
    String caseId = startCase();
    Task task = task(caseId, "test_township_inspect");
    long cases = runtime.createProcessInstanceQuery().processDefinitionKey(JOINT_KEY).count();
    Http anonymous = new Http(port);
    for (String path : List.of("/engine-rest/task", "/engine-rest/task/" + task.getId(),
        "/engine-rest/process-instance/" + caseId + "/variables", "/engine-rest/process-definition",
        "/engine-rest/user", "/engine-rest/deployment", "/api/credit-files/91350100M000100Y43",
        "/api/accountability/zhangqiu/refusals", "/api/governance/zhangqiu/versions")) {
      Http.Response response = anonymous.get(path);
      assertThat(response.status()).as(path).isEqualTo(401);
      assertThat(response.raw().headers().firstValue("WWW-Authenticate")).as(path)
          .hasValueSatisfying(h -> assertThat(h).startsWith("Basic"));
      assertThat(response.body()).as(path).doesNotContain(caseId).doesNotContain("test_township_inspect");
    }

    Http.Response start = anonymous.postJson(START, "{}");
    Http.Response claim = anonymous.postJson("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"x\"}");
    Http.Response deploy = deploy(anonymous, "test_anonymous", cleanBpmn("test_anonymous"));
    assertThat(List.of(start.status(), claim.status(), deploy.status())).containsOnly(401);
    // nothing behind: no case started, the task unclaimed, no deployment
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(JOINT_KEY).count()).isEqualTo(cases);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    assertThat(deployments("test_anonymous")).isZero();
    assertThat(definitions("test_anonymous")).isZero();
  }

  // --- expression injection -------------------------------------------------------------------------

  @Test
  void expressionInjectionInTaskQueries() {
    // behind the guard, the engine itself evaluates no expression in a query, not even in an or-query
    // (where Camunda 7.24 CE ignores enable-expressions-in-adhoc-queries, CVE-2026-109432)
    canary.reset();
    assertThatThrownBy(() -> tasks.createTaskQuery().or().dueAfterExpression("${attackCanary.fire('control')}")
        .endOr().count()).rootCause().hasMessageContaining("表达式只在流程执行中求值");
    assertThat(canary.fired()).as("the engine evaluated a query expression").isEmpty();

    Http staff = rest("zhangqiu_market_staff");
    String e = json(CANARY);
    String filterName = "attack-" + UUID.randomUUID();
    String filterId = read(staff.get("/engine-rest/filter?resourceType=Task")).get(0).get("id").asText();
    WebappSession tasklist = WebappSession.login(port, "zhangqiu_market_staff", DEMO_PASSWORD, "tasklist");
    Map<String, Http.Response> attacks = new LinkedHashMap<>();
    attacks.put("GET assigneeExpression", staff.get("/engine-rest/task?assigneeExpression=" + url(CANARY)));
    attacks.put("GET value ${…}", staff.get("/engine-rest/task?assignee=" + url(CANARY)));
    attacks.put("POST dueAfterExpression", staff.postJson("/engine-rest/task", "{\"dueAfterExpression\":" + e + "}"));
    attacks.put("POST orQueries[].dueAfterExpression",
        staff.postJson("/engine-rest/task", "{\"orQueries\":[{\"dueAfterExpression\":" + e + "}]}"));
    attacks.put("count orQueries[].candidateGroupExpression",
        staff.postJson("/engine-rest/task/count", "{\"orQueries\":[{\"candidateGroupExpression\":" + e + "}]}"));
    attacks.put("orQueries[].assignee #{…}",
        staff.postJson("/engine-rest/task", "{\"orQueries\":[{\"assignee\":\"#{attackCanary.fire('hash')}\"}]}"));
    attacks.put("history taskAssigneeExpression",
        staff.postJson("/engine-rest/history/task", "{\"taskAssigneeExpression\":" + e + "}"));
    attacks.put("stored filter with orQueries expression", rest("admin").postJson("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"" + filterName + "\",\"query\":{\"orQueries\":[{\"assigneeExpression\":"
            + e + "}]}}"));
    attacks.put("filter list with extending orQueries", staff.postJson("/engine-rest/filter/" + filterId + "/list",
        "{\"orQueries\":[{\"followUpBeforeExpression\":" + e + "}]}"));
    attacks.put("Tasklist API task query", tasklist.postJson(WEBAPP_ENGINE + "/task",
        "{\"orQueries\":[{\"dueAfterExpression\":" + e + "}]}"));
    attacks.put("Tasklist API filter list", tasklist.postJson(WEBAPP_ENGINE + "/filter/" + filterId + "/list",
        "{\"orQueries\":[{\"dueAfterExpression\":" + e + "}]}"));
    attacks.forEach((name, attack) -> {
      assertThat(attack.status()).as("%s: %s", name, attack).isEqualTo(400);
      assertThat(attack.body()).as(name).contains("表达式");
    });
    // nothing behind: the canary never sang, no filter was stored
    assertThat(canary.fired()).as("expressions evaluated by the attacks").isEmpty();
    assertThat(filters.createFilterQuery().filterName(filterName).count()).isZero();
    // plain or-queries stay allowed: Tasklist's searches use them
    assertThat(staff.postJson("/engine-rest/task", "{\"orQueries\":[{\"name\":\"部门排查隐患\"},{\"nameLike\":\"%隐患%\"}]}")
        .status()).isEqualTo(200);
  }


  static String url(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  // --- deployments: a script, XXE, staff ------------------------------------------------------------

  @Test
  void scriptInADeployedBpmn() {
    String clean = cleanBpmn("test_script_task");
    String scriptTask = clean.replaceFirst("<userTask ([^>]*)id=\"test_department_inspect\"([^>]*)>",
        "<scriptTask id=\"test_department_inspect\" scriptFormat=\"groovy\"><script>'ls'.execute()</script><!--")
        .replaceFirst("</userTask>", "--></scriptTask>");
    String listener = cleanBpmn("test_script_listener").replace("<startEvent id=\"test_start\" name=\"案件已受理\">",
        "<startEvent id=\"test_start\" name=\"案件已受理\"><extensionElements><camunda:executionListener event=\"start\">"
            + "<camunda:script scriptFormat=\"javascript\">java.lang.Runtime.getRuntime()</camunda:script>"
            + "</camunda:executionListener></extensionElements>");
    String condition = cleanBpmn("test_script_condition").replaceFirst("<sequenceFlow ([^>]*)/>",
        "<sequenceFlow $1><conditionExpression xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xsi:type=\"tFormalExpression\" language=\"javascript\">true"
            + "</conditionExpression></sequenceFlow>");
    Http analyst = rest("zhangqiu_analyst");
    for (Map.Entry<String, String> bad : Map.of("test_script_task", scriptTask, "test_script_listener", listener,
        "test_script_condition", condition).entrySet()) {
      String key = bad.getKey();
      assertThat(bad.getValue()).as("the test really carries its attack").isNotEqualTo(cleanBpmn(key))
          .containsAnyOf("<scriptTask", "camunda:script", "language=\"javascript\"");
      Http.Response response = deploy(analyst, key, bad.getValue());
      assertThat(response.status()).as(key + ": " + response).isEqualTo(400);
      assertThat(response.body()).as(key).contains("部署被拒绝", "脚本");
      assertThat(deployments(key)).as("no deployment row for %s", key).isZero();
      assertThat(definitions(key)).as("no definition for %s", key).isZero();
    }
    assertThat(deploy(analyst, "test_script_task", scriptTask).body()).contains("test_department_inspect", "脚本任务");
    // the same analyst deploys the clean model: the refusal is about the script, not the user
    Http.Response clean200 = deploy(analyst, "test_script_clean", cleanBpmn("test_script_clean"));
    assertThat(clean200.status()).as(clean200.toString()).isEqualTo(200);
  }

  @Test
  void xxeInABpmnUpload() {
    String clean = cleanBpmn("test_xxe");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + clean.substring(clean.indexOf("?>") + 2).replace("测试联合检查", "&x;");
    String parameterEntity = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]>"
        + clean.substring(clean.indexOf("?>") + 2);
    for (String attack : List.of(xxe, parameterEntity)) {
      Http.Response response = deploy(rest("zhangqiu_analyst"), "test_xxe", attack);
      assertThat(response.status()).as(response.toString()).isEqualTo(400);
      assertThat(response.body()).contains("部署被拒绝", "DOCTYPE").doesNotContain("root:").doesNotContain("/bin/");
    }
    assertThat(deployments("test_xxe")).isZero();
    assertThat(definitions("test_xxe")).isZero();
  }

  @Test
  void deploymentByStaff() {
    String bpmn = cleanBpmn("test_staff_deploy");
    for (String user : List.of("zhangqiu_market_staff", "zhangqiu_mingshui_staff", "zhangqiu_mingshui_lead",
        "zhangqiu_supervisor", "zhangqiu_mingshui_grid")) {
      Http.Response response = deploy(rest(user), "test_staff_deploy", bpmn);
      assertThat(response.status()).as("%s: %s", user, response).isEqualTo(403);
      assertThat(response.body()).as(user).contains(user).contains("CREATE").contains("Deployment");
      // what Camunda Modeler sends: no tenant
      Http.Response modeler = rest(user).postMultipart("/engine-rest/deployment/create", Map.of("deployment-name",
          "test_staff_deploy", "deployment-source", "Camunda Modeler"), "m.bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
      assertThat(modeler.status()).as("%s via Modeler: %s", user, modeler).isEqualTo(403);
    }
    assertThat(deployments("test_staff_deploy")).isZero();
    assertThat(definitions("test_staff_deploy")).isZero();
    assertThat(repository.createDeploymentQuery().deploymentSource("Camunda Modeler").deploymentName("test_staff_deploy")
        .count()).isZero();
  }

  // --- a Java-serialized variable -------------------------------------------------------------------

  static final String SERIALIZED = "{\"value\":\"rO0ABXQAA2FiYw==\",\"type\":\"Object\",\"valueInfo\":{"
      + "\"objectTypeName\":\"java.lang.String\",\"serializationDataFormat\":\"application/x-java-serialized-object\"}}";

  @Test
  void javaSerializedVariable() {
    String caseId = startCase();
    Task task = task(caseId, "test_township_inspect");
    long cases = runtime.createProcessInstanceQuery().processDefinitionKey(JOINT_KEY).count();
    // "rO0ABXQAA2FiYw==" is a serialized java.lang.String
    Map<String, Http.Response> attacks = new LinkedHashMap<>();
    attacks.put("admin, process variable", rest("admin")
        .putJson("/engine-rest/process-instance/" + caseId + "/variables/payload", SERIALIZED));
    attacks.put("staff, completing own task", rest("zhangqiu_mingshui_staff")
        .postJson("/engine-rest/task/" + task.getId() + "/complete", "{\"variables\":{\"payload\":" + SERIALIZED + "}}"));
    attacks.put("grid worker, starting a case", rest("zhangqiu_mingshui_grid")
        .postJson(START, "{\"variables\":{\"payload\":" + SERIALIZED + "}}"));
    attacks.forEach((name, attack) -> {
      System.out.printf("[serialized] %s: %s%n", name, attack);
      assertThat(attack.status()).as("%s: %s", name, attack).isEqualTo(400);
      assertThat(attack.body()).as(name).contains("不接受「Object」类型的变量");
    });
    // nothing behind: no variable anywhere, the task still open, no case started
    assertThat(runtime.getVariable(caseId, "payload")).isNull();
    assertThat(runtime.createVariableInstanceQuery().variableName("payload").count()).isZero();
    assertThat(history.createHistoricVariableInstanceQuery().variableName("payload").count()).isZero();
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(JOINT_KEY).count()).isEqualTo(cases);
    // the same request with JSON is fine: the refusal is the format
    Http.Response plain = rest("admin").putJson("/engine-rest/process-instance/" + caseId + "/variables/payload",
        "{\"value\":\"abc\",\"type\":\"String\"}");
    assertThat(plain.status()).as(plain.toString()).isEqualTo(204);
  }

  // --- a huge maxResults ----------------------------------------------------------------------------

  @Test
  void hugeMaxResults() {
    startCase();
    int cap = properties.maxResults();
    Http supervisor = rest("zhangqiu_supervisor");
    WebappSession tasklist = WebappSession.login(port, "zhangqiu_supervisor", DEMO_PASSWORD, "tasklist");
    for (Http.Response refused : List.of(supervisor.get("/engine-rest/task?maxResults=10000000"),
        supervisor.get("/engine-rest/task?maxResults=2147483648"),
        supervisor.get("/engine-rest/history/task?maxResults=" + (cap + 1)),
        supervisor.postJson("/engine-rest/task?firstResult=0&maxResults=99999999", "{}"),
        tasklist.get(WEBAPP_ENGINE + "/task?maxResults=10000000"))) {
      assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
      assertThat(read(refused).get("message").asText()).isEqualTo("maxResults 不能超过 " + cap + "，请分页查询");
    }
    assertThat(read(supervisor.get("/engine-rest/task/count")).get("count").asInt()).isGreaterThan(1);
    assertThat(read(supervisor.get("/engine-rest/task?maxResults=1")).size()).isEqualTo(1);
    assertThat(supervisor.get("/engine-rest/task?maxResults=" + cap).status()).as("the cap itself is allowed")
        .isEqualTo(200);
    // that a list without maxResults gets the cap: RequestGuardFilterTest, on a cap of 5
  }

  // --- stored XSS -----------------------------------------------------------------------------------

  static final String XSS_IMG = "<img src=x onerror=\"window.__xss='img'\">";
  static final String XSS_SCRIPT = "<script>window.__xss='script'</script>";

  @Test
  void storedXssInACaseDescription() {
    String subject = XSS_SCRIPT + "某食品有限公司";
    String caseId = startCase(Map.of("caseSubject", subject, "caseDescription", XSS_IMG));
    // the REST API and the webapps' API hand the text back as a JSON string, never as a page
    Http.Response variable = rest("zhangqiu_supervisor").get("/engine-rest/process-instance/" + caseId
        + "/variables/caseDescription");
    assertThat(variable.status()).as(variable.toString()).isEqualTo(200);
    assertThat(read(variable).get("value").asText()).isEqualTo(XSS_IMG);
    assertThat(variable.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    Task task = task(caseId, "test_township_inspect");
    WebappSession tasklist = WebappSession.login(port, "zhangqiu_mingshui_staff", DEMO_PASSWORD, "tasklist");
    Http.Response form = tasklist.get(WEBAPP_ENGINE + "/task/" + task.getId() + "/form-variables");
    assertThat(form.status()).as(form.toString()).isEqualTo(200);
    assertThat(read(form).get("caseDescription").get("value").asText()).isEqualTo(XSS_IMG);
    assertThat(form.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    assertThat(form.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    // the credit file: the subject and the findings come back as text
    String code = newCreditCode();
    creditFile.record(code, new CreditFile.CaseStep("zhangqiu", caseId, "test_township_inspect", null, "测试联合检查",
        subject, "zhangqiu_mingshui"), new CreditFile.Content(null, XSS_IMG, null, XSS_SCRIPT, 1, List.of()));
    Http.Response file = tasklist.get("/camunda/api/shudi/credit-files/" + code);
    assertThat(file.status()).as(file.toString()).isEqualTo(200);
    JsonNode entry = read(file).get("entries").get(0);
    assertThat(entry.get("subject").asText()).isEqualTo(subject);
    assertThat(entry.get("findings").asText()).isEqualTo(XSS_IMG);
    assertThat(file.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    // a code that is not valid comes back in a JSON error, not in a page
    Http.Response reflected = rest("zhangqiu_supervisor").get("/api/credit-files/" + url(XSS_IMG));
    assertThat(reflected.status()).as(reflected.toString()).isEqualTo(400);
    assertThat(reflected.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
  }

  /** A valid unified social credit code (GB 32100-2015) of a made-up enterprise in 章丘. */
  static String newCreditCode() {
    String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    String body = String.format("%08d", ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
    for (char organization : charset.toCharArray()) {
      for (char check : charset.toCharArray()) {
        String code = "91370181" + body + organization + check;
        if (CreditCode.isValid(code)) {
          return code;
        }
      }
    }
    throw new IllegalStateException("no valid code for " + body);
  }

  // --- a township reading another township's task or credit entry -----------------------------------

  @Test
  void townshipReadingAnotherTownshipsTaskOrCreditEntry() {
    String secret = "明水机密对象-" + UUID.randomUUID();
    String caseId = startCase(Map.of("caseSubject", secret, "caseDescription", secret));
    Task task = task(caseId, "test_township_inspect");
    String id = task.getId();
    String code = newCreditCode();
    creditFile.record(code, new CreditFile.CaseStep("zhangqiu", caseId, "test_township_inspect", null, "测试联合检查",
        secret, "zhangqiu_mingshui"), new CreditFile.Content(null, secret, null, secret, 0, List.of()));

    List<String> restPaths = List.of("/engine-rest/task/" + id, "/engine-rest/task/" + id + "/variables",
        "/engine-rest/task/" + id + "/variables/caseSubject", "/engine-rest/task/" + id + "/form-variables",
        "/engine-rest/task/" + id + "/localVariables", "/engine-rest/task/" + id + "/identity-links",
        "/engine-rest/task/" + id + "/comment", "/engine-rest/history/task?taskId=" + id,
        "/engine-rest/history/variable-instance?processInstanceId=" + caseId,
        "/engine-rest/process-instance/" + caseId + "/variables", "/engine-rest/task?processInstanceId=" + caseId,
        "/api/credit-files/" + code);
    List<String> webappPaths = List.of(WEBAPP_ENGINE + "/task/" + id, WEBAPP_ENGINE + "/task/" + id + "/form-variables",
        WEBAPP_ENGINE + "/task/" + id + "/variables/caseSubject?deserializeValue=false",
        "/camunda/api/shudi/credit-files/" + code);

    // 明水's own staff read all of it: the same requests can show the secret
    Http owner = rest("zhangqiu_mingshui_staff");
    WebappSession ownerSession = WebappSession.login(port, "zhangqiu_mingshui_staff", DEMO_PASSWORD, "tasklist");
    assertThat(owner.get("/engine-rest/task/" + id + "/variables/caseSubject").body()).contains(secret);
    assertThat(owner.get("/api/credit-files/" + code).body()).contains(secret);
    assertThat(ownerSession.get(WEBAPP_ENGINE + "/task/" + id + "/form-variables").body()).contains(secret);

    for (String attacker : List.of("zhangqiu_shuangshan_staff", "zhangqiu_shuangshan_lead", "yunxi_chengguan_staff",
        "yunxi_market_staff")) {
      Http rest = rest(attacker);
      for (String path : restPaths) {
        Http.Response response = rest.get(path);
        assertRefusedWithoutData(attacker + " " + path, response, secret);
      }
      WebappSession session = WebappSession.login(port, attacker, DEMO_PASSWORD, "tasklist");
      for (String path : webappPaths) {
        assertRefusedWithoutData(attacker + " webapp " + path, session.get(path), secret);
      }
      Http.Response claim = rest.postJson("/engine-rest/task/" + id + "/claim", "{\"userId\":\"" + attacker + "\"}");
      assertRefusedWithoutData(attacker + " claims", claim, secret);
      assertThat(claim.status()).as("%s claims: %s", attacker, claim).isNotEqualTo(200);
    }
    assertThat(tasks.createTaskQuery().taskId(id).singleResult().getAssignee()).as("nobody claimed it").isNull();
  }

  /** 403 or 404 with a message, or an empty list; never the secret, the task's name or a variable's value. */
  void assertRefusedWithoutData(String what, Http.Response response, String secret) {
    assertThat(response.body()).as(what).doesNotContain(secret).doesNotContain("镇街排查隐患")
        .doesNotContain("\"value\"").doesNotContain("zhangqiu_mingshui\"");
    // another county's task is refused by the engine's tenant check (ENGINE-13034, a 500 that tells the id
    // exists): answered 404 like an id that never existed
    assertThat(response.body()).as(what).doesNotContain("belongs to no authenticated tenant");
    if (response.status() == 200) {
      assertThat(response.body().trim()).as("%s: an empty answer", what).isIn("[]", "{}");
    } else {
      assertThat(response.status()).as("%s: %s", what, response).isIn(403, 404);
    }
  }

  // --- CSRF -----------------------------------------------------------------------------------------

  @Test
  void stateChangingWebappRequestWithoutCsrfToken() {
    String caseId = startCase();
    Task task = task(caseId, "test_township_inspect");
    String id = task.getId();
    Map<String, java.util.function.Function<WebappSession, Http.Response>> attacks = new LinkedHashMap<>();
    attacks.put("claim", s -> s.postJsonWithoutCsrf(WEBAPP_ENGINE + "/task/" + id + "/claim",
        "{\"userId\":\"zhangqiu_mingshui_staff\"}"));
    attacks.put("complete", s -> s.postJsonWithoutCsrf(WEBAPP_ENGINE + "/task/" + id + "/complete",
        "{\"variables\":{\"forged\":{\"value\":\"yes\",\"type\":\"String\"}}}"));
    attacks.put("submit-form", s -> s.postJsonWithoutCsrf(WEBAPP_ENGINE + "/task/" + id + "/submit-form",
        "{\"variables\":{\"forged\":{\"value\":\"yes\",\"type\":\"String\"}}}"));
    attacks.put("set variable", s -> s.postJsonWithoutCsrf(WEBAPP_ENGINE + "/task/" + id + "/variables",
        "{\"modifications\":{\"forged\":{\"value\":\"yes\",\"type\":\"String\"}}}"));
    attacks.put("comment", s -> s.postJsonWithoutCsrf(WEBAPP_ENGINE + "/task/" + id + "/comment/create",
        "{\"message\":\"forged\"}"));
    attacks.put("login form", s -> s.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("username", "zhangqiu_mingshui_staff", "password", DEMO_PASSWORD)));
    attacks.forEach((name, attack) -> {
      // a fresh session each time: after a refused request the same session's next request was answered 401
      WebappSession victim = WebappSession.login(port, "zhangqiu_mingshui_staff", DEMO_PASSWORD, "tasklist");
      Http.Response response = attack.apply(victim);
      assertThat(response.status()).as("%s: %s", name, response).isEqualTo(403);
      assertThat(response.raw().headers().firstValue("X-XSRF-TOKEN")).as(name).hasValue("Required");
    });
    // nothing behind: the task is open, unclaimed, without the variable or a comment
    Task after = tasks.createTaskQuery().taskId(id).singleResult();
    assertThat(after).as("still open").isNotNull();
    assertThat(after.getAssignee()).as("still unclaimed").isNull();
    assertThat(runtime.getVariable(caseId, "forged")).isNull();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(caseId).variableName("forged").count())
        .isZero();
    assertThat(tasks.getTaskComments(id)).isEmpty();

    // the same request with the token works: the refusal was the missing token
    WebappSession staff = WebappSession.login(port, "zhangqiu_mingshui_staff", DEMO_PASSWORD, "tasklist");
    Http.Response claim = staff.postJson(WEBAPP_ENGINE + "/task/" + id + "/claim", "{\"userId\":\"zhangqiu_mingshui_staff\"}");
    assertThat(claim.status()).as(claim.toString()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(id).singleResult().getAssignee()).isEqualTo("zhangqiu_mingshui_staff");
  }
}
