package cn.shudi.governance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

import cn.shudi.blueprint.BlueprintDeployment;
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
  private final BlueprintDeployment startupDeployment;
  private final BlueprintGenerator generator = new BlueprintGenerator();

  BlueprintPublisher(ProcessEngine engine, BlueprintDeployment startupDeployment) {
    this.repository = engine.getRepositoryService();
    this.startupDeployment = startupDeployment;
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
    startupDeployment.companions(jurisdiction).forEach((name, bytes) -> add(deployment, name, bytes));
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
}
