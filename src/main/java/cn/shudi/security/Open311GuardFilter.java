package cn.shudi.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The gate in front of the Open311 API ({@code /open311/*}), which has no login: client systems identify themselves
 * with an API key (checked by intake against the stored hashes). It fails closed, answering in the GeoReport v2
 * error format ({@code [{"code": …, "description": …}]}):
 * <ul>
 * <li>Only the API's own paths and methods: {@code GET} of {@code services.json}, {@code services/{code}.json},
 * {@code requests.json}, {@code requests/{id}.json}; {@code POST requests.json}. Anything else is 404 (405 for
 * another method on a known path); a {@code .xml} format is 400.</li>
 * <li>A GET carries no body; its query string at most {@value #MAX_QUERY} characters.</li>
 * <li>A POST is {@code application/x-www-form-urlencoded} in UTF-8 (at most {@value #MAX_FORM_BYTES} bytes, read and
 * decoded here strictly — so the container's 16 KB form limit of {@code server.tomcat.max-http-form-post-size}
 * stays as it is for every other path) or {@code multipart/form-data} (at most {@value #MAX_MULTIPART_BYTES} bytes by
 * its declared length: one photo of at most 1 MB and the fields), never compressed, with a declared length, and
 * with a non-empty {@code api_key}: without one it is answered 403 before anything else reads it.</li>
 * </ul>
 */
class Open311GuardFilter extends OncePerRequestFilter {

  static final int MAX_QUERY = 4096;
  static final int MAX_FORM_BYTES = 64 * 1024;
  static final int MAX_MULTIPART_BYTES = 1024 * 1024 + 64 * 1024;

  private static final Pattern READ = Pattern
      .compile("/open311/v2/(?:services\\.json|services/[A-Za-z0-9_-]{1,32}\\.json|requests\\.json"
          + "|requests/[A-Za-z0-9_-]{1,64}\\.json)");
  private static final Pattern FILE = Pattern.compile("/open311/v2/requests\\.json");
  private static final Pattern OTHER_FORMAT = Pattern
      .compile("/open311/v2/(?:services|services/[^/]+|requests|requests/[^/]+)\\.(?!json$)[a-z]+");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String method = request.getMethod();
    boolean read = READ.matcher(path).matches();
    boolean file = FILE.matcher(path).matches();
    if (OTHER_FORMAT.matcher(path).matches()) {
      reject(response, 400, "本平台的 Open311 接口只提供 JSON：请使用 .json");
      return;
    }
    if (!read) {
      reject(response, 404, "没有这个 Open311 接口（见 docs/open311.md）");
      return;
    }
    String query = request.getQueryString();
    if (query != null && query.length() > MAX_QUERY) {
      reject(response, 400, "查询参数超过 " + MAX_QUERY + " 个字符");
      return;
    }
    boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    if (method.equals("GET") || method.equals("HEAD")) {
      if (hasBody) {
        reject(response, 400, "GET 请求不能带请求内容");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (!method.equals("POST") || !file) {
      response.setHeader("Allow", file ? "GET, POST" : "GET");
      reject(response, 405, "不支持 " + method + "：" + (file ? "用 GET 查询诉求，用 POST 提交诉求" : "只能用 GET 查询"));
      return;
    }
    if (request.getHeader("Content-Encoding") != null) {
      reject(response, 415, "不接受压缩或编码过的请求内容（Content-Encoding）");
      return;
    }
    String type = mediaType(request.getContentType());
    long length = request.getContentLengthLong();
    if (type.equals("application/x-www-form-urlencoded")) {
      if (length < 0 || length > MAX_FORM_BYTES) {
        reject(response, 413, "提交内容须声明长度（Content-Length）且不超过 " + MAX_FORM_BYTES / 1024 + " KB");
        return;
      }
      String charset = parameter(request.getContentType(), "charset");
      if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
        reject(response, 415, "表单只接受 UTF-8 编码");
        return;
      }
      byte[] body = RequestGuardFilter.readAtMost(request.getInputStream(), MAX_FORM_BYTES);
      Map<String, List<String>> parameters = new LinkedHashMap<>();
      try {
        parse(query, parameters);
        parse(body == null ? "" : new String(body, StandardCharsets.ISO_8859_1), parameters);
      } catch (IllegalArgumentException e) {
        reject(response, 400, "表单内容无法解析：须为 UTF-8 的 application/x-www-form-urlencoded");
        return;
      }
      if (body == null) {
        reject(response, 413, "提交内容超过 " + MAX_FORM_BYTES / 1024 + " KB");
        return;
      }
      if (!hasKey(parameters.get("api_key"))) {
        reject(response, 403, "缺少 api_key：提交诉求须使用平台管理员签发的密钥");
        return;
      }
      chain.doFilter(new FormRequest(request, parameters, body), response);
      return;
    }
    if (type.equals("multipart/form-data")) {
      if (length < 0 || length > MAX_MULTIPART_BYTES) {
        reject(response, 413, "上传内容须声明长度（Content-Length）且不超过 " + MAX_MULTIPART_BYTES / 1024 + " KB（照片一张，不超过 1 MB）");
        return;
      }
      try {
        request.getParts();
      } catch (IllegalStateException e) {
        reject(response, 413, "上传的照片超过上限（一张，不超过 1 MB）");
        return;
      } catch (IOException | ServletException e) {
        reject(response, 400, "上传内容无法解析（multipart/form-data）");
        return;
      }
      String[] keys = request.getParameterValues("api_key");
      if (keys == null || !hasKey(List.of(keys))) {
        reject(response, 403, "缺少 api_key：提交诉求须使用平台管理员签发的密钥");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    reject(response, 415, "提交诉求请用 application/x-www-form-urlencoded（或带照片时用 multipart/form-data）");
  }

  private static boolean hasKey(List<String> values) {
    return values != null && values.size() == 1 && !values.get(0).isBlank();
  }

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
  }

  private static String parameter(String contentType, String name) {
    String[] parts = contentType.split(";");
    for (int i = 1; i < parts.length; i++) {
      String[] pair = parts[i].trim().split("=", 2);
      if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(name)) {
        return pair[1].trim().replace("\"", "");
      }
    }
    return null;
  }

  /** {@code a=1&b=2}, percent-decoded to UTF-8 strictly. */
  static void parse(String text, Map<String, List<String>> into) {
    if (text == null || text.isEmpty()) {
      return;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
  }

  private static String decode(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= text.length()) {
          throw new IllegalArgumentException("truncated escape");
        }
        int high = Character.digit(text.charAt(i + 1), 16);
        int low = Character.digit(text.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("bad escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("raw non-ASCII");
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not UTF-8", e);
    }
  }

  private static void reject(HttpServletResponse response, int status, String description) throws IOException {
    if (status == 413) {
      response.setHeader("Connection", "close");
    }
    response.setStatus(status);
    response.setContentType("application/json;charset=UTF-8");
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", status);
    error.put("description", description);
    StrictJson.MAPPER.writeValue(response.getOutputStream(), List.of(error));
  }

  /** A form request whose parameters were decoded here; the container never parses the body itself. */
  private static final class FormRequest extends RequestGuardFilter.CachedBodyRequest {
    private final Map<String, String[]> parameters = new LinkedHashMap<>();

    FormRequest(HttpServletRequest request, Map<String, List<String>> parameters, byte[] body) {
      super(request, body);
      parameters.forEach((k, v) -> this.parameters.put(k, v.toArray(String[]::new)));
    }

    @Override
    public String getParameter(String name) {
      String[] values = parameters.get(name);
      return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
      return parameters.get(name);
    }
  }
}
