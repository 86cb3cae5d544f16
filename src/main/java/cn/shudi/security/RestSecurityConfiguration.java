package cn.shudi.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Locks down the engine's REST API, the webapps' API and the platform's own API: login first (HTTP basic,
 * checked against the engine's users, so authorizations apply per call; the webapps have their session
 * login), then the request guard, then the access rules the engine applies too late.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class RestSecurityConfiguration {

  static final String REST_ROOT = "/engine-rest/*";
  static final String WEBAPP_API_ROOT = "/camunda/api/*";
  /** The platform's own REST resources (credit files, reports), behind the same login as the engine's. */
  static final String PLATFORM_API_ROOT = "/api/*";
  /** Open311 GeoReport v2 (intake): no login, client systems identified by an API key. */
  static final String OPEN311_ROOT = "/open311/*";

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthentication() {
    var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("shudi-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns(REST_ROOT, PLATFORM_API_ROOT);
    registration.setAsyncSupported(true); // external-task long polling
    registration.setOrder(1);
    return registration;
  }

  @Bean
  Callers callers(IdentityService identity) {
    return new Callers(identity);
  }

  /** After the login (order 1): an anonymous caller's body is refused unread. */
  @Bean
  FilterRegistrationBean<RequestGuardFilter> requestGuard(Callers callers, SecurityProperties properties) {
    var registration = new FilterRegistrationBean<>(new RequestGuardFilter(callers, properties));
    registration.setName("shudi-request-guard");
    registration.addUrlPatterns(REST_ROOT, WEBAPP_API_ROOT, PLATFORM_API_ROOT);
    registration.setAsyncSupported(true);
    registration.setOrder(2);
    return registration;
  }

  /**
   * The Open311 API has no login (client systems send an API key, which intake checks): its own gate, which admits
   * only the API's paths, methods and bodies, and no anonymous POST without a key.
   */
  @Bean
  FilterRegistrationBean<Open311GuardFilter> open311Guard() {
    var registration = new FilterRegistrationBean<>(new Open311GuardFilter());
    registration.setName("shudi-open311-guard");
    registration.addUrlPatterns(OPEN311_ROOT);
    registration.setOrder(1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<AccessRulesFilter> accessRules(Callers callers, AuthorizationService authorizations) {
    var registration = new FilterRegistrationBean<>(new AccessRulesFilter(callers, authorizations));
    registration.setName("shudi-access-rules");
    registration.addUrlPatterns(REST_ROOT, WEBAPP_API_ROOT);
    registration.setAsyncSupported(true);
    registration.setOrder(3);
    return registration;
  }
}
