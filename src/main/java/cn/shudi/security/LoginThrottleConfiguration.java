package cn.shudi.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Logins throttled per account and client address, with locks that end by themselves
 * (docs/security.md, "Logins"): the throttle, the engine's user store that asks it, and the filter that tells
 * it the client's address.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginThrottleProperties.class)
class LoginThrottleConfiguration {

  @Bean
  LoginThrottle loginThrottle(LoginThrottleProperties properties) {
    return new LoginThrottle(properties);
  }

  @Bean
  LoginThrottlePlugin loginThrottlePlugin(LoginThrottle throttle) {
    return new LoginThrottlePlugin(throttle);
  }

  /** Before everything else, the login filter of the REST API and the webapps' login included. */
  @Bean
  FilterRegistrationBean<LoginAddressFilter> loginAddressFilter() {
    var registration = new FilterRegistrationBean<>(new LoginAddressFilter());
    registration.setName("shudi-login-address");
    // every path, not only the three APIs that log in today: a login elsewhere must not count as 内部
    registration.addUrlPatterns("/*");
    registration.setAsyncSupported(true);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
