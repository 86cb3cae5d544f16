package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.catalog.CaseFact;
import cn.shudi.catalog.CasePattern;
import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.PlatformTest;

/**
 * The case patterns (processes/patterns/, docs/blueprint-conventions.md) in running cases, one test per path: each
 * runs a case of a generated item whose primary unit follows the pattern, answers the pattern's questions on its
 * forms as staff would, and checks the tasks the pattern gave and the state it ended in.
 */
@PlatformTest
class CasePatternsScenarioTest {

  @Autowired
  ProcessEngine engine;

  /** A generated item's step that follows the pattern in every case (Zhangqiu's list first). */
  record Subject(String jurisdiction, Item item, Responsibility unit, int index) {
    String stepId() {
      return BlueprintGenerator.stepId(item, unit, index);
    }

    String prefix(CasePattern pattern) {
      return stepId() + "_" + pattern.key() + "_";
    }
  }

  /** What a case did inside the pattern: its tasks (the fragment's ids, in order), its end, all tasks, the variables. */
  record Run(List<String> path, String end, List<String> allTasks, Map<String, Object> variables) {
  }

  static Subject subject(CasePattern pattern) {
    for (Catalog catalog : List.of(BlueprintScenarioTest.CATALOGS.of("zhangqiu"),
        BlueprintScenarioTest.CATALOGS.of("yunxi"))) {
      for (Item item : catalog.items()) {
        List<Step> steps = item.primary().steps();
        for (int i = 0; i < steps.size(); i++) {
          if (steps.get(i).pattern() == pattern && !steps.get(i).isConditional() && generated(catalog, item)) {
            return new Subject(catalog.jurisdiction(), item, item.primary(), i);
          }
        }
      }
    }
    throw new AssertionError("no generated item follows 「" + pattern.label() + "」 in a step of every case");
  }

