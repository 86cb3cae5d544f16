package cn.shudi.governance;

import static cn.shudi.support.EngineClock.at;
import static cn.shudi.governance.GovernanceProcess.APPLY_ERRORS;
import static cn.shudi.governance.GovernanceProcess.CONSULTATION_SUMMARY;
import static cn.shudi.governance.GovernanceProcess.ERRORS_NOTE;
import static cn.shudi.governance.GovernanceProcess.ITEM_CODE;
import static cn.shudi.governance.GovernanceProcess.LIST_UPDATED;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_DUTIES;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_UNIT;
import static cn.shudi.governance.GovernanceProcess.PROPOSAL_SUMMARY;
import static cn.shudi.governance.GovernanceProcess.REASONS;
import static cn.shudi.governance.GovernanceProcess.SILENT_TOWNSHIPS;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_COMMENT;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_OPINION;
import static cn.shudi.governance.GovernanceProcess.VERSION_DIFF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

import cn.shudi.blueprint.BlueprintGenerator;
import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.Item;
import cn.shudi.support.CaseDriver;

import cn.shudi.governance.GovernanceProcess.Kind;
import cn.shudi.governance.GovernanceProcess.Step;
import cn.shudi.support.EngineClock;

/** 准入: a department proposes a new item; townships, the justice bureau and the establishment office decide. */
class AdmissionTest extends GovernanceTestBase {

  static final String MARKET = "zhangqiu_market";
  static final String CULTURE = "zhangqiu_culture";

  @Test
  void anApprovedAdmissionWritesANewVersionAndDeploysARunnableBlueprint() {
    int before = versions().size();
    Catalog old = catalogs.of(TENANT);
    ProcessInstance admission = driver.propose(GovernanceDriver.ADMISSION, CULTURE,
        GovernanceDriver.newItem("A级旅游景区安全监督管理"));

    // one written consultation per township of the county, each with the deadline
    List<Task> consultation = driver.open(admission.getId(), Kind.ADMISSION.element(Step.CONSULT));
    assertThat(consultation).hasSize(18);
    assertThat(consultation).extracting(driver::candidateGroup).contains("zhangqiu_mingshui", "zhangqiu_huanghe")
        .doesNotHaveDuplicates();
    assertThat(consultation).allSatisfy(t -> assertThat(t.getDueDate()).isEqualTo(at(MONDAY_MORNING.plusDays(7))));
    assertThat((String) runtime.getVariable(admission.getId(), PROPOSAL_SUMMARY.name()))
        .contains("A级旅游景区安全监督管理", "区文旅局", "【镇街】日常巡查", "提出单位：区文旅局");

    driver.complete(consultation.get(0), TOWNSHIP_OPINION.with(GovernanceProcess.OBJECT).putValue(TOWNSHIP_COMMENT.name(), "缺少执法人员"));
    consultation.subList(1, 18).forEach(t -> driver.complete(t, TOWNSHIP_OPINION.with(GovernanceProcess.AGREE)));
    assertThat(driver.candidateGroup(driver.one(admission.getId(), Kind.ADMISSION.element(Step.LEGALITY))))
        .isEqualTo("zhangqiu_justice");
    assertThat((String) runtime.getVariable(admission.getId(), CONSULTATION_SUMMARY.name()))
        .contains("同意 17", "有异议 1", "缺少执法人员");
    driver.review(admission, GovernanceProcess.LAWFUL);
    assertThat(driver.candidateGroup(driver.one(admission.getId(), Kind.ADMISSION.element(Step.DECIDE))))
        .isEqualTo("zhangqiu_bianban");
    driver.decide(admission, GovernanceProcess.APPROVE);

    // the case ends with the list updated
    assertThat(endActivity(admission)).isEqualTo(Kind.ADMISSION.element(Step.END).id());
    String code = (String) variable(admission, ITEM_CODE);
    assertThat(code).isEqualTo(Amendment.nextCode(old)).startsWith("ZQ");
    int number = Integer.parseInt(code.substring(2));
    assertThat((String) variable(admission, VERSION_DIFF)).contains("新增事项 1 项", "+ " + code + " A级旅游景区安全监督管理");

    // a new version, stored with who decided and the case
    List<CatalogVersion> after = versions();
    assertThat(after).hasSize(before + 1);
    CatalogVersion version = lists.current(TENANT);
    assertThat(version.kind()).isEqualTo("admission");
    assertThat(version.itemCode()).isEqualTo(code);
    assertThat(version.caseId()).isEqualTo(admission.getId());
    assertThat(version.decidedBy()).isEqualTo("zhangqiu_bianban_staff");
    assertThat(version.label()).isNotEqualTo(old.version());
    assertThat(version.csv()).contains("# 版本: " + version.label(), code + "," + number + ",文化旅游,A级旅游景区安全监督管理,否,区文旅局");

    // the list in force has it
    Item item = catalogs.of(TENANT).item(code).orElseThrow();
    assertThat(item.primary().party().name()).isEqualTo("区文旅局");
    assertThat(catalogs.of(TENANT).items()).hasSize(old.items().size() + 1);
    assertThat(catalogs.of(TENANT).version()).isEqualTo(version.label());
    // the written opinions are kept: one per township
    assertThat(consultations.of(admission.getId())).hasSize(18)
        .filteredOn(o -> o.opinion().equals(GovernanceProcess.OBJECT)).hasSize(1);

    // its blueprint is deployed under the tenant with the shared processes and forms, and runs a case
    String key = code.toLowerCase();
    ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
        .tenantIdIn(TENANT).latestVersion().singleResult();
    assertThat(definition).isNotNull();
    assertThat(definition.getDeploymentId()).isEqualTo(version.deploymentId());
    assertThat(repository.createDeploymentQuery().deploymentId(definition.getDeploymentId()).singleResult().getSource())
        .isEqualTo("shudi-governance");
    assertThat(repository.getDeploymentResources(definition.getDeploymentId())).extracting(Resource::getName)
        .contains("processes/zhangqiu/" + code + ".bpmn", "processes/shared/shared_evaluation.bpmn",
            "processes/shared/shared_supervision.bpmn", "forms/common/duty-step.form", "forms/zhangqiu/case-start.form");

    CaseDriver cases = new CaseDriver(engine);
    ProcessInstance instance = cases.start(key, TENANT, "mingshui", Map.of());
    assertThat(instance.getProcessDefinitionId()).isEqualTo(definition.getId());
    assertThat(cases.openTasks(instance.getId())).extracting(cases::candidateGroup)
        .containsExactlyInAnyOrder(CULTURE, "zhangqiu_mingshui", "zhangqiu_emergency");
    List<String> done = cases.completeAll(instance.getId(), t -> true);
    assertThat(done).contains(BlueprintGenerator.stepIds(item).get(0) + "@" + CULTURE);
    assertThat(cases.isEnded(instance.getId())).isTrue();
  }

