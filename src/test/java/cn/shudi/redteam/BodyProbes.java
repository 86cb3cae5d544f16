package cn.shudi.redteam;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.shudi.support.RawClient;

/**
 * Memory before login (issue 12, finding 5): a client announces a body of 50 MB and sends 16 KB of it. An
 * anonymous caller is answered 401 at once on every API, a logged-in one 413, so the server neither waited for
 * nor held the rest; chunked bodies without a length are cut at the cap. Deployments have their caps too
 * ({@link ModelProbes}).
 */
interface BodyProbes extends RedTeamTarget {

  long FIFTY_MB = 50L * 1024 * 1024;

  static byte[] start() {
    byte[] start = new byte[16 * 1024];
    byte[] json = "{\"orQueries\":[{\"name\":\"".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(json, 0, start, 0, json.length);
    for (int i = json.length; i < start.length; i++) {
      start[i] = 'x';
    }
    return start;
  }

  @Test
  default void anonymousBodiesAreRefusedUnread() {
    RawClient client = new RawClient("127.0.0.1", port());
    Map<String, String> json = Map.of("Content-Type", "application/json");
    for (String path : new String[] {WEBAPP_ENGINE + "/task", "/camunda/api/cockpit/plugin/base/default/process-"
        + "definition/statistics", "/camunda/api/admin/auth/user/default/logout", "/engine-rest/task", "/api/"
        + "credit-files/x"}) {
      for (long announced : new long[] {FIFTY_MB, -1}) {
        RawClient.Answer answer = client.sendPartly("POST", path, json, announced, start());
        assertThat(answer.status()).as("anonymous %s, %s", path, announced < 0 ? "chunked" : "50 MB").isEqualTo(401);
      }
    }
    RawClient.Answer login = client.sendPartly("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("Content-Type", "application/x-www-form-urlencoded"), FIFTY_MB, start());
    assertThat(login.status()).as("a 50 MB login form").isEqualTo(413);
  }

  @Test
  default void loggedInBodiesStopAtTheCap() {
    RawClient client = new RawClient("127.0.0.1", port());
    Map<String, String> headers = Map.of("Content-Type", "application/json", "Authorization",
        RawClient.basic("zhangqiu_market_staff", DEMO_PASSWORD));
    RawClient.Answer announced = client.sendPartly("POST", "/engine-rest/task", headers, FIFTY_MB, start());
    assertThat(announced.status()).as("50 MB announced").isEqualTo(413);
    assertThat(announced.body()).contains("超过上限");
    RawClient.Answer deployment = client.sendPartly("POST", "/engine-rest/deployment/create", Map.of("Content-Type",
        "multipart/form-data; boundary=x", "Authorization", RawClient.basic(ANALYST, DEMO_PASSWORD)), FIFTY_MB, start());
    assertThat(deployment.status()).as("a 50 MB deployment").isEqualTo(413);
    // chunked, no length: read up to the cap (1 MB) and refused there; 2 MB are sent in all
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(twoMegabytes, (byte) 'x');
    RawClient.Answer chunked = client.sendPartly("POST", "/engine-rest/task", headers, -1, twoMegabytes);
    assertThat(chunked.status()).as("2 MB chunked").isEqualTo(413);
  }
}
