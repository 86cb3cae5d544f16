package cn.shudi.blueprint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Collaboration;
import org.camunda.bpm.model.bpmn.instance.Condition;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Definitions;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.LaneSet;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimeDate;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;

import cn.shudi.catalog.CaseFact;
import cn.shudi.catalog.CasePattern;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;
import cn.shudi.catalog.TimeLimit;
import cn.shudi.organization.Jurisdiction;

/**
 * Builds an item's blueprint from its list row with the Camunda BPMN model API: the units' paths in
 * parallel lanes, each duty step a user task with its due date, a reminder before and supervision at
 * the deadline, then the join, the recorded result and the township's evaluation. The layout is
 * computed here (left to right, one lane per unit); see docs/blueprint-conventions.md.
 */
public class BlueprintGenerator {

  static final String HISTORY_TIME_TO_LIVE = "P365D";
  /** The exporter a generated blueprint names (hand-modelled ones name Camunda Modeler). */
  static final String EXPORTER = "shudi-blueprint-generator";
  static final String DUTY_FORM = "duty-step";
  static final String START_FORM = ItemProcess.START_FORM;
  /** A pattern task's time limit in its fragment: {@code <camunda:property name="时限" value="3个工作日"/>}. */
  static final String LIMIT_PROPERTY = "时限";
  /** Marks a step's sub-process as its case pattern: {@code <camunda:property name="案件模式" value="检查"/>}. */
  public static final String PATTERN_PROPERTY = "案件模式";

  /** The case pattern a sub-process of a blueprint runs (its {@value #PATTERN_PROPERTY} property), if it is one. */
  public static Optional<String> patternOf(FlowNode node) {
    return node instanceof SubProcess ? property(node, PATTERN_PROPERTY) : Optional.empty();
  }

