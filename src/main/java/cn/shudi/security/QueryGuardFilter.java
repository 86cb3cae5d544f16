package cn.shudi.security;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Rejects, before the engine sees them, requests that could make the engine evaluate an expression
 * in a query: any parameter or JSON field whose name ends in {@code Expression}, at any depth (so
 * {@code orQueries[].dueAfterExpression}, CVE-2026-109432, is caught), and in task and filter
 * queries any value holding {@code ${} or {@code #{}. Also caps result sizes: a larger
 * {@code maxResults} is refused, and a request without one gets the cap (the engine's own
 * {@code queryMaxResultsLimit} is not used: it breaks Tasklist, whose filter list is unbounded).
 *
 * <p>Why a filter and not only the engine flags: Camunda 7.24.0 CE checks the flag
 * {@code enableExpressionsInAdhocQueries} on the top-level query but not inside {@code orQueries},
 * and no community release fixes it.
 */
class QueryGuardFilter extends OncePerRequestFilter {

  /** Task and filter queries of the REST API and of the webapps' engine API. */
  private static final Pattern QUERY_ENDPOINT = Pattern.compile(
      "(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)"
          + "/(?:task(?:/count)?|history/task(?:/count)?|filter(?:/.*)?)/?");

  private final ObjectMapper json;
  private final int maxResults;

  QueryGuardFilter(ObjectMapper json, int maxResults) {
    this.json = json;
    this.maxResults = maxResults;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean queryEndpoint = QUERY_ENDPOINT.matcher(path).matches();

    Optional<String> refusal = checkQueryString(request.getQueryString(), queryEndpoint);
    HttpServletRequest forward = hasMaxResults(request.getQueryString()) ? request : new CappedRequest(request, maxResults);
    if (refusal.isEmpty() && hasJsonBody(request)) {
      byte[] body = request.getInputStream().readAllBytes();
      forward = new CachedBodyRequest(forward, body);
      refusal = checkJson(body, queryEndpoint);
    }
    if (refusal.isPresent()) {
      reject(response, refusal.get());
      return;
    }
    chain.doFilter(forward, response);
  }

  private Optional<String> checkQueryString(String query, boolean queryEndpoint) {
    if (query == null || query.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (isExpressionName(name)) {
        return Optional.of("查询中不允许使用表达式参数「" + name + "」");
      }
      if (queryEndpoint && isExpressionValue(value)) {
        return Optional.of("查询参数「" + name + "」中不允许包含表达式");
      }
      if (name.equals("maxResults")) {
        try {
          if (Long.parseLong(value.trim()) > maxResults) {
            return Optional.of("maxResults 不能超过 " + maxResults + "，请分页查询");
          }
        } catch (NumberFormatException e) {
          return Optional.of("maxResults 应为整数");
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> checkJson(byte[] body, boolean queryEndpoint) {
    if (body.length == 0) {
      return Optional.empty();
    }
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (JsonProcessingException e) {
      return Optional.empty(); // not JSON after all: the engine answers with its own 400
    } catch (IOException e) {
      return Optional.empty();
    }
    return findExpression(tree, "", queryEndpoint);
  }

  private Optional<String> findExpression(JsonNode node, String path, boolean checkValues) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (isExpressionName(field.getKey())) {
          return Optional.of("查询中不允许使用表达式字段「" + fieldPath + "」");
        }
        Optional<String> inner = findExpression(field.getValue(), fieldPath, checkValues);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<String> inner = findExpression(node.get(i), path + "[" + i + "]", checkValues);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (checkValues && node.isTextual() && isExpressionValue(node.asText())) {
      return Optional.of("查询字段「" + path + "」中不允许包含表达式");
    }
    return Optional.empty();
  }

  private static boolean hasMaxResults(String query) {
    return query != null && Pattern.compile("(^|&)maxResults=").matcher(query).find();
  }

  private static boolean isExpressionName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith("expression");
  }

  private static boolean isExpressionValue(String value) {
    return value.contains("${") || value.contains("#{");
  }

  private static boolean hasJsonBody(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null) {
      return false;
    }
    try {
      return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private void reject(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json;charset=UTF-8");
    json.writeValue(response.getOutputStream(), Map.of("type", "InvalidRequestException", "message", message));
  }

  /** Adds {@code maxResults=cap} to a request that asked for no limit, so every list is bounded. */
  private static final class CappedRequest extends HttpServletRequestWrapper {
    private final String query;
    private final String cap;

    CappedRequest(HttpServletRequest request, int maxResults) {
      super(request);
      this.cap = Integer.toString(maxResults);
      String original = request.getQueryString();
      this.query = (original == null || original.isEmpty() ? "" : original + "&") + "maxResults=" + cap;
    }

    @Override
    public String getQueryString() {
      return query;
    }

    @Override
    public String getParameter(String name) {
      return "maxResults".equals(name) ? cap : super.getParameter(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      Map<String, String[]> parameters = new java.util.LinkedHashMap<>(super.getParameterMap());
      parameters.put("maxResults", new String[] {cap});
      return parameters;
    }

    @Override
    public java.util.Enumeration<String> getParameterNames() {
      return java.util.Collections.enumeration(getParameterMap().keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return "maxResults".equals(name) ? new String[] {cap} : super.getParameterValues(name);
    }
  }

  /** Lets the engine read the body this filter already read. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("synchronous body only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
      return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
