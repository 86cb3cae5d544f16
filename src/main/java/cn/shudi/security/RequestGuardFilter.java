package cn.shudi.security;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The gate in front of the engine's REST API, the webapps' API and the platform's API. It fails closed: what
 * it cannot classify or decode is refused, never passed on for the engine to read in its own way.
 *
 * <ul>
 * <li>Runs after the login. An anonymous request may carry a body only to the webapps' login (and the
 * initial-admin setup, which Camunda offers only while no administrator exists), and at most 8 KB; any other
 * anonymous body is answered 401 unread, so no one can make the server hold data before logging in.</li>
 * <li>A body has a declared size limit ({@code shudi.security.max-body-bytes}, a deployment
 * {@code shudi.security.deployments.max-bytes}); a larger one is answered 413, by its length or while read.</li>
 * <li>A body's type must be one the endpoint takes: {@code application/json} in UTF-8 anywhere,
 * {@code multipart/form-data} only to create a deployment or to upload to the intake (a request with its photos, a
 * hotline file: {@code /api/intake/{county}/requests|imports}, which check every part themselves), a login form only
 * to log in. Any other type,
 * parameter, charset or content encoding is refused; so is JSON that does not parse strictly (duplicate keys,
 * trailing data). The engine reads exactly the bytes checked here.</li>
 * <li>No parameter or JSON field named {@code …Expression}, at any depth (also in {@code orQueries}), and in
 * task and filter queries no value with {@code ${}/{@code #{}: a filter with an expression is never stored.
 * (Were one to get through, the engine's {@link SandboxedExpressionManager} evaluates no expression in a
 * query.)</li>
 * <li>A variable without a type whose value is a JSON object or list (it would be stored as a Java object) is
 * refused; the engine refuses typed ones ({@link VariableTypes}).</li>
 * <li>{@code maxResults} above {@code shudi.security.max-results} is refused; a list without one gets the
 * cap.</li>
 * </ul>
 */
class RequestGuardFilter extends OncePerRequestFilter {

  /** Task and filter queries of the REST API and of the webapps' engine API. */
  private static final Pattern QUERY_ENDPOINT = Pattern.compile(
      "(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)"
          + "/(?:task(?:/count)?|history/task(?:/count)?|filter(?:/.*)?)/?");
  private static final Pattern DEPLOYMENT_CREATE = Pattern.compile(
      "(?:/engine-rest(?:/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)/deployment/create/?");
  /** The intake's uploads: a request with its photos, a file of hotline work orders. */
  private static final Pattern INTAKE_UPLOAD = Pattern.compile("/api/intake/[a-z0-9_-]+/(?:requests|imports)/?");
  private static final Pattern MAX_RESULTS = Pattern.compile("(^|&)maxResults=");
  private static final Pattern METRICS = Pattern.compile(".*/metrics(?:/.*)?");
  private static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");
  private static final Pattern SETUP = Pattern.compile("/camunda/api/admin/setup/[^/]+/user/create/?");
  /** Largest body of an anonymous request (a login form or the initial administrator). */
  static final int ANONYMOUS_BODY_BYTES = 8 * 1024;

  private enum Kind { JSON, MULTIPART, FORM }

  /** A refusal: status and what the user reads. */
  private record Refusal(int status, String type, String message) {
  }

  private final Callers callers;
  private final int maxResults;
  private final long maxBodyBytes;
  private final long maxDeploymentBytes;

  RequestGuardFilter(Callers callers, SecurityProperties properties) {
    this.callers = callers;
    this.maxResults = properties.maxResults();
    this.maxBodyBytes = properties.maxBodyBytes();
    // the deployment's files and the multipart framing around them
    this.maxDeploymentBytes = properties.deployments().maxBytes() + 64 * 1024;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean queryEndpoint = QUERY_ENDPOINT.matcher(path).matches();
    Optional<Refusal> refusal = checkQueryString(request.getQueryString(), queryEndpoint);
    if (refusal.isPresent()) {
      reject(response, refusal.get());
      return;
    }
    // metrics take their own, smaller limit (at most 200 intervals) and are the administrators' anyway
    HttpServletRequest forward = hasMaxResults(request.getQueryString()) || METRICS.matcher(path).matches() ? request
        : new CappedRequest(request, maxResults);
    if (!hasBody(request)) {
      chain.doFilter(forward, response);
      return;
    }
    boolean anonymous = callers.of(request).isEmpty();
    boolean anonymousAllowed = LOGIN.matcher(path).matches() || SETUP.matcher(path).matches();
    if (anonymous && !anonymousAllowed) {
      reject(response, new Refusal(401, "AuthenticationException", "请先登录"));
      return;
    }
    if (request.getHeader("Content-Encoding") != null) {
      reject(response, new Refusal(415, "InvalidRequestException", "不接受压缩或编码过的请求内容（Content-Encoding）"));
      return;
    }
    Kind kind;
    try {
      kind = classify(request.getContentType(), path);
    } catch (RefusedType e) {
      reject(response, new Refusal(415, "InvalidRequestException", e.getMessage()));
      return;
    }
    long cap = anonymous ? ANONYMOUS_BODY_BYTES : kind == Kind.MULTIPART ? maxDeploymentBytes : maxBodyBytes;
    if (kind == Kind.FORM) {
      // the container parses the login form itself, within server.tomcat.max-http-form-post-size
      if (request.getContentLengthLong() > cap) {
        reject(response, new Refusal(413, "InvalidRequestException", "请求内容超过上限 " + cap + " 字节"));
      } else {
        chain.doFilter(forward, response);
      }
      return;
    }
    if (kind == Kind.MULTIPART && INTAKE_UPLOAD.matcher(path).matches()) {
      // Spring's controller reads the parts from the container, not from a cached body: the container parses them
      // here, within the servlet's multipart limits (spring.servlet.multipart) and the cap, by a declared length
      if (request.getContentLengthLong() < 0 || request.getContentLengthLong() > cap) {
        reject(response, new Refusal(413, "InvalidRequestException", "上传内容须声明长度且不超过 " + cap + " 字节"));
        return;
      }
      try {
        request.getParts();
      } catch (IllegalStateException e) {
        reject(response, new Refusal(413, "InvalidRequestException", "上传的文件超过上限"));
        return;
      } catch (IOException | ServletException e) {
        reject(response, new Refusal(400, "InvalidRequestException", "上传内容无法解析（multipart/form-data）"));
        return;
      }
      chain.doFilter(forward, response);
      return;
    }
    byte[] body = request.getContentLengthLong() > cap ? null : readAtMost(request.getInputStream(), cap);
    if (body == null) {
      reject(response, new Refusal(413, "InvalidRequestException", "请求内容超过上限 " + cap + " 字节"));
      return;
    }
    if (kind == Kind.JSON) {
      refusal = checkJson(body, queryEndpoint);
      if (refusal.isPresent()) {
        reject(response, refusal.get());
        return;
      }
    }
    chain.doFilter(new CachedBodyRequest(forward, body), response);
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  /** The kind of body, from a Content-Type parsed here (not by a library that might wave an odd one through). */
  private static Kind classify(String contentType, String path) {
    if (contentType == null || contentType.isBlank()) {
      throw new RefusedType("请求内容缺少类型（Content-Type）");
    }
    String[] parts = contentType.split(";");
    String mediaType = parts[0].trim().toLowerCase(Locale.ROOT);
    Map<String, String> parameters = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int eq = parameter.indexOf('=');
      if (eq <= 0) {
        if (parameter.isEmpty()) {
          continue;
        }
        throw new RefusedType("请求内容类型「" + contentType + "」无法识别");
      }
      String value = parameter.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (parameters.put(parameter.substring(0, eq).trim().toLowerCase(Locale.ROOT), value) != null) {
        throw new RefusedType("请求内容类型「" + contentType + "」的参数重复");
      }
    }
    switch (mediaType) {
      case "application/json" -> {
        String charset = parameters.remove("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
          throw new RefusedType("只接受 UTF-8 编码的 JSON（收到 charset=" + charset + "）");
        }
        requireNoMore(parameters, contentType);
        return Kind.JSON;
      }
      case "multipart/form-data" -> {
        if (!DEPLOYMENT_CREATE.matcher(path).matches() && !INTAKE_UPLOAD.matcher(path).matches()) {
          throw new RefusedType("只有创建部署、提交诉求和导入热线工单的请求可以上传文件（multipart/form-data）");
        }
        if (parameters.remove("boundary") == null) {
          throw new RefusedType("multipart/form-data 缺少 boundary");
        }
        parameters.remove("charset");
        requireNoMore(parameters, contentType);
        return Kind.MULTIPART;
      }
      case "application/x-www-form-urlencoded" -> {
        if (!LOGIN.matcher(path).matches()) {
          throw new RefusedType("表单格式（application/x-www-form-urlencoded）只用于登录");
        }
        String charset = parameters.remove("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
          throw new RefusedType("登录表单只接受 UTF-8 编码");
        }
        requireNoMore(parameters, contentType);
        return Kind.FORM;
      }
      default -> throw new RefusedType("不接受类型为「" + contentType + "」的请求内容：请发送 application/json");
    }
  }

  private static void requireNoMore(Map<String, String> parameters, String contentType) {
    if (!parameters.isEmpty()) {
      throw new RefusedType("请求内容类型「" + contentType + "」含有不接受的参数 " + parameters.keySet());
    }
  }

  /** The whole body, or null when it is longer than the cap (reading stops there); also the Open311 gate's. */
  static byte[] readAtMost(InputStream in, long cap) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    int read;
    while ((read = in.read(buffer)) != -1) {
      total += read;
      if (total > cap) {
        return null;
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private Optional<Refusal> checkQueryString(String query, boolean queryEndpoint) {
    if (query == null || query.isEmpty()) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (isExpressionName(name)) {
        return refuse("查询中不允许使用表达式参数「" + name + "」");
      }
      if (queryEndpoint && isExpressionValue(value)) {
        return refuse("查询参数「" + name + "」中不允许包含表达式");
      }
      if (name.equals("maxResults")) {
        try {
          if (Long.parseLong(value.trim()) > maxResults) {
            return refuse("maxResults 不能超过 " + maxResults + "，请分页查询");
          }
        } catch (NumberFormatException e) {
          return refuse("maxResults 应为整数");
        }
      }
    }
    return Optional.empty();
  }

  private Optional<Refusal> checkJson(byte[] body, boolean queryEndpoint) {
    if (body.length == 0) {
      return Optional.empty();
    }
    JsonNode tree;
    try {
      tree = StrictJson.MAPPER.readTree(body);
    } catch (IOException e) {
      return refuse("请求内容不是合法的 JSON（重复的字段、多余的内容或格式错误）");
    }
    return findRefusal(tree, "", queryEndpoint);
  }

  private Optional<Refusal> findRefusal(JsonNode node, String path, boolean checkValues) {
    if (node == null) {
      return Optional.empty();
    }
    if (node.isObject() && node.path("value").isContainerNode() && !node.hasNonNull("type")) {
      // an untyped variable whose value is a JSON object or list becomes a Java object (Map, List)
      return refuse("变量「" + path + "」的值是对象或列表：不接受对象类型的变量，列表请以 Json 类型提交");
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> field = it.next();
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        if (isExpressionName(field.getKey())) {
          return refuse("查询中不允许使用表达式字段「" + fieldPath + "」");
        }
        Optional<Refusal> inner = findRefusal(field.getValue(), fieldPath, checkValues);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<Refusal> inner = findRefusal(node.get(i), path + "[" + i + "]", checkValues);
        if (inner.isPresent()) {
          return inner;
        }
      }
    } else if (checkValues && node.isTextual() && isExpressionValue(node.asText())) {
      return refuse("查询字段「" + path + "」中不允许包含表达式");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(String message) {
    return Optional.of(new Refusal(400, "InvalidRequestException", message));
  }

  private static boolean hasMaxResults(String query) {
    return query != null && MAX_RESULTS.matcher(query).find();
  }

  private static boolean isExpressionName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith("expression");
  }

  private static boolean isExpressionValue(String value) {
    return value.contains("${") || value.contains("#{");
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  private static void reject(HttpServletResponse response, Refusal refusal) throws IOException {
    if (refusal.status() == 401) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"default\"");
    }
    if (refusal.status() == 413) {
      response.setHeader("Connection", "close");
    }
    StrictJson.writeRefusal(response, refusal.status(), refusal.type(), refusal.message());
  }

  /** A Content-Type the guard does not take. */
  private static final class RefusedType extends RuntimeException {
    RefusedType(String message) {
      super(message, null, false, false);
    }
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
      Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
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

  /** Lets the engine read exactly the body this filter read and checked. */
  /** A request whose body was read here: the next reader gets exactly these bytes (also the Open311 gate's forms). */
  static class CachedBodyRequest extends HttpServletRequestWrapper {
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
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public String getHeader(String name) {
      if ("Transfer-Encoding".equalsIgnoreCase(name)) {
        return null;
      }
      if ("Content-Length".equalsIgnoreCase(name)) {
        return Integer.toString(body.length);
      }
      return super.getHeader(name);
    }
  }
}
