package cn.shudi.redteam;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

import cn.shudi.support.Http;
import cn.shudi.support.RawClient;
import cn.shudi.support.WebappSession;

/**
 * Leaks across boundaries and lock-out on demand (issue 12, findings 6 and 7): identity operations of one county
 * read from the other, county-wide figures read by staff, cases opened for another township, identity writes
 * by staff answered with something else than 403, and ten wrong logins that once locked the administrator for
 * good. Each is refused, and the refused request changed nothing.
 */
interface BoundaryProbes extends RedTeamTarget {

  String MARKET_STAFF = "zhangqiu_market_staff";

  @Test
  default void identityOperationsAreForAdministratorsOnly() {
    String clerk = "rt_clerk_" + UUID.randomUUID().toString().substring(0, 8);
    Http admin = rest("admin");
    assertThat(admin.postJson("/engine-rest/user/create", "{\"profile\":{\"id\":\"" + clerk + "\",\"firstName\":\"临时\","
        + "\"lastName\":\"职员\"},\"credentials\":{\"password\":\"Linshi#Kou2026\"}}").status()).isEqualTo(204);
    try {
      assertThat(admin.putJson("/engine-rest/group/zhangqiu_market/members/" + clerk, "{}").status()).isEqualTo(204);
      String query = "/engine-rest/history/user-operation?category=Admin&entityType=User";
      assertThat(admin.get(query).body()).as("the administrator reads identity operations").contains(clerk);
      for (String user : List.of("yunxi_supervisor", "zhangqiu_supervisor", "zhangqiu_dispatcher", ANALYST,
          MARKET_STAFF)) {
        for (String path : List.of(query, "/engine-rest/history/user-operation",
            "/engine-rest/history/user-operation/count", "/engine-rest/history/user-operation?entityType=User")) {
          Http.Response response = rest(user).get(path);
          assertThat(response.status()).as("%s %s: %s", user, path, response).isEqualTo(403);
          assertThat(response.body()).doesNotContain(clerk);
        }
      }
      WebappSession cockpit = webapp("yunxi_supervisor", "cockpit");
      assertThat(cockpit.get(WEBAPP_ENGINE + "/history/user-operation?category=Admin").status()).isEqualTo(403);
      // a case's own log stays readable where the case is
      String caseId = newCase();
      Http.Response own = rest("zhangqiu_supervisor").get("/engine-rest/history/user-operation?processInstanceId="
          + caseId);
      assertThat(own.status()).as(own.toString()).isEqualTo(200);
      Http.Response foreign = rest("yunxi_supervisor").get("/engine-rest/history/user-operation?processInstanceId="
          + caseId);
      assertThat(foreign.status()).isEqualTo(200);
      assertThat(RedTeamTarget.read(foreign)).as("another county's case log").isEmpty();
    } finally {
      engine().getIdentityService().deleteUser(clerk);
    }
  }

