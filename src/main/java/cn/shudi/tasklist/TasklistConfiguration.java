package cn.shudi.tasklist;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.shudi.organization.Organization;

/**
 * Tasklist for the units' staff: the per-unit filters (written by the start-up sequence, {@code cn.shudi.startup},
 * once the organization's groups exist) and the schedule that keeps the time-relative ones current. The Chinese user interface itself
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

  /** Its first run is one interval after start-up, which writes the filters (the start-up sequence). */
  @Bean
  DueFilterRefresh dueFilterRefresh(TaskFilters filters, PlatformTransactionManager transactions) {
    return new DueFilterRefresh(filters, new TransactionTemplate(transactions));
  }

}
