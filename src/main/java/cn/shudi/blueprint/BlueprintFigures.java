package cn.shudi.blueprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;

import cn.shudi.catalog.TimeLimit;

/**
 * The figures of a county's blueprints that say whether they read as runbooks (issue 14), from the BPMN files alone so
 * that any revision can be measured: distinct process shapes (the graph without names, units and deadlines); items
 * with a question (an exclusive gateway that splits); the township's tasks in a clean case (no fact holds: every
 * question answered 否, no deadline passed), median and maximum; the tasks of a clean case due within one day; the
 * items that write the credit file.
 */
final class BlueprintFigures {

  /** One county's figures. */
  record Figures(String county, int items, int shapes, int withGateway, double townshipMedian, int townshipMax,
      int dueWithinADay, int writingCredit) {

    @Override
    public String toString() {
      return county + "：事项 " + items + "，流程形状 " + shapes + " 种，含判断网关的事项 " + withGateway
          + "，无事发生的案件中镇街任务 中位数 " + townshipMedian + "、最多 " + townshipMax + "，一天内到期的无条件任务 "
          + dueWithinADay + "，写入信用档案的事项 " + writingCredit;
    }
  }

  private static final Pattern DUE = Pattern.compile("after\\('([^']*)'\\)");

  private BlueprintFigures() {
  }

  /** The figures of {@code processes/<county>/*.bpmn}. */
  static Figures of(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
    Set<String> shapes = new HashSet<>();
    int withGateway = 0;
    int dueWithinADay = 0;
    int credit = 0;
    List<Integer> township = new ArrayList<>();
    for (Path file : files) {
      String xml = Files.readString(file);
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      shapes.add(shape(model));
      if (model.getModelElementsByType(ExclusiveGateway.class).stream().anyMatch(g -> g.getOutgoing().size() > 1)) {
        withGateway++;
      }
      List<UserTask> clean = cleanCase(model);
      township.add((int) clean.stream().filter(t -> ItemProcess.TOWNSHIP_CANDIDATE.equals(t.getCamundaCandidateGroups()))
          .count());
      dueWithinADay += (int) clean.stream().filter(BlueprintFigures::dueWithinADay).count();
      if (xml.contains(ItemProcess.RECORD_INSPECTION.substring(2, ItemProcess.RECORD_INSPECTION.length() - 1))) {
        credit++;
      }
    }
    List<Integer> sorted = township.stream().sorted().toList();
    double median = sorted.isEmpty() ? 0 : sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
    int max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
    return new Figures(folder.getFileName().toString(), files.size(), shapes.size(), withGateway, median, max,
        dueWithinADay, credit);
  }

  /** The user tasks a case reaches when no fact holds: no flow named 是 taken, no timer fired. */
  static List<UserTask> cleanCase(BpmnModelInstance model) {
    Deque<FlowNode> open = new ArrayDeque<>(model.getModelElementsByType(StartEvent.class).stream()
        .filter(s -> s.getParentElement() instanceof org.camunda.bpm.model.bpmn.instance.Process).toList());
    Set<FlowNode> seen = new HashSet<>(open);
    List<UserTask> tasks = new ArrayList<>();
    while (!open.isEmpty()) {
      FlowNode node = open.poll();
      if (node instanceof UserTask task) {
        tasks.add(task);
      }
      for (SequenceFlow flow : node.getOutgoing()) {
        if (!"是".equals(flow.getName()) && seen.add(flow.getTarget())) {
          open.add(flow.getTarget());
        }
      }
    }
    return tasks;
  }

  static boolean dueWithinADay(UserTask task) {
    Matcher due = DUE.matcher(String.valueOf(task.getCamundaDueDate()));
    if (!due.find()) {
      return false;
    }
    TimeLimit limit = TimeLimit.parse(due.group(1));
    return switch (limit.kind()) {
      case HOURS -> limit.amount() <= 24;
      case DAYS, WORKING_DAYS -> limit.amount() <= 1;
    };
  }

  /** The graph without names, ids, units and deadlines: node kinds in the order the start reaches them, and edges. */
  static String shape(BpmnModelInstance model) {
    Map<FlowNode, Integer> order = new LinkedHashMap<>();
    Deque<FlowNode> open = new ArrayDeque<>(model.getModelElementsByType(StartEvent.class));
    open.forEach(n -> order.put(n, order.size()));
    StringBuilder shape = new StringBuilder();
    while (!open.isEmpty()) {
      FlowNode node = open.poll();
      List<FlowNode> next = new ArrayList<>(node.getOutgoing().stream().map(SequenceFlow::getTarget).toList());
      if (node instanceof Activity activity) {
        Collection<BoundaryEvent> boundaries = model.getModelElementsByType(BoundaryEvent.class).stream()
            .filter(b -> b.getAttachedTo() == activity).toList();
        next.addAll(boundaries);
      }
      shape.append(node.getElementType().getTypeName()).append(order.get(node)).append("→");
      for (FlowNode target : next) {
        if (!order.containsKey(target)) {
          order.put(target, order.size());
          open.add(target);
        }
        shape.append(order.get(target)).append(',');
      }
      shape.append(';');
    }
    return shape.toString();
  }
}