  @Test
  default void figuresAreScopedLikeTaskLists() {
    String definitionId = engine().getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("zq054")
        .tenantIdIn("zhangqiu").latestVersion().singleResult().getId();
    Map<String, Supplier<Http.Response>> refused = new LinkedHashMap<>();
    for (String user : List.of(MARKET_STAFF, "zhangqiu_mingshui_grid")) {
      refused.put(user + " statistics", () -> rest(user).get(
          "/engine-rest/process-definition/statistics?failedJobs=true&incidents=true"));
      refused.put(user + " metrics", () -> rest(user).get("/engine-rest/metrics/process-instances/sum"));
    }
    refused.put("supervisor metrics", () -> rest("zhangqiu_supervisor").get("/engine-rest/metrics/task-users/sum"));
    refused.put("yunxi supervisor, zhangqiu's history statistics", () -> rest("yunxi_supervisor").get(
        "/engine-rest/history/process-definition/" + definitionId + "/statistics"));
    refused.put("yunxi supervisor, zhangqiu's activity statistics", () -> rest("yunxi_supervisor").get(
        "/engine-rest/process-definition/" + definitionId + "/statistics"));
    WebappSession staffTasklist = webapp(MARKET_STAFF, "tasklist");
    refused.put("staff, Cockpit's statistics", () -> staffTasklist.get(
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count"));
    refused.put("staff, Cockpit's dashboard", () -> staffTasklist.get(
        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics"));
    refused.put("staff, engine statistics in Tasklist", () -> staffTasklist.get(
        WEBAPP_ENGINE + "/process-definition/statistics"));
    WebappSession supervisorCockpit = webapp("zhangqiu_supervisor", "cockpit");
    refused.put("supervisor, Admin's metrics", () -> supervisorCockpit.get(
        "/camunda/api/admin/plugin/adminPlugins/default/metrics/aggregated?subscriptionStartDate=2026-01-01"));
    refused.forEach((what, request) -> {
      Http.Response response = request.get();
      assertThat(response.status()).as("%s: %s", what, response).isEqualTo(403);
    });
    // those who may, still can
    Http.Response statistics = rest("zhangqiu_supervisor").get("/engine-rest/process-definition/statistics");
    assertThat(statistics.status()).isEqualTo(200);
    RedTeamTarget.read(statistics).forEach(row -> assertThat(row.path("definition").path("tenantId").asText())
        .as("a supervisor's statistics").isEqualTo("zhangqiu"));
    assertThat(supervisorCockpit.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics-count")
        .status()).isEqualTo(200);
    assertThat(rest("zhangqiu_supervisor").get("/engine-rest/history/process-definition/" + definitionId
        + "/statistics").status()).isEqualTo(200);
    assertThat(rest("admin").get("/engine-rest/metrics/process-instances/sum").status()).isEqualTo(200);
  }

  @Test
  default void townshipsOpenCasesOnlyForThemselves() {
    String start = "/engine-rest/process-definition/key/zq054/tenant-id/zhangqiu/start";
    java.util.function.Function<String, String> body = township -> "{\"variables\":{\"township\":{\"value\":\""
        + township + "\"},\"caseSubject\":{\"value\":\"红队测试食品店\"},\"caseDescription\":{\"value\":\"日常检查\"}}}";
    long before = engine().getRuntimeService().createProcessInstanceQuery().processDefinitionKey("zq054").count();
    for (String user : List.of("zhangqiu_shuangshan_staff", "zhangqiu_shuangshan_grid", "zhangqiu_shuangshan_lead")) {
      Http.Response response = rest(user).postJson(start, body.apply("mingshui"));
      assertThat(response.status()).as("%s for 明水: %s", user, response).isEqualTo(400);
      assertThat(RedTeamTarget.read(response).get("message").asText()).contains("只能为本镇街发起案件");
    }
    assertThat(engine().getRuntimeService().createProcessInstanceQuery().processDefinitionKey("zq054").count())
        .as("no case opened for another township").isEqualTo(before);
    for (List<String> allowed : List.of(List.of("zhangqiu_shuangshan_staff", "shuangshan"),
        List.of(MARKET_STAFF, "mingshui"), List.of("zhangqiu_dispatcher", "mingshui"))) {
      Http.Response response = rest(allowed.get(0)).postJson(start, body.apply(allowed.get(1)));
      assertThat(response.status()).as("%s for %s: %s", allowed.get(0), allowed.get(1), response).isEqualTo(200);
      engine().getRuntimeService().deleteProcessInstance(RedTeamTarget.read(response).get("id").asText(), "red team");
    }
  }

  @Test
  default void identityWritesByStaffAreForbiddenFirst() {
    String intruder = "rt_intruder_" + UUID.randomUUID().toString().substring(0, 8);
    String authorizationId = engine().getAuthorizationService().createAuthorizationQuery()
        .resourceType(Resources.TENANT).listPage(0, 1).stream().findFirst().map(a -> a.getId()).orElse("none");
    Http staff = rest(MARKET_STAFF);
    Map<String, Supplier<Http.Response>> writes = new LinkedHashMap<>();
    writes.put("user, weak password", () -> staff.postJson("/engine-rest/user/create", "{\"profile\":{\"id\":\""
        + intruder + "\"},\"credentials\":{\"password\":\"1\"}}"));
    writes.put("user, strong password", () -> staff.postJson("/engine-rest/user/create", "{\"profile\":{\"id\":\""
        + intruder + "\"},\"credentials\":{\"password\":\"Qiangkou#Ling2026\"}}"));
    writes.put("group, odd id", () -> staff.postJson("/engine-rest/group/create", "{\"id\":\"x y\",\"name\":\"x\"}"));
    writes.put("admin's profile", () -> staff.putJson("/engine-rest/user/admin/profile", "{\"id\":\"admin\","
        + "\"firstName\":\"x\"}"));
    writes.put("admin's password", () -> staff.putJson("/engine-rest/user/admin/credentials",
        "{\"password\":\"Xinkou#Ling2026\",\"authenticatedUserPassword\":\"" + DEMO_PASSWORD + "\"}"));
    writes.put("admin group membership", () -> staff.putJson("/engine-rest/group/camunda-admin/members/"
        + MARKET_STAFF, "{}"));
    writes.put("other county membership", () -> staff.putJson("/engine-rest/tenant/yunxi/user-members/"
        + MARKET_STAFF, "{}"));
    writes.put("grant", () -> staff.postJson("/engine-rest/authorization/create", "{\"type\":1,\"permissions\":"
        + "[\"ALL\"],\"userId\":\"" + MARKET_STAFF + "\",\"resourceType\":0,\"resourceId\":\"*\"}"));
    writes.put("remove a grant", () -> staff.send(staff.request("/engine-rest/authorization/" + authorizationId)
        .DELETE()));
    WebappSession tasklist = webapp(MARKET_STAFF, "tasklist");
    writes.put("Tasklist, admin group membership", () -> tasklist.send(tasklist.request(WEBAPP_ENGINE
        + "/group/camunda-admin/members/" + MARKET_STAFF).PUT(java.net.http.HttpRequest.BodyPublishers.noBody())));
    writes.forEach((what, request) -> {
      Http.Response response = request.get();
      assertThat(response.status()).as("%s: %s", what, response).isEqualTo(403);
    });
    // nothing changed
    assertThat(engine().getIdentityService().createUserQuery().userId(intruder).count()).isZero();
    assertThat(engine().getIdentityService().createGroupQuery().groupMember(MARKET_STAFF).list())
        .extracting(g -> g.getId()).containsExactly("zhangqiu_market");
    assertThat(engine().getIdentityService().createTenantQuery().userMember(MARKET_STAFF).includingGroupsOfUser(true)
        .list()).extracting(t -> t.getId()).containsExactly("zhangqiu");
    assertThat(engine().getAuthorizationService().createAuthorizationQuery().userIdIn(MARKET_STAFF)
        .resourceType(Resources.APPLICATION).count()).isZero();
    User adminUser = engine().getIdentityService().createUserQuery().userId("admin").singleResult();
    assertThat(adminUser.getFirstName()).isEqualTo("系统");
    assertThat(engine().getIdentityService().checkPassword("admin", ADMIN_PASSWORD)).isTrue();
    // staff still keep their own profile
    Http.Response own = staff.putJson("/engine-rest/user/" + MARKET_STAFF + "/profile", "{\"id\":\"" + MARKET_STAFF
        + "\",\"firstName\":\"区市场监管局\",\"lastName\":\"办事员\"}");
    assertThat(own.status()).as(own.toString()).isEqualTo(204);
  }

  @Test
  default void tenWrongLoginsDoNotKeepTheAdministratorOut() {
    RawClient attacker = new RawClient("127.0.0.41", port());
    RawClient administrator = new RawClient("127.0.0.42", port());
    String probe = "/engine-rest/user?maxResults=1";
    try {
      long offset = 0;
      for (int i = 0; i < 12; i++) {
        assertThat(attacker.rest(probe, "admin", "Cuowu#Kou" + i).status()).isEqualTo(401);
        offset += 61_000; // past the longest delay, so each wrong password counts
        ClockUtil.offset(offset);
      }
      assertThat(attacker.rest(probe, "admin", ADMIN_PASSWORD).status()).as("locked at the attacker's address")
          .isEqualTo(401);
      assertThat(administrator.rest(probe, "admin", ADMIN_PASSWORD).status()).as("the administrator, elsewhere")
          .isEqualTo(200);
      assertThat(administrator.webappLogin("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
      ClockUtil.offset(offset + 16 * 60_000);
      assertThat(attacker.rest(probe, "admin", ADMIN_PASSWORD).status()).as("the lock ends by itself").isEqualTo(200);
    } finally {
      ClockUtil.reset();
      rest("admin").send(rest("admin").request("/api/security/login-locks?address=127.0.0.41").DELETE());
    }
  }
}
