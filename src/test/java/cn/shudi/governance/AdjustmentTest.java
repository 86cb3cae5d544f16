package cn.shudi.governance;

import static cn.shudi.governance.GovernanceProcess.COOPERATING_DUTIES;
import static cn.shudi.governance.GovernanceProcess.ITEM_CODE;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_UNIT;
import static cn.shudi.governance.GovernanceProcess.PROPOSAL_SUMMARY;
import static cn.shudi.governance.GovernanceProcess.REASONS;
import static cn.shudi.governance.GovernanceProcess.TIME_LIMIT;
import static cn.shudi.governance.GovernanceProcess.VERSION_DIFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.shudi.catalog.Catalog;
import cn.shudi.blueprint.ItemProcess;
import cn.shudi.catalog.Item;
import cn.shudi.support.CaseDriver;

import cn.shudi.governance.GovernanceProcess.Kind;
import cn.shudi.governance.GovernanceProcess.Step;

/** 动态调整: an item's primary unit, duties or deadline change by the same procedure as admission. */
class AdjustmentTest extends GovernanceTestBase {

  static final String AGRICULTURE = "zhangqiu_agriculture";
  static final String MARKET = "zhangqiu_market";
  static final ItemProcess.Ids ZQ003 = ItemProcess.ids("ZQ003");

  static Map<String, Object> adjust(String code) {
    Map<String, Object> form = new HashMap<>();
    form.put(ITEM_CODE.name(), code);
    form.put(REASONS.name(), "机构职能调整：农药经营监管职责划入市场监管部门");
    return form;
  }

