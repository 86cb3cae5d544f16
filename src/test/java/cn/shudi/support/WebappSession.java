package cn.shudi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.Map;

/** Logs in to a Camunda webapp as a browser does: session cookie plus the CSRF token. */
public final class WebappSession {

  private final Http http;

  private WebappSession(Http http) {
    this.http = http;
  }

  public static WebappSession login(int port, String user, String password, String app) {
    Http http = new Http(port);
    http.get("/camunda/app/" + app + "/default/");
    Http.Response login = http.send(http.request("/camunda/api/admin/auth/user/default/login/" + app)
        .header("X-XSRF-TOKEN", http.csrfToken())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password.replace("@", "%40")
            .replace("#", "%23"))));
    assertThat(login.status()).as("login of %s to %s: %s", user, app, login).isEqualTo(200);
    // the login starts a new session; its first answer carries the new CSRF token
    http.get("/camunda/api/admin/auth/user/default");
    return new WebappSession(http);
  }

  public Http.Response get(String path) {
    return http.get(path);
  }

  /** POST with the CSRF token, as the webapp's own scripts do. */
  public Http.Response postJson(String path, String json) {
    return http.send(http.request(path).header("X-XSRF-TOKEN", http.csrfToken())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** POST without the CSRF token, as a forged cross-site request would. */
  public Http.Response postJsonWithoutCsrf(String path, String json) {
    return http.postJson(path, json);
  }

  /** A request with the session's cookie and CSRF token, to complete and {@link #send}. */
  public HttpRequest.Builder request(String path) {
    return http.request(path).header("X-XSRF-TOKEN", http.csrfToken());
  }

  public Http.Response send(HttpRequest.Builder request) {
    return http.send(request);
  }

  public Http.Response postForm(String path, Map<String, String> form) {
    return http.postForm(path, form);
  }
}
