package cn.shudi.blueprint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;

/**
 * Deploys each jurisdiction's blueprints, the shared processes and the forms as one deployment under
 * the jurisdiction's tenant, so {@code formRefBinding="deployment"} and
 * {@code calledElementBinding="deployment"} resolve inside the county. Unchanged resources create no new
 * version (duplicate filtering on the deployment name and tenant).
 */
public class BlueprintDeployment {

  public static final String SOURCE = "shudi-blueprints";

  private static final Logger LOG = LoggerFactory.getLogger(BlueprintDeployment.class);

  private final RepositoryService repository;
  private final ResourcePatternResolver resources;
  private final String processes;
  private final String forms;

  /**
   * @param processes location of the {@code processes/} folder, e.g. {@code classpath:processes/}
   * @param forms location of the {@code forms/} folder
   */
  public BlueprintDeployment(RepositoryService repository, ResourcePatternResolver resources, String processes,
      String forms) {
    this.repository = repository;
    this.resources = resources;
    this.processes = processes.endsWith("/") ? processes : processes + "/";
    this.forms = forms.endsWith("/") ? forms : forms + "/";
  }

  public static String deploymentName(Jurisdiction jurisdiction) {
    return "blueprints-" + jurisdiction.code();
  }

  public void deployAll(Organization organization) {
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      deploy(jurisdiction);
    }
  }

  public DeploymentWithDefinitions deploy(Jurisdiction jurisdiction) {
    long started = System.nanoTime();
    List<Resource> blueprintFiles = find(processes + jurisdiction.code() + "/*.bpmn");
    DeploymentBuilder deployment = repository.createDeployment().name(deploymentName(jurisdiction))
        .tenantId(jurisdiction.tenantId()).source(SOURCE).enableDuplicateFiltering(false);
    Map<String, byte[]> all = read(blueprintFiles);
    all.putAll(companions(jurisdiction));
    all.forEach((name, bytes) -> deployment.addInputStream(name, new ByteArrayInputStream(bytes)));
    int blueprints = blueprintFiles.size();
    DeploymentWithDefinitions result = deployment.deployWithResult();
    int defined = result.getDeployedProcessDefinitions() == null ? 0 : result.getDeployedProcessDefinitions().size();
    LOG.info("{}：{} 个事项流程、{} 个资源；本次新建 {} 个流程版本（{} ms）", jurisdiction.name(), blueprints, all.size(),
        defined, (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  /**
   * What goes beside a county's blueprints in every deployment of them (at start-up and when governance
   * publishes one): the shared processes and the county's forms, by resource name, so that
   * {@code calledElementBinding="deployment"} and {@code formRefBinding="deployment"} resolve inside it.
   */
  public Map<String, byte[]> companions(Jurisdiction jurisdiction) {
    List<Resource> found = new ArrayList<>();
    found.addAll(find(processes + "shared/*.bpmn"));
    found.addAll(find(forms + "common/*.form"));
    found.addAll(find(forms + jurisdiction.code() + "/*.form"));
    return read(found);
  }

  private Map<String, byte[]> read(List<Resource> found) {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    for (Resource resource : found) {
      try (InputStream in = resource.getInputStream()) {
        contents.put(resourceName(resource), in.readAllBytes());
      } catch (IOException e) {
        throw new IllegalStateException("无法读取 " + resource.getDescription(), e);
      }
    }
    return contents;
  }

  /** The resource name in the deployment: the path below processes/ or forms/, so ids stay readable in Cockpit. */
  private String resourceName(Resource resource) throws IOException {
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
