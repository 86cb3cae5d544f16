package cn.shudi.flagship;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.casework.StepOutcomes;

/**
 * The departments' agencies stationed in the townships (派驻机构, 1+5+N): the 市场监管所 of a township receives the
 * market bureau's tasks of cases in that township, and only those; what its staff do is the bureau's step.
 */
class StationedAgencyTest extends FlagshipTestBase {

  static final String MINGSHUI_STATION = "zhangqiu_mingshuimarket";
  static final String SHUANGSHAN_STATION = "zhangqiu_shuangshanmarket";

  @Autowired
  StepOutcomes outcomes;

  @Override
  String code() {
    return "ZQ054";
  }

  ProcessInstance caseIn(String township) {
    return startCase(Map.of(ItemProcess.TOWNSHIP.name(), township, ItemProcess.CASE_SUBJECT.name(), "章丘派驻测试食品厂",
        ItemProcess.CREDIT_CODE.name(), Zq054FoodSafetySupervisionTest.creditCode(900)));
  }

  @Test
  void theStationOfTheCasesTownshipReceivesTheBureausTaskAndDoesItAsTheBureausStep() {
    ProcessInstance instance = caseIn(TOWNSHIP);
    Task plan = task(instance, Zq054FoodSafetySupervisionTest.MARKET_1.id());
    assertThat(candidateGroups(plan)).as("the step is the bureau's").containsExactly(MARKET);
    assertThat(stationGroups(plan)).as("and its 市场监管所 in 明水 holds it too").containsExactly(MINGSHUI_STATION);
    assertThat(tasks.createTaskQuery().taskCandidateGroup(MINGSHUI_STATION).processInstanceId(instance.getId())
        .list()).extracting(Task::getId).containsExactly(plan.getId());

    completeAs(MINGSHUI_STATION, plan, DONE);

    assertThat(outcomes.ofCase(instance.getId())).singleElement().satisfies(outcome -> {
      assertThat(outcome.unitGroup()).as("recorded as the bureau's step").isEqualTo(MARKET);
      assertThat(outcome.completedBy()).isEqualTo(MINGSHUI_STATION + "_staff");
    });
    Task inspection = task(instance, Zq054FoodSafetySupervisionTest.TOWNSHIP_1.id());
    assertThat(stationGroups(inspection)).as("the township's own step goes to no agency").isEmpty();
  }

  @Test
  void anotherTownshipsStationNeitherSeesNorDoesTheTask() {
    ProcessInstance instance = caseIn(TOWNSHIP);
    Task plan = task(instance, Zq054FoodSafetySupervisionTest.MARKET_1.id());
    assertThat(tasks.createTaskQuery().taskCandidateGroup(SHUANGSHAN_STATION).processInstanceId(instance.getId())
        .count()).isZero();
    assertThatThrownBy(() -> completeAs(SHUANGSHAN_STATION, plan, DONE)).isInstanceOf(AuthorizationException.class);
    assertThat(task(instance, Zq054FoodSafetySupervisionTest.MARKET_1.id())).as("nothing happened").isNotNull();
    assertThat(outcomes.ofCase(instance.getId())).isEmpty();

    ProcessInstance elsewhere = caseIn("shuangshan");
    assertThat(stationGroups(task(elsewhere, Zq054FoodSafetySupervisionTest.MARKET_1.id())))
        .containsExactly(SHUANGSHAN_STATION);
  }
}
