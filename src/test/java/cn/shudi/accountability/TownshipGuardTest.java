package cn.shudi.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.UserTaskBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.shudi.catalog.Catalogs;
import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;
import cn.shudi.governance.ListAdjustments;
import cn.shudi.governance.ListGovernance;
import cn.shudi.support.FreshPlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * The township guard: no task of a list item goes to a township when the county's list does not give 镇街
 * a responsibility in that item.
 *
 * <p>Every item of both shipped lists names 镇街 (primary or cooperating): 郧西县's twelve department-only
 * items (YX017 机动车排气污染监督抽测 and eleven more) were reworked into county–township items by issue 14
 * (docs/blueprint-conventions.md). So this test runs on the shipped lists with <b>one adjustment</b> (动态调整), made here and nowhere else, through the real governance process
 * ({@link ListAdjustments}, on the database of {@link FreshPlatformTest}): 章丘区's ZQ004 农村宅基地使用监督管理
 * loses its 镇街 cooperating responsibility (区农业农村局 primary, 区自然资源分局 cooperating remain) — the case
 * the guard exists for: the list changed, the blueprint deployed at start-up still has a township lane. YX017 is
 * tested as shipped: its township lane (〔条件：发现违法〕协助送达) is the list's, so the guard lets it through.
 */
@FreshPlatformTest
class TownshipGuardTest extends ProcessTestBase {

  static final String ZHANGQIU = "zhangqiu";
  static final String YUNXI = "yunxi";
  /** Department-only once adjusted here (shipped: 镇街 and 区自然资源分局 cooperating). */
  static final String ADJUSTED_ITEM = "ZQ004";
  static final String ADJUSTED_KEY = "zq004";
  static final String ADJUSTED_REASON = "清单未规定镇街承担「农村宅基地使用监督管理」的责任";
  /**
   * Department-only in 郧西县's list until issue 14; now 县生态环境分局 primary, 镇街 (〔启动〕上报线索,
   * 〔条件：发现违法〕协助送达), 县公安局 and 县交通运输局 cooperating.
   */
  static final String YUNXI_REWORKED_ITEM = "YX017";

  @Autowired
  JdbcClient jdbc;
  @Autowired
  Catalogs catalogs;
  @Autowired
  ListGovernance lists;

  /** The one adjustment, made through the real 动态调整 process the first time a test here runs. */
  @BeforeEach
  void takeTheTownshipOffTheAdjustedItem() {
    ListAdjustments.withoutTownship(engine, lists, ADJUSTED_ITEM, "zhangqiu_agriculture",
        "宅基地申请审查改由区农业农村局直接受理（测试用调整）");
  }