  @Test
  void aRejectedAdmissionChangesNothing() {
    int before = versions().size();
    Catalog old = catalogs.of(TENANT);
    long definitions = repository.createProcessDefinitionQuery().tenantIdIn(TENANT).count();
    ProcessInstance admission = driver.propose(GovernanceDriver.ADMISSION, CULTURE,
        GovernanceDriver.newItem("旅游民宿安全监督管理"));
    driver.consultAll(admission, GovernanceProcess.NO_OPINION);
    driver.review(admission, GovernanceProcess.LAWFUL);
    driver.decide(admission, GovernanceProcess.REJECT);

    assertThat(endActivity(admission)).isEqualTo(Kind.ADMISSION.element(Step.REJECTED).id());
    assertThat(versions()).hasSize(before);
    assertThat(catalogs.of(TENANT)).isSameAs(old);
    assertThat(old.items()).noneMatch(i -> i.name().equals("旅游民宿安全监督管理"));
    assertThat(repository.createProcessDefinitionQuery().tenantIdIn(TENANT).count()).isEqualTo(definitions);
    assertThat(variable(admission, LIST_UPDATED)).isNull();
  }

  @Test
  void anUnlawfulProposalEndsAtTheJusticeBureau() {
    int before = versions().size();
    ProcessInstance admission = driver.propose(GovernanceDriver.ADMISSION, CULTURE,
        GovernanceDriver.newItem("旅游演出场所安全监督管理"));
    driver.consultAll(admission, GovernanceProcess.AGREE);
    driver.review(admission, GovernanceProcess.UNLAWFUL);

    assertThat(endActivity(admission)).isEqualTo(Kind.ADMISSION.element(Step.UNLAWFUL).id());
    assertThat(driver.open(admission.getId(), Kind.ADMISSION.element(Step.DECIDE))).isEmpty();
    assertThat(versions()).hasSize(before);
  }

