package cn.shudi.organization;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the organization data, and the provisioner that makes the engine's identity match it; the start-up
 * sequence ({@code cn.shudi.startup}) runs the provisioning first, in one transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrganizationProperties.class)
class OrganizationConfiguration {

  /** Loading validates every file; a bad one stops start-up here, before anything is written. */
  @Bean
  Organization organization(ResourceLoader resources, OrganizationProperties properties) {
    return new OrganizationLoader(resources, properties.location()).load();
  }

  @Bean
  GridWorkers gridWorkers(JdbcClient jdbc, Organization organization) {
    return new GridWorkers(jdbc, organization);
  }

  @Bean
  OrganizationProvisioner organizationProvisioner(ProcessEngine engine, GridWorkers gridWorkers) {
    return new OrganizationProvisioner(engine, gridWorkers);
  }
}