  final List<String> deployments = new ArrayList<>();
  /** Cases this class started: removed afterwards, history included, so the database's figures are not ours. */
  final List<String> cases = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    identity.clearAuthentication();
    ClockUtil.reset();
    for (String id : cases) {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "测试结束");
      }
      if (history.createHistoricProcessInstanceQuery().processInstanceId(id).count() > 0) {
        history.deleteHistoricProcessInstance(id);
      }
    }
    cases.clear();
    deployments.forEach(id -> repository.deleteDeployment(id, true));
    deployments.clear();
  }

  // --- models and users -------------------------------------------------------------------------

  /**
   * A hand-built blueprint: 案件已受理 (with {@code ${caseOpening}} like every blueprint) → one user task per
   * candidate group given, in sequence → 案件已办结.
   */
  static BpmnModelInstance blueprint(String key, String... candidateGroups) {
    var builder = Bpmn.createExecutableProcess(key).name("测试施工图 " + key).camundaHistoryTimeToLive(30)
        .startEvent(key + "_start").name("案件已受理")
        .camundaExecutionListenerDelegateExpression("start", "${caseOpening}");
    UserTaskBuilder task = null;
    for (int i = 0; i < candidateGroups.length; i++) {
      task = (task == null ? builder.userTask(key + "_step_" + (i + 1)) : task.userTask(key + "_step_" + (i + 1)))
          .name("办理第" + (i + 1) + "步").camundaCandidateGroups(candidateGroups[i]);
    }
    return task.endEvent(key + "_end").name("案件已办结").done();
  }

  ProcessDefinition deploy(String tenant, BpmnModelInstance model) {
    String key = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next()
        .getId();
    Deployment deployment = cn.shudi.support.TestForms.add(repository.createDeployment().tenantId(tenant)
        .name("test-township-guard"), key + ".bpmn", model).deploy();
    deployments.add(deployment.getId());
    return repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).singleResult();
  }

  /** Started by the township's grid worker, as a case is raised from Tasklist. */
  ProcessInstance startCase(ProcessDefinition definition, String township) {
    return startCase(definition, township, Map.of());
  }

  ProcessInstance startCase(ProcessDefinition definition, String township, Map<String, Object> facts) {
    String tenant = definition.getTenantId();
    String group = tenant + "_" + township;
    identity.setAuthentication(group + "_grid", List.of(group, tenant + "_grid_workers"), List.of(tenant));
    try {
      Map<String, Object> variables = new HashMap<>();
      variables.put(CallProcess.TOWNSHIP.name(), township);
      variables.put("caseSubject", "某农资经营部");
      variables.put("caseDescription", "测试案件");
      variables.putAll(facts);
      ProcessInstance started = runtime.createProcessInstanceById(definition.getId()).setVariables(variables)
          .execute();
      cases.add(started.getId());
      return started;
    } finally {
      identity.clearAuthentication();
    }
  }

  void completeAs(String tenant, String unit, Task task) {
    String group = tenant + "_" + unit;
    identity.setAuthentication(group + "_staff", List.of(group), List.of(tenant));
    try {
      tasks.complete(task.getId(), Map.of(JointMeetingProcess.DUTY_RESULT.name(), "已办理"));
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The guard's exception in what the engine threw (it wraps task-listener failures). */
  static OutsideListException outsideList(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof OutsideListException found) {
        return found;
      }
    }
    throw new AssertionError("no OutsideListException in " + thrown, thrown);
  }

  List<Map<String, Object>> rows(String caseId) {
    return jdbc.sql("select * from shudi_refusal where case_id = :caseId").param("caseId", caseId).query()
        .listOfRows();
  }

  boolean caseExists(String caseId) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(caseId).count() > 0;
  }

  // --- refused ------------------------------------------------------------------------------------

  @Test
  void theTestListReallyHasDepartmentOnlyItems() {
    assertThat(TownshipGuard.namesTownship(catalogs.of(ZHANGQIU).item(ADJUSTED_ITEM).orElseThrow())).isFalse();
    assertThat(TownshipGuard.namesTownship(catalogs.of(ZHANGQIU).item("ZQ054").orElseThrow())).isTrue();
    assertThat(catalogs.of(YUNXI).items()).as("issue 14: every item of 郧西县's list names 镇街")
        .allMatch(TownshipGuard::namesTownship);
  }

  @Test
  void aTownshipTaskOfADepartmentOnlyItemIsRefusedWhenTheCaseReachesIt() {
    // 区农业农村局 checks first, then the blueprint hands a step to the case's township: the list does not
    ProcessDefinition definition = deploy(ZHANGQIU, blueprint(ADJUSTED_KEY, "zhangqiu_agriculture", "${townshipGroup}"));
    ProcessInstance instance = startCase(definition, "mingshui");
    Task check = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();

    Throwable refused = catchThrowable(() -> completeAs(ZHANGQIU, "agriculture", check));

    assertThat(refused).hasMessageContaining(ADJUSTED_REASON).hasMessageContaining("明水街道")
        .hasMessageContaining(ADJUSTED_KEY + "_step_2");
    assertThat(outsideList(refused).refusal().caseId()).isEqualTo(instance.getId());
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId())
        .as("rolled back: the department's task is still open, no township task").isEqualTo(check.getId());
    assertThat(rows(instance.getId())).singleElement().satisfies(row -> assertThat(row)
        .containsEntry("JURISDICTION", ZHANGQIU).containsEntry("ITEM_CODE", ADJUSTED_ITEM)
        .containsEntry("UNIT_CODE", "agriculture").containsEntry("REASON", ADJUSTED_REASON));

    // pressing 完成 again is the same attempt: refused again, recorded once
    assertThatThrownBy(() -> completeAs(ZHANGQIU, "agriculture", check)).hasMessageContaining(ADJUSTED_REASON);
    assertThat(rows(instance.getId())).hasSize(1);
  }

  @Test
  void aFixedTownshipGroupIsRefusedAsWell() {
    ProcessDefinition definition = deploy(ZHANGQIU, blueprint(ADJUSTED_KEY, "zhangqiu_shuangshan"));

    Throwable refused = catchThrowable(() -> startCase(definition, "mingshui"));

    assertThat(refused).hasMessageContaining(ADJUSTED_REASON).hasMessageContaining("双山街道");
    String caseId = outsideList(refused).refusal().caseId();
    assertThat(caseExists(caseId)).as("the case start is rolled back").isFalse();
    assertThat(rows(caseId)).as("the refusal stays").singleElement()
        .satisfies(row -> assertThat(row).containsEntry("REASON", ADJUSTED_REASON));
  }

  @Test
  void theShippedBlueprintCannotStartOnceTheListTakesTheItemFromTheTownship() {
    // the ZQ004 blueprint deployed at start-up still has its 镇街 lane in parallel with 区农业农村局
    Deployment blueprints = repository.createDeploymentQuery().deploymentName("blueprints-zhangqiu")
        .tenantIdIn(ZHANGQIU).orderByDeploymentTime().desc().list().get(0);
    ProcessDefinition shipped = repository.createProcessDefinitionQuery().processDefinitionKey(ADJUSTED_KEY)
        .tenantIdIn(ZHANGQIU).deploymentId(blueprints.getId()).singleResult();

    Throwable refused = catchThrowable(() -> startCase(shipped, "mingshui"));

    assertThat(refused).hasMessageContaining(ADJUSTED_REASON);
    String caseId = outsideList(refused).refusal().caseId();
    assertThat(caseExists(caseId)).isFalse();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionId(shipped.getId()).count()).isZero();
    assertThat(tasks.createTaskQuery().taskCandidateGroup("zhangqiu_agriculture").processDefinitionId(shipped.getId())
        .count()).as("the department's parallel tasks are rolled back with it").isZero();
    assertThat(rows(caseId)).singleElement().satisfies(row -> assertThat(row)
        .containsEntry("ITEM_CODE", ADJUSTED_ITEM).containsEntry("UNIT_CODE", "agriculture"));
  }

  @Test
  void aTownshipsStaffAsAssigneeIsRefused() {
    BpmnModelInstance model = Bpmn.createExecutableProcess(ADJUSTED_KEY).name("测试").camundaHistoryTimeToLive(30)
        .startEvent(ADJUSTED_KEY + "_start").camundaExecutionListenerDelegateExpression("start", "${caseOpening}")
        .userTask(ADJUSTED_KEY + "_assigned").name("指派办理").camundaAssignee("zhangqiu_mingshui_staff")
        .endEvent(ADJUSTED_KEY + "_end").done();
    ProcessDefinition definition = deploy(ZHANGQIU, model);

    Throwable refused = catchThrowable(() -> startCase(definition, "mingshui"));

    assertThat(refused).hasMessageContaining(ADJUSTED_REASON);
    assertThat(rows(outsideList(refused).refusal().caseId())).hasSize(1);
  }

  // --- allowed ------------------------------------------------------------------------------------

  @Test
  void anItemTheListGivesTheTownshipGoesToTheTownship() {
    // ZQ054: 区市场监管局 primary, 镇街 cooperating
    ProcessDefinition definition = deploy(ZHANGQIU, blueprint("zq054", "zhangqiu_market", "${townshipGroup}"));
    ProcessInstance instance = startCase(definition, "mingshui");
    completeAs(ZHANGQIU, "market", tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult());

    Task township = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(township.getTaskDefinitionKey()).isEqualTo("zq054_step_2");
    assertThat(tasks.createTaskQuery().taskId(township.getId()).taskCandidateGroup("zhangqiu_mingshui").count())
        .isOne();
    completeAs(ZHANGQIU, "mingshui", township);
    assertThat(rows(instance.getId())).isEmpty();
  }

  @Test
  void processesThatAreNotListItemsAreNotChecked() {
    // e.g. the township's own errands; the shared processes (evaluation by the township) are such processes
    ProcessDefinition definition = deploy(YUNXI, blueprint("test_township_errand", "${townshipGroup}"));
    ProcessInstance instance = startCase(definition, "chengguan");

    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskCandidateGroup("yunxi_chengguan")
        .count()).isOne();
    assertThat(rows(instance.getId())).isEmpty();
  }

  @Test
  void theShippedBlueprintOfAnItemReworkedByIssue14GivesTheTownshipItsConditionalDuty() {
    ProcessDefinition shipped = repository.createProcessDefinitionQuery().processDefinitionKey("yx017")
        .tenantIdIn(YUNXI).latestVersion().singleResult();

    // no violation found: the township's 协助送达 is skipped, its 上报线索 started the case and is no task
    ProcessInstance routine = startCase(shipped, "chengguan");
    assertThat(tasks.createTaskQuery().processInstanceId(routine.getId()).list()).isNotEmpty()
        .allSatisfy(t -> assertThat(tasks.getIdentityLinksForTask(t.getId())).noneMatch(
            l -> "yunxi_chengguan".equals(l.getGroupId())));

    // violation found: the list gives the township 协助送达, and the guard lets it through
    ProcessInstance violation = startCase(shipped, "chengguan", Map.of("violationFound", true));
    assertThat(tasks.createTaskQuery().processInstanceId(violation.getId()).taskCandidateGroup("yunxi_chengguan")
        .taskDefinitionKey("yx017_township_2").singleResult().getName()).isEqualTo("协助送达");
    assertThat(rows(routine.getId())).isEmpty();
    assertThat(rows(violation.getId())).isEmpty();
  }
}
