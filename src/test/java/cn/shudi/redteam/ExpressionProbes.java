package cn.shudi.redteam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;
import org.camunda.bpm.impl.juel.SimpleResolver;
import org.junit.jupiter.api.Test;

import cn.shudi.security.AttackCanary;
import cn.shudi.support.Http;
import cn.shudi.support.WebappSession;

/**
 * Expression injection (issue 12, finding 1, the CVE-2026-109432 class): a query or a stored filter carrying an
 * expression, sent the way the guard once waved through (a Content-Type it could not parse) and in every other
 * disguise of type, charset, encoding and spelling. Each is refused, and the command it carries never runs:
 * not at the gate, and not in the engine, which evaluates no expression in a query whatever reaches it.
 */
interface ExpressionProbes extends RedTeamTarget {

  AttackCanary canary();

  /** The payload is real: bare JUEL, as the engine had it, runs the command. */
  @Test
  default void thePayloadRunsACommandInBareJuel() throws Exception {
    Path marker = RedTeamTarget.marker();
    SimpleContext context = new SimpleContext(new SimpleResolver());
    new ExpressionFactoryImpl().createValueExpression(context, RedTeamTarget.command(marker), Object.class)
        .getValue(context);
    RedTeamTarget.assertRan(marker, "payload");
  }

  @Test
  default void queriesWithExpressionsAreRefusedInEveryDisguise() {
    Path marker = RedTeamTarget.marker();
    canary().reset();
    String body = "{\"orQueries\":[{\"dueAfterExpression\":" + RedTeamTarget.quoted(RedTeamTarget.command(marker))
        + ",\"assigneeExpression\":\"${attackCanary.fire('query')}\"}]}";
    Http staff = rest("zhangqiu_mingshui_staff");
    WebappSession tasklist = webapp("zhangqiu_mingshui_staff", "tasklist");
    String filterId = RedTeamTarget.read(staff.get("/engine-rest/filter?resourceType=Task")).get(0).get("id").asText();
    Map<String, Integer> types = new LinkedHashMap<>();
    types.put("application/json; charset=foo", 415); // the reproduction
    types.put("application/json;charset=utf-16", 415);
    types.put("application/json; x=y", 415);
    types.put("application/json; charset=utf-8; charset=foo", 415);
    types.put("application/json;", 400);
    types.put("APPLICATION/JSON", 400);
    types.put("text/plain", 415);
    types.put("text/json", 415);
    types.put("application/x-json", 415);
    types.put("application/vnd.camunda+json", 415);
    types.put("application/x-www-form-urlencoded", 415);
    types.put("multipart/form-data; boundary=x", 415);
    types.put("", 415);
    List<String> paths = List.of("/engine-rest/task", "/engine-rest/task/count", "/engine-rest/history/task",
        "/engine-rest/filter/" + filterId + "/list", "/engine-rest/filter/" + filterId + "/count");
    types.forEach((type, status) -> {
      for (String path : paths) {
        HttpRequest.Builder request = staff.request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!type.isEmpty()) {
          request.header("Content-Type", type);
        }
        Http.Response response = staff.send(request);
        assertThat(response.status()).as("%s as «%s»: %s", path, type, response).isEqualTo(status);
      }
      Http.Response webapp = tasklist.send(tasklist.request(WEBAPP_ENGINE + "/task").header("Content-Type",
          type.isEmpty() ? "application/octet-stream" : type).POST(HttpRequest.BodyPublishers.ofString(body)));
      assertThat(webapp.status()).as("Tasklist API as «%s»: %s", type, webapp).isIn(400, 415);
    });

