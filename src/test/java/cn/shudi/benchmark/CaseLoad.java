package cn.shudi.benchmark;

import cn.shudi.blueprint.ItemProcess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;


/**
 * End-to-end cases of ZQ054's clean path (no hazards), as staff work them: 制定计划 → 排查隐患 (bureau) and
 * 排查隐患 (township) → [async join, by the job executor] → 共享结果 → [async credit write, by the job
 * executor] → record → evaluation (one rating). Each worker thread works one case at a time, on the
 * engine node {@code thread % nodes}; it waits for the job executor by polling (5 ms apart).
 */
final class CaseLoad {

  /** What each form submits (the fields of duty-step, inspection and evaluation; the clean path). */
  static final Map<String, Object> PLAN = Map.of(ItemProcess.DUTY_RESULT.name(), "风险等级B级，每季度检查一次", ItemProcess.DUTY_FINDINGS.name(), "无");
  static final Map<String, Object> INSPECTION = Map.of(ItemProcess.DUTY_RESULT.name(), "原料把关、生产过程和贮存条件符合要求",
      ItemProcess.DUTY_FINDINGS.name(), "未发现问题", ItemProcess.HAZARD_COUNT.name(), 0L, ItemProcess.HAZARD_LEVEL.name(), "none");
  static final Map<String, Object> SHARE = Map.of(ItemProcess.DUTY_RESULT.name(), "排查和整改结果已推送区市场监管局", ItemProcess.DUTY_FINDINGS.name(), "无");
  static final Map<String, Object> RATING = Map.of("rating", "satisfied", "ratingComment", "配合及时");

  /** A valid unified social credit code (GB 32100-2015) of a food company registered in 章丘. */
  static final String CREDIT_CODE = "91370181MA3C400132";

  /** The names of one shape's elements: the platform's ZQ054 or the bare copy. */
  record Shape(String key, String tenant, String prefix, String evaluationKey, String rateTask) {
    static final Shape PLATFORM = new Shape("zq054", "zhangqiu", "zq054_", "shared_evaluation",
        "shared_evaluation_rate");
    static final Shape BARE = new Shape(BareShapes.CASE, null, "", BareShapes.EVALUATION, "rate");
  }

  record Result(int cases, double seconds, double perSecond, Stats latencyMs, int retries) {
  }

  private final List<ProcessEngine> nodes;
  private final Shape shape;
  private final AtomicInteger retries = new AtomicInteger();

  CaseLoad(List<ProcessEngine> nodes, Shape shape) {
    this.nodes = nodes;
    this.shape = shape;
  }

  Result run(int cases, int threads, String label) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    long started = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      ProcessEngine engine = nodes.get(t % nodes.size());
      workers.add(pool.submit(() -> {
        int n;
        while ((n = next.getAndIncrement()) < cases) {
          long begin = System.nanoTime();
          oneCase(engine);
          latencies.add((System.nanoTime() - begin) / 1e6);
          if ((n + 1) % Math.max(1, cases / 4) == 0) {
            Bench.progress("%s: %d/%d cases", label, n + 1, cases);
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
    return new Result(cases, seconds, cases / seconds, Stats.of(latencies), retries.get());
  }

  void oneCase(ProcessEngine engine) {
    Map<String, Object> variables = new HashMap<>(Map.of(ItemProcess.TOWNSHIP.name(), "mingshui", ItemProcess.CASE_SUBJECT.name(), "章丘某食品有限公司",
        ItemProcess.CASE_DESCRIPTION.name(), "日常监管", ItemProcess.CREDIT_CODE.name(), CREDIT_CODE));
    var start = engine.getRuntimeService().createProcessInstanceByKey(shape.key()).setVariables(variables);
    ProcessInstance instance = (shape.tenant() == null ? start : start.processDefinitionTenantId(shape.tenant()))
        .execute();
    String id = instance.getId();
    complete(engine, waitFor(() -> task(engine, id, shape.prefix() + "market_1")), BareShapes.MARKET, PLAN);
    complete(engine, waitFor(() -> task(engine, id, shape.prefix() + "market_2")), BareShapes.MARKET, INSPECTION);
    complete(engine, waitFor(() -> task(engine, id, shape.prefix() + "township_1")), BareShapes.TOWNSHIP, INSPECTION);
    // the join runs as a job: wait for the job executor to get the case to 共享结果
    complete(engine, waitFor(() -> task(engine, id, shape.prefix() + "township_3")), BareShapes.TOWNSHIP, SHARE);
    // the credit write runs as a job; then the evaluation is called
    ProcessInstance evaluation = waitFor(() -> engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(id).processDefinitionKey(shape.evaluationKey()).singleResult());
    complete(engine, waitFor(() -> task(engine, evaluation.getId(), shape.rateTask())), BareShapes.TOWNSHIP, RATING);
    if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(id).count() != 0) {
      throw new IllegalStateException("case " + id + " of " + shape.key() + " did not end");
    }
  }

  private static Task task(ProcessEngine engine, String processInstanceId, String key) {
    return engine.getTaskService().createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key)
        .singleResult();
  }

  /** Completes the task as the demo staff member of the group, in Zhangqiu; retries a lost race. */
  private void complete(ProcessEngine engine, Task task, String group, Map<String, Object> form) {
    for (int attempt = 1;; attempt++) {
      engine.getIdentityService().setAuthentication(group + "_staff", List.of(group), List.of("zhangqiu"));
      try {
        engine.getTaskService().complete(task.getId(), form);
        return;
      } catch (OptimisticLockingException e) {
        retries.incrementAndGet();
        if (attempt == 5) {
          throw e;
        }
      } finally {
        engine.getIdentityService().clearAuthentication();
      }
    }
  }

  static <T> T waitFor(Supplier<T> found) {
    long deadline = System.currentTimeMillis() + 120_000;
    while (true) {
      T value = found.get();
      if (value != null) {
        return value;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("waited 120 s for the job executor");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
