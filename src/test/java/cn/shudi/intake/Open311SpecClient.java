package cn.shudi.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * An Open311 GeoReport v2 client written from the published specification (wiki.open311.org/GeoReport_v2), JSON
 * format: the endpoints, parameter names ({@code api_key}, {@code jurisdiction_id}, {@code service_code},
 * {@code lat}, {@code long}, {@code address_string}, {@code attribute[code]}, {@code email}, {@code first_name},
 * {@code last_name}, {@code phone}, {@code description}, {@code media}) and the form encoding are the
 * specification's, built here by hand with java.net.http; nothing of the platform's own code is used.
 */
final class Open311SpecClient {

  /** Status, body and content type of one answer. */
  record Answer(int status, String body, String contentType) {
  }

  private final String root;
  private final HttpClient http = HttpClient.newHttpClient();

  Open311SpecClient(int port) {
    this.root = "http://localhost:" + port + "/open311/v2";
  }

  /** GET Service List. */
  Answer services(String jurisdictionId) {
    return get("/services.json" + query(param("jurisdiction_id", jurisdictionId)));
  }

  /** GET Service Definition. */
  Answer definition(String serviceCode, String jurisdictionId) {
    return get("/services/" + serviceCode + ".json" + query(param("jurisdiction_id", jurisdictionId)));
  }

  /** GET Service Requests (with the extension parameters page and page_size). */
  Answer requests(String jurisdictionId, Integer page, Integer pageSize) {
    Map<String, String> params = param("jurisdiction_id", jurisdictionId);
    if (page != null) {
      params.put("page", page.toString());
    }
    if (pageSize != null) {
      params.put("page_size", pageSize.toString());
    }
    return get("/requests.json" + query(params));
  }

  /** GET Service Requests with the specification's filters, as given (service_request_id, status, start_date …). */
  Answer requests(Map<String, String> parameters) {
    return get("/requests.json" + query(new java.util.LinkedHashMap<>(parameters)));
  }

  /** GET Service Request. */
  Answer request(String serviceRequestId, String jurisdictionId) {
    return get("/requests/" + serviceRequestId + ".json" + query(param("jurisdiction_id", jurisdictionId)));
  }

  /** POST Service Request, application/x-www-form-urlencoded as the specification says. */
  Answer file(Map<String, String> parameters) {
    return send(HttpRequest.newBuilder(URI.create(root + "/requests.json"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(parameters))));
  }

  /** POST Service Request with a photo: multipart/form-data, the photo in part {@code media}. */
  Answer fileWithMedia(Map<String, String> parameters, String fileName, byte[] media) {
    String boundary = "open311-" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    parameters.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; "
        + "name=\"" + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"" + fileName
        + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(media);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(root + "/requests.json"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** A raw call, for what a careless or hostile client sends. */
  Answer raw(String method, String path, String contentType, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(root + path));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)));
  }

  static String form(Map<String, String> parameters) {
    StringJoiner form = new StringJoiner("&");
    parameters.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return form.toString();
  }

  private static Map<String, String> param(String name, String value) {
    Map<String, String> params = new LinkedHashMap<>();
    if (value != null) {
      params.put(name, value);
    }
    return params;
  }

  private static String query(Map<String, String> params) {
    return params.isEmpty() ? "" : "?" + form(params);
  }

  private Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(root + path)).GET());
  }

  private Answer send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
