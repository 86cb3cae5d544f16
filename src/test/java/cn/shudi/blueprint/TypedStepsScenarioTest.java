package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.catalog.CaseFact;
import cn.shudi.catalog.Item;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.PlatformTest;

/**
 * The typed steps of the list in running cases, one test per path: a conditional duty done when its fact holds and
 * skipped when not (ZQ026: the township's 协助处置 only 发生事故); a hand-over that starts the receiving unit's work
 * (ZQ011: the police's 侦查打击 after the department's 移送案件, only 涉嫌犯罪, even when the crime is found late).
 */
@PlatformTest
class TypedStepsScenarioTest {

  static final String TOWNSHIP = "mingshui";
  static final ItemProcess.Ids ZQ026 = ItemProcess.ids("ZQ026");
  static final ItemProcess.Ids ZQ011 = ItemProcess.ids("ZQ011");

  @Autowired
  ProcessEngine engine;

  Item item(String code) {
    return BlueprintScenarioTest.CATALOGS.of("zhangqiu").item(code).orElseThrow();
  }

  List<String> run(String key, Map<String, Object> facts) {
    CaseDriver driver = new CaseDriver(engine);
    ProcessInstance instance = driver.start(key, "zhangqiu", TOWNSHIP, facts);
    List<String> done = driver.completeAll(instance.getId(), t -> true);
    assertThat(driver.isEnded(instance.getId())).as("case ended").isTrue();
    return done;
  }

  @Test
  void aConditionalDutyIsDoneWhenItsFactHolds() {
    assertThat(item("ZQ026").cooperating().get(0).steps().get(1).condition()).isEqualTo(CaseFact.ACCIDENT);
    assertThat(run(ZQ026.key(), Map.of(CaseFact.ACCIDENT.variable(), true)))
        .contains(ZQ026.township(2).id() + "@zhangqiu_" + TOWNSHIP);
  }

  @Test
  void aConditionalDutyIsSkippedWhenItsFactDoesNotHold() {
    assertThat(run(ZQ026.key(), Map.of())).noneMatch(d -> d.startsWith(ZQ026.township(2).id()))
        .as("the report that opened the case is no task").noneMatch(d -> d.startsWith(ZQ026.township(1).id()));
  }

  @Test
  void theReceivingUnitWaitsForTheHandOver() {
    CaseDriver driver = new CaseDriver(engine);
    ProcessInstance instance = driver.start(ZQ011.key(), "zhangqiu", TOWNSHIP,
        Map.of(CaseFact.CRIME.variable(), true));
    String handing = ZQ011.step("resources", 3).id();
    String receiving = ZQ011.step("police", 1).id();
    assertThat(driver.tasks(instance.getId(), receiving)).as("no investigation before the hand-over").isEmpty();

    List<String> done = driver.completeAll(instance.getId(), t -> !t.getTaskDefinitionKey().equals(receiving));
    assertThat(done).anyMatch(d -> d.startsWith(handing + "@"));
    List<Task> open = driver.tasks(instance.getId(), receiving);
    assertThat(open).as("the police take the case over once it is handed over").singleElement()
        .satisfies(t -> assertThat(driver.candidateGroup(t)).isEqualTo("zhangqiu_police"));
    driver.completeAll(instance.getId(), t -> true);
    assertThat(driver.isEnded(instance.getId())).isTrue();
  }

  @Test
  void withoutASuspectedCrimeNothingIsHandedOver() {
    assertThat(run(ZQ011.key(), Map.of())).noneMatch(d -> d.startsWith(ZQ011.step("resources", 3).id()))
        .noneMatch(d -> d.startsWith(ZQ011.step("police", 1).id()));
  }

  @Test
  void aCrimeFoundDuringTheCaseStillReachesThePolice() {
    // ZQ011 区自然资源分局: 巡查监测 → 立案查处 (执法) → 〔条件：涉嫌犯罪〕〔移交：区公安分局〕移送案件; the police's 侦查打击
    // starts when the case is handed over, so a crime found in 调查取证, long after the case began, reaches them
    CaseDriver driver = new CaseDriver(engine);
    ProcessInstance instance = driver.start(ZQ011.key(), "zhangqiu", TOWNSHIP, Map.of());
    String receiving = ZQ011.step("police", 1).id();
    assertThat(driver.tasks(instance.getId(), receiving)).as("no investigation while nothing is handed over").isEmpty();
    List<String> done = new java.util.ArrayList<>();
    for (int round = 0; round < 100 && !driver.isEnded(instance.getId()); round++) {
      driver.runDueJobs(instance.getId());
      Task task = driver.openTasks(instance.getId()).get(0);
      Map<String, Object> values = new java.util.HashMap<>(CaseDriver.FORM_VALUES);
      if (task.getTaskDefinitionKey().endsWith("_enforcement_investigate")) {
        values.put("factsProven", true);
        values.put(CaseFact.CRIME.variable(), true);
      }
      done.add(task.getTaskDefinitionKey() + "@" + driver.candidateGroup(task));
      driver.completeAsStaff(task, values);
    }
    assertThat(driver.isEnded(instance.getId())).isTrue();
    assertThat(done).containsSubsequence(ZQ011.step("resources", 3).id() + "@zhangqiu_resources",
        receiving + "@zhangqiu_police");
  }
}
