package cn.shudi.organization;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads the organization data and provisions the engine's identity from it at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OrganizationProperties.class)
class OrganizationConfiguration {

  /** Loading validates every file; a bad one stops start-up here, before anything is written. */
  @Bean
  Organization organization(ResourceLoader resources, OrganizationProperties properties) {
    return new OrganizationLoader(resources, properties.location()).load();
  }

  @Bean
  OrganizationStartup organizationStartup(ProcessEngine engine, Organization organization,
      OrganizationProperties properties, PlatformTransactionManager transactions) {
    return new OrganizationStartup(engine, organization, properties, new TransactionTemplate(transactions));
  }

  /** Runs the provisioning in one transaction: all of it lands, or none. */
  static final class OrganizationStartup {

    OrganizationStartup(ProcessEngine engine, Organization organization, OrganizationProperties properties,
        TransactionTemplate transaction) {
      transaction.executeWithoutResult(status -> {
        new OrganizationProvisioner(engine).provision(organization);
        if (properties.demo().enabled()) {
          new DemoUsers(engine.getIdentityService(), properties.demo().password()).create(organization);
        }
      });
    }
  }
}
