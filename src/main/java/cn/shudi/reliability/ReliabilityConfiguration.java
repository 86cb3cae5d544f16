package cn.shudi.reliability;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a user sees when something fails that is not their fault: a task completed by someone else first,
 * the same case changed at the same moment, the database gone (docs/reliability.md).
 */
@Configuration(proxyBeanMethods = false)
class ReliabilityConfiguration {

  @Bean
  FailurePlugin failurePlugin() {
    return new FailurePlugin();
  }

  /** Makes the history level full-lean selectable ({@link LeanHistoryLevel}). */
  @Bean
  LeanHistoryPlugin leanHistoryPlugin() {
    return new LeanHistoryPlugin();
  }

  /** One node starts at a time on a shared PostgreSQL database (docs/cluster.md). */
  @Bean
  StartupLock startupLock(DataSource dataSource,
      @Value("${shudi.cluster.startup-lock-max-wait:PT10M}") Duration maxWait) {
    return new StartupLock(dataSource, maxWait);
  }

  /** In front of the login (order 1), whose password check is the first to meet a lost database. */
  @Bean
  FilterRegistrationBean<ApiFailureFilter> apiFailureFilter(ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new ApiFailureFilter(json));
    registration.setName("shudi-api-failures");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*", "/api/*");
    registration.setAsyncSupported(true);
    registration.setOrder(0);
    return registration;
  }
}
