package cn.shudi.security;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static cn.shudi.support.TestModels.JOINT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.shudi.support.Http;
import cn.shudi.support.TestModels;
import cn.shudi.support.WebappSession;

/**
 * The platform's access rules as staff, supervisors and analysts meet them, over real HTTP against the running
 * application. The attacks (anonymous requests, expressions, scripts, XXE, serialized variables, huge pages,
 * brute force, stored XSS, another unit's data, CSRF, deployments by staff) are in {@link AttackTest}, which
 * shares this test's application context.
 */
class SecurityHttpTest extends SecurityTestBase {

  List<String> taskKeys(Http.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> keys = new ArrayList<>();
    read(response).forEach(t -> keys.add(t.get("taskDefinitionKey").asText()));
    return keys;
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
  void analystsAndAdminsMayDeploy() {
    // staff, leads and supervisors may not: AttackTest#deploymentByStaff
    String bpmn = TestModels.xml(TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui"))
        .replace(JOINT_KEY, "test_deploy_rights");

    Http.Response analyst = deploy("zhangqiu_analyst", "analyst", bpmn);
    assertThat(analyst.status()).as(analyst.toString()).isEqualTo(200);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("test_deploy_rights")
        .tenantIdIn("zhangqiu").count()).isOne();
    Http.Response admin = deploy("admin", "admin", bpmn.replace("test_deploy_rights", "test_deploy_rights_admin"));
    assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
  }

  // --- expressions in queries (CVE-2026-109432) -------------------------------------------------

  @Test
  void theTasklistApiRunsTheUnitsFilter() {
    // expressions and requests without the CSRF token: AttackTest
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

  // --- passwords -------------------------------------------------------------------------------

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
