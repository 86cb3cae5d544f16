package cn.shudi.blueprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Collaboration;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;
import cn.shudi.organization.Organization;

/**
 * The one rule set every BPMN file of the platform satisfies, checked over {@code processes/} as analysts
 * edit it. Each finding names the file, the element and the rule broken, and says what to fix:
 * <ol>
 * <li>the file: no Java class names ({@code camunda:class}), no scripts, no DOCTYPE; a file saved by Camunda
 * Modeler (not the generator) declares the BPMN, DI and Camunda namespaces and Camunda Platform 7.24.0;
 * <li>the model parses and is valid against the BPMN schema;
 * <li>the process: one executable process, named in Chinese, history time to live P365D; one pool (one
 * collaboration) for it, named as the process when modelled by hand;
 * <li>ids: every element's id is lower_snake with the process key as prefix; a blueprint's sequence flows are
 * numbered ({@code <key>_flow_<n>});
 * <li>names: activities, events and splitting gateways carry a Chinese name; lanes are named in Chinese; a splitting
 * exclusive gateway asks a question ending in ？ answered 是/否 (parallel forks and event-based waits decide nothing
 * and need no question);
 * <li>the diagram: a shape for every flow node, lane and pool, one shape per element, lanes in the pool, each flow
 * node in exactly one lane and drawn inside it (a blueprint's expanded sub-process may span lanes), inside its
 * sub-process, boundary events on their activity's
 * border, every sequence flow an orthogonal edge from its source's border to its target's crossing no other shape;
 * <li>every activity is reached by a sequence flow;
 * <li>user tasks: a candidate group of the file's jurisdiction that exists (or a {@code ${variable}}), a deadline
 * {@code ${deadlines.after(…)}}, a form bound to the deployment that exists in forms/; start forms likewise;
 * <li>call activities call a shared process, bound to the deployment;
 * <li>with the list ({@link #ModelCheck(Path, Path, Organization, Catalogs)}): a township duty the list marks
 * conditional ({@code 〔条件：…〕}) is no task of every case: a case where no fact holds (every question answered 否)
 * does not reach it.
 * </ol>
 * {@link #check(Path, String, String)} adds, for a hand-modelled process tested by its feature, its expected key and name.
 * The drift check ({@link DriftCheck}) adds the list's view.
 */
public class ModelCheck {

  /** One thing to fix. */
  public record Finding(String file, String elementId, String message) {
    @Override
    public String toString() {
      return file + (elementId == null ? "" : " [" + elementId + "]") + "：" + message;
    }
  }

  private static final Pattern HAN = Pattern.compile(".*\\p{IsHan}.*", Pattern.DOTALL);
  private static final Pattern VARIABLE_GROUP = Pattern.compile("\\$\\{[A-Za-z]+}");

  private final Path processes;
  private final Path forms;
  private final Organization organization;
  private final ObjectMapper json = new ObjectMapper();
  private Set<String> sharedProcessIds;

  private final Catalogs catalogs;

  public ModelCheck(Path processes, Path forms, Organization organization) {
    this(processes, forms, organization, null);
  }

  /** The rule set and the list's view of each blueprint's conditional township duties. */
  public ModelCheck(Path processes, Path forms, Organization organization, Catalogs catalogs) {
    this.processes = processes;
    this.forms = forms;
    this.organization = organization;
    this.catalogs = catalogs;
  }

  static final String PATTERNS_FOLDER = "patterns";

