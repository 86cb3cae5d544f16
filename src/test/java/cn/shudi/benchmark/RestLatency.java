package cn.shudi.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Latency of {@code POST /engine-rest/task/{id}/complete} (HTTP basic login) under concurrent clients:
 * the first step (制定计划) of fresh cases, whose completion forks to both inspections (two user tasks,
 * four timers). Tasks are opened beforehand through the Java API; only the REST calls are timed.
 */
final class RestLatency {

  record Result(int calls, int clients, Stats ms, double perSecond, int failures) {
  }

  private RestLatency() {
  }

  static Result run(ProcessEngine engine, CaseLoad.Shape shape, int port, String user, String password, int calls,
      int clients, String label) throws Exception {
    ConcurrentLinkedQueue<String> taskIds = new ConcurrentLinkedQueue<>();
    Map<String, Object> variables = new HashMap<>(Map.of("township", "mingshui", "caseSubject", "章丘某食品有限公司",
        "caseDescription", "日常监管", "creditCode", CaseLoad.CREDIT_CODE));
    for (int i = 0; i < calls; i++) {
      var start = engine.getRuntimeService().createProcessInstanceByKey(shape.key()).setVariables(variables);
      String id = (shape.tenant() == null ? start : start.processDefinitionTenantId(shape.tenant())).execute().getId();
      Task task = engine.getTaskService().createTaskQuery().processInstanceId(id)
          .taskDefinitionKey(shape.prefix() + "market_1").singleResult();
      taskIds.add(task.getId());
    }
    Bench.progress("%s: %d tasks open, %d clients completing them over REST", label, calls, clients);
    String body = body();
    String login = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    // warm-up: a few calls, not timed (JIT, connection set-up)
    for (int i = 0; i < Math.min(clients * 2, calls / 10); i++) {
      send(http, port, taskIds.poll(), body, login);
    }
    long started = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      workers.add(pool.submit(() -> {
        String id;
        while ((id = taskIds.poll()) != null) {
          long begin = System.nanoTime();
          int status = send(http, port, id, body, login);
          latencies.add((System.nanoTime() - begin) / 1e6);
          if (status != 204) {
            failures.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    return new Result(latencies.size(), clients, Stats.of(latencies), latencies.size() / seconds, failures.get());
  }

  static int send(HttpClient http, int port, String taskId, String body, String login) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/task/" + taskId
        + "/complete")).header("Authorization", login).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 204 && Bench.firstFailure.compareAndSet(false, true)) {
      System.out.println("  first REST failure: " + response.statusCode() + " " + response.body());
    }
    return response.statusCode();
  }

  /** The plan step's form as Tasklist submits it. */
  static String body() throws Exception {
    Map<String, Object> variables = new HashMap<>();
    variables.put("dutyResult", Map.of("value", "风险等级B级，每季度检查一次", "type", "String"));
    variables.put("dutyFindings", Map.of("value", "无", "type", "String"));
    return new ObjectMapper().writeValueAsString(Map.of("variables", variables));
  }
}
