package cn.shudi.blueprint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
 *
 * <p>One path from a list version to a deployed blueprint: this class deploys the blueprints that are files. An
 * item whose blueprint is generated (admitted or adjusted by governance, see {@code ListGovernance}) is left out
 * ({@code generated} of {@link #deployAtStartup}): governance deploys its generated blueprint, so no blueprint is
 * deployed from its file and generated both.
 */
public class BlueprintDeployment {

  public static final String SOURCE = "shudi-blueprints";

  private static final Logger LOG = LoggerFactory.getLogger(BlueprintDeployment.class);

  private final RepositoryService repository;
  private final ResourcePatternResolver resources;
  private final String processes;
  private final String forms;
  private final boolean onStartup;

  /**
   * @param processes location of the {@code processes/} folder, e.g. {@code classpath:processes/}
   * @param forms location of the {@code forms/} folder
   */
  public BlueprintDeployment(RepositoryService repository, ResourcePatternResolver resources, String processes,
      String forms) {
    this(repository, resources, processes, forms, true);
  }

  /** @param onStartup whether {@link #deployAtStartup} deploys ({@code shudi.blueprint.deploy-on-startup}) */
  BlueprintDeployment(RepositoryService repository, ResourcePatternResolver resources, String processes,
      String forms, boolean onStartup) {
    this.repository = repository;
    this.resources = resources;
    this.processes = processes.endsWith("/") ? processes : processes + "/";
    this.forms = forms.endsWith("/") ? forms : forms + "/";
    this.onStartup = onStartup;
  }

  public static String deploymentName(Jurisdiction jurisdiction) {
    return "blueprints-" + jurisdiction.code();
  }

  /**
   * The start-up step: every county's blueprint files, unless {@code shudi.blueprint.deploy-on-startup} is false.
   *
   * @param generated per county, the codes of the items whose blueprint is generated, not a file: left out
   */
  public void deployAtStartup(Organization organization, Function<Jurisdiction, Set<String>> generated) {
    if (!onStartup) {
      return;
    }
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      deploy(jurisdiction, generated.apply(jurisdiction));
    }
  }

  /** Every county's blueprint files, none left out. */
  public void deployAll(Organization organization) {
    for (Jurisdiction jurisdiction : organization.jurisdictions()) {
      deploy(jurisdiction);
    }
  }

  public DeploymentWithDefinitions deploy(Jurisdiction jurisdiction) {
    return deploy(jurisdiction, Set.of());
  }

  /**
   * The county's blueprint files but those of {@code generated}, with the shared processes and the forms.
   *
   * @param generated codes of items ({@code ZQ008}) whose file is not deployed: their blueprint is generated
   */
  public DeploymentWithDefinitions deploy(Jurisdiction jurisdiction, Set<String> generated) {
    long started = System.nanoTime();
    List<Resource> blueprintFiles = find(processes + jurisdiction.code() + "/*.bpmn");
    blueprintFiles.removeIf(file -> generated.contains(itemCode(file)));
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

  /** {@code processes/zhangqiu/ZQ008.bpmn} → {@code ZQ008}. */
  private static String itemCode(Resource file) {
    String name = String.valueOf(file.getFilename());
    return name.endsWith(".bpmn") ? name.substring(0, name.length() - ".bpmn".length()) : name;
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