  @Test
  void aProposalTheListWouldRejectIsRefusedWithEveryProblemAndNothingIsStored() {
    int before = versions().size();
    Catalog old = catalogs.of(TENANT);
    long cases = history.createHistoricProcessInstanceQuery().processDefinitionKey(GovernanceDriver.ADMISSION).count();
    Map<String, Object> form = new HashMap<>(GovernanceDriver.newItem("乡村旅游点安全监督管理"));
    form.put(PRIMARY_UNIT.name(), "区旅游发展委员会");
    form.put(PRIMARY_DUTIES.name(), "开展检查对景区开展检查（10个工作日）\n督促整改：督促整改隐患（40个工作日）");

    assertThatThrownBy(() -> driver.propose(GovernanceDriver.ADMISSION, CULTURE, form))
        .isInstanceOf(ProcessEngineException.class)
        .hasMessageContaining("准入申请未通过清单校验，未提交")
        .hasMessageContaining("主体责任单位：单位「区旅游发展委员会」不在章丘区的单位表")
        .hasMessageContaining("缺少「：」")
        .hasMessageContaining("超过了事项的办结时限 20个工作日");

    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(GovernanceDriver.ADMISSION).count())
        .isEqualTo(cases);
    assertThat(versions()).hasSize(before);
    assertThat(catalogs.of(TENANT)).isSameAs(old);
  }

  @Test
  void aProposalWithoutReasonsIsRefused() {
    Map<String, Object> form = new HashMap<>(GovernanceDriver.newItem("旅游客运安全监督管理"));
    form.put(REASONS.name(), "  ");
    assertThatThrownBy(() -> driver.propose(GovernanceDriver.ADMISSION, CULTURE, form))
        .hasMessageContaining("理由：请说明准入的理由");
  }

  @Test
  void aTownshipThatDoesNotAnswerByTheDeadlineDoesNotBlockTheDecision() {
    ProcessInstance admission = driver.propose(GovernanceDriver.ADMISSION, MARKET,
        GovernanceDriver.newItem("景区餐饮食品安全监督管理"));
    List<Task> consultation = driver.open(admission.getId(), Kind.ADMISSION.element(Step.CONSULT));
    driver.complete(consultation.get(0), TOWNSHIP_OPINION.with(GovernanceProcess.AGREE));
    driver.complete(consultation.get(1), TOWNSHIP_OPINION.with(GovernanceProcess.OBJECT).putValue(TOWNSHIP_COMMENT.name(), "无执法权"));

    // the deadline timer is due at the deadline of the tasks, not before
    Job timer = management.createJobQuery().processInstanceId(admission.getId()).timers().singleResult();
    assertThat(timer.getDuedate()).isEqualTo(consultation.get(2).getDueDate());
    assertThat(management.createJobQuery().processInstanceId(admission.getId()).executable().count()).isZero();

    // five working days later nobody else has answered
    EngineClock.set(MONDAY_MORNING.plusDays(7).plusMinutes(1));
    assertThat(management.createJobQuery().processInstanceId(admission.getId()).executable().count()).isOne();
    management.executeJob(timer.getId());

    assertThat(driver.open(admission.getId(), Kind.ADMISSION.element(Step.CONSULT))).isEmpty();
    Task legality = driver.one(admission.getId(), Kind.ADMISSION.element(Step.LEGALITY));
    assertThat(legality).isNotNull();
    assertThat(consultations.of(admission.getId())).hasSize(18)
        .filteredOn(o -> o.opinion().equals("silent")).hasSize(16)
        .allSatisfy(o -> assertThat(o.comment()).isEqualTo("逾期未反馈视为无意见"));
    assertThat((String) runtime.getVariable(admission.getId(), CONSULTATION_SUMMARY.name()))
        .contains("同意 1", "无意见 16（其中逾期未反馈视为无意见 16）", "有异议 1", "无执法权", "逾期未反馈（视为无意见）：");
    assertThat(runtime.getVariable(admission.getId(), SILENT_TOWNSHIPS.name())).isEqualTo(16L);

    driver.review(admission, GovernanceProcess.LAWFUL);
    driver.decide(admission, GovernanceProcess.APPROVE);
    assertThat(endActivity(admission)).isEqualTo(Kind.ADMISSION.element(Step.END).id());
  }

  @Test
  void anApprovalTheListNoLongerAcceptsChangesNothingAndShowsTheOfficeWhy() {
    // two proposals of the same item, both valid when proposed; the second approval finds the name taken
    ProcessInstance first = driver.propose(GovernanceDriver.ADMISSION, CULTURE, GovernanceDriver.newItem("文物保护单位安全巡查"));
    ProcessInstance second = driver.propose(GovernanceDriver.ADMISSION, CULTURE, GovernanceDriver.newItem("文物保护单位安全巡查"));
    driver.approveAll(first);
    assertThat(endActivity(first)).isEqualTo(Kind.ADMISSION.element(Step.END).id());
    int before = versions().size();
    Catalog inForce = catalogs.of(TENANT);

    driver.approveAll(second);

    Task errors = driver.one(second.getId(), Kind.ADMISSION.element(Step.ERRORS));
    assertThat(driver.candidateGroup(errors)).isEqualTo("zhangqiu_bianban");
    assertThat(runtime.getVariable(second.getId(), LIST_UPDATED.name())).isEqualTo(false);
    assertThat((String) runtime.getVariable(second.getId(), APPLY_ERRORS.name()))
        .contains("清单和施工图均未改变", "事项名称「文物保护单位安全巡查」重复");
    assertThat(versions()).hasSize(before);
    assertThat(catalogs.of(TENANT)).isSameAs(inForce);

    driver.complete(errors, ERRORS_NOTE.with("已告知提出单位"));
    assertThat(endActivity(second)).isEqualTo(Kind.ADMISSION.element(Step.NOT_UPDATED).id());
  }
}
