package cn.shudi.governance;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Once started (the start-up sequence, {@code cn.shudi.startup}, has settled the lists in force and their
 * blueprints by then): every {@code shudi.governance.refresh-seconds} (default 60, 0 = never), versions another
 * node approved are picked up.
 */
@Configuration(proxyBeanMethods = false)
class GovernanceConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(GovernanceConfiguration.class);

  @Bean
  CatalogRefresh governanceRefresh(ListGovernance lists,
      @Value("${shudi.governance.refresh-seconds:60}") long seconds) {
    return new CatalogRefresh(lists, seconds);
  }

  /**
   * Its own thread (not a bean of type ScheduledExecutorService, which @EnableScheduling would take over), started
   * with the context's lifecycles: after the start-up sequence, so it never races the start-up.
   */
  static final class CatalogRefresh implements SmartLifecycle {
    private final ListGovernance lists;
    private final long seconds;
    private ScheduledExecutorService executor;

    CatalogRefresh(ListGovernance lists, long seconds) {
      this.lists = lists;
      this.seconds = seconds;
    }

    @Override
    public synchronized void start() {
      if (seconds <= 0 || executor != null) {
        return;
      }
      executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "shudi-governance-refresh");
        thread.setDaemon(true);
        return thread;
      });
      executor.scheduleWithFixedDelay(() -> {
        try {
          lists.refresh();
        } catch (RuntimeException e) {
          LOG.warn("同步其他节点生效的清单版本失败：{}", e.getMessage());
        }
      }, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
      if (executor != null) {
        executor.shutdownNow();
        executor = null;
      }
    }

    @Override
    public synchronized boolean isRunning() {
      return executor != null;
    }
  }
}
