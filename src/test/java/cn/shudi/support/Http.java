package cn.shudi.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for tests that talk to the running application over real HTTP. */
public final class Http {

  private final String base;
  private final HttpClient client;
  private final CookieManager cookies = new CookieManager();
  private String basicAuth;

  public Http(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).build();
  }

  /** Sends HTTP basic credentials with every request (the REST API's login). */
  public Http as(String user, String password) {
    this.basicAuth = "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response postJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response putJson(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response postForm(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A multipart upload as Camunda Modeler sends it to {@code /deployment/create}. */
  public Response postMultipart(String path, Map<String, String> fields, String fileName, byte[] file) {
    return postMultipart(path, fields, Map.of(fileName, file));
  }

  /** A multipart upload of several files, each a part named after the file. */
  public Response postMultipart(String path, Map<String, String> fields, Map<String, byte[]> files) {
    String boundary = "----shudi" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    StringBuilder head = new StringBuilder();
    fields.forEach((k, v) -> head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"").append(k).append("\"\r\n\r\n")
        .append(v).append("\r\n"));
    body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    files.forEach((fileName, file) -> {
      body.writeBytes(("--" + boundary + "\r\n" + "Content-Disposition: form-data; name=\"" + fileName
          + "\"; filename=\"" + fileName + "\"\r\n" + "Content-Type: application/octet-stream\r\n\r\n")
          .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(body.toByteArray());
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(publisher));
  }

  /** One part of a multipart body: a JSON part, a file part. */
  public record Part(String name, String fileName, String contentType, byte[] bytes) {
  }

  /** A multipart body of the parts given, in order, each with its own content type. */
  public Response postParts(String path, java.util.List<Part> parts) {
    String boundary = "----shudi" + System.nanoTime();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    for (Part part : parts) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\""
          + (part.fileName() == null ? "" : "; filename=\"" + part.fileName() + "\"") + "\r\nContent-Type: "
          + part.contentType() + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(part.bytes());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** One file uploaded as multipart part {@code part} under {@code fileName} (a form's file field). */
  public Response postFile(String path, String part, String fileName, byte[] file) {
    return postParts(path, java.util.List.of(new Part(part, fileName, "application/octet-stream", file)));
  }

  /** The current CSRF token of the webapps (cookie XSRF-TOKEN), to send as X-XSRF-TOKEN. */
  public String csrfToken() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).reduce((a, b) -> b).orElse(null);
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (basicAuth != null) {
      builder.header("Authorization", basicAuth);
    }
    return builder;
  }

  public Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status and body of one answer. */
  public record Response(int status, String body, HttpResponse<String> raw) {
    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
