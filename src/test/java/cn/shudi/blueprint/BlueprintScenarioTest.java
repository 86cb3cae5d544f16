package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.call.SupervisionProcess;
import cn.shudi.casework.Reminders;
import cn.shudi.catalog.CasePattern;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.PlatformTest;

/**
 * For every item of both lists: a case runs end to end with every parallel task completed by the
 * staff of the unit the list names, and a case whose first deadline passes is supervised by the
 * command centre (and goes to the joint meeting where several departments are involved).
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlueprintScenarioTest {

  static final Organization ORGANIZATION =
      new OrganizationLoader(new DefaultResourceLoader(), "classpath:jurisdictions/").load();
  static final Catalogs CATALOGS = Catalogs.load(new DefaultResourceLoader(), "classpath:jurisdictions/",
      ORGANIZATION, new CatalogLoader());

  @Autowired
  ProcessEngine engine;

  static Stream<Arguments> items() {
    List<Arguments> all = new ArrayList<>();
    for (Jurisdiction jurisdiction : ORGANIZATION.jurisdictions()) {
      for (Item item : CATALOGS.of(jurisdiction.code()).items()) {
        all.add(Arguments.of(jurisdiction.code(), item.code(), item.name()));
      }
    }
    return all.stream();
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  Item item(String jurisdiction, String code) {
    return CATALOGS.of(jurisdiction).item(code).orElseThrow();
  }

  String township(String jurisdiction) {
    return ORGANIZATION.jurisdiction(jurisdiction).townships().get(0).code();
  }

  /**
   * The generated blueprints. Hand-modelled ones have plans, loops and branches of their own; their
   * end-to-end scenarios are in cn.shudi.flagship (the deadline path below holds for them too).
   */
  static Stream<Arguments> generatedItems() {
    return items().filter(a -> {
      try {
        return !BlueprintFiles.isHandModelled(java.nio.file.Path.of("processes", (String) a.get()[0],
            a.get()[1] + ".bpmn"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @ParameterizedTest(name = "{1} {2}：全流程办结")
  @MethodSource("generatedItems")
  void aCaseRunsToTheEndWithEveryUnitsTasksDoneByThatUnit(String jurisdiction, String code, String name) {
    Item item = item(jurisdiction, code);
    CaseDriver driver = new CaseDriver(engine);
    Map<String, Object> facts = facts(item);
    ProcessInstance instance = driver.start(BlueprintGenerator.processKey(item), jurisdiction,
        township(jurisdiction), facts);

    // all units' first tasks are open at once: the paths run in parallel
    List<String> firstSteps = item.responsibilities().stream()
        .flatMap(r -> firstTask(item, r, facts).stream()).map(id -> openedBy(item, id)).toList();
    assertThat(driver.openTasks(instance.getId())).extracting(Task::getTaskDefinitionKey)
        .containsExactlyInAnyOrderElementsOf(firstSteps);

    List<String> done = driver.completeAll(instance.getId(), t -> true);

    String townshipGroup = jurisdiction + "_" + township(jurisdiction);
    List<String> expected = new ArrayList<>();
    for (Responsibility unit : item.responsibilities()) {
      String group = unit.party().fixedUnit().map(u -> u.groupId()).orElse(townshipGroup);
      for (int s = 0; s < unit.steps().size(); s++) {
        if (runs(unit.steps().get(s), facts)) {
          expected.add(BlueprintGenerator.stepId(item, unit, s) + "@" + group);
        }
      }
    }
    // a step that follows a case pattern is done by the pattern's tasks inside it, all for the step's unit
    List<String> doneSteps = done.stream().map(CaseDriver::stepOf).toList();
    assertThat(doneSteps).as("every task of the case, by its unit").containsAll(expected);
    assertThat(doneSteps).as("no duty whose fact does not hold, no report that started the case, no work outside it")
        .allSatisfy(d -> assertThat(expected.contains(d) || !d.startsWith(ItemProcess.key(code) + "_")).isTrue());
    assertThat(driver.isEnded(instance.getId())).as("case ended").isTrue();
    HistoryService history = engine.getHistoryService();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(ItemProcess.CASE_RESULT.name()).singleResult().getValue().toString()).contains("已按要求办理");
    long departments = item.responsibilities().stream()
        .filter(r -> r.party().fixedUnit().filter(u -> u.isDepartment()).isPresent())
        .map(r -> r.party().name()).distinct().count();
    assertThat(done.stream().filter(d -> d.startsWith("shared_evaluation") && d.endsWith("@" + townshipGroup)).count())
        .as("the township rates every department that served").isEqualTo(departments);
  }

  /**
   * The facts a case of the item starts with: none (a clean case) when the item has a task of every case; otherwise
   * every fact its duties depend on, so that the case has work to do, to finish and to be late with.
   */
  static Map<String, Object> facts(Item item) {
    List<Step> steps = item.responsibilities().stream().flatMap(r -> r.steps().stream()).toList();
    if (steps.stream().anyMatch(st -> runs(st, Map.of()))) {
      return Map.of();
    }
    Map<String, Object> facts = new java.util.HashMap<>();
    steps.stream().filter(Step::isConditional).forEach(st -> facts.put(st.condition().variable(), true));
    return facts;
  }

  /** Whether a step is a task of a case started with these facts. */
  static boolean runs(Step step, Map<String, Object> facts) {
    return step.isTask() && (!step.isConditional() || facts.containsKey(step.condition().variable()));
  }

  /**
   * A unit's first task open when a case with these facts starts: its first task that runs, unless another unit's
   * step that runs hands the case over to it first (the unit then waits).
   */
  static java.util.Optional<String> firstTask(Item item, Responsibility unit, Map<String, Object> facts) {
    boolean waits = item.responsibilities().stream().flatMap(r -> r.steps().stream())
        .anyMatch(st -> runs(st, facts) && unit.party().name().equals(st.handOverTo()));
    for (int s = 0; s < unit.steps().size() && !waits; s++) {
      if (runs(unit.steps().get(s), facts)) {
        return java.util.Optional.of(BlueprintGenerator.stepId(item, unit, s));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The task a step of the item opens: its own, or when it follows a case pattern the pattern's first task (the first
   * user task on the fragment's way from its start).
   */
  static String openedBy(Item item, String stepId) {
    for (Responsibility unit : item.responsibilities()) {
      for (int s = 0; s < unit.steps().size(); s++) {
        Step step = unit.steps().get(s);
        if (step.followsPattern() && BlueprintGenerator.stepId(item, unit, s).equals(stepId)) {
          FlowNode node = PatternFragments.process(step.pattern()).getChildElementsByType(StartEvent.class).iterator()
              .next();
          while (!(node instanceof UserTask)) {
            node = node.getOutgoing().iterator().next().getTarget();
          }
          return stepId + "_" + step.pattern().key() + "_" + node.getId();
        }
      }
    }
    return stepId;
  }

  @ParameterizedTest(name = "{1} {2}：超期督办")
  @MethodSource("items")
  void anOverdueStepIsRemindedThenSupervisedByTheCommandCentre(String jurisdiction, String code, String name) {
    Item item = item(jurisdiction, code);
    CaseDriver driver = new CaseDriver(engine);
    Map<String, Object> facts = facts(item);
    ProcessInstance instance = driver.start(BlueprintGenerator.processKey(item), jurisdiction,
        township(jurisdiction), facts);
    Responsibility primary = item.responsibilities().stream().filter(r -> firstTask(item, r, facts).isPresent())
        .findFirst().orElseThrow();
    String firstStep = firstTask(item, primary, facts).orElseThrow();
    TaskService tasks = engine.getTaskService();
    Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(openedBy(item, firstStep))
        .singleResult();
    assertThat(task.getDueDate()).as("due date from the list's time limit").isNotNull();
    // the step's deadline (for a step that follows a case pattern, the whole procedure's; its tasks have their own)
    Date due = engine.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(firstStep + "_deadline").singleResult().getDuedate();

    // just before the deadline: reminded, not yet supervised
    ClockUtil.setCurrentTime(new Date(due.getTime() - Duration.ofMinutes(1).toMillis()));
    driver.runDueJobs(instance.getId());
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getPriority())
        .isEqualTo(Reminders.REMINDED_PRIORITY);

    // past the deadline: the ladder starts (a township's step at its own centre, a department's at the command
    // centre); the unit's task stays open
    ClockUtil.setCurrentTime(new Date(due.getTime() + Duration.ofMinutes(1).toMillis()));
    driver.runDueJobs(instance.getId());
    String supervisor = primary.party().isCaseTownship() ? jurisdiction + "_" + township(jurisdiction)
        : ORGANIZATION.jurisdiction(jurisdiction).commandCentre().groupId();
    String rung = primary.party().isCaseTownship() ? SupervisionProcess.Element.TOWNSHIP.id()
        : SupervisionProcess.Element.TASK.id();
    List<Task> supervision = driver.openTasks(instance.getId()).stream()
        .filter(t -> t.getTaskDefinitionKey().equals(rung)).toList();
    assertThat(supervision).as("the ladder's first rung for %s (other lanes may be overdue too)", supervisor)
        .anySatisfy(t -> assertThat(driver.candidateGroup(t)).isEqualTo(supervisor));
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the work goes on").isOne();

    List<String> escalation = driver.completeAll(instance.getId(),
        t -> !t.getProcessInstanceId().equals(instance.getId()));
    assertThat(escalation).as("urged at the first rung").contains(rung + "@" + supervisor);
    assertThat(escalation.stream().anyMatch(d -> d.startsWith("shared_joint_meeting")))
        .as("no joint meeting unless the dispatcher asks for one, however many departments").isFalse();
  }
}