  public List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(processes)) {
      // the case patterns' fragments are no processes of their own: they are checked inside every blueprint that
      // copies them (BlueprintGenerator)
      return walk.filter(p -> p.toString().endsWith(".bpmn")).filter(p -> !p.toString().contains("/.camunda/"))
          .filter(p -> !processes.relativize(p).startsWith(PATTERNS_FOLDER)).sorted().toList();
    }
  }

  public List<Finding> checkAll() throws IOException {
    Set<String> shared = sharedProcessIds();
    List<Finding> findings = new ArrayList<>();
    for (Path file : files()) {
      findings.addAll(check(file, shared));
    }
    return findings;
  }

  /**
   * The rule set, plus what a feature's test expects of its hand-modelled process: the file holds the process
   * {@code processKey} named {@code processName}.
   */
  public List<Finding> check(Path file, String processKey, String processName) throws IOException {
    if (sharedProcessIds == null) {
      sharedProcessIds = sharedProcessIds();
    }
    List<Finding> findings = check(file, sharedProcessIds);
    String name = processes.relativize(file).toString();
    String key = processKey;
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    org.camunda.bpm.model.bpmn.instance.Process process = model.getModelElementById(key);
    if (process == null) {
      findings.add(new Finding(name, key, "规则「流程 key」：文件中没有 id 为「" + key + "」的流程"));
    } else if (!processName.equals(process.getName())) {
      findings.add(new Finding(name, key, "规则「流程名称」：应为「" + processName + "」，实际「" + process.getName() + "」"));
    }
    return findings;
  }

  public List<Finding> check(Path file, Set<String> sharedProcesses) throws IOException {
    String name = processes.relativize(file).toString();
    List<Finding> findings = new ArrayList<>();
    String xml = Files.readString(file);
    if (xml.contains("camunda:class")) {
      findings.add(new Finding(name, null, "含有 camunda:class（Java 类名）：请改用 Spring Bean 表达式 ${…} 或 delegateExpression"));
    }
    if (xml.contains("scriptTask") || xml.contains("camunda:script") || xml.contains("scriptFormat")) {
      findings.add(new Finding(name, null, "含有脚本：平台拒绝部署脚本，请改用 Spring Bean 表达式"));
    }
    if (xml.contains("DOCTYPE")) {
      findings.add(new Finding(name, null, "规则「无 DOCTYPE」：文件不得声明 DOCTYPE（外部实体），请用 Modeler 重新保存"));
      return findings;
    }
    boolean modelledByHand = !xml.contains(BlueprintFiles.EXPORTER);
    if (modelledByHand) {
      for (String declaration : MODELER_DECLARATIONS) {
        if (!xml.contains(declaration)) {
          findings.add(new Finding(name, null, "规则「在 Modeler 中打开」：缺少 " + declaration
              + "（用 Camunda Modeler 以 Camunda Platform 7.24 保存）"));
        }
      }
    }
    BpmnModelInstance model;
    try (InputStream in = Files.newInputStream(file)) {
      model = Bpmn.readModelFromStream(in);
      Bpmn.validateModel(model);
    } catch (RuntimeException e) {
      findings.add(new Finding(name, null, "无法解析：" + e.getMessage()));
      return findings;
    }
    String folder = processes.relativize(file).getNameCount() > 1 ? processes.relativize(file).getName(0).toString() : "";
    boolean blueprint = !folder.equals("shared") && !folder.isEmpty();
    BiConsumer<String, String> found = (element, message) -> findings.add(new Finding(name, element, message));
    String key = process(model, modelledByHand, found);
    DiagramRules drawing = new DiagramRules(model, found);
    diagram(name, model, drawing, findings);
    names(name, model, blueprint, findings);
    ids(model, key, blueprint, found);
    drawing.lanes(pool(model), model.getModelElementsByType(Lane.class), blueprint);
    drawing.edges();
    drawing.readable();
    DiagramRules.reached(model, found);
    List<String> jurisdictions = blueprint ? List.of(folder)
        : organization.jurisdictions().stream().map(j -> j.code()).toList();
    tasks(name, model, jurisdictions, findings);
    calls(name, model, sharedProcesses, findings);
    if (blueprint && catalogs != null && catalogs.all().stream().anyMatch(c -> c.jurisdiction().equals(folder))) {
      String code = file.getFileName().toString().replace(".bpmn", "");
      catalogs.of(folder).item(code).ifPresent(item -> conditionalTownshipDuties(model, item, found));
    }
    return findings;
  }

  /** A township duty the list marks conditional must not be a task every case reaches. */
  private static void conditionalTownshipDuties(BpmnModelInstance model, Item item, BiConsumer<String, String> found) {
    List<UserTask> clean = BlueprintFigures.cleanCase(model);
    for (Responsibility unit : item.responsibilities()) {
      if (!unit.party().isCaseTownship()) {
        continue;
      }
      for (Step step : unit.steps()) {
        if (!step.isConditional()) {
          continue;
        }
        clean.stream().filter(t -> step.name().equals(t.getName())
            && ItemProcess.TOWNSHIP_CANDIDATE.equals(t.getCamundaCandidateGroups())).forEach(t -> found.accept(t.getId(),
                "规则「条件职责」：清单规定镇街的「" + step.name() + "」只在「" + step.condition().label() + "」时办理，应放在网关「"
                    + step.condition().question() + "」的「是」之后，不应是每个案件都有的任务"));
      }
    }
  }

  private static final List<String> MODELER_DECLARATIONS = List.of("xmlns:bpmn=", "xmlns:bpmndi=", "xmlns:dc=",
      "xmlns:di=", "xmlns:camunda=", "xmlns:modeler=\"http://camunda.org/schema/modeler/1.0\"",
      "modeler:executionPlatform=\"Camunda Platform\"", "modeler:executionPlatformVersion=\"7.24.0\"");

  /** The process and its pool; returns the process key ({@code null} without exactly one process). */
  private static String process(BpmnModelInstance model, boolean modelledByHand, BiConsumer<String, String> found) {
    Collection<org.camunda.bpm.model.bpmn.instance.Process> all =
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class);
    if (all.size() != 1) {
      found.accept(null, "规则「一个流程」：文件应恰好含一个流程，实际 " + all.size() + " 个");
      return null;
    }
    org.camunda.bpm.model.bpmn.instance.Process process = all.iterator().next();
    String key = process.getId();
    if (!process.isExecutable()) {
      found.accept(key, "规则「可执行」：流程应设 isExecutable=\"true\"");
    }
    if (process.getName() == null || !HAN.matcher(process.getName()).matches()) {
      found.accept(key, "规则「流程名称」：流程缺少中文名称");
    }
    if (!"P365D".equals(process.getCamundaHistoryTimeToLiveString())) {
      found.accept(key, "规则「历史保留期」：camunda:historyTimeToLive 应为 P365D，实际「"
          + process.getCamundaHistoryTimeToLiveString() + "」");
    }
    int collaborations = model.getModelElementsByType(Collaboration.class).size();
    Collection<Participant> pools = model.getModelElementsByType(Participant.class);
    if (collaborations != 1 || pools.size() != 1) {
      found.accept(key, "规则「一个池」：应恰好一个协作和一个池（participant），实际 " + collaborations + " 个协作、"
          + pools.size() + " 个池");
      return key;
    }
    Participant pool = pools.iterator().next();
    if (pool.getProcess() != process) {
      found.accept(pool.getId(), "规则「一个池」：池应引用流程「" + key + "」");
    } else if (modelledByHand && !Objects.equals(pool.getName(), process.getName())) {
      found.accept(pool.getId(), "规则「池名即流程名」：池应命名为「" + process.getName() + "」，实际「" + pool.getName() + "」");
    }
    if (model.getModelElementsByType(Lane.class).isEmpty()) {
      found.accept(pool.getId(), "规则「按角色分泳道」：池中没有泳道");
    }
    return key;
  }

  private static Participant pool(BpmnModelInstance model) {
    Collection<Participant> pools = model.getModelElementsByType(Participant.class);
    return pools.size() == 1 ? pools.iterator().next() : null;
  }

  private static void ids(BpmnModelInstance model, String key, boolean blueprint, BiConsumer<String, String> found) {
    if (key == null) {
      return;
    }
    Pattern prefixed = Pattern.compile(Pattern.quote(key) + "_[a-z0-9_]+");
    for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
      String id = element.getId();
      if (id != null && !(element instanceof org.camunda.bpm.model.bpmn.instance.Process)
          && !prefixed.matcher(id).matches()) {
        found.accept(id, "规则「id 规范」：id 应为小写字母、数字和下划线（lower_snake），并以流程 key「" + key + "_」为前缀");
      }
    }
    if (blueprint) {
      Pattern numbered = Pattern.compile(Pattern.quote(key) + "_flow_[0-9]+");
      for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
        if (!numbered.matcher(flow.getId()).matches()) {
          found.accept(flow.getId(), "规则「连线编号」：事项流程的连线 id 应为「" + key + "_flow_序号」");
        }
      }
    }
  }

  private void diagram(String file, BpmnModelInstance model, DiagramRules drawing, List<Finding> findings) {
    List<BaseElement> needShapes = new ArrayList<>(model.getModelElementsByType(FlowNode.class));
    needShapes.addAll(model.getModelElementsByType(Lane.class));
    needShapes.addAll(model.getModelElementsByType(Participant.class));
    for (BaseElement element : needShapes) {
      if (!drawing.shaped(element.getId())) {
        findings.add(new Finding(file, element.getId(), "没有图形信息（BPMNShape）：在 Modeler 中打开并放置该元素"));
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!drawing.edged(flow.getId())) {
        findings.add(new Finding(file, flow.getId(), "连线没有图形信息（BPMNEdge）：在 Modeler 中重新连线"));
      }
    }
  }

  private void names(String file, BpmnModelInstance model, boolean blueprint, List<Finding> findings) {
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      boolean splitting = node instanceof Gateway && node.getOutgoing().size() > 1;
      boolean shown = node instanceof Activity || node instanceof Event || splitting;
      if (shown && (node.getName() == null || !HAN.matcher(node.getName()).matches())) {
        findings.add(new Finding(file, node.getId(), "缺少中文名称：任务用动宾短语，事件写状态，分支网关写成问题"));
      }
      // a decision is a question; a parallel split decides nothing (it is named for what happens side by side)
      if (splitting && node instanceof ExclusiveGateway) {
        List<String> answers = node.getOutgoing().stream().map(f -> String.valueOf(f.getName())).sorted().toList();
        if (node.getName() == null || !node.getName().endsWith("？") || !answers.equals(List.of("否", "是"))) {
          findings.add(new Finding(file, node.getId(), "规则「分支网关是一个问题」：名称应以「？」结尾，出口连线名为「是」「否」，实际出口 "
              + answers));
        }
      }
    }
    for (Lane lane : model.getModelElementsByType(Lane.class)) {
      if (lane.getName() == null || !HAN.matcher(lane.getName()).matches()) {
        findings.add(new Finding(file, lane.getId(), "规则「泳道名称」：泳道缺少中文名称（按角色或单位命名）"));
      }
    }
  }

  private void tasks(String file, BpmnModelInstance model, List<String> jurisdictions, List<Finding> findings)
      throws IOException {
    Set<String> groups = new HashSet<>();
    organization.jurisdictions().forEach(j -> {
      j.units().forEach(u -> groups.add(u.groupId()));
    });
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String group = task.getCamundaCandidateGroups();
      if (group == null || group.isBlank()) {
        findings.add(new Finding(file, task.getId(), "没有候选组（camunda:candidateGroups）：应交给清单规定的单位"));
      } else if (!VARIABLE_GROUP.matcher(group).matches() && !groups.contains(group)) {
        findings.add(new Finding(file, task.getId(), "候选组「" + group + "」不存在：应为 units.csv 中单位的组（辖区_单位编码）"));
      } else if (!VARIABLE_GROUP.matcher(group).matches()
          && jurisdictions.stream().noneMatch(j -> group.startsWith(j + "_"))) {
        findings.add(new Finding(file, task.getId(), "候选组「" + group + "」不属于本辖区"));
      }
      if (task.getCamundaDueDate() == null || !task.getCamundaDueDate().startsWith("${deadlines.after(")) {
        findings.add(new Finding(file, task.getId(), "没有办理期限（camunda:dueDate）：用 ${deadlines.after('N个工作日')}"));
      }
      formRef(file, task.getId(), task.getCamundaFormRef(), task.getCamundaFormRefBinding(), jurisdictions, findings,
          true);
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      formRef(file, start.getId(), start.getCamundaFormRef(), start.getCamundaFormRefBinding(), jurisdictions,
          findings, false);
    }
  }

  private void formRef(String file, String element, String ref, String binding, List<String> jurisdictions,
      List<Finding> findings, boolean required) throws IOException {
    if (ref == null) {
      if (required) {
        findings.add(new Finding(file, element, "没有表单（camunda:formRef）：从 forms/ 中选一个表单"));
      }
      return;
    }
    if (!"deployment".equals(binding)) {
      findings.add(new Finding(file, element, "表单绑定应为 camunda:formRefBinding=\"deployment\"（与流程同一部署）"));
    }
    for (String jurisdiction : jurisdictions) {
      if (!formIds(jurisdiction).contains(ref)) {
        findings.add(new Finding(file, element, "表单「" + ref + "」在 forms/common 或 forms/" + jurisdiction + " 中不存在"));
      }
    }
  }

  private void calls(String file, BpmnModelInstance model, Set<String> shared, List<Finding> findings) {
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      if (ItemProcess.ITEM_CASE_CALL.equals(call.getCalledElement())) {
        if (!"latest".equals(call.getCamundaCalledElementBinding())) {
          findings.add(new Finding(file, call.getId(), "调用事项流程时绑定应为 camunda:calledElementBinding=\"latest\""
              + "（事项流程可能由清单治理单独部署）"));
        }
        continue;
      }
      if (!shared.contains(call.getCalledElement())) {
        findings.add(new Finding(file, call.getId(), "调用的流程「" + call.getCalledElement() + "」不在 processes/shared 中"));
      }
      if (!"deployment".equals(call.getCamundaCalledElementBinding())) {
        findings.add(new Finding(file, call.getId(), "调用绑定应为 camunda:calledElementBinding=\"deployment\""));
      }
    }
  }

  private final java.util.Map<String, Set<String>> formIdCache = new java.util.HashMap<>();

  Set<String> formIds(String jurisdiction) throws IOException {
    Set<String> cached = formIdCache.get(jurisdiction);
    if (cached != null) {
      return cached;
    }
    Set<String> ids = new HashSet<>();
    for (Path dir : List.of(forms.resolve("common"), forms.resolve(jurisdiction))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> list = Files.list(dir)) {
        for (Path form : list.filter(p -> p.toString().endsWith(".form")).toList()) {
          ids.add(json.readTree(form.toFile()).path("id").asText());
        }
      }
    }
    formIdCache.put(jurisdiction, ids);
    return ids;
  }

  public Set<String> sharedProcessIds() throws IOException {
    Path shared = processes.resolve("shared");
    if (!Files.isDirectory(shared)) {
      return Set.of();
    }
    Predicate<Path> bpmn = p -> p.toString().endsWith(".bpmn");
    try (Stream<Path> list = Files.list(shared)) {
      return list.filter(bpmn).flatMap(p -> Bpmn.readModelFromFile(p.toFile())
          .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).stream())
          .map(BaseElement::getId).collect(Collectors.toSet());
    }
  }
}
