package cn.shudi.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

import cn.shudi.ShudiApplication;

@Tag("own-application")
class ProductionSafetyCheckTest {

  final ProductionSafetyCheck check = new ProductionSafetyCheck();

  MockEnvironment postgres() {
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("postgres");
    environment.setProperty("shudi.organization.demo.enabled", "false");
    environment.setProperty("camunda.bpm.admin-user.password", "Prod#Secret-4711");
    return environment;
  }

  @Test
  void aProperProductionSetupStarts() {
    assertThatCode(() -> check.postProcessEnvironment(postgres(), new SpringApplication())).doesNotThrowAnyException();
  }

  @Test
  void demoUsersAreRefusedInProduction() {
    MockEnvironment environment = postgres();
    environment.setProperty("shudi.organization.demo.enabled", "true");
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("演示用户");
  }

  @Test
  void theDocumentedAdminPasswordIsRefusedInProduction() {
    MockEnvironment environment = postgres();
    environment.setProperty("camunda.bpm.admin-user.password", ProductionSafetyCheck.DEMO_ADMIN_PASSWORD);
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("SHUDI_ADMIN_PASSWORD");
    environment.setProperty("camunda.bpm.admin-user.password", "");
    assertThatThrownBy(() -> check.postProcessEnvironment(environment, new SpringApplication()))
        .hasMessageContaining("未设置管理员口令");
  }

  @Test
  void theDemoProfileIsNotChecked() {
    MockEnvironment environment = postgres();
    environment.setActiveProfiles("default");
    environment.setProperty("shudi.organization.demo.enabled", "true");
    assertThatCode(() -> check.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
  }

  @Test
  void thePostgresProfileWithItsDefaultsRefusesToStartBeforeTouchingTheDatabase() {
    // no database is reachable at this URL: the check must fail first
    assertThatThrownBy(() -> new SpringApplicationBuilder(ShudiApplication.class).profiles("postgres")
        .run("--SHUDI_DB_URL=jdbc:postgresql://127.0.0.1:1/none", "--server.port=0").close())
        .hasMessageContaining("拒绝以 postgres（生产）配置启动").hasMessageContaining("SHUDI_ADMIN_PASSWORD");
  }
}
