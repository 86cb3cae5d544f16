package cn.shudi.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * A small joint inspection for the credit file tests: the county's market bureau and the case's township
 * inspect side by side, the join runs as a job that writes the credit file (then a step that can be made
 * to fail), and the township confirms. Cases are driven as the staff would drive them.
 */
final class CreditCases {

  static final String KEY = "credit_test";
  static final String MARKET_STEP = "credit_test_market_1";
  static final String TOWNSHIP_STEP = "credit_test_township_1";
  static final String RECORD_STEP = "credit_test_record";
  static final String CLOSE_STEP = "credit_test_close";

  private static final AtomicInteger CODES = new AtomicInteger(ThreadLocalRandom.current().nextInt(1_000_000));

  private final ProcessEngine engine;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;

  CreditCases(ProcessEngine engine) {
    this.engine = engine;
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
  }

  /** A fresh valid code (GB 32100-2015) of an enterprise registered in 章丘 (370181). */
  static String newCode() {
    String body = String.format("%08d", 10_000_000 + CODES.incrementAndGet() % 90_000_000);
    String first17 = "91370181" + body + CreditCode.organizationCheckCharacter(body);
    return first17 + CreditCode.checkCharacter(first17);
  }

  static BpmnModelInstance model(String departmentGroup) {
    return Bpmn.createExecutableProcess(KEY).name("信用档案测试：联合检查").camundaHistoryTimeToLive(30)
        .startEvent("credit_test_start").name("案件已受理").camundaExecutionListenerDelegateExpression("start", "${caseOpening}")
        .parallelGateway("credit_test_fork")
        .userTask(MARKET_STEP).name("排查隐患").camundaCandidateGroups(departmentGroup)
        .parallelGateway("credit_test_join").camundaAsyncBefore()
        .serviceTask(RECORD_STEP).name("录入信用档案").camundaExpression("${creditFile.recordInspection(execution)}")
        .serviceTask("credit_test_after").name("记录办理结果").camundaDelegateExpression("${failingStep}")
        .userTask(CLOSE_STEP).name("确认办结").camundaCandidateGroups("${townshipGroup}")
        .endEvent("credit_test_end").name("案件已办结")
        .moveToNode("credit_test_fork")
        .userTask(TOWNSHIP_STEP).name("排查隐患").camundaCandidateGroups("${townshipGroup}")
        .connectTo("credit_test_join")
        .done();
  }

  /** Deploys the test process into the tenant once. */
  void deploy(String tenant, String departmentGroup) {
    RepositoryService repository = engine.getRepositoryService();
    if (repository.createProcessDefinitionQuery().processDefinitionKey(KEY).tenantIdIn(tenant).count() == 0) {
      repository.createDeployment().tenantId(tenant).name("credit-test")
          .addModelInstance("credit_test.bpmn", model(departmentGroup)).deploy();
    }
  }

  /** Starts a case about an enterprise; {@code creditCode} may be null (a subject without a code). */
  String start(String tenant, String township, String creditCode, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(Map.of("township", township, "caseSubject", "某食品有限公司",
        "caseDescription", "日常监督检查"));
    if (creditCode != null) {
      variables.put("creditCode", creditCode);
    }
    variables.putAll(more);
    return runtime.createProcessInstanceByKey(KEY).processDefinitionTenantId(tenant).setVariables(variables)
        .execute().getId();
  }

  /** Both units inspect: the department finds hazards, the township none; then the join waits as a job. */
  void inspect(String caseId) {
    completeAsStaff(task(caseId, MARKET_STEP), Map.of(
        MARKET_STEP + "_findings", "原料库温湿度记录缺失；冷藏柜温度超标",
        MARKET_STEP + "_result", "已下达责令整改通知书",
        MARKET_STEP + "_hazards", 2L,
        MARKET_STEP + "_level", "general",
        "credit_test_rectification_requirements", "7日内补齐温湿度记录",
        "credit_test_rectification_days", 7L));
    completeAsStaff(task(caseId, TOWNSHIP_STEP), Map.of(
        TOWNSHIP_STEP + "_findings", "",
        TOWNSHIP_STEP + "_result", "协管员同步检查，结果已共享",
        TOWNSHIP_STEP + "_hazards", 0L,
        TOWNSHIP_STEP + "_level", "none",
        "credit_test_rectified", "yes"));
  }

  /**
   * The job that completes the join and writes the credit file. The asynchronous join has one job per
   * arriving path: all but the last only arrive and wait; they are run first.
   */
  Job recordJob(String caseId) {
    for (int i = 0; i < 10; i++) {
      List<Job> jobs = management.createJobQuery().processInstanceId(caseId).list();
      assertThat(jobs).as("the join waits as jobs").isNotEmpty();
      if (jobs.size() == 1) {
        return jobs.get(0);
      }
      management.executeJob(jobs.get(0).getId());
    }
    throw new AssertionError("the join of " + caseId + " did not come down to one job");
  }

  /** Runs the case up to the township's confirmation: inspections, then the join's jobs. */
  void inspectAndRecord(String caseId) {
    inspect(caseId);
    management.executeJob(recordJob(caseId).getId());
    assertThat(tasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(CLOSE_STEP).count()).isOne();
  }

  Task task(String caseId, String key) {
    List<Task> open = tasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(key).list();
    assertThat(open).as("open task %s", key).hasSize(1);
    return open.get(0);
  }

  /** Claims and completes the task as {@code <group>_staff}, a member of its candidate group. */
  void completeAsStaff(Task task, Map<String, Object> values) {
    String group = tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).findFirst().orElseThrow();
    String tenant = group.substring(0, group.indexOf('_'));
    String user = group + "_staff";
    identity.setAuthentication(user, List.of(group), List.of(tenant));
    try {
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), values);
    } finally {
      identity.clearAuthentication();
    }
  }

  Object variable(String caseId, String name) {
    return runtime.getVariable(caseId, name);
  }

  /**
   * The step after the credit write ({@code ${failingStep}}): fails as often as armed for a case, as a broken
   * connection would. A bean in every test context (component scan), allowed in models by the tests' allow-list.
   */
  @Component("failingStep")
  public static class FailingStep implements JavaDelegate {

    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();

    static void arm(String caseId, int times) {
      FAILURES.put(caseId, new AtomicInteger(times));
    }

    @Override
    public void execute(DelegateExecution execution) {
      AtomicInteger left = FAILURES.get(execution.getProcessInstanceId());
      if (left != null && left.getAndDecrement() > 0) {
        throw new IllegalStateException("记录办理结果时数据库连接中断（测试）");
      }
    }
  }
}
