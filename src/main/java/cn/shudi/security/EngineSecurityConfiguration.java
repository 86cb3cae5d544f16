package cn.shudi.security;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's walls ({@link EngineSecurityPlugin}) and the check, once the platform's beans exist, that the
 * expressions' allow-list names real beans and methods.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class EngineSecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(EngineSecurityConfiguration.class);

  @Bean
  static ExpressionPolicy expressionPolicy(SecurityProperties properties) {
    return new ExpressionPolicy(properties.expressions().beans());
  }

  @Bean
  static EngineSecurityPlugin engineSecurityPlugin(ExpressionPolicy expressions, SecurityProperties properties,
      BeanFactory beans) {
    return new EngineSecurityPlugin(expressions, properties.deployments(), beans::getBean);
  }

  /** A listed method that does not exist is a typo that would refuse the platform's own models: fail at start. */
  @Bean
  static SmartInitializingSingleton expressionBeansCheck(ExpressionPolicy expressions, BeanFactory beans) {
    return () -> expressions.beans().forEach((name, methods) -> {
      if (!beans.containsBean(name)) {
        LOG.warn("表达式白名单中的 Bean「{}」在本应用中不存在，引用它的表达式将无法求值", name);
        return;
      }
      List<String> declared = Arrays.stream(beans.getBean(name).getClass().getMethods()).map(m -> m.getName())
          .toList();
      for (String method : methods) {
        if (!declared.contains(method)) {
          throw new IllegalStateException("shudi.security.expressions.beans：Bean「" + name + "」没有公开方法「"
              + method + "」，请修正白名单");
        }
      }
    });
  }
}