  ProcessDefinition latest(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).tenantIdIn(TENANT).latestVersion()
        .singleResult();
  }

  @Test
  void anAdjustedPrimaryUnitAndDeadlineMakeANewVersionWhileRunningCasesFinishOnTheOldOne() {
    // ZQ003 农药经营和使用监督管理: 区农业农村局 primary, 镇街 cooperating, 30个工作日
    Item before = catalogs.of(TENANT).item("ZQ003").orElseThrow();
    assertThat(before.primary().party().name()).isEqualTo("区农业农村局");
    ProcessDefinition old = latest(ZQ003.key());
    CaseDriver cases = new CaseDriver(engine);
    ProcessInstance running = cases.start(ZQ003.key(), TENANT, "mingshui", Map.of());
    Task firstStep = cases.openTasks(running.getId()).stream()
        .filter(t -> CaseDriver.stepOf(t.getTaskDefinitionKey()).equals(ZQ003.step("agriculture", 1).id())).findFirst()
        .orElseThrow();
    cases.completeAsStaff(firstStep, CaseDriver.FORM_VALUES);
    CatalogVersion base = lists.current(TENANT);

    Map<String, Object> form = adjust("zq003");
    form.put(PRIMARY_UNIT.name(), "区市场监管局");
    form.put(TIME_LIMIT.name(), "20个工作日");
    ProcessInstance adjustment = driver.propose(GovernanceDriver.ADJUSTMENT, AGRICULTURE, form);
    assertThat((String) runtime.getVariable(adjustment.getId(), PROPOSAL_SUMMARY.name()))
        .contains("事项：ZQ003 农药经营和使用监督管理", "主体责任单位：区农业农村局 → 区市场监管局", "办结时限：30个工作日 → 20个工作日",
            "提出单位：区农业农村局");
    assertThat(driver.open(adjustment.getId(), Kind.ADJUSTMENT.element(Step.CONSULT))).hasSize(18);
    driver.approveAll(adjustment);

    assertThat(endActivity(adjustment)).isEqualTo(Kind.ADJUSTMENT.element(Step.END).id());
    CatalogVersion version = lists.current(TENANT);
    assertThat(version.number()).isEqualTo(base.number() + 1);
    assertThat(version.kind()).isEqualTo("adjustment");
    assertThat(version.itemCode()).isEqualTo("ZQ003");
    assertThat(version.decidedBy()).isEqualTo("zhangqiu_bianban_staff");

    // the diff names the change, and nothing else
    VersionDiff diff = lists.diff(base, version);
    assertThat(diff.added()).isEmpty();
    assertThat(diff.removed()).isEmpty();
    assertThat(diff.changed()).singleElement().satisfies(change -> {
      assertThat(change.code()).isEqualTo("ZQ003");
      assertThat(change.changes()).extracting(VersionDiff.FieldChange::field).containsExactly("primaryUnit", "timeLimit");
      assertThat(change.changes().get(0).before()).isEqualTo("区农业农村局");
      assertThat(change.changes().get(0).after()).isEqualTo("区市场监管局");
    });
    assertThat((String) variable(adjustment, VERSION_DIFF)).contains("变更事项 1 项", "* ZQ003 农药经营和使用监督管理",
        "主体责任单位：区农业农村局 → 区市场监管局", "办结时限：30个工作日 → 20个工作日");

    // the list in force and a new blueprint version
    Item after = catalogs.of(TENANT).item("ZQ003").orElseThrow();
    assertThat(after.primary().party().name()).isEqualTo("区市场监管局");
    assertThat(after.timeLimit().label()).isEqualTo("20个工作日");
    ProcessDefinition fresh = latest(ZQ003.key());
    assertThat(fresh.getVersion()).isGreaterThan(old.getVersion());
    assertThat(fresh.getDeploymentId()).isEqualTo(version.deploymentId());

    // a new case runs on the new version: the market supervision bureau holds the primary duties (the township's
    // duties are the report that starts the case and routine work outside it: no task of the case)
    ProcessInstance newCase = cases.start(ZQ003.key(), TENANT, "mingshui", Map.of());
    assertThat(newCase.getProcessDefinitionId()).isEqualTo(fresh.getId());
    assertThat(cases.openTasks(newCase.getId())).extracting(t -> CaseDriver.stepOf(t.getTaskDefinitionKey()))
        .containsExactly(ZQ003.step("market", 1).id()); // 检查经营, its 检查 pattern's first task

    // the case started before runs on to its end on the version it started on, with the old units
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(running.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(old.getId());
    List<String> done = cases.completeAll(running.getId(), t -> true).stream().map(CaseDriver::stepOf).toList();
    // 查处违法 (执法 pattern) and 回收包装; 移送公安 only 涉嫌犯罪
    assertThat(done).contains(ZQ003.step("agriculture", 2) + "@" + AGRICULTURE, ZQ003.step("agriculture", 4) + "@" + AGRICULTURE)
        .noneMatch(d -> ZQ003.unitOf(d.substring(0, d.indexOf('@'))).filter("market"::equals).isPresent());
    assertThat(cases.isEnded(running.getId())).isTrue();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(running.getId()).singleResult()
        .getProcessDefinitionId()).isEqualTo(old.getId());
    assertThat(cases.completeAll(newCase.getId(), t -> true).stream().map(CaseDriver::stepOf))
        .contains(ZQ003.step("market", 1) + "@" + MARKET);
    assertThat(cases.isEnded(newCase.getId())).isTrue();
  }

  @Test
  void newDutiesForTownshipsGoThroughTheSameProcedure() {
    // ZQ011: 镇街 cooperates; the township gets a further step
    Item before = catalogs.of(TENANT).item("ZQ011").orElseThrow();
    String cooperating = CatalogRows.cooperatingDuties(before);
    Map<String, Object> form = adjust("ZQ011");
    form.put(COOPERATING_DUTIES.name(), cooperating + "\n【镇街】看护现场：对已查处的非法采矿点安排专人看护防止复采（5个工作日）");
    ProcessInstance adjustment = driver.propose(GovernanceDriver.ADJUSTMENT, "zhangqiu_resources", form);
    assertThat((String) runtime.getVariable(adjustment.getId(), PROPOSAL_SUMMARY.name()))
        .contains("+ 【镇街】看护现场：对已查处的非法采矿点安排专人看护防止复采（5个工作日）");
    driver.approveAll(adjustment);

    VersionDiff.ItemChange change = lists.diff(lists.version(TENANT, lists.current(TENANT).number() - 1).orElseThrow(),
        lists.current(TENANT)).changed().get(0);
    assertThat(change.changes()).singleElement().satisfies(c -> {
      assertThat(c.field()).isEqualTo("steps");
      assertThat(c.added()).containsExactly("【镇街】看护现场：对已查处的非法采矿点安排专人看护防止复采（5个工作日）");
      assertThat(c.removed()).isEmpty();
    });
    assertThat(latest("zq011").getVersion()).isGreaterThan(1);
  }

  @Test
  void anAdjustmentOfAnUnknownItemOrWithoutChangeIsRefused() {
    int before = versions().size();
    Map<String, Object> unknown = adjust("ZQ999");
    unknown.put(TIME_LIMIT.name(), "10个工作日");
    assertThatThrownBy(() -> driver.propose(GovernanceDriver.ADJUSTMENT, MARKET, unknown))
        .hasMessageContaining("调整申请未通过清单校验").hasMessageContaining("事项「ZQ999」不在章丘区的清单中");

    Map<String, Object> unchanged = adjust("ZQ005");
    assertThatThrownBy(() -> driver.propose(GovernanceDriver.ADJUSTMENT, MARKET, unchanged))
        .hasMessageContaining("申请没有改变事项「ZQ005」的任何内容");

    Map<String, Object> tooShort = adjust("ZQ005");
    tooShort.put(TIME_LIMIT.name(), "3个工作日"); // its steps take up to 10 working days
    assertThatThrownBy(() -> driver.propose(GovernanceDriver.ADJUSTMENT, MARKET, tooShort))
        .hasMessageContaining("超过了事项的办结时限 3个工作日");
    assertThat(versions()).hasSize(before);
  }

  @Test
  void theDiffOfTheShippedListAgainstTheListInForceCollectsEveryChange() {
    CatalogVersion shipped = lists.version(TENANT, 1).orElseThrow();
    assertThat(shipped.kind()).isEqualTo("shipped");
    Catalog first = lists.catalog(shipped);
    assertThat(first.items()).hasSize(81);
    VersionDiff diff = lists.diff(shipped, shipped);
    assertThat(diff.isEmpty()).isTrue();
    assertThat(diff.text()).contains("两个版本的事项没有差别");
  }
}
