package cn.shudi.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a production ({@code postgres}) profile that still carries demo users or the
 * built-in admin password. Runs before any bean, so not even the admin user is written.
 */
class ProductionSafetyCheck implements EnvironmentPostProcessor, Ordered {

  /** The admin password of the demo profile; documented in README, so never valid in production. */
  public static final String DEMO_ADMIN_PASSWORD = "Shudi@Kaifa2026";
  public static final String PRODUCTION_PROFILE = "postgres";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!Arrays.asList(environment.getActiveProfiles()).contains(PRODUCTION_PROFILE)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (environment.getProperty("shudi.organization.demo.enabled", Boolean.class, false)) {
      problems.add("演示用户已开启（shudi.organization.demo.enabled=true）：生产环境请关闭");
    }
    String adminPassword = environment.getProperty("camunda.bpm.admin-user.password", "");
    String demoPassword = environment.getProperty("shudi.organization.demo.password", "");
    if (adminPassword.isBlank()) {
      problems.add("未设置管理员口令：请通过环境变量 SHUDI_ADMIN_PASSWORD 提供");
    } else if (adminPassword.equals(DEMO_ADMIN_PASSWORD) || adminPassword.equals(demoPassword)) {
      problems.add("管理员口令仍是 README 中公开的演示口令：请通过环境变量 SHUDI_ADMIN_PASSWORD 另设");
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("拒绝以 postgres（生产）配置启动：\n  - " + String.join("\n  - ", problems));
    }
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }
}
