package cn.shudi.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP client written by hand over a socket, for what {@code java.net.http} cannot do: connect from a chosen
 * local address (every 127.0.0.x is this machine on Linux), and announce a body but send only its beginning,
 * to see whether the server answers before reading the rest. One request per connection, cookies kept.
 */
public final class RawClient {

  private final String address;
  private final int port;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public RawClient(String address, int port) {
    this.address = address;
    this.port = port;
  }

  public String address() {
    return address;
  }

  /** A GET with HTTP basic login. */
  public Answer rest(String path, String user, String password) {
    return send("GET", path, Map.of("Authorization", basic(user, password)), "");
  }

  /** The value of an {@code Authorization} header with HTTP basic credentials. */
  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The Tasklist login form as the browser sends it: session cookie and CSRF token first. */
  public Answer webappLogin(String user, String password) {
    cookies.clear();
    send("GET", "/camunda/app/tasklist/default/", Map.of(), "");
    return send("POST", "/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""),
            "Content-Type", "application/x-www-form-urlencoded"),
        "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8));
  }

  public Answer send(String method, String path, Map<String, String> headers, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    return exchange(method, path, headers, "Content-Length: " + content.length, content, "HTTP/1.0");
  }

  /**
   * Announces a body of {@code announced} bytes (or a chunked one when {@code announced} is negative) and sends
   * only {@code sent} of it, then reads the answer: a server that answers has not waited for the rest.
   */
  public Answer sendPartly(String method, String path, Map<String, String> headers, long announced, byte[] sent) {
    if (announced >= 0) {
      return exchange(method, path, headers, "Content-Length: " + announced, sent, "HTTP/1.1");
    }
    byte[] size = (Integer.toHexString(sent.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[size.length + sent.length + 2];
    System.arraycopy(size, 0, chunk, 0, size.length);
    System.arraycopy(sent, 0, chunk, size.length, sent.length);
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return exchange(method, path, headers, "Transfer-Encoding: chunked", chunk, "HTTP/1.1");
  }

  private Answer exchange(String method, String path, Map<String, String> headers, String framing, byte[] content,
      String version) {
    StringBuilder request = new StringBuilder(method + " " + path + " " + version + "\r\nHost: localhost:" + port
        + "\r\nConnection: close\r\n");
    headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
    if (!cookies.isEmpty()) {
      request.append("Cookie: ");
      cookies.forEach((name, value) -> request.append(name).append('=').append(value).append("; "));
      request.append("\r\n");
    }
    request.append(framing).append("\r\n\r\n");
    try (Socket socket = new Socket()) {
      socket.setSoTimeout(30_000);
      socket.bind(new InetSocketAddress(address, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      try {
        out.write(content);
        out.flush();
      } catch (SocketException e) {
        // the server answered and closed before taking all that was sent: read what it said
      }
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " from " + address, e);
    }
  }

  /** Reads one answer: head, then a body by its length, in chunks, or to the end of the connection. */
  private Answer read(InputStream in) throws IOException {
    String head = line(in);
    int status = Integer.parseInt(head.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      String name = line.substring(0, line.indexOf(':')).trim();
      String value = line.substring(line.indexOf(':') + 1).trim();
      if (name.equalsIgnoreCase("Set-Cookie")) {
        String pair = value.split(";", 2)[0];
        cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      headers.put(name.toLowerCase(), value);
    }
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
      for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
        all.writeBytes(in.readNBytes(size));
        line(in);
      }
      body = all.toByteArray();
    } else {
      body = in.readAllBytes();
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Status, headers (names in lower case) and body of one answer. */
  public record Answer(int status, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }
}
