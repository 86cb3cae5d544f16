package cn.shudi.governance;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, after the blueprints of the shipped files are deployed: the list in force is the newest stored
 * version (or the shipped list when that is newer), and the blueprints of admitted and adjusted items are in force
 * again ({@link ListGovernance#synchronise}). Then, every {@code shudi.governance.refresh-seconds} (default 60,
 * 0 = never), versions another node approved are picked up.
 */
@Configuration(proxyBeanMethods = false)
class GovernanceConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(GovernanceConfiguration.class);

  @Bean
  @DependsOn("startupDeployment")
  GovernanceStartup governanceStartup(ListGovernance lists, PlatformTransactionManager transactions) {
    new TransactionTemplate(transactions).executeWithoutResult(status -> lists.synchronise());
    return new GovernanceStartup();
  }

  @Bean(destroyMethod = "close")
  CatalogRefresh governanceRefresh(GovernanceStartup started, ListGovernance lists,
      @Value("${shudi.governance.refresh-seconds:60}") long seconds) {
    return new CatalogRefresh(lists, seconds);
  }

  /** Marker: the lists in force and their blueprints are settled. */
  static final class GovernanceStartup {
  }

  /** Its own thread (not a bean of type ScheduledExecutorService, which @EnableScheduling would take over). */
  static final class CatalogRefresh implements AutoCloseable {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "shudi-governance-refresh");
      thread.setDaemon(true);
      return thread;
    });

    CatalogRefresh(ListGovernance lists, long seconds) {
      if (seconds > 0) {
        executor.scheduleWithFixedDelay(() -> {
          try {
            lists.refresh();
          } catch (RuntimeException e) {
            LOG.warn("同步其他节点生效的清单版本失败：{}", e.getMessage());
          }
        }, seconds, seconds, TimeUnit.SECONDS);
      }
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }
}