    // the body in other encodings and spellings: what Jackson reads as the expression field is refused
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    bodies.put("UTF-16", body.getBytes(StandardCharsets.UTF_16BE));
    bodies.put("UTF-32", body.getBytes(java.nio.charset.Charset.forName("UTF-32BE")));
    bodies.put("UTF-8 with BOM", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, RedTeamTarget.utf8(body)));
    bodies.put("escaped name", RedTeamTarget.utf8(body.replace("dueAfterExpression", "dueAfter\\u0045xpression")));
    bodies.put("name in capitals", RedTeamTarget.utf8(body.replace("dueAfterExpression", "DUEAFTEREXPRESSION")));
    bodies.put("duplicate keys", RedTeamTarget.utf8("{\"orQueries\":[],\"orQueries\":" + body.substring(13)));
    bodies.put("trailing data", RedTeamTarget.utf8("{}" + body));
    bodies.put("comment", RedTeamTarget.utf8("/* c */" + body));
    bodies.forEach((name, bytes) -> {
      Http.Response response = staff.send(staff.request("/engine-rest/task").header("Content-Type",
          "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
      assertThat(response.status()).as("%s: %s", name, response).isEqualTo(400);
    });
    Http.Response gzip = staff.send(staff.request("/engine-rest/task").header("Content-Type", "application/json")
        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(gzip.status()).as(gzip.toString()).isEqualTo(415);

    // the query string: the name percent-encoded, the value with ${…} and #{…}
    for (String query : List.of("dueAfter%45xpression=" + url(RedTeamTarget.command(marker)),
        "assigneeExpression=" + url("${attackCanary.fire('get')}"), "assignee=" + url("#{attackCanary.fire('hash')}"))) {
      Http.Response response = staff.get("/engine-rest/task?" + query);
      assertThat(response.status()).as(query).isEqualTo(400);
      assertThat(RedTeamTarget.read(response).get("message").asText()).contains("表达式");
    }
    assertNothingRan(marker);
    assertThat(canary().fired()).as("expressions evaluated").isEmpty();
  }

  @Test
  default void theEngineEvaluatesNoExpressionInAQueryEvenPastTheGate() {
    Path marker = RedTeamTarget.marker();
    canary().reset();
    List<TaskQuery> queries = List.of(
        engine().getTaskService().createTaskQuery().or().dueAfterExpression(RedTeamTarget.command(marker)).endOr(),
        engine().getTaskService().createTaskQuery().or().taskAssigneeExpression("${attackCanary.fire('or')}").endOr());
    for (TaskQuery query : queries) {
      assertThatThrownBy(query::list).rootCause().hasMessageContaining("表达式只在流程执行中求值");
    }
    // a filter stored around the gate (as one stored before it existed would be) never runs its expression
    Filter filter = engine().getFilterService().newTaskFilter("攻击者的过滤器-" + UUID.randomUUID())
        .setQuery(engine().getTaskService().createTaskQuery().or().dueAfterExpression(RedTeamTarget.command(marker))
            .endOr());
    engine().getFilterService().saveFilter(filter);
    try {
      for (String path : List.of("/list", "/count", "/list?firstResult=0&maxResults=5")) {
        Http.Response response = rest("admin").get("/engine-rest/filter/" + filter.getId() + path);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
        assertThat(response.body()).as(path).contains("表达式只在流程执行中求值");
      }
      Http.Response post = rest("admin").postJson("/engine-rest/filter/" + filter.getId() + "/list", "{}");
      assertThat(post.status()).as(post.toString()).isEqualTo(400);
    } finally {
      engine().getFilterService().deleteFilter(filter.getId());
    }
    assertNothingRan(marker);
    assertThat(canary().fired()).isEmpty();
  }

  @Test
  default void filtersWithExpressionsAreNeitherCreatedNorUpdated() {
    Path marker = RedTeamTarget.marker();
    String name = "攻击者的过滤器-" + UUID.randomUUID();
    Http admin = rest("admin");
    Map<String, String> queries = Map.of("top level", "{\"dueAfterExpression\":" + RedTeamTarget.quoted(
        RedTeamTarget.command(marker)) + "}", "or-query", "{\"orQueries\":[{\"assigneeExpression\":\"${x}\"}]}",
        "value", "{\"assignee\":\"${attackCanary.fire('stored')}\"}");
    queries.forEach((what, query) -> {
      Http.Response created = admin.postJson("/engine-rest/filter/create",
          "{\"resourceType\":\"Task\",\"name\":\"" + name + "\",\"query\":" + query + "}");
      assertThat(created.status()).as("%s: %s", what, created).isEqualTo(400);
    });
    assertThat(engine().getFilterService().createFilterQuery().filterName(name).count()).isZero();

    Http.Response clean = admin.postJson("/engine-rest/filter/create",
        "{\"resourceType\":\"Task\",\"name\":\"" + name + "\",\"query\":{\"assignee\":\"nobody\"}}");
    assertThat(clean.status()).as(clean.toString()).isEqualTo(200);
    String id = RedTeamTarget.read(clean).get("id").asText();
    try {
      queries.forEach((what, query) -> {
        Http.Response updated = admin.putJson("/engine-rest/filter/" + id,
            "{\"resourceType\":\"Task\",\"name\":\"" + name + "\",\"query\":" + query + "}");
        assertThat(updated.status()).as("update with %s: %s", what, updated).isEqualTo(400);
      });
      assertThat(RedTeamTarget.read(admin.get("/engine-rest/filter/" + id)).get("query").toString())
          .doesNotContain("${");
    } finally {
      engine().getFilterService().deleteFilter(id);
    }
    assertNothingRan(marker);
  }

  private static String url(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
