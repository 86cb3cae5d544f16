package cn.shudi.benchmark;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /open311/v2/requests.json} under concurrent client systems: each call files one request (a new
 * {@code shared_intake} process that registers it and works out the list's suggestion), with its own
 * {@code client_request_id}. A key is issued first through the administrators' API; only the filings are timed.
 */
final class Open311Load {

  record Result(int calls, int clients, Stats ms, double perSecond, int failures) {
  }

  static final String[] TEXTS = {"小区门口烧烤摊油烟很大，晚上熏得开不了窗", "饭店后厨脏乱，餐具不消毒", "河道里有人偷偷挖沙，晚上机器轰鸣",
      "麦茬地里有人焚烧秸秆，浓烟很大", "楼道里堆满杂物，堵住了消防通道", "路边有人私设摊点卖活禽"};

  private Open311Load() {
  }

  static Result run(int port, String adminPassword, int calls, int clients, String label) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
        .getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/open311/clients")).header("Authorization", admin).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"基准测试客户端\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (issued.statusCode() != 201) {
      throw new IllegalStateException("could not issue an Open311 key: " + issued.statusCode() + " " + issued.body());
    }
    String key = new ObjectMapper().readTree(issued.body()).path("apiKey").asText();
    Bench.progress("%s: %d filings by %d client threads", label, calls, clients);
    AtomicInteger next = new AtomicInteger();
    for (int i = 0; i < Math.min(clients * 2, calls / 10); i++) {
      file(http, port, key, "warm-" + label + "-" + next.getAndIncrement()); // warm-up, not timed
    }
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      String id = label + "-" + next.getAndIncrement();
      pool.submit(() -> {
        long t0 = System.nanoTime();
        try {
          if (file(http, port, key, id) != 200) {
            failures.incrementAndGet();
          }
        } catch (Exception e) {
          failures.incrementAndGet();
        }
        latencies.add((System.nanoTime() - t0) / 1e6);
      });
    }
    pool.shutdown();
    pool.awaitTermination(30, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(calls, clients, Stats.of(latencies), calls / seconds, failures.get());
  }

  private static int file(HttpClient http, int port, String key, String clientId) throws Exception {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("api_key", key);
    form.put("jurisdiction_id", "zhangqiu");
    form.put("service_code", "ZQ054");
    form.put("description", TEXTS[Math.floorMod(clientId.hashCode(), TEXTS.length)]);
    form.put("lat", "36.7121");
    form.put("long", "117.5376");
    form.put("attribute[township]", "mingshui");
    form.put("client_request_id", clientId.replaceAll("[^A-Za-z0-9._:-]", "-"));
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
