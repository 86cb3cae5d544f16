package cn.shudi.tasklist;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.shudi.organization.Organization;

/**
 * Tasklist for the units' staff: the per-unit filters, made at start-up once the organization's groups
 * exist, and the schedule that keeps the time-relative ones current. The Chinese user interface itself
 * is static: {@code META-INF/resources/webjars/camunda/app/{tasklist,admin,welcome}/} (config.js, locales).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(TasklistProperties.class)
class TasklistConfiguration {

  @Bean
  TaskFilters taskFilters(ProcessEngine engine, Organization organization, TasklistProperties properties) {
    return new TaskFilters(engine, organization, properties.dueFilterRefresh());
  }

  /** The filters and their READ grants, in one transaction, after {@code organizationStartup} made the groups. */
  @Bean
  @DependsOn("organizationStartup")
  TaskFilterStartup taskFilterStartup(TaskFilters filters, PlatformTransactionManager transactions) {
    new TransactionTemplate(transactions).executeWithoutResult(status -> filters.provision());
    return new TaskFilterStartup();
  }

  @Bean
  @DependsOn("taskFilterStartup")
  DueFilterRefresh dueFilterRefresh(TaskFilters filters, PlatformTransactionManager transactions) {
    return new DueFilterRefresh(filters, new TransactionTemplate(transactions));
  }

  /** Marker: the Tasklist filters are provisioned. */
  static final class TaskFilterStartup {
  }
}
