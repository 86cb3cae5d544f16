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
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.engine.delegate.ExecutionListener;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.process.Variable;

/**
 * A small joint inspection for the credit file tests: the county's market bureau and the case's township
 * inspect side by side, the join runs as a job that writes the credit file (then a step that can be made
 * to fail), and the township confirms. Cases are driven as the staff would drive them.
 */
final class CreditCases {

  static final String KEY = "credit_test";
  static final ItemProcess.Ids IDS = new ItemProcess.Ids(KEY);
  static final String MARKET_STEP = IDS.step("market", 1).id();
  static final String TOWNSHIP_STEP = IDS.township(1).id();
  static final String RECORD_STEP = IDS.record().id();
  static final String CLOSE_STEP = IDS.element("close").id();

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
    return newCode("370181");
  }

  /** A fresh valid code of an enterprise registered in the area of the six-digit division code, e.g. 郧西 420322. */
  static String newCode(String area) {
    String body = String.format("%08d", 10_000_000 + CODES.incrementAndGet() % 90_000_000);
    String first17 = "91" + area + body + CreditCode.organizationCheckCharacter(body);
    return first17 + CreditCode.checkCharacter(first17);
  }

  /** The joint inspection: both units' steps have the inspection form's fields local, as the blueprints do. */
  static BpmnModelInstance model(String departmentGroup) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(KEY).name("信用档案测试：联合检查").camundaHistoryTimeToLive(30)
        .startEvent(IDS.start().id()).name("案件已受理")
        .camundaExecutionListenerDelegateExpression(ExecutionListener.EVENTNAME_START, ItemProcess.OPENING_LISTENER)
        .parallelGateway(IDS.fork().id())
        .userTask(MARKET_STEP).name("排查隐患").camundaCandidateGroups(departmentGroup)
        .parallelGateway(IDS.join().id()).camundaAsyncBefore()
        .serviceTask(RECORD_STEP).name("录入信用档案").camundaExpression(ItemProcess.RECORD_INSPECTION)
        .serviceTask(IDS.element("after").id()).name("记录办理结果").camundaDelegateExpression("${failingStep}")
        .userTask(CLOSE_STEP).name("确认办结").camundaCandidateGroups(ItemProcess.TOWNSHIP_CANDIDATE)
        .endEvent(IDS.end().id()).name("案件已办结")
        .moveToNode(IDS.fork().id())
        .userTask(TOWNSHIP_STEP).name("排查隐患").camundaCandidateGroups(ItemProcess.TOWNSHIP_CANDIDATE)
        .connectTo(IDS.join().id())
        .done();
    for (String step : List.of(MARKET_STEP, TOWNSHIP_STEP)) {
      UserTask task = model.getModelElementById(step);
      CamundaInputOutput io = model.newInstance(CamundaInputOutput.class);
      for (Variable<?> field : INSPECTION_FORM) {
        CamundaInputParameter local = model.newInstance(CamundaInputParameter.class);
        local.setCamundaName(field.name());
        io.getCamundaInputParameters().add(local);
      }
      task.builder().addExtensionElement(io);
    }
    return model;
  }

  /** The fields of the test's inspection form, local to each inspection step. */
  private static final List<Variable<?>> INSPECTION_FORM = List.of(ItemProcess.DUTY_RESULT, ItemProcess.DUTY_FINDINGS,
      ItemProcess.HAZARD_COUNT, ItemProcess.HAZARD_LEVEL, ItemProcess.RECTIFICATION_REQUIREMENTS,
      ItemProcess.RECTIFICATION_DAYS, ItemProcess.RECTIFIED);

  /** Deploys the test process into the tenant once. */
  void deploy(String tenant, String departmentGroup) {
    RepositoryService repository = engine.getRepositoryService();
    if (repository.createProcessDefinitionQuery().processDefinitionKey(KEY).tenantIdIn(tenant).count() == 0) {
      cn.shudi.support.TestForms.add(repository.createDeployment().tenantId(tenant).name("credit-test"),
          "credit_test.bpmn", model(departmentGroup)).deploy();
    }
  }

  /** Starts a case about an enterprise; {@code creditCode} may be null (a subject without a code). */
  String start(String tenant, String township, String creditCode, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(Map.of(ItemProcess.TOWNSHIP.name(), township,
        ItemProcess.CASE_SUBJECT.name(), "某食品有限公司", ItemProcess.CASE_DESCRIPTION.name(), "日常监督检查"));
    if (creditCode != null) {
      variables.put(ItemProcess.CREDIT_CODE.name(), creditCode);
    }
    variables.putAll(more);
    return runtime.createProcessInstanceByKey(KEY).processDefinitionTenantId(tenant).setVariables(variables)
        .execute().getId();
  }

  /** Both units inspect: the department finds hazards, the township none; then the join waits as a job. */
  void inspect(String caseId) {
    completeAsStaff(task(caseId, MARKET_STEP), ItemProcess.DUTY_FINDINGS.with("原料库温湿度记录缺失；冷藏柜温度超标")
        .putValue(ItemProcess.DUTY_RESULT.name(), "已下达责令整改通知书")
        .putValue(ItemProcess.HAZARD_COUNT.name(), 2L)
        .putValue(ItemProcess.HAZARD_LEVEL.name(), "general")
        .putValue(ItemProcess.RECTIFICATION_REQUIREMENTS.name(), "7日内补齐温湿度记录")
        .putValue(ItemProcess.RECTIFICATION_DAYS.name(), 7L));
    completeAsStaff(task(caseId, TOWNSHIP_STEP), ItemProcess.DUTY_FINDINGS.with("")
        .putValue(ItemProcess.DUTY_RESULT.name(), "协管员同步检查，结果已共享")
        .putValue(ItemProcess.HAZARD_COUNT.name(), 0L)
        .putValue(ItemProcess.HAZARD_LEVEL.name(), "none")
        .putValue(ItemProcess.RECTIFIED.name(), "yes"));
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

  <T> T variable(String caseId, Variable<T> variable) {
    return variable.from(runtime.getVariables(caseId, List.of(variable.name())));
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