  /** An element's {@code <camunda:property name="…">} value, if it has one. */
  static Optional<String> property(BaseElement element, String name) {
    if (element.getExtensionElements() == null) {
      return Optional.empty();
    }
    return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream()).filter(p -> name.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue).findFirst();
  }

  /** Whether the node is inside a step's case pattern (not a step of the list itself). */
  public static boolean insidePattern(FlowNode node) {
    for (var parent = node.getParentElement(); parent != null; parent = parent.getParentElement()) {
      if (parent instanceof SubProcess sub && patternOf(sub).isPresent()) {
        return true;
      }
    }
    return false;
  }

  // layout, in pixels
  private static final int POOL_X = 40;
  private static final int POOL_Y = 40;
  private static final int POOL_LABEL = 30;
  private static final int LANE_HEIGHT = 320;
  private static final int STEP_ROW = 20; // from the lane's top to a step's top
  private static final int START_X = 120;
  private static final int FORK_X = 200;
  private static final int FIRST_STEP_X = 320;
  private static final int STEP_PITCH = 300;
  private static final int TASK_W = 100;
  private static final int TASK_H = 80;
  private static final int EVENT = 36;
  private static final int GATEWAY = 50;
  private static final int ESCALATION_ROW = 130; // from a step's top to the reminder/supervision boxes
  private static final int END_ROW = 110; // from those boxes' top to their end events
  private static final int CONDITION_PREFIX = 80; // the question's gateway before a conditional step
  private static final int HANDOVER_X = 250; // from a handing step's left to the gateway that starts the receiver
  private static final int HANDOVER_SUFFIX = 200; // the room that gateway (and the merge after it) takes

  public static String processKey(Item item) {
    return ItemProcess.key(item.code());
  }

  /** The unit part of a step's id: unit code, or {@code township} for the case's township. */
  public static String unitKey(Responsibility responsibility) {
    return responsibility.party().fixedUnit().map(u -> u.code()).orElse(ItemProcess.TOWNSHIP_UNIT);
  }

  public static String candidateGroup(Responsibility responsibility) {
    return responsibility.party().fixedUnit().map(u -> u.groupId())
        .orElse(ItemProcess.TOWNSHIP_CANDIDATE);
  }

  public static String stepId(Item item, Responsibility responsibility, int index) {
    return stepElement(item, responsibility, index).id();
  }

  static ItemProcess.Element stepElement(Item item, Responsibility responsibility, int index) {
    return ItemProcess.ids(item.code()).step(unitKey(responsibility), index + 1);
  }

  public static String dueExpression(Step step) {
    return ItemProcess.dueExpression(step.timeLimit().label());
  }

  static String reminderExpression(Step step) {
    return ItemProcess.reminderExpression(step.timeLimit().label());
  }

  public BpmnModelInstance generate(Item item, Jurisdiction jurisdiction) {
    return new Build(item, jurisdiction).run();
  }

  /** One generation: the model under construction and its diagram. */
  private static final class Build {
    private final Item item;
    private final ItemProcess.Ids names;
    private final BpmnModelInstance model = Bpmn.createEmptyModel();
    private Process process;
    private LaneSet laneSet;
    private Diagram diagram;
    private int flows;

    Build(Item item, Jurisdiction jurisdiction) {
      this.item = item;
      this.names = ItemProcess.ids(item.code());
    }

    BpmnModelInstance run() {
      Definitions definitions = model.newInstance(Definitions.class);
      definitions.setId(names.element("definitions").id());
      definitions.setTargetNamespace("https://shudi.cn/blueprints");
      definitions.setExporter(EXPORTER);
      definitions.setExporterVersion("1");
      definitions.getDomElement().registerNamespace("camunda", BpmnModelConstants.CAMUNDA_NS);
      model.setDefinitions(definitions);

      Collaboration collaboration = model.newInstance(Collaboration.class);
      collaboration.setId(names.element("collaboration").id());
      definitions.addChildElement(collaboration);

      process = model.newInstance(Process.class);
      process.setId(names.key());
      process.setName(item.name());
      process.setExecutable(true);
      process.setCamundaHistoryTimeToLiveString(HISTORY_TIME_TO_LIVE);
      definitions.addChildElement(process);
      Documentation about = model.newInstance(Documentation.class);
      about.setId(names.element("about").id());
      about.setTextContent(item.code() + " " + item.domain() + "：" + item.name() + "。依据：" + item.legalBasis()
          + "。办结时限：" + item.timeLimit().label() + "。" + outsideCase());
      process.getDocumentations().add(about);

      Participant pool = model.newInstance(Participant.class);
      pool.setId(names.element("pool").id());
      pool.setName(item.code() + " " + item.name());
      pool.setProcess(process);
      collaboration.addChildElement(pool);

      laneSet = model.newInstance(LaneSet.class);
      laneSet.setId(names.element("lanes").id());
      process.addChildElement(laneSet);

      diagram = new Diagram(model, names.key(), collaboration);
      layOut(pool);
      return model;
    }

    /** The units with a path in the case: the primary always (the main line runs in its lane), others with tasks. */
    private List<Responsibility> lanes() {
      return item.responsibilities().stream()
          .filter(r -> r.primary() || r.steps().stream().anyMatch(Step::isTask)).toList();
    }

    /** The indexes (in the list) of a unit's steps that are tasks of the case. */
    private static List<Integer> tasks(Responsibility unit) {
      List<Integer> tasks = new ArrayList<>();
      for (int i = 0; i < unit.steps().size(); i++) {
        if (unit.steps().get(i).isTask()) {
          tasks.add(i);
        }
      }
      return tasks;
    }

    /** A hand-over of the case: the handing unit's step (its index in the list) and the unit whose path it starts. */
    private record HandOver(Responsibility from, int index, Responsibility to) {
    }

    /**
     * The hand-over that starts this unit's path, if another unit hands the case to it: the unit's work begins when
     * the handing step is done (a flow from that step), not at the fork — so a fact the handing unit finds late still
     * reaches it.
     */
    private Optional<HandOver> receivedBy(Responsibility unit) {
      if (tasks(unit).isEmpty()) {
        return Optional.empty();
      }
      for (Responsibility from : lanes()) {
        for (int i : tasks(from)) {
          if (from != unit && unit.party().name().equals(from.steps().get(i).handOverTo())) {
            return Optional.of(new HandOver(from, i, unit));
          }
        }
      }
      return Optional.empty();
    }

    /** The unit whose path this step starts, if the step hands the case over to one. */
    private Optional<Responsibility> handsOverTo(Responsibility unit, int index) {
      return lanes().stream().map(this::receivedBy).flatMap(Optional::stream)
          .filter(h -> h.from() == unit && h.index() == index).map(HandOver::to).findFirst();
    }

    /** The first column (across the lanes) of a unit's path: after the step that hands the case to it. */
    private int offset(Responsibility unit) {
      int offset = 0;
      Responsibility at = unit;
      for (int hops = 0; hops < lanes().size(); hops++) { // a cycle of hand-overs cannot push a path off for ever
        Optional<HandOver> received = receivedBy(at);
        if (received.isEmpty()) {
          break;
        }
        offset += tasks(received.get().from()).indexOf(received.get().index()) + 1;
        at = received.get().from();
      }
      return offset;
    }

    /**
     * Whether the step asks its condition: not when it is the first step of a path started by a hand-over under the
     * same condition (the hand-over only happens when the fact holds).
     */
    private boolean asks(Responsibility unit, int index) {
      Step step = unit.steps().get(index);
      if (!step.isConditional()) {
        return false;
      }
      Optional<HandOver> received = receivedBy(unit);
      return received.isEmpty() || tasks(unit).get(0) != index
          || received.get().from().steps().get(received.get().index()).condition() != step.condition();
    }

    private int prefix(Responsibility unit, int index) {
      return asks(unit, index) ? CONDITION_PREFIX : 0;
    }

    private int suffix(Responsibility unit, int index) {
      return handsOverTo(unit, index).isPresent() ? HANDOVER_SUFFIX : 0;
    }

    /** Whether some unit's path starts only when a fact holds: then the join waits only for the paths that started. */
    private boolean conditionalHandOver() {
      return lanes().stream().map(this::receivedBy).flatMap(Optional::stream)
          .anyMatch(h -> h.from().steps().get(h.index()).isConditional());
    }

    /** The list's 〔非案件〕 steps: the units' routine work, noted with the item, not steps of its cases. */
    private String outsideCase() {
      List<String> notes = new ArrayList<>();
      for (Responsibility r : item.responsibilities()) {
        r.steps().stream().filter(st -> st.kind() == Step.Kind.OUTSIDE)
            .forEach(st -> notes.add(r.party().name() + "·" + st.name() + "：" + st.description() + "（"
                + st.timeLimit().label() + "）"));
      }
      return notes.isEmpty() ? "" : "不属于案件的日常工作（不在案件流程中）：" + String.join("；", notes) + "。";
    }

    private void layOut(Participant pool) {
      List<Responsibility> units = lanes();
      int columns = units.stream().mapToInt(r -> offset(r) + tasks(r).size()).max().orElse(1);
      int[] columnX = new int[Math.max(columns, 1)];
      int[] after = new int[columnX.length]; // the widest suffix of a column
      for (int c = 0; c < columnX.length; c++) {
        int widest = 0;
        for (Responsibility unit : units) {
          List<Integer> own = tasks(unit);
          int local = c - offset(unit);
          if (local >= 0 && local < own.size()) {
            widest = Math.max(widest, prefix(unit, own.get(local)));
            after[c] = Math.max(after[c], suffix(unit, own.get(local)));
          }
        }
        columnX[c] = (c == 0 ? FIRST_STEP_X : columnX[c - 1] + STEP_PITCH + after[c - 1]) + widest;
      }
      Optional<Step> credit = item.primary().steps().stream().filter(st -> st.kind() == Step.Kind.CREDIT).findFirst();
      int joinX = columnX[columnX.length - 1] + STEP_PITCH + after[columnX.length - 1];
      int creditX = joinX + 100;
      int recordX = credit.isPresent() ? creditX + 160 : joinX + 100;
      int evaluateX = recordX + 160;
      int endX = evaluateX + 160;
      int width = endX + EVENT + 60 - POOL_X;
      int height = units.size() * LANE_HEIGHT;
      diagram.shape(pool, POOL_X, POOL_Y, width, height).setHorizontal(true);

      int mainTop = POOL_Y + STEP_ROW; // the primary lane's step row carries the main line
      int mainY = mainTop + TASK_H / 2;

      StartEvent start = node(StartEvent.class, names.start().id(), "案件已受理");
      start.setCamundaFormRef(START_FORM);
      start.setCamundaFormRefBinding("deployment");
      documentStart(start);
      CamundaExecutionListener opening = extensions(start).addExtensionElement(CamundaExecutionListener.class);
      opening.setCamundaEvent("start");
      opening.setCamundaDelegateExpression(ItemProcess.OPENING_LISTENER);
      ParallelGateway fork = node(ParallelGateway.class, names.fork().id(), "并行办理");
      // a path a conditional hand-over may never start: the join waits for the paths that did (an inclusive join)
      Gateway join = conditionalHandOver() ? node(InclusiveGateway.class, names.join().id(), null)
          : node(ParallelGateway.class, names.join().id(), null);
      join.setCamundaAsyncBefore(true); // township and department finish at once: the join retries as a job
      ServiceTask record = node(ServiceTask.class, names.record().id(), "记录办理结果");
      record.setCamundaExpression(ItemProcess.RECORD_RESULT);
      CallActivity evaluate = node(CallActivity.class, names.evaluate().id(), "评价部门履职");
      evaluate.setCalledElement(ItemProcess.EVALUATION_KEY);
      evaluate.setCamundaCalledElementBinding("deployment");
      extensions(evaluate).addExtensionElement(CamundaIn.class).setCamundaVariables("all");
      EndEvent end = node(EndEvent.class, names.end().id(), "案件已办结");

      diagram.shape(start, START_X, mainY - EVENT / 2, EVENT, EVENT);
      diagram.shape(fork, FORK_X, mainY - GATEWAY / 2, GATEWAY, GATEWAY);
      diagram.shape(join, joinX, mainY - GATEWAY / 2, GATEWAY, GATEWAY);
      diagram.shape(record, recordX, mainTop, TASK_W, TASK_H);
      diagram.shape(evaluate, evaluateX, mainTop, TASK_W, TASK_H);
      diagram.shape(end, endX, mainY - EVENT / 2, EVENT, EVENT);
      connect(start, fork, START_X + EVENT, mainY, FORK_X, mainY);
      List<FlowNode> mainLine = new ArrayList<>(List.of(start, fork, join, record, evaluate, end));
      Map<FlowNode, Entry> handOvers = new java.util.LinkedHashMap<>();
      Map<Responsibility, Entry> starts = new HashMap<>();
      if (credit.isPresent()) {
        ServiceTask entry = node(ServiceTask.class, names.credit().id(), credit.get().name());
        entry.setCamundaAsyncBefore(true); // a bad credit code is an incident to correct and retry, not a lost case
        entry.setCamundaExpression(ItemProcess.RECORD_INSPECTION);
        document(entry, names.credit().part("doc").id(), credit.get().description() + "（由平台在各单位办结后自动写入，每案一条）");
        diagram.shape(entry, creditX, mainTop, TASK_W, TASK_H);
        connect(join, entry, joinX + GATEWAY, mainY, creditX, mainY);
        connect(entry, record, creditX + TASK_W, mainY, recordX, mainY);
        mainLine.add(entry);
      } else {
        connect(join, record, joinX + GATEWAY, mainY, recordX, mainY);
      }
      connect(record, evaluate, recordX + TASK_W, mainY, evaluateX, mainY);
      connect(evaluate, end, evaluateX + TASK_W, mainY, endX, mainY);

      for (int u = 0; u < units.size(); u++) {
        Responsibility unit = units.get(u);
        int laneTop = POOL_Y + u * LANE_HEIGHT;
        Lane lane = model.newInstance(Lane.class);
        lane.setId(names.lane(unitKey(unit)).id());
        lane.setName(unit.party().isCaseTownship() ? "镇街（案件所在地）" : unit.party().name());
        laneSet.getLanes().add(lane);
        diagram.shape(lane, POOL_X + POOL_LABEL, laneTop, width - POOL_LABEL, LANE_HEIGHT).setHorizontal(true);
        if (u == 0) {
          mainLine.forEach(node -> lane.getFlowNodeRefs().add(node));
        }
        int rowTop = laneTop + STEP_ROW;
        int rowY = rowTop + TASK_H / 2;
        FlowNode previous = fork;
        int previousRight = FORK_X + GATEWAY;
        List<Integer> own = tasks(unit);
        for (int c = 0; c < own.size(); c++) {
          int x = columnX[offset(unit) + c];
          Column column = column(lane, unit, own.get(c), x, rowTop, laneTop);
          if (c == 0 && receivedBy(unit).isPresent()) {
            starts.put(unit, new Entry(column.entry(), column.entryX(), rowY)); // drawn from the handing step below
          } else if (previous == fork && u > 0) {
            connect(fork, column.entry(), FORK_X + GATEWAY / 2, mainY + GATEWAY / 2, FORK_X + GATEWAY / 2, rowY,
                column.entryX(), rowY);
          } else {
            connect(previous, column.entry(), previousRight, rowY, column.entryX(), rowY);
          }
          if (column.handOver() != null) {
            handOvers.put(column.handOver(), new Entry(column.handOver(), column.handOverX(), rowY));
          }
          previous = column.exit();
          previousRight = column.exitX();
        }
        if (own.isEmpty()) {
          connect(fork, join, FORK_X + GATEWAY, mainY, joinX, mainY); // a primary with nothing in the case
        } else if (u == 0) {
          connect(previous, join, previousRight, rowY, joinX, rowY);
        } else {
          connect(previous, join, previousRight, rowY, joinX + GATEWAY / 2, rowY, joinX + GATEWAY / 2,
              mainY + GATEWAY / 2);
        }
      }
      // each hand-over starts the receiving unit's path: down (or up) from the handing gateway, then right to it
      for (Map.Entry<FlowNode, Entry> handOver : handOvers.entrySet()) {
        Responsibility to = lanes().stream().filter(r -> receivedBy(r).map(h -> stepElement(item, h.from(), h.index())
            .part("handover").id().equals(handOver.getKey().getId())).orElse(false)).findFirst().orElseThrow();
        Entry from = handOver.getValue();
        Entry into = starts.get(to);
        int middle = from.x() + GATEWAY / 2;
        int leave = into.y() > from.y() ? from.y() + GATEWAY / 2 : from.y() - GATEWAY / 2;
        connect(handOver.getKey(), into.node(), middle, leave, middle, into.y(), into.x(), into.y());
      }
    }

    /** A node's left edge and its row. */
    private record Entry(FlowNode node, int x, int y) {
    }

    /**
     * Where a column of a lane is entered and left, and the gateway that starts another unit's path when the step
     * hands the case over (null otherwise).
     */
    private record Column(FlowNode entry, int entryX, FlowNode exit, int exitX, FlowNode handOver, int handOverX) {
    }

    /**
     * One step of a unit's path: its task, behind the question of its condition (是 → the task, 否 → past it), and
     * followed by the gateway that starts the receiving unit's path when the step hands the case over.
     */
    private Column column(Lane lane, Responsibility unit, int index, int x, int top, int laneTop) {
      Step step = unit.steps().get(index);
      ItemProcess.Element element = stepElement(item, unit, index);
      int rowY = top + TASK_H / 2;
      Activity task = step(lane, unit, index, x, top);
      FlowNode entry = task;
      int entryX = x;
      FlowNode done = task;
      int doneX = x + TASK_W;
      ParallelGateway handOver = null;
      int handOverX = 0;
      Optional<Responsibility> receiver = handsOverTo(unit, index);
      if (receiver.isPresent()) {
        handOver = node(ParallelGateway.class, element.part("handover").id(), "移交" + receiver.get().party().name());
        lane.getFlowNodeRefs().add(handOver);
        handOverX = x + HANDOVER_X;
        diagram.label(diagram.shape(handOver, handOverX, rowY - GATEWAY / 2, GATEWAY, GATEWAY), handOverX - 75, rowY + 6,
            70, 28);
        connect(task, handOver, x + TASK_W, rowY, handOverX, rowY);
        done = handOver;
        doneX = handOverX + GATEWAY;
      }
      if (!asks(unit, index)) {
        return new Column(entry, entryX, done, doneX, handOver, handOverX);
      }
      CaseFact fact = step.condition();
      ExclusiveGateway split = node(ExclusiveGateway.class, element.part("when").id(), fact.question());
      ExclusiveGateway merge = node(ExclusiveGateway.class, element.part("merge").id(), null);
      lane.getFlowNodeRefs().add(split);
      lane.getFlowNodeRefs().add(merge);
      int splitX = x - prefix(unit, index);
      int splitMiddle = splitX + GATEWAY / 2;
      int mergeX = doneX + 30;
      int bypassY = laneTop + 8;
      diagram.label(diagram.shape(split, splitX, rowY - GATEWAY / 2, GATEWAY, GATEWAY), splitX - 20, rowY + GATEWAY / 2 + 2,
          90, 14);
      diagram.shape(merge, mergeX, rowY - GATEWAY / 2, GATEWAY, GATEWAY);
      SequenceFlow yes = connect(split, entry, splitX + GATEWAY, rowY, entryX, rowY);
      answer(yes, "是", "${execution.getVariable('" + fact.variable() + "') == true}", splitX + GATEWAY + 2, rowY - 18);
      SequenceFlow no = connect(split, merge, splitMiddle, rowY - GATEWAY / 2, splitMiddle, bypassY, mergeX + GATEWAY / 2,
          bypassY, mergeX + GATEWAY / 2, rowY - GATEWAY / 2);
      answer(no, "否", "${execution.getVariable('" + fact.variable() + "') != true}", splitMiddle + 4, bypassY + 4);
      connect(done, merge, doneX, rowY, mergeX, rowY);
      return new Column(split, splitX, merge, mergeX + GATEWAY, handOver, handOverX);
    }

    private void answer(SequenceFlow flow, String name, String condition, int labelX, int labelY) {
      flow.setName(name);
      ConditionExpression expression = model.newInstance(ConditionExpression.class);
      expression.setId(flow.getId() + "_condition");
      expression.setTextContent(condition);
      flow.setConditionExpression(expression);
      diagram.label(diagram.edgeOf(flow), labelX, labelY, 14, 14);
    }

    /** The start's documentation: what starts a case of the item (the list's 〔启动〕 steps). */
    private void documentStart(StartEvent start) {
      List<String> starts = new ArrayList<>();
      for (Responsibility r : item.responsibilities()) {
        r.steps().stream().filter(st -> st.kind() == Step.Kind.START)
            .forEach(st -> starts.add(r.party().name() + "·" + st.name() + "：" + st.description()));
      }
      document(start, names.start().part("doc").id(), starts.isEmpty() ? "案件由指挥中心派单、热线诉求或镇街呼叫受理。"
          : "案件由以下情况启动（启动案件的报告不是案件任务）：" + String.join("；", starts) + "。");
    }

    private void document(FlowNode node, String id, String text) {
      Documentation documentation = model.newInstance(Documentation.class);
      documentation.setId(id);
      documentation.setTextContent(text);
      node.getDocumentations().add(documentation);
    }

    /**
     * A duty step with its reminder and its supervision, laid out in a column of the unit's lane: one task, or the
     * collapsed sub-process of its case pattern.
     */
    private Activity step(Lane lane, Responsibility unit, int index, int x, int top) {
      Step step = unit.steps().get(index);
      ItemProcess.Element element = stepElement(item, unit, index);
      String id = element.id();
      Activity task;
      if (step.followsPattern()) {
        task = patternStep(step, element, candidateGroup(unit));
      } else {
        UserTask userTask = node(UserTask.class, id, step.name());
        Documentation documentation = model.newInstance(Documentation.class);
        documentation.setId(element.doc().id());
        documentation.setTextContent(step.description() + "（时限：" + step.timeLimit().label() + "）");
        userTask.getDocumentations().add(documentation);
        userTask.setCamundaCandidateGroups(candidateGroup(unit));
        userTask.setCamundaDueDate(dueExpression(step));
        userTask.setCamundaFormRef(DUTY_FORM);
        userTask.setCamundaFormRefBinding("deployment");
        CamundaInputOutput io = extensions(userTask).addExtensionElement(CamundaInputOutput.class);
        for (var local : ItemProcess.DUTY_FIELDS) {
          CamundaInputParameter in = model.newInstance(CamundaInputParameter.class);
          in.setCamundaName(local.name());
          io.getCamundaInputParameters().add(in);
        }
        output(io, id + ItemProcess.STEP_RESULT_SUFFIX, "${" + ItemProcess.DUTY_RESULT.name() + "}");
        output(io, id + ItemProcess.STEP_FINDINGS_SUFFIX, "${" + ItemProcess.DUTY_FINDINGS.name() + "}");
        task = userTask;
      }

      BoundaryEvent reminder = timer(task, element.reminder().id(), "即将到期", reminderExpression(step));
      ServiceTask remind = node(ServiceTask.class, element.remind().id(), "提醒即将到期");
      remind.setCamundaExpression(ItemProcess.remindExpression(element));
      EndEvent reminded = node(EndEvent.class, element.reminded().id(), "已提醒");

      BoundaryEvent deadline = timer(task, element.deadline().id(), "办理超期", dueExpression(step));
      CallActivity supervise = node(CallActivity.class, element.supervise().id(), "督办超期事项");
      supervise.setCalledElement(ItemProcess.SUPERVISION_KEY);
      supervise.setCamundaCalledElementBinding("deployment");
      ExtensionElements mappings = extensions(supervise);
      mappings.addExtensionElement(CamundaIn.class).setCamundaVariables("all");
      CamundaIn overdueStep = mappings.addExtensionElement(CamundaIn.class);
      overdueStep.setCamundaSourceExpression(step.name());
      overdueStep.setCamundaTarget(ItemProcess.OVERDUE_STEP.name());
      CamundaIn overdueGroup = mappings.addExtensionElement(CamundaIn.class);
      overdueGroup.setCamundaSourceExpression(candidateGroup(unit));
      overdueGroup.setCamundaTarget(ItemProcess.OVERDUE_GROUP.name());
      EndEvent supervised = node(EndEvent.class, element.supervised().id(), "督办已结束");

      for (FlowNode node : List.of(task, reminder, remind, reminded, deadline, supervise, supervised)) {
        lane.getFlowNodeRefs().add(node);
      }
      int boxTop = top + ESCALATION_ROW;
      int endTop = boxTop + END_ROW;
      int taskBottom = top + TASK_H;
      BpmnShape taskShape = diagram.shape(task, x, top, TASK_W, TASK_H);
      if (task instanceof SubProcess) {
        taskShape.setExpanded(false); // collapsed: Modeler and Cockpit open the pattern's own diagram
      }
      // labels beside their timers, clear of the edges that leave them downwards
      diagram.label(diagram.shape(reminder, x + 7, taskBottom - EVENT / 2, EVENT, EVENT), x - 48, taskBottom + 4, 52, 14);
      diagram.label(diagram.shape(deadline, x + 57, taskBottom - EVENT / 2, EVENT, EVENT), x + 96, taskBottom + 4, 52, 14);
      diagram.shape(remind, x - 25, boxTop, TASK_W, TASK_H);
      diagram.shape(reminded, x + 7, endTop, EVENT, EVENT);
      diagram.shape(supervise, x + 135, boxTop, TASK_W, TASK_H);
      diagram.shape(supervised, x + 167, endTop, EVENT, EVENT);
      connect(reminder, remind, x + 25, taskBottom + EVENT / 2, x + 25, boxTop);
      connect(remind, reminded, x + 25, boxTop + TASK_H, x + 25, endTop);
      connect(deadline, supervise, x + 75, taskBottom + EVENT / 2, x + 75, taskBottom + 30, x + 185, taskBottom + 30,
          x + 185, boxTop);
      connect(supervise, supervised, x + 185, boxTop + TASK_H, x + 185, endTop);
      return task;
    }

    /**
     * A step that follows a case pattern: a sub-process with the step's id and name, holding a copy of the pattern's
     * hand-designed fragment (ids prefixed with the step's, tasks for the step's unit with their own due dates), drawn
     * collapsed in the lane and in full on its own diagram. Its result variable is set when the procedure ends, so a
     * hand-over from the step works as from a task.
     */
    private SubProcess patternStep(Step step, ItemProcess.Element element, String group) {
      CasePattern pattern = step.pattern();
      SubProcess sub = node(SubProcess.class, element.id(), step.name());
      document(sub, element.doc().id(), step.description() + "（按" + pattern.label() + "模式办理，时限："
          + step.timeLimit().label() + "；各环节见子流程）");
      CamundaProperties marker = extensions(sub).addExtensionElement(CamundaProperties.class);
      CamundaProperty named = model.newInstance(CamundaProperty.class);
      named.setCamundaName(PATTERN_PROPERTY);
      named.setCamundaValue(pattern.label());
      marker.getCamundaProperties().add(named);
      CamundaInputOutput io = extensions(sub).addExtensionElement(CamundaInputOutput.class);
      output(io, element.id() + ItemProcess.STEP_RESULT_SUFFIX, "已按" + pattern.label() + "模式办结");
      Process fragment = PatternFragments.process(pattern);
      String prefix = element.id() + "_" + pattern.key() + "_"; // clear of the step's own parts (_deadline …)
      Diagram inside = new Diagram(model, element.id(), sub);
      Map<String, FlowNode> copies = new HashMap<>();
      Map<String, String> flowIds = new HashMap<>();
      for (FlowElement original : fragment.getFlowElements()) {
        if (original instanceof FlowNode node) {
          FlowNode copy = copyNode(node, prefix, group, pattern);
          sub.addChildElement(copy);
          copies.put(node.getId(), copy);
        }
      }
      for (SequenceFlow original : fragment.getChildElementsByType(SequenceFlow.class)) {
        SequenceFlow flow = model.newInstance(SequenceFlow.class);
        flow.setId(names.flow(++flows).id()); // numbered like every flow of the blueprint
        flowIds.put(original.getId(), flow.getId());
        if (original.getName() != null) {
          flow.setName(original.getName());
        }
        sub.addChildElement(flow);
        FlowNode from = copies.get(original.getSource().getId());
        FlowNode to = copies.get(original.getTarget().getId());
        flow.setSource(from);
        flow.setTarget(to);
        from.getOutgoing().add(flow);
        to.getIncoming().add(flow);
        if (original.getConditionExpression() != null) {
          ConditionExpression condition = model.newInstance(ConditionExpression.class);
          condition.setId(flow.getId() + "_condition");
          condition.setTextContent(original.getConditionExpression().getTextContent());
          flow.setConditionExpression(condition);
        }
      }
      for (BpmnShape shape : fragment.getModelInstance().getModelElementsByType(BpmnShape.class)) {
        BaseElement target = model.getModelElementById(prefix + shape.getBpmnElement().getId());
        Bounds b = shape.getBounds();
        BpmnShape copy = inside.shape(target, b.getX(), b.getY(), b.getWidth(), b.getHeight());
        if (shape.getBpmnLabel() != null && shape.getBpmnLabel().getBounds() != null) {
          Bounds l = shape.getBpmnLabel().getBounds();
          inside.label(copy, l.getX(), l.getY(), l.getWidth(), l.getHeight());
        }
      }
      for (BpmnEdge edge : fragment.getModelInstance().getModelElementsByType(BpmnEdge.class)) {
        SequenceFlow flow = model.getModelElementById(flowIds.get(edge.getBpmnElement().getId()));
        double[] points = new double[edge.getWaypoints().size() * 2];
        int i = 0;
        for (Waypoint waypoint : edge.getWaypoints()) {
          points[i++] = waypoint.getX();
          points[i++] = waypoint.getY();
        }
        BpmnEdge copy = inside.edge(flow, points);
        if (edge.getBpmnLabel() != null && edge.getBpmnLabel().getBounds() != null) {
          Bounds l = edge.getBpmnLabel().getBounds();
          inside.label(copy, l.getX(), l.getY(), l.getWidth(), l.getHeight());
        }
      }
      return sub;
    }

    /** One node of a pattern's fragment, for this step: the kinds a fragment may hold, nothing else. */
    private FlowNode copyNode(FlowNode original, String prefix, String group, CasePattern pattern) {
      FlowNode copy;
      if (original instanceof UserTask task) {
        UserTask userTask = model.newInstance(UserTask.class);
        String limit = property(task, LIMIT_PROPERTY).orElse(null);
        if (limit == null || task.getCamundaFormRef() == null) {
          throw new IllegalStateException(PatternFragments.file(pattern) + " 的任务「" + task.getName()
              + "」缺少时限（camunda:property 时限）或表单（camunda:formRef）");
        }
        userTask.setCamundaCandidateGroups(group);
        String due = TimeLimit.parse(limit).label();
        userTask.setCamundaDueDate(ItemProcess.dueExpression(due));
        userTask.setCamundaFormRef(task.getCamundaFormRef());
        userTask.setCamundaFormRefBinding("deployment");
        CamundaInputOutput io = extensions(userTask).addExtensionElement(CamundaInputOutput.class);
        if (task.getExtensionElements() != null) {
          for (CamundaInputOutput mapping : task.getExtensionElements().getElementsQuery()
              .filterByType(CamundaInputOutput.class).list()) {
            for (CamundaInputParameter in : mapping.getCamundaInputParameters()) {
              CamundaInputParameter local = model.newInstance(CamundaInputParameter.class);
              local.setCamundaName(in.getCamundaName());
              // a fact of the case shows as the case has it, so completing the form does not untick it unasked
              CaseFact.ofVariable(in.getCamundaName()).ifPresent(
                  fact -> local.setTextContent("${execution.getVariable('" + fact.variable() + "') == true}"));
              io.getCamundaInputParameters().add(local);
            }
            for (CamundaOutputParameter out : mapping.getCamundaOutputParameters()) {
              output(io, out.getCamundaName(), out.getTextContent());
            }
          }
        }
        String about = task.getDocumentations().isEmpty() ? "" : task.getDocumentations().iterator().next().getTextContent();
        copy = userTask;
        copy.setId(prefix + original.getId());
        document(userTask, copy.getId() + "_doc", about + "（时限：" + due + "）");
      } else if (original instanceof IntermediateCatchEvent event) {
        IntermediateCatchEvent wait = model.newInstance(IntermediateCatchEvent.class);
        TimerEventDefinition definition = event.getEventDefinitions().stream()
            .filter(TimerEventDefinition.class::isInstance).map(TimerEventDefinition.class::cast).findFirst()
            .orElseThrow(() -> new IllegalStateException(PatternFragments.file(pattern) + " 的中间事件「"
                + event.getName() + "」不是定时事件：片段只可等待时限"));
        TimerEventDefinition timer = model.newInstance(TimerEventDefinition.class);
        timer.setId(prefix + original.getId() + "_timer");
        TimeDate date = model.newInstance(TimeDate.class);
        date.setId(prefix + original.getId() + "_time");
        date.setTextContent(definition.getTimeDate().getTextContent());
        timer.setTimeDate(date);
        wait.getEventDefinitions().add(timer);
        copy = wait;
      } else if (original instanceof StartEvent start && start.getEventDefinitions().isEmpty()) {
        copy = model.newInstance(StartEvent.class);
      } else if (original instanceof EndEvent end && end.getEventDefinitions().isEmpty()) {
        copy = model.newInstance(EndEvent.class);
      } else if (original instanceof ExclusiveGateway) {
        copy = model.newInstance(ExclusiveGateway.class);
      } else {
        throw new IllegalStateException(PatternFragments.file(pattern) + " 含不允许的元素「" + original.getId()
            + "」（" + original.getElementType().getTypeName() + "）：片段只可有开始、结束、用户任务、排他网关和定时等待");
      }
      copy.setId(prefix + original.getId());
      if (original.getName() != null) {
        copy.setName(original.getName());
      }
      return copy;
    }

    private BoundaryEvent timer(Activity attachedTo, String id, String name, String date) {
      BoundaryEvent event = node(BoundaryEvent.class, id, name);
      event.setAttachedTo(attachedTo);
      event.setCancelActivity(false);
      TimerEventDefinition timer = model.newInstance(TimerEventDefinition.class);
      timer.setId(id + "_timer");
      TimeDate timeDate = model.newInstance(TimeDate.class);
      timeDate.setId(id + "_time");
      timeDate.setTextContent(date);
      timer.setTimeDate(timeDate);
      event.getEventDefinitions().add(timer);
      return event;
    }

    private void output(CamundaInputOutput io, String name, String expression) {
      CamundaOutputParameter out = model.newInstance(CamundaOutputParameter.class);
      out.setCamundaName(name);
      out.setTextContent(expression);
      io.getCamundaOutputParameters().add(out);
    }

    private ExtensionElements extensions(BaseElement element) {
      ExtensionElements extensions = element.getExtensionElements();
      if (extensions == null) {
        extensions = model.newInstance(ExtensionElements.class);
        element.setExtensionElements(extensions);
      }
      return extensions;
    }

    private <T extends FlowNode> T node(Class<T> type, String id, String name) {
      T node = model.newInstance(type);
      node.setId(id);
      if (name != null) {
        node.setName(name);
      }
      process.addChildElement(node);
      return node;
    }

    private SequenceFlow connect(FlowNode from, FlowNode to, double... waypoints) {
      SequenceFlow flow = model.newInstance(SequenceFlow.class);
      flow.setId(names.flow(++flows).id());
      process.addChildElement(flow);
      flow.setSource(from);
      flow.setTarget(to);
      from.getOutgoing().add(flow);
      to.getIncoming().add(flow);
      diagram.edge(flow, waypoints);
      return flow;
    }
  }

  /** The ids of an item's tasks (its case steps, conditional or not), in order. */
  public static List<String> stepIds(Item item) {
    List<String> ids = new ArrayList<>();
    for (Responsibility r : item.responsibilities()) {
      for (int i = 0; i < r.steps().size(); i++) {
        if (r.steps().get(i).isTask()) {
          ids.add(stepId(item, r, i));
        }
      }
    }
    return ids;
  }
}
