package cn.shudi.security;

import static cn.shudi.support.TestModels.JOINT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.support.Http;
import cn.shudi.support.TestModels;
import cn.shudi.support.WebappSession;

/** Each security rule of the platform, checked over real HTTP against the running application. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "shudi.security.max-results=5")
class SecurityHttpTest {

  static final String DEMO_PASSWORD = "Shudi@Demo2026";
  static final String ADMIN_PASSWORD = "Shudi@Kaifa2026";
  static final String START = "/engine-rest/process-definition/key/" + JOINT_KEY + "/tenant-id/zhangqiu/start";

  @LocalServerPort
  int port;
  @Autowired
  RepositoryService repository;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;

  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void deployJointInspectionOnce() {
    if (repository.createProcessDefinitionQuery().processDefinitionKey(JOINT_KEY).count() == 0) {
      repository.createDeployment().tenantId("zhangqiu").name("test")
          .addModelInstance("test_joint_inspection.bpmn", TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui"))
          .deploy();
    }
  }

  Http rest(String user) {
    return new Http(port).as(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
  }

  String startCase() {
    Http.Response started = rest("zhangqiu_mingshui_grid").postJson(START, "{}");
    assertThat(started.status()).as("a grid worker starts a case: %s", started).isEqualTo(200);
    return read(started).get("id").asText();
  }

  List<String> taskKeys(Http.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    read(response).forEach(t -> keys.add(t.get("taskDefinitionKey").asText()));
    return keys;
  }

  JsonNode read(Http.Response response) {
    try {
      return json.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  // --- login ---------------------------------------------------------------------------------

  @Test
  void anonymousRequestsToTheRestApiAreRefused() {
    Http anonymous = new Http(port);
    for (String path : List.of("/engine-rest/task", "/engine-rest/process-definition", "/engine-rest/user",
        "/engine-rest/deployment")) {
      Http.Response response = anonymous.get(path);
      assertThat(response.status()).as(path).isEqualTo(401);
      assertThat(response.raw().headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
          h -> assertThat(h).startsWith("Basic"));
    }
    assertThat(anonymous.postJson(START, "{}").status()).isEqualTo(401);
  }

  @Test
  void aWrongPasswordIsRefused() {
    // a user of its own: a wrong password locks the user for a few seconds (login throttling)
    assertThat(new Http(port).as("zhangqiu_huanghe_lead", "Wrong#Pass2026").get("/engine-rest/task").status())
        .isEqualTo(401);
  }

  // --- staff see and complete only their unit's tasks, in their tenant -------------------------

  @Test
  void staffSeeOnlyTheTasksOfTheirUnit() {
    String id = startCase();
    String query = "/engine-rest/task?processInstanceId=" + id;
    assertThat(taskKeys(rest("zhangqiu_market_staff").get(query))).containsExactly("test_department_inspect");
    assertThat(taskKeys(rest("zhangqiu_mingshui_staff").get(query))).containsExactly("test_township_inspect");
    assertThat(taskKeys(rest("zhangqiu_shuangshan_staff").get(query))).as("another township").isEmpty();
    assertThat(taskKeys(rest("yunxi_market_staff").get(query))).as("same kind of unit, other county").isEmpty();
  }

  @Test
  void staffCompleteTheirOwnTaskButNotAnotherUnits() {
    String id = startCase();
    Task departmentTask = tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("test_department_inspect")
        .singleResult();
    Task townshipTask = tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey("test_township_inspect")
        .singleResult();

    Http.Response foreign = rest("zhangqiu_market_staff")
        .postJson("/engine-rest/task/" + townshipTask.getId() + "/complete", "{}");
    assertThat(foreign.status()).as(foreign.toString()).isIn(403, 404);
    assertThat(tasks.createTaskQuery().taskId(townshipTask.getId()).count()).isOne();

    Http.Response own = rest("zhangqiu_market_staff")
        .postJson("/engine-rest/task/" + departmentTask.getId() + "/complete", "{}");
    assertThat(own.status()).as(own.toString()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(departmentTask.getId()).count()).isZero();
  }

  @Test
  void supervisorsReadEverythingOfTheirTenantOnlyAndCannotComplete() {
    String id = startCase();
    String query = "/engine-rest/task?processInstanceId=" + id;
    assertThat(taskKeys(rest("zhangqiu_supervisor").get(query)))
        .containsExactlyInAnyOrder("test_department_inspect", "test_township_inspect");
    assertThat(taskKeys(rest("yunxi_supervisor").get(query))).isEmpty();
    assertThat(rest("yunxi_supervisor").get("/engine-rest/process-instance/" + id).status()).isEqualTo(404);

    Task task = tasks.createTaskQuery().processInstanceId(id).list().get(0);
    assertThat(rest("zhangqiu_supervisor").postJson("/engine-rest/task/" + task.getId() + "/complete", "{}").status())
        .isEqualTo(403);
  }

  // --- deployment ------------------------------------------------------------------------------

  Http.Response deploy(String user, String name, String bpmn) {
    return rest(user).postMultipart("/engine-rest/deployment/create",
        Map.of("deployment-name", name, "tenant-id", "zhangqiu", "deploy-changed-only", "true"),
        name + ".bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void onlyAnalystsAndAdminsMayDeploy() {
    String bpmn = TestModels.xml(TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui"))
        .replace(JOINT_KEY, "test_deploy_rights");
    assertThat(deploy("zhangqiu_market_staff", "staff", bpmn).status()).isEqualTo(403);
    assertThat(deploy("zhangqiu_supervisor", "supervisor", bpmn).status()).isEqualTo(403);
    assertThat(deploy("zhangqiu_mingshui_lead", "lead", bpmn).status()).isEqualTo(403);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("test_deploy_rights").count()).isZero();

    Http.Response analyst = deploy("zhangqiu_analyst", "analyst", bpmn);
    assertThat(analyst.status()).as(analyst.toString()).isEqualTo(200);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("test_deploy_rights")
        .tenantIdIn("zhangqiu").count()).isOne();
    Http.Response admin = deploy("admin", "admin", bpmn.replace("test_deploy_rights", "test_deploy_rights_admin"));
    assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
  }

  @Test
  void deploymentsWithScriptsAreRefusedWithAClearMessage() {
    String clean = TestModels.xml(TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui"));
    String scriptTask = clean.replace(JOINT_KEY, "test_script_task").replaceFirst(
        "<userTask ([^>]*)id=\"test_department_inspect\"([^>]*)>",
        "<scriptTask id=\"test_department_inspect\" scriptFormat=\"groovy\"><script>'ls'.execute()</script>"
            + "<!--").replaceFirst("</userTask>", "--></scriptTask>");
    String listener = clean.replace(JOINT_KEY, "test_script_listener").replace("<startEvent id=\"test_start\" name=\"案件已受理\">",
        "<startEvent id=\"test_start\" name=\"案件已受理\"><extensionElements><camunda:executionListener event=\"start\">"
            + "<camunda:script scriptFormat=\"javascript\">java.lang.Runtime.getRuntime()</camunda:script>"
            + "</camunda:executionListener></extensionElements>");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + clean.substring(clean.indexOf("?>") + 2).replace(JOINT_KEY, "test_xxe").replace("测试联合检查", "&x;");

    for (Map.Entry<String, String> bad : Map.of("test_script_task", scriptTask, "test_script_listener", listener,
        "test_xxe", xxe).entrySet()) {
      assertThat(bad.getValue()).as("the test really carries its attack").isNotEqualTo(clean);
      Http.Response response = deploy("zhangqiu_analyst", bad.getKey(), bad.getValue());
      assertThat(response.status()).as(bad.getKey() + ": " + response).isEqualTo(400);
      assertThat(response.body()).as(bad.getKey()).contains("部署被拒绝");
      assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(bad.getKey()).count()).isZero();
    }
    assertThat(deploy("zhangqiu_analyst", "test_script_task", scriptTask).body()).contains("test_department_inspect")
        .contains("脚本任务");
  }

  // --- expressions in queries (CVE-2026-109432) -------------------------------------------------

  @Test
  void expressionsInTaskQueriesAreRejectedBeforeTheEngine() {
    Http staff = rest("zhangqiu_market_staff");
    List<Http.Response> attacks = List.of(
        staff.get("/engine-rest/task?assigneeExpression=%24%7BcurrentUser()%7D"),
        staff.get("/engine-rest/task?assignee=%24%7B1%2B1%7D"),
        staff.postJson("/engine-rest/task", "{\"dueAfterExpression\":\"${now()}\"}"),
        staff.postJson("/engine-rest/task", "{\"orQueries\":[{\"dueAfterExpression\":"
            + "\"${''.getClass().forName('java.lang.Runtime').getRuntime().exec('touch /tmp/pwned')}\"}]}"),
        staff.postJson("/engine-rest/task/count", "{\"orQueries\":[{\"candidateGroupExpression\":\"${x}\"}]}"),
        staff.postJson("/engine-rest/task", "{\"orQueries\":[{\"assignee\":\"#{x}\"}]}"),
        staff.postJson("/engine-rest/history/task", "{\"taskAssigneeExpression\":\"${x}\"}"));
    for (Http.Response attack : attacks) {
      assertThat(attack.status()).as(attack.toString()).isEqualTo(400);
      assertThat(attack.body()).contains("表达式");
    }
    // plain or-queries stay allowed: Tasklist's searches use them
    assertThat(staff.postJson("/engine-rest/task", "{\"orQueries\":[{\"name\":\"部门排查隐患\"},{\"nameLike\":\"%隐患%\"}]}")
        .status()).isEqualTo(200);
  }

  @Test
  void expressionsInFiltersAreRejected() {
    Http admin = rest("admin");
    Http.Response create = admin.postJson("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"x\",\"query\":{\"orQueries\":[{\"assigneeExpression\":\"${currentUser()}\"}]}}");
    assertThat(create.status()).as(create.toString()).isEqualTo(400);
    String filterId = read(rest("zhangqiu_market_staff").get("/engine-rest/filter?resourceType=Task")).get(0).get("id")
        .asText();
    Http.Response list = rest("zhangqiu_market_staff").postJson("/engine-rest/filter/" + filterId + "/list",
        "{\"orQueries\":[{\"followUpBeforeExpression\":\"${x}\"}]}");
    assertThat(list.status()).isEqualTo(400);
  }

  @Test
  void theTasklistApiRunsItsFiltersAndRejectsExpressions() {
    String id = startCase();
    WebappSession tasklist = WebappSession.login(port, "zhangqiu_market_staff", DEMO_PASSWORD, "tasklist");
    String api = "/camunda/api/engine/engine/default";
    Http.Response filters = tasklist.get(api + "/filter?resourceType=Task&itemCount=true");
    assertThat(filters.status()).as(filters.toString()).isEqualTo(200);
    JsonNode filter = null;
    for (JsonNode candidate : read(filters)) {
      if (candidate.get("name").asText().equals("本单位待办")) {
        filter = candidate;
      }
    }
    assertThat(filter).as("the unit's inbox filter").isNotNull();

    String listPath = api + "/filter/" + filter.get("id").asText() + "/list?firstResult=0&maxResults=5";
    Http.Response page = tasklist.postJson(listPath, "{\"processVariables\":[],\"taskVariables\":[],"
        + "\"caseInstanceVariables\":[],\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true,"
        + "\"processInstanceId\":\"" + id + "\"}");
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    assertThat(page.body()).contains("test_department_inspect").doesNotContain("test_township_inspect");

    assertThat(tasklist.postJson(listPath, "{\"orQueries\":[{\"dueAfterExpression\":\"${x}\"}]}").status())
        .isEqualTo(400);
    assertThat(tasklist.postJson(api + "/task", "{\"orQueries\":[{\"dueAfterExpression\":\"${x}\"}]}").status())
        .isEqualTo(400);
    assertThat(tasklist.postJsonWithoutCsrf(listPath, "{}").status()).as("no CSRF token").isEqualTo(403);
  }

  @Test
  void webappsOpenOnlyToTheRolesThatUseThem() {
    WebappSession.login(port, "zhangqiu_supervisor", DEMO_PASSWORD, "cockpit");
    Http staff = new Http(port);
    staff.get("/camunda/app/cockpit/default/");
    Http.Response refused = staff.send(staff.request("/camunda/api/admin/auth/user/default/login/cockpit")
        .header("X-XSRF-TOKEN", staff.csrfToken()).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "username=zhangqiu_market_staff&password=Shudi%40Demo2026")));
    assertThat(refused.status()).as(refused.toString()).isNotEqualTo(200);
  }

  // --- result size, serialization, passwords ---------------------------------------------------

  @Test
  void resultSizesAreCapped() {
    for (int i = 0; i < 3; i++) {
      startCase();
    }
    Http supervisor = rest("zhangqiu_supervisor");
    assertThat(supervisor.get("/engine-rest/task?maxResults=6").status()).isEqualTo(400);
    assertThat(supervisor.get("/engine-rest/task/count").body()).matches(".*\"count\":([6-9]|\\d\\d+).*");
    assertThat(read(supervisor.get("/engine-rest/task")).size()).as("an unbounded list gets the cap").isEqualTo(5);
    assertThat(read(supervisor.get("/engine-rest/task?maxResults=2")).size()).isEqualTo(2);
  }

  @Test
  void javaSerializedVariablesAreRefused() {
    String id = startCase();
    // "rO0ABXQAA2FiYw==" is a serialized java.lang.String
    Http.Response response = rest("admin").putJson("/engine-rest/process-instance/" + id + "/variables/payload",
        "{\"value\":\"rO0ABXQAA2FiYw==\",\"type\":\"Object\",\"valueInfo\":{\"objectTypeName\":\"java.lang.String\","
            + "\"serializationDataFormat\":\"application/x-java-serialized-object\"}}");
    assertThat(response.status()).as(response.toString()).isGreaterThanOrEqualTo(400);
    assertThat(runtime.getVariable(id, "payload")).isNull();
  }

  @Test
  void thePasswordPolicyIsEnforced() {
    Http admin = rest("admin");
    Http.Response weak = admin.postJson("/engine-rest/user/create",
        "{\"profile\":{\"id\":\"weakling\",\"firstName\":\"弱\",\"lastName\":\"口令\"},\"credentials\":{\"password\":\"123456\"}}");
    // the engine answers a policy violation with a server error; what matters is the refusal
    assertThat(weak.status()).as(weak.toString()).isGreaterThanOrEqualTo(400);
    assertThat(weak.body()).contains("Password does not match policy");
    assertThat(admin.get("/engine-rest/user/weakling/profile").status()).isEqualTo(404);
    assertThat(admin.get("/engine-rest/identity/password-policy").body()).contains("LENGTH");
    Http.Response strong = admin.postJson("/engine-rest/user/create",
        "{\"profile\":{\"id\":\"strongone\",\"firstName\":\"强\",\"lastName\":\"口令\"},\"credentials\":{\"password\":\"Qiang#Kou2026\"}}");
    assertThat(strong.status()).as(strong.toString()).isEqualTo(204);
  }
}
