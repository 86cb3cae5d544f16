package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.organization.Organization;
import cn.shudi.support.PlatformTest;

/** At start-up every county's blueprints and forms deploy under its tenant; a restart adds no version. */
@PlatformTest
class BlueprintDeploymentTest {

  @Autowired
  RepositoryService repository;
  @Autowired
  BlueprintDeployment deployment;
  @Autowired
  Organization organization;

  @Test
  void eachCountysBlueprintsDeployUnderItsTenant() throws java.io.IOException {
    assertThat(platformDefinitions("zhangqiu")).hasSize(81 + (int) shared());
    assertThat(platformDefinitions("yunxi")).hasSize(243 + (int) shared());
    assertThat(repository.createProcessDefinitionQuery().withoutTenantId().count()).isZero();
    ProcessDefinition food = repository.createProcessDefinitionQuery().processDefinitionKey("zq054")
        .tenantIdIn("zhangqiu").singleResult();
    assertThat(food.getName()).isEqualTo("食品生产经营企业日常安全监管");
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("zq054").tenantIdIn("yunxi").count())
        .isZero();
  }

  @Test
  void aRestartWithNothingChangedCreatesNoNewVersion() {
    long before = repository.createProcessDefinitionQuery().count();
    long deployments = repository.createDeploymentQuery().count();
    deployment.deployAll(organization);
    assertThat(repository.createProcessDefinitionQuery().count()).isEqualTo(before);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
  }

  @Test
  void everyFormRefResolvesToAFormOfTheSameDeployment() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (ProcessDefinition definition : platformDefinitions("zhangqiu", "yunxi")) {
      Set<String> deployedForms = new HashSet<>();
      for (String resource : repository.getDeploymentResourceNames(definition.getDeploymentId())) {
        if (resource.endsWith(".form")) {
          try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(), resource)) {
            deployedForms.add(json.readTree(in).get("id").asText());
          }
        }
      }
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        assertThat(deployedForms).as("%s/%s", definition.getKey(), task.getId()).contains(task.getCamundaFormRef());
      }
      for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
        if (start.getCamundaFormRef() != null) {
          assertThat(deployedForms).as(definition.getKey()).contains(start.getCamundaFormRef());
        }
      }
    }
  }

  /**
   * The latest versions of the platform's own definitions in the counties: what the start-up deployment (and
   * governance) deployed, not the test models other tests of the shared platform deploy beside them.
   */
  List<ProcessDefinition> platformDefinitions(String... tenants) {
    Set<String> platform = repository.createDeploymentQuery().deploymentSource(BlueprintDeployment.SOURCE).list()
        .stream().map(Deployment::getId).collect(Collectors.toSet());
    repository.createDeploymentQuery().deploymentSource("shudi-governance").list()
        .forEach(d -> platform.add(d.getId()));
    return repository.createProcessDefinitionQuery().tenantIdIn(tenants).latestVersion().list().stream()
        .filter(d -> platform.contains(d.getDeploymentId())).toList();
  }

  /** Every file in processes/shared is deployed into every county. */
  long shared() throws java.io.IOException {
    try (var files = java.nio.file.Files.list(java.nio.file.Path.of("processes/shared"))) {
      return files.filter(f -> f.toString().endsWith(".bpmn")).count();
    }
  }
}
