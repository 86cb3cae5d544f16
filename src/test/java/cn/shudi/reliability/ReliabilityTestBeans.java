package cn.shudi.reliability;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Test-only beans the reliability tests' models call; every test class of the package imports this same
 * configuration, so they share one application context.
 */
@TestConfiguration
public class ReliabilityTestBeans {

  @Bean
  CompletionGate completionGate() {
    return new CompletionGate();
  }

  /**
   * {@code ${completionGate.pause()}} in a task's complete listener: when armed, holds the first completion
   * after it has read the task, until released; every other completion passes.
   */
  public static class CompletionGate {
    private final AtomicBoolean armed = new AtomicBoolean();
    volatile CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(1);

    void arm() {
      entered = new CountDownLatch(1);
      release = new CountDownLatch(1);
      armed.set(true);
    }

    public void pause() throws InterruptedException {
      if (armed.compareAndSet(true, false)) {
        entered.countDown();
        release.await(20, TimeUnit.SECONDS);
      }
    }
  }
}
