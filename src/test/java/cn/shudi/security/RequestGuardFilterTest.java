package cn.shudi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The page cap of {@link RequestGuardFilter} on a small cap (5), without a server: a list without
 * {@code maxResults} reaches the engine's REST API with the cap; one with a {@code maxResults} up to the cap
 * passes unchanged; one above it never reaches the API. (Over HTTP, with the configured cap: {@link AttackTest}.)
 */
class RequestGuardFilterTest {

  static final int CAP = 5;

  final RequestGuardFilter filter = new RequestGuardFilter(new Callers(null),
      new SecurityProperties(CAP, 1_048_576, new SecurityProperties.Expressions(Map.of()),
          new SecurityProperties.Deployments(1_048_576, 4_194_304, 67_108_864)));

  MockFilterChain pass(String path, String query) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setQueryString(query);
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] nameValue = pair.split("=", 2);
        request.addParameter(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
      }
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    return chain;
  }

  @Test
  void aListWithoutMaxResultsGetsTheCap() throws Exception {
    HttpServletRequest forwarded = (HttpServletRequest) pass("/engine-rest/task", "sortBy=created&sortOrder=asc")
        .getRequest();

    assertThat(forwarded).isNotNull();
    assertThat(forwarded.getParameter("maxResults")).isEqualTo("5");
    assertThat(forwarded.getParameterValues("maxResults")).containsExactly("5");
    assertThat(forwarded.getParameterMap()).containsKey("maxResults").containsKey("sortBy");
    assertThat(forwarded.getQueryString()).isEqualTo("sortBy=created&sortOrder=asc&maxResults=5");
  }

  @Test
  void aListWithoutAnyParameterGetsTheCapToo() throws Exception {
    HttpServletRequest forwarded = (HttpServletRequest) pass("/engine-rest/task", null).getRequest();

    assertThat(forwarded.getQueryString()).isEqualTo("maxResults=5");
  }

  @Test
  void aPageUpToTheCapPassesUnchanged() throws Exception {
    HttpServletRequest forwarded = (HttpServletRequest) pass("/engine-rest/task", "maxResults=2").getRequest();

    assertThat(forwarded.getParameter("maxResults")).isEqualTo("2");
    assertThat(forwarded.getQueryString()).isEqualTo("maxResults=2");
  }

  @Test
  void aPageAboveTheCapNeverReachesTheApi() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
    request.setQueryString("maxResults=6");
    request.addParameter("maxResults", "6");
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(chain.getRequest()).as("not forwarded").isNull();
    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
        .contains("maxResults 不能超过 5，请分页查询");
  }
}
