package cn.shudi.intake;

import java.io.IOException;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The grid workers' page ({@code /grid/}, static files in {@code static/grid/}, docs/grid-mobile.md): {@code /grid}
 * and {@code /grid/} show {@code index.html}; every file under {@code /grid/} goes out with a strict content security
 * policy (scripts, styles and connections of the platform only, no inline script, no framing), {@code nosniff}, no
 * referrer, and {@code no-cache} so a new version reaches the service worker. The files hold no secret; the data
 * comes from {@code /api/intake/…} behind the platform's login.
 */
@Configuration(proxyBeanMethods = false)
class GridPageConfiguration implements WebMvcConfigurer {

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
      + "connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/grid", "/grid/");
    registry.addViewController("/grid/").setViewName("forward:/grid/index.html");
  }

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> gridPageHeaders() {
    var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
          throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Permissions-Policy", "geolocation=(self), camera=(self), microphone=()");
        response.setHeader("Cache-Control", "no-cache");
        chain.doFilter(request, response);
      }
    });
    registration.setName("shudi-grid-page-headers");
    registration.addUrlPatterns("/grid", "/grid/*");
    registration.setOrder(1);
    return registration;
  }
}
