package cn.shudi.blueprint;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

/** The deployment of the blueprint files, which the start-up sequence runs once the list in force is settled. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BlueprintConfiguration.BlueprintProperties.class)
class BlueprintConfiguration {

  /**
   * @param processes where the BPMN files are (the repository's {@code processes/}, on the classpath)
   * @param forms where the Camunda Forms are
   * @param deployOnStartup deploy every jurisdiction's blueprints when the platform starts
   */
  @ConfigurationProperties("shudi.blueprint")
  record BlueprintProperties(@DefaultValue("classpath:processes/") String processes,
      @DefaultValue("classpath:forms/") String forms, @DefaultValue("true") boolean deployOnStartup) {
  }

  /** The deployment of the blueprint files; the start-up sequence ({@code cn.shudi.startup}) calls it. */
  @Bean
  BlueprintDeployment blueprintDeployment(ProcessEngine engine, ResourcePatternResolver resources,
      BlueprintProperties properties) {
    return new BlueprintDeployment(engine.getRepositoryService(), resources, properties.processes(),
        properties.forms(), properties.deployOnStartup());
  }
}
