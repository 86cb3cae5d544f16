package cn.shudi.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.StaffUsers;

/**
 * The grid workers' endpoints over real HTTP (docs/grid-mobile.md): {@code me} shows the worker's own grid, {@code
 * me/requests} lists the caller's own requests only, newest first, paged; anonymous callers get 401; and the page's
 * static files come with their security headers and nothing else is served under {@code /grid/}.
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridWorkerHttpTest {

  static final String BASE = "/api/intake/zhangqiu";
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  Http mingshui;
  Http bucun;
  Http dispatcher;
  Http yunxi;

  @BeforeAll
  void logins() {
    mingshui = new Http(port).as("zhangqiu_mingshui_grid", StaffUsers.DEMO_PASSWORD);
    bucun = new Http(port).as("zhangqiu_bucun_grid", StaffUsers.DEMO_PASSWORD);
    dispatcher = new Http(port).as("zhangqiu_dispatcher", StaffUsers.DEMO_PASSWORD);
    yunxi = new Http(port).as("yunxi_supervisor", StaffUsers.DEMO_PASSWORD);
  }

  static JsonNode json(Http.Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  static String report(String externalId, String text, String grid) {
    try {
      return JSON.writeValueAsString(Map.of("kind", "livelihood", "source", "grid", "externalId", externalId, "text",
          text, "grid", grid));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void meShowsTheWorkersOwnGridAndTownship() {
    Http.Response me = mingshui.get(BASE + "/me");
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    JsonNode body = json(me);
    assertThat(body.path("user").asText()).isEqualTo("zhangqiu_mingshui_grid");
    assertThat(body.path("county").asText()).isEqualTo("zhangqiu");
    assertThat(body.path("grid").path("code").asText()).isEqualTo("mingshui-01");
    assertThat(body.path("grid").path("township").asText()).isEqualTo("mingshui");
    assertThat(body.path("grid").path("townshipName").asText()).isEqualTo("明水街道");
    assertThat(body.path("grid").path("name").asText()).contains("网格");

    JsonNode noGrid = json(dispatcher.get(BASE + "/me"));
    assertThat(noGrid.path("user").asText()).isEqualTo("zhangqiu_dispatcher");
    assertThat(noGrid.has("grid")).as("a dispatcher has no grid").isFalse();

    assertThat(yunxi.get(BASE + "/me").status()).as("another county's user").isEqualTo(403);
    assertThat(mingshui.get("/api/intake/nowhere/me").status()).isEqualTo(404);
  }

  @Test
  void anonymousCallersAndWrongPasswordsGet401() {
    Http anonymous = new Http(port);
    assertThat(anonymous.get(BASE + "/me").status()).isEqualTo(401);
    assertThat(anonymous.get(BASE + "/me/requests").status()).isEqualTo(401);
    // not a demo user's name: a wrong password counts towards that user's login lock, which other tests would hit
    Http wrong = new Http(port).as("zhangqiu_no_such_grid_worker", "wrong-password");
    assertThat(wrong.get(BASE + "/me/requests").status()).isEqualTo(401);
  }

  @Test
  void theListShowsOnlyTheCallersOwnRequestsNewestFirstPaged() throws InterruptedException {
    String tag = Long.toString(System.nanoTime(), 36);
    for (int i = 1; i <= 3; i++) {
      if (i > 1) {
        Thread.sleep(1100); // the time received is kept to the second
      }
      Http.Response posted = mingshui.postJson(BASE + "/requests",
          report("GRID-MINE-" + tag + "-" + i, "小区门口路灯不亮第" + i + "处，晚上行人摔倒", "mingshui-01"));
      assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    }
    Http.Response theirs = bucun.postJson(BASE + "/requests",
        report("GRID-THEIRS-" + tag, "村头排水沟堵塞，雨后积水", "bucun-01"));
    assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
    String theirId = json(theirs).path("id").asText();

    JsonNode list = json(mingshui.get(BASE + "/me/requests?size=50"));
    assertThat(list.path("requests").findValuesAsText("id")).doesNotContain(theirId);
    assertThat(list.path("requests").findValuesAsText("externalId")).startsWith("GRID-MINE-" + tag + "-3",
        "GRID-MINE-" + tag + "-2");
    assertThat(list.path("requests").findValuesAsText("externalId").stream()
        .filter(e -> e.startsWith("GRID-MINE-" + tag))).containsExactly("GRID-MINE-" + tag + "-3",
            "GRID-MINE-" + tag + "-2", "GRID-MINE-" + tag + "-1");
    JsonNode newest = list.path("requests").get(0);
    assertThat(newest.path("state").asText()).isEqualTo("received");
    assertThat(newest.path("stateLabel").asText()).isEqualTo("待研判");
    assertThat(newest.path("kindLabel").asText()).isEqualTo("民生诉求");
    assertThat(newest.path("grid").asText()).isEqualTo("mingshui-01");
    assertThat(newest.has("contact")).isFalse();

    JsonNode second = json(mingshui.get(BASE + "/me/requests?page=1&size=1"));
    assertThat(second.path("requests").findValuesAsText("externalId")).containsExactly("GRID-MINE-" + tag + "-2");

    JsonNode one = json(mingshui.get(BASE + "/me/requests?externalId=GRID-MINE-" + tag + "-1"));
    assertThat(one.path("requests").findValuesAsText("externalId")).containsExactly("GRID-MINE-" + tag + "-1");
    assertThat(json(mingshui.get(BASE + "/me/requests?externalId=GRID-THEIRS-" + tag)).path("requests").size())
        .as("another worker's request is not found by its id either").isZero();
    assertThat(json(bucun.get(BASE + "/me/requests?size=50")).path("requests").findValuesAsText("id"))
        .contains(theirId).hasSize(json(bucun.get(BASE + "/me/requests?size=50")).path("requests").size());

    assertThat(mingshui.get(BASE + "/me/requests?size=500").status()).isEqualTo(400);
    assertThat(mingshui.get(BASE + "/me/requests?page=-1").status()).isEqualTo(400);
  }

  @Test
  void aResentReportIsRefusedAsAReplayAndStoredOnce() {
    String id = "GRID-REPLAY-" + Long.toString(System.nanoTime(), 36);
    assertThat(mingshui.postJson(BASE + "/requests", report(id, "桥下堆放建筑垃圾", "mingshui-01")).status())
        .isEqualTo(201);
    Http.Response again = mingshui.postJson(BASE + "/requests", report(id, "桥下堆放建筑垃圾", "mingshui-01"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.body()).contains("已经受理过");
    assertThat(json(mingshui.get(BASE + "/me/requests?externalId=" + id)).path("requests").size()).isEqualTo(1);
  }

  @Test
  void thePageIsServedWithItsSecurityHeadersAndNothingElseUnderGrid() {
    Http anonymous = new Http(port);
    Http.Response page = anonymous.get("/grid/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("网格员上报").doesNotContain("<script>").doesNotContain("Shudi@");
    String csp = page.raw().headers().firstValue("Content-Security-Policy").orElse("");
    assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
    assertThat(page.raw().headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    for (String file : new String[] {"/grid/app.js", "/grid/sw.js", "/grid/app.css", "/grid/manifest.json",
        "/grid/icon-192.png", "/grid/icon-512.png"}) {
      assertThat(anonymous.get(file).status()).as(file).isEqualTo(200);
    }
    assertThat(anonymous.get("/grid/app.js").body()).doesNotContain("Shudi@").doesNotContain("localStorage.setItem");
    Http.Response bare = anonymous.get("/grid");
    assertThat(bare.status()).isIn(301, 302, 303, 307, 308);
    assertThat(bare.raw().headers().firstValue("Location").orElse("")).endsWith("/grid/");
    assertThat(anonymous.get("/grid/manifest.json").body()).contains("\"display\": \"standalone\"",
        "\"start_url\": \"/grid/\"", "网格员上报");
    assertThat(anonymous.get("/grid/application.yaml").status()).isEqualTo(404);
    assertThat(anonymous.get("/grid/../application.yaml").status()).isIn(400, 404);
    assertThat(anonymous.get("/grid/%2e%2e/application.yaml").status()).isIn(400, 404);
    assertThat(anonymous.get("/application.yaml").status()).isEqualTo(404);
  }
}
