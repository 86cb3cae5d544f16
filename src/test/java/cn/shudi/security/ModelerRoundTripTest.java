package cn.shudi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.shudi.support.CaseDriver;
import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.StaffUsers;

/**
 * The Modeler round trip over HTTP, with the request Camunda Modeler sends: a county blueprint (ZQ001's model, under
 * a process id of its own so the other tests' zq001 stays as it is) deployed by an analyst starts with its forms,
 * resending it unchanged creates no version, a change deploys it again with its forms.
 */
@PlatformTest
class ModelerRoundTripTest {

  private static final String KEY = "modeler_round_trip";
  private static final String FILE = "ZQ001.bpmn";

  @LocalServerPort
  int port;
  @Autowired
  RepositoryService repository;
  @Autowired
  ProcessEngine engine;

  /** ZQ001's blueprint as the analyst saved it in Modeler, under this test's process id. */
  private static String blueprint() throws IOException {
    return Files.readString(Path.of("processes/zhangqiu", FILE)).replace("id=\"zq001\"", "id=\"" + KEY + "\"")
        .replace("processRef=\"zq001\"", "processRef=\"" + KEY + "\"");
  }

  /** Exactly what Modeler posts: deployment-name, deploy-changed-only, deployment-source, the file; no tenant-id. */
  private Http.Response deployAsModeler(String user, String bpmn) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("deployment-name", "ZQ001");
    fields.put("deploy-changed-only", "true");
    fields.put("deployment-source", "Camunda Modeler");
    return new Http(port).as(user, StaffUsers.DEMO_PASSWORD).postMultipart("/engine-rest/deployment/create", fields,
        FILE, bpmn.getBytes(StandardCharsets.UTF_8));
  }

  private List<ProcessDefinition> versions() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).orderByProcessDefinitionVersion()
        .asc().list();
  }

  @Test
  void aBlueprintDeployedFromModelerStartsWithItsFormsAndIsNotRedeployedUnchanged() throws IOException {
    String bpmn = blueprint();

    Http.Response first = deployAsModeler("zhangqiu_analyst", bpmn);

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(versions()).hasSize(1);
    ProcessDefinition definition = versions().get(0);
    assertThat(definition.getTenantId()).isEqualTo("zhangqiu");
    List<String> resources = repository.getDeploymentResources(definition.getDeploymentId()).stream()
        .map(Resource::getName).toList();
    assertThat(resources).contains(FILE).anyMatch(n -> n.endsWith("case-start.form"))
        .anyMatch(n -> n.endsWith("duty-step.form"));

    Http staff = new Http(port).as("zhangqiu_mingshui_staff", StaffUsers.DEMO_PASSWORD);
    Http.Response startForm = staff.get("/engine-rest/process-definition/" + definition.getId()
        + "/deployed-start-form");
    assertThat(startForm.status()).as(startForm.toString()).isEqualTo(200);
    assertThat(startForm.body()).contains("\"id\"").contains("case-start");

    ProcessInstance started = new CaseDriver(engine).start(KEY, "zhangqiu", "mingshui", Map.of());
    Task step = engine.getTaskService().createTaskQuery().processInstanceId(started.getId()).list().get(0);
    String group = new CaseDriver(engine).candidateGroup(step);
    Http.Response taskForm = new Http(port).as(group + "_staff", StaffUsers.DEMO_PASSWORD)
        .get("/engine-rest/task/" + step.getId() + "/deployed-form");
    assertThat(taskForm.status()).as(taskForm.toString()).isEqualTo(200);
    assertThat(taskForm.body()).contains("duty-step");

    Http.Response again = deployAsModeler("zhangqiu_analyst", bpmn);

    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(versions()).as("the unchanged file creates no new version").hasSize(1);
    assertThat(repository.createDeploymentQuery().deploymentSource("Camunda Modeler").tenantIdIn("zhangqiu")
        .deploymentName("ZQ001").count()).as("and no new deployment").isEqualTo(1);

    Http.Response changed = deployAsModeler("zhangqiu_analyst", bpmn.replace("name=\"动物疫病防控和重大动物疫情处置\"",
        "name=\"动物疫病防控和重大动物疫情处置（修订）\""));

    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(versions()).hasSize(2);
    ProcessDefinition second = versions().get(1);
    assertThat(second.getName()).endsWith("（修订）");
    assertThat(staff.get("/engine-rest/process-definition/" + second.getId() + "/deployed-start-form").status())
        .as("the changed version has its forms too").isEqualTo(200);
  }

  @Test
  void staffStillCannotDeployFromModeler() throws IOException {
    Http.Response response = deployAsModeler("zhangqiu_mingshui_staff", blueprint().replace(KEY, KEY + "_staff"));

    assertThat(response.status()).as(response.toString()).isEqualTo(403);
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY + "_staff").count()).isZero();
  }
}
