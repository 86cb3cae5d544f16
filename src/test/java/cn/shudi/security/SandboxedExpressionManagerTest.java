package cn.shudi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.junit.jupiter.api.Test;

/**
 * The sandbox under concurrency: the job executor's threads meet a bean for the first time at once. Each must
 * find it allowed: a thread that saw the bean by name before its instance was indexed was refused (the
 * benchmark's ZQ054 cases failed at {@code ${creditFile.recordInspection(execution)}}).
 */
class SandboxedExpressionManagerTest {

  /** A bean with one allowed method. */
  public static class Counter {
    public int next() {
      return 1;
    }
  }

  @Test
  void threadsMeetingABeanForTheFirstTimeAtOnceAreAllAllowed() throws Exception {
    ExpressionPolicy policy = new ExpressionPolicy(Map.of("counter", List.of("next")));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 300; round++) {
        SandboxedExpressionManager sandbox = new SandboxedExpressionManager(policy, name -> new Counter());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          Callable<Object> call = () -> {
            ELContext context = sandbox.createElContext(Variables.createVariables().asVariableContext());
            var expression = sandbox.createValueExpression("${counter.next()}");
            start.await();
            return expression.getValue(context);
          };
          results.add(threads.submit(call));
        }
        start.countDown();
        for (Future<Object> result : results) {
          assertThat(result.get()).as("round %d", round).isEqualTo(1);
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aBeanOutsideTheAllowListAndAMethodOutsideItsListAreRefused() {
    SandboxedExpressionManager sandbox = new SandboxedExpressionManager(
        new ExpressionPolicy(Map.of("counter", List.of("next"))), name -> new Counter());
    ELContext context = sandbox.createElContext(Variables.createVariables().asVariableContext());
    assertThat(sandbox.createValueExpression("${counter.next()}").getValue(context)).isEqualTo(1);
    for (String refused : List.of("${counter.hashCode()}", "${counter.getClass()}", "${counter.class}",
        "${other.next()}", "${''.getClass()}")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> sandbox.createValueExpression(refused).getValue(context))
          .as(refused).isNotNull();
    }
  }
}