  static boolean generated(Catalog catalog, Item item) {
    try {
      return !BlueprintFiles.isHandModelled(Path.of("processes", catalog.jurisdiction(), item.code() + ".bpmn"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Runs a case of the pattern's subject to its end. {@code answers}: per pattern task (the fragment's id), what staff
   * fill in each time it comes (the last answer repeats); every other field and task as {@link CaseDriver#FORM_VALUES}.
   */
  Run run(CasePattern pattern, Map<String, List<Map<String, Object>>> answers) {
    Subject subject = subject(pattern);
    String prefix = subject.prefix(pattern);
    CaseDriver driver = new CaseDriver(engine);
    String township = BlueprintScenarioTest.ORGANIZATION.jurisdiction(subject.jurisdiction()).townships().get(0).code();
    ProcessInstance instance = driver.start(BlueprintGenerator.processKey(subject.item()), subject.jurisdiction(),
        township, Map.of());
    String id = instance.getId();
    List<String> path = new ArrayList<>();
    List<String> all = new ArrayList<>();
    Map<String, Integer> times = new HashMap<>();
    for (int round = 0; round < 300 && !driver.isEnded(id); round++) {
      driver.runDueJobs(id);
      List<Task> open = driver.openTasks(id);
      if (open.isEmpty()) {
        assertThat(driver.passWaits(id)).as("the case waits for nothing but a period: %s", id).isPositive();
        continue;
      }
      Task task = open.get(0);
      all.add(task.getTaskDefinitionKey());
      Map<String, Object> values = new HashMap<>(CaseDriver.FORM_VALUES);
      if (task.getTaskDefinitionKey().startsWith(prefix)) {
        String local = task.getTaskDefinitionKey().substring(prefix.length());
        path.add(local);
        List<Map<String, Object>> given = answers.getOrDefault(local, List.of());
        int n = times.merge(local, 1, Integer::sum) - 1;
        if (!given.isEmpty()) {
          values.putAll(given.get(Math.min(n, given.size() - 1)));
        }
      }
      driver.completeAsStaff(task, values);
    }
    assertThat(driver.isEnded(id)).as("case of %s ended", subject.item().code()).isTrue();
    HistoryService history = engine.getHistoryService();
    List<String> ends = history.createHistoricActivityInstanceQuery().processInstanceId(id)
        .activityType("noneEndEvent").list().stream().map(HistoricActivityInstance::getActivityId)
        .filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).toList();
    assertThat(ends).as("the pattern ends once").hasSize(1);
    Map<String, Object> variables = new HashMap<>();
    history.createHistoricVariableInstanceQuery().processInstanceId(id).list().stream()
        .filter(v -> v.getActivityInstanceId().equals(id) && v.getValue() != null)
        .forEach(v -> variables.put(v.getName(), v.getValue()));
    return new Run(path, ends.get(0), all, variables);
  }

  private static Map<String, List<Map<String, Object>>> answers(Object... taskThenValues) {
    Map<String, List<Map<String, Object>>> answers = new HashMap<>();
    for (int i = 0; i < taskThenValues.length; i += 2) {
      answers.computeIfAbsent((String) taskThenValues[i], k -> new ArrayList<>())
          .add(asMap(taskThenValues[i + 1]));
    }
    return answers;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }

  // 检查 inspection

  @Test
  void inspectionWithoutHazardEndsAfterTheCheck() {
    Run run = run(CasePattern.INSPECTION, answers("check", Map.of(CaseFact.HAZARD.variable(), false)));
    assertThat(run.path()).containsExactly("check");
    assertThat(run.end()).isEqualTo("no_hazard");
  }

  @Test
  void aHazardFoundIsOrderedRectifiedAndReinspectedAfterTheDeadline() {
    Run run = run(CasePattern.INSPECTION, answers("check", Map.of(CaseFact.HAZARD.variable(), true),
        "reinspect", Map.of("rectificationDone", true)));
    assertThat(run.path()).containsExactly("check", "order", "reinspect");
    assertThat(run.end()).isEqualTo("eliminated");
    assertThat(run.variables()).containsEntry(CaseFact.HAZARD.variable(), true);
  }

  @Test
  void aHazardNotFixedInTimeGetsOneExtensionThenIsFixed() {
    Run run = run(CasePattern.INSPECTION, answers("check", Map.of(CaseFact.HAZARD.variable(), true),
        "reinspect", Map.of("rectificationDone", false, "extensionGranted", true),
        "reinspect", Map.of("rectificationDone", true)));
    assertThat(run.path()).containsExactly("check", "order", "reinspect", "order", "reinspect");
    assertThat(run.end()).isEqualTo("eliminated");
  }

  @Test
  void aHazardNotFixedWithoutExtensionTurnsIntoAViolationToPunish() {
    Run run = run(CasePattern.INSPECTION, answers("check", Map.of(CaseFact.HAZARD.variable(), true),
        "reinspect", Map.of("rectificationDone", false, "extensionGranted", false,
            CaseFact.VIOLATION.variable(), true)));
    assertThat(run.path()).containsExactly("check", "order", "reinspect");
    assertThat(run.end()).isEqualTo("not_rectified");
    assertThat(run.variables()).as("the list's duties under 发现违法 follow").containsEntry(
        CaseFact.VIOLATION.variable(), true);
  }

  // 执法 enforcement

  @Test
  void enforcementWithoutProvenFactsRevokesTheCase() {
    Run run = run(CasePattern.ENFORCEMENT, answers("investigate", Map.of("factsProven", false)));
    assertThat(run.path()).containsExactly("register", "investigate", "revoke");
    assertThat(run.end()).isEqualTo("not_punished");
  }

  @Test
  void aSuspectedCrimeEndsThePenaltyProcedureAndTheListsHandOverFollows() {
    Subject subject = subject(CasePattern.ENFORCEMENT);
    List<Step> steps = subject.unit().steps();
    int transfer = subject.index() + 1;
    while (steps.get(transfer).condition() != CaseFact.CRIME) {
      transfer++;
    }
    Run run = run(CasePattern.ENFORCEMENT, answers("investigate", Map.of("factsProven", true,
        CaseFact.CRIME.variable(), true)));
    assertThat(run.path()).containsExactly("register", "investigate");
    assertThat(run.end()).isEqualTo("referred");
    assertThat(run.allTasks()).as("移送公安: the list's step under 涉嫌犯罪")
        .contains(BlueprintGenerator.stepId(subject.item(), subject.unit(), transfer));
  }

  @Test
  void aPenaltyWithAHearingIsDecidedAfterIt() {
    Run run = run(CasePattern.ENFORCEMENT, answers("investigate", Map.of("factsProven", true),
        "notify", Map.of("hearingRequested", true)));
    assertThat(run.path()).containsExactly("register", "investigate", "notify", "hold_hearing", "decide", "deliver",
        "execute");
    assertThat(run.end()).isEqualTo("executed");
  }

  @Test
  void aPenaltyWithoutAHearingGoesFromNoticeToDecision() {
    Run run = run(CasePattern.ENFORCEMENT, answers("investigate", Map.of("factsProven", true),
        "notify", Map.of("hearingRequested", false)));
    assertThat(run.path()).containsExactly("register", "investigate", "notify", "decide", "deliver", "execute");
  }

  // 应急 emergency

  @Test
  void anEmergencyWithoutResponseIsReported() {
    Run run = run(CasePattern.EMERGENCY, answers("assess", Map.of("responseNeeded", false)));
    assertThat(run.path()).containsExactly("first_response", "assess", "report");
    assertThat(run.end()).isEqualTo("controlled");
  }

  @Test
  void aResponseRescuesUntilTheDangerIsClearedThenRecovers() {
    Run run = run(CasePattern.EMERGENCY, answers("assess", Map.of("responseNeeded", true),
        "rescue", Map.of("dangerCleared", false), "rescue", Map.of("dangerCleared", true)));
    assertThat(run.path()).containsExactly("first_response", "assess", "rescue", "rescue", "aftermath");
    assertThat(run.end()).isEqualTo("cleared");
  }

  // 项目 programme

  @Test
  void anIneligibleApplicationIsRejected() {
    Run run = run(CasePattern.PROGRAMME, answers("verify", Map.of("eligible", false)));
    assertThat(run.path()).containsExactly("accept", "verify", "notify_reject");
    assertThat(run.end()).isEqualTo("rejected");
  }

  @Test
  void aProjectFailingAcceptanceIsRectifiedThenFunded() {
    Run run = run(CasePattern.PROGRAMME, answers("verify", Map.of("eligible", true),
        "acceptance", Map.of("acceptancePassed", false), "acceptance", Map.of("acceptancePassed", true)));
    assertThat(run.path()).containsExactly("accept", "verify", "approve", "implement", "acceptance", "rectify",
        "acceptance", "disburse");
    assertThat(run.end()).isEqualTo("disbursed");
  }

  // 关爱 care

  @Test
  void aPersonAtHighRiskGetsGuardianshipAndFollowUpsUntilCareEnds() {
    Run run = run(CasePattern.CARE, answers("assess_risk", Map.of("highRisk", true),
        "follow_up", Map.of("careContinues", true, "followUpDays", 30L), "follow_up", Map.of("careContinues", false)));
    assertThat(run.path()).containsExactly("assess_risk", "guardianship", "follow_up", "follow_up");
    assertThat(run.end()).isEqualTo("closed");
  }

  @Test
  void aPersonAtLowRiskIsFollowedUpWithoutGuardianship() {
    Run run = run(CasePattern.CARE, answers("assess_risk", Map.of("highRisk", false)));
    assertThat(run.path()).containsExactly("assess_risk", "follow_up");
  }

  // 投诉 complaint

  @Test
  void aComplaintOutsideTheUnitsDutiesIsTransferred() {
    Run run = run(CasePattern.COMPLAINT, answers("intake", Map.of("competent", false)));
    assertThat(run.path()).containsExactly("intake", "transfer");
    assertThat(run.end()).isEqualTo("transferred");
  }

  @Test
  void aFoundedComplaintIsCorrectedThenAnswered() {
    Run run = run(CasePattern.COMPLAINT, answers("intake", Map.of("competent", true),
        "investigate", Map.of("complaintFounded", true)));
    assertThat(run.path()).containsExactly("intake", "investigate", "correct", "reply");
    assertThat(run.end()).isEqualTo("replied");
  }

  @Test
  void anUnfoundedComplaintIsAnswered() {
    Run run = run(CasePattern.COMPLAINT, answers("intake", Map.of("competent", true),
        "investigate", Map.of("complaintFounded", false)));
    assertThat(run.path()).containsExactly("intake", "investigate", "reply");
  }

  // 专项 campaign

  @Test
  void aCampaignCaseWithAPenaltyIsPunished() {
    Run run = run(CasePattern.CAMPAIGN, answers("identify", Map.of("penaltyNeeded", true)));
    assertThat(run.path()).containsExactly("on_site", "identify", "punish", "report");
    assertThat(run.end()).isEqualTo("handled");
  }

  @Test
  void aCampaignCaseWithoutAPenaltyIsEducated() {
    Run run = run(CasePattern.CAMPAIGN, answers("identify", Map.of("penaltyNeeded", false)));
    assertThat(run.path()).containsExactly("on_site", "identify", "educate", "report");
  }
}
