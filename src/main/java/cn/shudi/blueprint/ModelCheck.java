package cn.shudi.blueprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.organization.Organization;

/**
 * The analysts' model check over {@code processes/}: diagram information for every element, names
 * on what users see, lower_snake ids, no Java class names or scripts, candidate groups that exist,
 * a deadline on every user task, forms and called processes that resolve. Each finding names the
 * file, the element and what to fix. The drift check ({@link DriftCheck}) adds the list's view.
 */
public class ModelCheck {

  /** One thing to fix. */
  public record Finding(String file, String elementId, String message) {
    @Override
    public String toString() {
      return file + (elementId == null ? "" : " [" + elementId + "]") + "：" + message;
    }
  }

  static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern HAN = Pattern.compile(".*\\p{IsHan}.*", Pattern.DOTALL);
  private static final Pattern VARIABLE_GROUP = Pattern.compile("\\$\\{[A-Za-z]+}");

  private final Path processes;
  private final Path forms;
  private final Organization organization;
  private final ObjectMapper json = new ObjectMapper();

  public ModelCheck(Path processes, Path forms, Organization organization) {
    this.processes = processes;
    this.forms = forms;
    this.organization = organization;
  }

  public List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(processes)) {
      return walk.filter(p -> p.toString().endsWith(".bpmn")).filter(p -> !p.toString().contains("/.camunda/"))
          .sorted().toList();
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

  public List<Finding> check(Path file, Set<String> sharedProcesses) throws IOException {
    String name = processes.relativize(file).toString();
    List<Finding> findings = new ArrayList<>();
    String xml = Files.readString(file);
    if (xml.contains("camunda:class")) {
      findings.add(new Finding(name, null, "含有 camunda:class（Java 类名）：请改用 Spring Bean 表达式 ${…} 或 delegateExpression"));
    }
    if (xml.contains("scriptTask") || xml.contains("camunda:script")) {
      findings.add(new Finding(name, null, "含有脚本：平台拒绝部署脚本，请改用 Spring Bean 表达式"));
    }
    BpmnModelInstance model;
    try (InputStream in = Files.newInputStream(file)) {
      model = Bpmn.readModelFromStream(in);
    } catch (RuntimeException e) {
      findings.add(new Finding(name, null, "无法解析：" + e.getMessage()));
      return findings;
    }
    diagram(name, model, findings);
    names(name, model, findings);
    String folder = processes.relativize(file).getNameCount() > 1 ? processes.relativize(file).getName(0).toString() : "";
    List<String> jurisdictions = folder.equals("shared") || folder.isEmpty()
        ? organization.jurisdictions().stream().map(j -> j.code()).toList() : List.of(folder);
    tasks(name, model, jurisdictions, findings);
    calls(name, model, sharedProcesses, findings);
    return findings;
  }

  private void diagram(String file, BpmnModelInstance model, List<Finding> findings) {
    Set<String> shaped = model.getModelElementsByType(BpmnShape.class).stream()
        .filter(s -> s.getBpmnElement() != null && s.getBounds() != null)
        .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> edged = model.getModelElementsByType(BpmnEdge.class).stream()
        .filter(e -> e.getBpmnElement() != null && e.getWaypoints().size() >= 2)
        .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
    List<BaseElement> needShapes = new ArrayList<>(model.getModelElementsByType(FlowNode.class));
    needShapes.addAll(model.getModelElementsByType(Lane.class));
    needShapes.addAll(model.getModelElementsByType(Participant.class));
    for (BaseElement element : needShapes) {
      if (!shaped.contains(element.getId())) {
        findings.add(new Finding(file, element.getId(), "没有图形信息（BPMNShape）：在 Modeler 中打开并放置该元素"));
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!edged.contains(flow.getId())) {
        findings.add(new Finding(file, flow.getId(), "连线没有图形信息（BPMNEdge）：在 Modeler 中重新连线"));
      }
    }
  }

  private void names(String file, BpmnModelInstance model, List<Finding> findings) {
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (!ID.matcher(node.getId()).matches()) {
        findings.add(new Finding(file, node.getId(), "id 应为小写字母、数字和下划线（lower_snake），并以事项编码为前缀"));
      }
      boolean splitting = node instanceof Gateway && node.getOutgoing().size() > 1;
      boolean shown = node instanceof Activity || node instanceof Event || splitting;
      if (shown && (node.getName() == null || !HAN.matcher(node.getName()).matches())) {
        findings.add(new Finding(file, node.getId(), "缺少中文名称：任务用动宾短语，事件写状态，分支网关写成问题"));
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      if (!ID.matcher(flow.getId()).matches()) {
        findings.add(new Finding(file, flow.getId(), "连线 id 应为 lower_snake"));
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
      if (task.getCamundaDueDate() == null || task.getCamundaDueDate().isBlank()) {
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
