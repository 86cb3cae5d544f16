package cn.shudi.benchmark;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The bare engine: Camunda's Spring Boot starters (engine, webapps, REST) auto-configured, no project
 * bean, no component scan, none of the project's application.yaml (it runs with its own config name),
 * no Flyway. The only addition is the REST login every real installation needs (the documented
 * {@link ProcessEngineAuthenticationFilter} with HTTP basic), so REST calls cost the same login check.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BareApp {

  static final String USER = "bench";
  static final String PASSWORD = "Bench@2026bench";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> benchRestAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    registration.setOrder(1);
    return registration;
  }
}
