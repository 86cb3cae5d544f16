package cn.shudi.redteam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.support.Http;
import cn.shudi.support.TestModels;
import cn.shudi.support.WebappSession;
import cn.shudi.support.StaffUsers;

/**
 * The running application the red-team probes attack over real HTTP ({@link RedTeamH2Test},
 * {@link RedTeamPostgresTest}), and what the probes share: the demo logins, payloads that would run a command
 * (each touching its own marker file), and the checks that an attack left nothing behind.
 */
interface RedTeamTarget {

  String DEMO_PASSWORD = StaffUsers.DEMO_PASSWORD;
  String ADMIN_PASSWORD = StaffUsers.ADMIN_PASSWORD;
  String WEBAPP_ENGINE = "/camunda/api/engine/engine/default";
  String ANALYST = "zhangqiu_analyst";
  ObjectMapper JSON = new ObjectMapper();

  int port();

  ProcessEngine engine();

  default ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration();
  }

  default Http rest(String user) {
    return new Http(port()).as(user, user.equals("admin") ? ADMIN_PASSWORD : DEMO_PASSWORD);
  }

  default WebappSession webapp(String user, String app) {
    return WebappSession.login(port(), user, DEMO_PASSWORD, app);
  }

  /** A case of the joint inspection (区市场监管局 + 明水街道), started by the platform. */
  default String newCase() {
    var repository = engine().getRepositoryService();
    if (repository.createProcessDefinitionQuery().processDefinitionKey(TestModels.JOINT_KEY).count() == 0) {
      repository.createDeployment().tenantId("zhangqiu").name("rt-joint")
          .addModelInstance("rt_joint.bpmn", TestModels.jointInspection("zhangqiu_market", "zhangqiu_mingshui")).deploy();
    }
    return engine().getRuntimeService().createProcessInstanceByKey(TestModels.JOINT_KEY)
        .processDefinitionTenantId("zhangqiu").setVariable("caseSubject", "某食品有限公司").execute().getId();
  }

  default Task townshipTask(String caseId) {
    return engine().getTaskService().createTaskQuery().processInstanceId(caseId)
        .taskDefinitionKey("test_township_inspect").singleResult();
  }

  // --- payloads --------------------------------------------------------------------------------------

  /** A file no test creates: a payload that ran leaves it behind. */
  static Path marker() {
    return Path.of(System.getProperty("java.io.tmpdir"), "shudi-redteam-" + UUID.randomUUID());
  }

  /** JUEL that runs {@code touch marker} through reflection, as in the issue's reproduction. */
  static String command(Path marker) {
    return "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch "
        + marker + "')}";
  }

  /** JUEL that makes the analyst an administrator through an engine service. */
  static List<String> escalations() {
    String grant = "createMembership('" + ANALYST + "','camunda-admin')";
    return List.of("${identityService." + grant + "}", "${processEngine.identityService." + grant + "}",
        "${execution.processEngineServices.identityService." + grant + "}",
        "${execution.getProcessEngine().getIdentityService()." + grant + "}",
        "${task.execution.processEngineServices.identityService." + grant + "}",
        "${execution['processEngineServices'].identityService." + grant + "}");
  }

  /** No payload ran: no marker file (checked after the commands had time to start), no new administrator. */
  default void assertNothingRan(Path... markers) {
    try {
      Thread.sleep(300); // Runtime.exec starts the command asynchronously
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Path marker : markers) {
      assertThat(marker).as("a command ran on the server").doesNotExist();
    }
    assertThat(engine().getIdentityService().createUserQuery().memberOfGroup("camunda-admin").list())
        .extracting(u -> u.getId()).as("administrators").containsExactly("admin");
  }

  /** A control: the payload ran its command (the marker appears within 5 s); the marker is removed again. */
  static void assertRan(Path marker, String what) throws InterruptedException {
    try {
      for (int i = 0; i < 50 && !marker.toFile().exists(); i++) {
        Thread.sleep(100);
      }
      assertThat(marker).as("the control %s ran its command", what).exists();
    } finally {
      delete(marker);
    }
  }

  static void delete(Path marker) {
    try {
      Files.deleteIfExists(marker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- deployments -----------------------------------------------------------------------------------

  /** Deploys files as Camunda Modeler does (multipart, no tenant): the analyst's own channel. */
  default Http.Response deploy(String user, String deploymentName, Map<String, byte[]> files) {
    return rest(user).postMultipart("/engine-rest/deployment/create", Map.of("deployment-name", deploymentName,
        "deploy-changed-only", "true", "deployment-source", "Camunda Modeler"), files);
  }

  default long deployments(String name) {
    return engine().getRepositoryService().createDeploymentQuery().deploymentName(name).count();
  }

  default long definitions(String key) {
    return engine().getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(key).count();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String xml(BpmnModelInstance model) {
    return Bpmn.convertToString(model);
  }

  static JsonNode read(Http.Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }

  static String quoted(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
