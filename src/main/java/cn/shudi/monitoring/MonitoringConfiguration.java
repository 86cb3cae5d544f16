package cn.shudi.monitoring;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import cn.shudi.catalog.Catalogs;
import cn.shudi.organization.Organization;

/**
 * The supervisors' Cockpit plugin on the Spring side: the figures (read by the plugin's REST resource,
 * which Cockpit's JAX-RS runtime creates per request and which finds this context through the servlet
 * context), the ranking source, and the indexes created once the engine is up.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

  @Bean
  Rankings monitoringRankings(DataSource dataSource,
      @Value("${shudi.monitoring.ranking.table:" + Rankings.DEFAULT_TABLE + "}") String table,
      @Value("${shudi.monitoring.ranking.query:}") String query) {
    return new Rankings(dataSource, table, query.isBlank() ? Rankings.DEFAULT_QUERY : query);
  }

  @Bean
  Monitoring monitoring(Organization organization, Catalogs catalogs, Rankings rankings) {
    return new Monitoring(organization, catalogs, rankings);
  }

  @Bean
  @ConditionalOnProperty(name = "shudi.monitoring.create-indexes", havingValue = "true", matchIfMissing = true)
  IndexStartup monitoringIndexStartup(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return new IndexStartup(new MonitoringIndexes(configuration.getDataSource(), configuration.getDatabaseType(),
        configuration.getDatabaseTablePrefix()));
  }

  /**
   * Creates the indexes when the application is ready: the engine has created or updated its tables by
   * then, and the web server already answers while a large table is being indexed.
   */
  static final class IndexStartup {

    private final MonitoringIndexes indexes;

    IndexStartup(MonitoringIndexes indexes) {
      this.indexes = indexes;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createIndexes() {
      indexes.ensure();
    }
  }
}
