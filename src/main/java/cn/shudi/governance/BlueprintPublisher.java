package cn.shudi.governance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

import cn.shudi.blueprint.BlueprintGenerator;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;

/**
 * Generates the blueprint of an admitted or adjusted item ({@link BlueprintGenerator}) and deploys it
 * under the county's tenant as a <b>new</b> deployment {@code governance-<jurisdiction>}, together with
 * the resources the start-up deployment ({@code BlueprintDeployment}) puts beside every blueprint:
 * {@code processes/shared/*.bpmn}, {@code forms/common/*.form} and {@code forms/<jurisdiction>/*.form}, so
 * {@code calledElementBinding="deployment"} and {@code formRefBinding="deployment"} resolve inside it.
 * Running cases stay on the definition version they started with; new cases get the new one.
 */
@Component
class BlueprintPublisher {

  /** The deployment source of governance deployments (start-up deployments have {@code shudi-blueprints}). */
  static final String SOURCE = "shudi-governance";

  private final RepositoryService repository;
  private final ResourcePatternResolver resources;
  private final String processes;
  private final String forms;
  private final BlueprintGenerator generator = new BlueprintGenerator();

  BlueprintPublisher(ProcessEngine engine, ResourcePatternResolver resources,
      @Value("${shudi.blueprint.processes:classpath:processes/}") String processes,
      @Value("${shudi.blueprint.forms:classpath:forms/}") String forms) {
    this.repository = engine.getRepositoryService();
    this.resources = resources;
    this.processes = processes.endsWith("/") ? processes : processes + "/";
    this.forms = forms.endsWith("/") ? forms : forms + "/";
  }

  static String deploymentName(Jurisdiction jurisdiction) {
    return "governance-" + jurisdiction.code();
  }

  static String resourceName(Jurisdiction jurisdiction, Item item) {
    return "processes/" + jurisdiction.code() + "/" + item.code() + ".bpmn";
  }

  /** The item's blueprint as the generator writes it (validated against the BPMN schema). */
  String blueprint(Item item, Jurisdiction jurisdiction) {
    BpmnModelInstance model = generator.generate(item, jurisdiction);
    Bpmn.validateModel(model);
    return Bpmn.convertToString(model);
  }

  /** Deploys the items' blueprints with the shared processes and forms; returns the deployment. */
  DeploymentWithDefinitions deploy(Jurisdiction jurisdiction, Collection<Item> items) {
    DeploymentBuilder deployment = repository.createDeployment().name(deploymentName(jurisdiction))
        .tenantId(jurisdiction.tenantId()).source(SOURCE);
    for (Item item : items) {
      add(deployment, resourceName(jurisdiction, item), blueprint(item, jurisdiction).getBytes(StandardCharsets.UTF_8));
    }
    List<Resource> found = new ArrayList<>();
    found.addAll(find(processes + "shared/*.bpmn"));
    found.addAll(find(forms + "common/*.form"));
    found.addAll(find(forms + jurisdiction.code() + "/*.form"));
    for (Resource resource : found) {
      try (InputStream in = resource.getInputStream()) {
        add(deployment, sharedName(resource), in.readAllBytes());
      } catch (IOException e) {
        throw new IllegalStateException("无法读取 " + resource.getDescription(), e);
      }
    }
    return deployment.deployWithResult();
  }

  /**
   * Whether the definition in force for the item (the latest version in the tenant) is the item's blueprint as
   * generated from {@code item}.
   */
  boolean isInForce(Jurisdiction jurisdiction, Item item, ProcessDefinition latest) {
    if (latest == null) {
      return false;
    }
    try (InputStream in = repository.getProcessModel(latest.getId())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).equals(blueprint(item, jurisdiction));
    } catch (IOException e) {
      return false;
    }
  }

  ProcessDefinition latest(Jurisdiction jurisdiction, Item item) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(BlueprintGenerator.processKey(item))
        .tenantIdIn(jurisdiction.tenantId()).latestVersion().singleResult();
  }

  String sourceOf(ProcessDefinition definition) {
    var deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult();
    return deployment == null ? null : deployment.getSource();
  }

  private static void add(DeploymentBuilder deployment, String name, byte[] bytes) {
    deployment.addInputStream(name, new ByteArrayInputStream(bytes));
  }

  /** As the start-up deployment names them: the path below processes/ or forms/. */
  private static String sharedName(Resource resource) throws IOException {
    String url = resource.getURL().toString();
    int at = Math.max(url.lastIndexOf("/processes/"), url.lastIndexOf("/forms/"));
    return at >= 0 ? url.substring(at + 1) : resource.getFilename();
  }

  private List<Resource> find(String pattern) {
    try {
      List<Resource> list = new ArrayList<>(List.of(resources.getResources(pattern)));
      list.sort((a, b) -> String.valueOf(a.getFilename()).compareTo(String.valueOf(b.getFilename())));
      return list;
    } catch (IOException e) {
      return List.of();
    }
  }
}
