package cn.shudi.blueprint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;
import cn.shudi.organization.Jurisdiction;

/**
 * Reports every blueprint that no longer matches its list item: a missing file, a wrong process id
 * or name, a step of the list without its task, a task for the wrong unit (candidate group), a wrong
 * deadline, or a unit's task the list does not name. Hand edits stay visible instead of being lost.
 */
public class DriftCheck {

  /** One mismatch, located. */
  public record Finding(String file, String elementId, String message) {
    @Override
    public String toString() {
      return file + (elementId == null ? "" : " [" + elementId + "]") + "：" + message;
    }
  }

  /** Groups a blueprint may use besides the item's units: the shared processes' roles. */
  private static final Set<String> ROLE_GROUPS = Set.of("${commandCentreGroup}", "${departmentGroup}",
      "${calledDepartmentGroup}");

  private final BlueprintFiles files;

  public DriftCheck(BlueprintFiles files) {
    this.files = files;
  }

  public List<Finding> check(Jurisdiction jurisdiction, Catalog catalog) {
    List<Finding> findings = new ArrayList<>();
    for (Item item : catalog.items()) {
      Path file = files.fileOf(jurisdiction, item);
      String name = "processes/" + jurisdiction.code() + "/" + file.getFileName();
      if (!Files.exists(file)) {
        findings.add(new Finding(name, null, "文件不存在：请运行生成命令"));
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        findings.addAll(check(name, Bpmn.readModelFromStream(in), item));
      } catch (IOException | RuntimeException e) {
        findings.add(new Finding(name, null, "无法解析：" + e.getMessage()));
      }
    }
    return findings;
  }

  public List<Finding> check(String file, BpmnModelInstance model, Item item) {
    List<Finding> findings = new ArrayList<>();
    String key = BlueprintGenerator.processKey(item);
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    Process process = processes.stream().filter(p -> key.equals(p.getId())).findFirst().orElse(null);
    if (process == null) {
      findings.add(new Finding(file, null, "没有 id 为「" + key + "」的流程"));
      return findings;
    }
    if (!item.name().equals(process.getName())) {
      findings.add(new Finding(file, key, "流程名称应为「" + item.name() + "」，实际「" + process.getName() + "」"));
    }
    Collection<FlowNode> nodes = process.getChildElementsByType(FlowNode.class);
    Set<String> expectedGroups = new HashSet<>();
    boolean generated = BlueprintGenerator.EXPORTER.equals(model.getDefinitions().getExporter());
    for (Responsibility unit : item.responsibilities()) {
      String group = BlueprintGenerator.candidateGroup(unit);
      expectedGroups.add(group);
      for (Step step : unit.steps()) {
        findings.addAll(checkStep(file, allNodes(model), unit, group, step, generated));
      }
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      String group = task.getCamundaCandidateGroups();
      if (group != null && !expectedGroups.contains(group) && !ROLE_GROUPS.contains(group)) {
        findings.add(new Finding(file, task.getId(), "任务「" + task.getName() + "」交给了清单未规定的单位「" + group + "」"));
      }
    }
    Objects.requireNonNull(nodes);
    return findings;
  }

  private static Collection<FlowNode> allNodes(BpmnModelInstance model) {
    return model.getModelElementsByType(FlowNode.class);
  }

  /**
   * @param generated whether the file is the generator's: a hand-modelled item shows its case patterns in its own way
   */
  private List<Finding> checkStep(String file, Collection<FlowNode> nodes, Responsibility unit, String group, Step step,
      boolean generated) {
    String who = unit.party().name();
    List<FlowNode> named = nodes.stream().filter(n -> step.name().equals(n.getName()))
        .filter(n -> !BlueprintGenerator.insidePattern(n)).toList();
    if (step.followsPattern() && generated) {
      boolean drawn = named.stream().anyMatch(n -> BlueprintGenerator.patternOf(n).filter(step.pattern().label()::equals)
          .isPresent());
      return drawn ? List.of() : List.of(new Finding(file, null, who + "的步骤「" + step.name() + "」应按「"
          + step.pattern().label() + "」模式办理（清单「案件模式」列），蓝图中没有对应的模式子流程"));
    }
    if (step.kind() == Step.Kind.START || step.kind() == Step.Kind.OUTSIDE) {
      String what = step.kind() == Step.Kind.START ? "是启动案件的报告（〔启动〕），应是案件的开始，不是任务"
          : "是案件之外的日常工作（〔非案件〕），不应在案件流程中";
      return named.stream().filter(UserTask.class::isInstance).map(UserTask.class::cast)
          .filter(t -> group.equals(t.getCamundaCandidateGroups()))
          .map(t -> new Finding(file, t.getId(), who + "的步骤「" + step.name() + "」" + what)).toList();
    }
    if (named.isEmpty()) {
      return List.of(new Finding(file, null, who + "的步骤「" + step.name() + "」没有对应的任务"));
    }
    List<UserTask> tasks = named.stream().filter(UserTask.class::isInstance).map(UserTask.class::cast).toList();
    if (tasks.isEmpty()) {
      return List.of(); // done by the platform (a service task of the same name), e.g. 录入信用档案
    }
    List<UserTask> ofUnit = tasks.stream().filter(t -> group.equals(t.getCamundaCandidateGroups())).toList();
    if (ofUnit.isEmpty()) {
      if (tasks.stream().anyMatch(t -> t.getCamundaCandidateGroups() == null || expectedSomewhereElse(t, group))) {
        UserTask task = tasks.get(0);
        return List.of(new Finding(file, task.getId(), who + "的步骤「" + step.name() + "」的候选组应为「" + group
            + "」，实际「" + task.getCamundaCandidateGroups() + "」"));
      }
      return List.of(new Finding(file, null, who + "的步骤「" + step.name() + "」没有交给「" + group + "」的任务"));
    }
    String due = BlueprintGenerator.dueExpression(step);
    List<Finding> findings = new ArrayList<>();
    for (UserTask task : ofUnit) {
      if (!due.equals(task.getCamundaDueDate())) {
        findings.add(new Finding(file, task.getId(), who + "的步骤「" + step.name() + "」期限应为「" + due + "」，实际「"
            + task.getCamundaDueDate() + "」"));
      }
    }
    return findings;
  }

  private static boolean expectedSomewhereElse(UserTask task, String group) {
    return !group.equals(task.getCamundaCandidateGroups());
  }
}
