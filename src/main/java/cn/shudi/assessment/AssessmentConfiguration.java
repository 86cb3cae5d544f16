package cn.shudi.assessment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code shudi.assessment.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AssessmentProperties.class)
class AssessmentConfiguration {
}
