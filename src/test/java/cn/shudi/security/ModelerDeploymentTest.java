package cn.shudi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.shudi.support.Http;
import cn.shudi.support.TestModels;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.StaffUsers;

/**
 * Deploying from Camunda Modeler: the multipart request Modeler sends to /engine-rest/deployment/create
 * (deployment-name, deployment-source "Camunda Modeler", deploy-changed-only, the file; no tenant-id).
 */
@PlatformTest
class ModelerDeploymentTest {

  @LocalServerPort
  int port;
  @Autowired
  RepositoryService repository;

  Http.Response deployAsModeler(String user, String key, Map<String, String> extra) {
    String bpmn = TestModels.xml(TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui"))
        .replace(TestModels.JOINT_KEY, key);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", key);
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "true");
    fields.putAll(extra);
    return new Http(port).as(user, StaffUsers.DEMO_PASSWORD).postMultipart("/engine-rest/deployment/create", fields,
        key + ".bpmn", bpmn.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anAnalystsDeploymentLandsInTheAnalystsJurisdiction() {
    Http.Response response = deployAsModeler("zhangqiu_analyst", "test_modeler_zq", Map.of());
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).contains("\"tenantId\":\"zhangqiu\"");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("test_modeler_zq").singleResult()
        .getTenantId()).isEqualTo("zhangqiu");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("test_modeler_zq").withoutTenantId()
        .count()).isZero();
  }

  @Test
  void anAnalystCannotDeployIntoAnotherCounty() {
    Http.Response response = deployAsModeler("yunxi_analyst", "test_modeler_foreign", Map.of("tenant-id", "zhangqiu"));
    assertThat(response.status()).as(response.toString()).isIn(400, 403);
    assertThat(response.body()).contains("不属于辖区「zhangqiu」");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("test_modeler_foreign").count()).isZero();
  }

  @Test
  void modelerSeesTheLoginChallenge() {
    Http.Response anonymous = new Http(port).postMultipart("/engine-rest/deployment/create",
        Map.of("deployment-name", "x"), "x.bpmn", new byte[0]);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        h -> assertThat(h).contains("Basic"));
  }
}
