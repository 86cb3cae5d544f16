package cn.shudi.monitoring;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.shudi.assessment.LatestRankings;
import cn.shudi.catalog.Catalogs;
import cn.shudi.intake.IntakeRates;
import cn.shudi.organization.Organization;

/**
 * The supervisors' Cockpit plugin on the Spring side: the figures (read by the plugin's REST resource,
 * which Cockpit's JAX-RS runtime creates per request and which finds this context through the servlet
 * context), the ranking source, the intake's rates, and the indexes (created by the start-up sequence once
 * the engine is up).
 */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

  /** The ranking through the assessment's read API (its tables are its own). */
  @Bean
  Rankings monitoringRankings(DataSource dataSource) {
    return new Rankings(new LatestRankings(dataSource));
  }

  /** The figures, with the intake's rates through its read API ({@link IntakeRates}). */
  @Bean
  Monitoring monitoring(Organization organization, Catalogs catalogs, Rankings rankings, IntakeRates intakeRates) {
    return new Monitoring(organization, catalogs, rankings, intakeRates);
  }

  /**
   * The Cockpit indexes, unless {@code shudi.monitoring.create-indexes} is false; the start-up sequence
   * ({@code cn.shudi.startup}) creates them when the application is ready.
   */
  @Bean
  @ConditionalOnProperty(name = "shudi.monitoring.create-indexes", havingValue = "true", matchIfMissing = true)
  MonitoringIndexes monitoringIndexes(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    return new MonitoringIndexes(configuration.getDataSource(), configuration.getDatabaseType(),
        configuration.getDatabaseTablePrefix());
  }
}
