package cn.shudi.security;

import static cn.shudi.support.StaffUsers.ADMIN_PASSWORD;
import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static cn.shudi.support.TestModels.JOINT_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.support.Http;
import cn.shudi.support.TestModels;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * What {@link SecurityHttpTest}, {@link AttackTest} and {@link LoginThrottleHttpTest} share: the running
 * application of {@link PlatformTest} (with the {@link AttackCanary}), the small joint inspection (区市场监管局 +
 * 明水街道), and the demo logins.
 */
@PlatformTest
abstract class SecurityTestBase extends ProcessTestBase {

  static final String START = "/engine-rest/process-definition/key/" + JOINT_KEY + "/tenant-id/zhangqiu/start";

  @LocalServerPort
  int port;

  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void deployJointInspectionOnce() {
    if (repository.createProcessDefinitionQuery().processDefinitionKey(JOINT_KEY).count() == 0) {
      repository.createDeployment().tenantId("zhangqiu").name("test")
          .addModelInstance("test_joint_inspection.bpmn", TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui"))
          .deploy();
    }
  }

  Http rest(String user) {
    return new Http(port).as(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
  }

  /** A case of the joint inspection with these string variables, started by 明水's grid worker. */
  String startCase(Map<String, String> variables) {
    List<String> fields = new ArrayList<>();
    variables.forEach((k, v) -> fields.add(json(k) + ":{\"value\":" + json(v) + ",\"type\":\"String\"}"));
    Http.Response started = rest("zhangqiu_mingshui_grid").postJson(START,
        "{\"variables\":{" + String.join(",", fields) + "}}");
    assertThat(started.status()).as("a grid worker starts a case: %s", started).isEqualTo(200);
    return read(started).get("id").asText();
  }

  String startCase() {
    return startCase(Map.of());
  }

  JsonNode read(Http.Response response) {
    try {
      return json.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  /** The value as a JSON string literal, quotes included. */
  String json(String value) {
    try {
      return json.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
