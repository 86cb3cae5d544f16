package cn.shudi.call;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import cn.shudi.support.CallForms;
import cn.shudi.support.ZhangqiuScenario;
import cn.shudi.call.CallProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;
import cn.shudi.support.EngineClock;

/**
 * Calls (乡呼县应) through the real {@code shared_call} process as the platform deploys it (tenant
 * {@code zhangqiu}, one {@code yunxi}), started as 明水街道's staff would start it in Tasklist, with
 * authorization checks on. A matter outside the list goes to the called department as its own job (清单之外无属地管理事项)
 * and nothing is recorded against anyone; only a call that names no department of the county ends at 呼叫无法派送,
 * with the reason in {@code refusalReason} and a row in {@code shudi_refusal}. The clock starts on Monday 3 March 2025, 09:00.
 */
@PlatformTest
class CallsTest extends ProcessTestBase implements ZhangqiuScenario {

  static final String KEY = CallProcess.KEY;
  static final String ZHANGQIU = "zhangqiu";
  /** ZQ054 食品生产经营企业日常安全监管: 区市场监管局 primary, 镇街 cooperating; 呼叫响应时限 24小时. */
  static final String FOOD_SAFETY = "ZQ054";

  @Autowired
  JdbcClient jdbc;
  @Autowired
  PlatformTransactionManager transactions;

  @BeforeEach
  void mondayMorning() {
    EngineClock.set(MONDAY_MORNING);
  }

  static Map<String, Object> callForm(String township, String itemCode, String department) {
    return CallForms.of(township, itemCode, department);
  }

  /** Started by the township's staff in their county, as from Tasklist's start form. */
  ProcessInstance call(String tenant, String township, Map<String, Object> form) {
    String group = tenant + "_" + township;
    identity.setAuthentication(group + "_staff", List.of(group), List.of(tenant));
    ProcessInstance call;
    try {
      call = runtime.createProcessInstanceByKey(KEY).processDefinitionTenantId(tenant).setVariables(form).execute();
    } finally {
      identity.clearAuthentication();
    }
    if (tasks.createTaskQuery().processInstanceId(call.getId()).taskDefinitionKey(CallProcess.Element.DISPATCH.id())
        .count() > 0) {
      cases().dispatchCall(tenant, call.getId(), Map.of()); // as the list proposes
    }
    return call;
  }

  ProcessInstance call(String itemCode, String department) {
    return call(ZHANGQIU, "mingshui", callForm("mingshui", itemCode, department));
  }

  /** The rows of shudi_refusal for the case, read with plain SQL. */
  List<Map<String, Object>> refusalRows(String caseId) {
    return jdbc.sql("select jurisdiction, case_id, item_code, unit_code, reason, refused_at from shudi_refusal "
        + "where case_id = :caseId").param("caseId", caseId).query().listOfRows();
  }

  HistoricProcessInstance historic(String id) {
    return history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult();
  }

  Object historicVariable(String instanceId, String name) {
    var found = history.createHistoricVariableInstanceQuery().processInstanceId(instanceId).variableName(name)
        .list();
    assertThat(found).as("variable %s", name).hasSize(1);
    return found.get(0).getValue();
  }

  /** Asserts the call ended at 呼叫无法派送 and returns its reason. */
  String assertRefused(ProcessInstance instance) {
    HistoricProcessInstance done = historic(instance.getId());
    assertThat(done.getEndTime()).as("the refused call ends at once").isNotNull();
    assertThat(done.getEndActivityId()).isEqualTo(CallProcess.Element.REFUSED.id());
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(CallProcess.Element.ACCEPT.id()).count()).as("no department is asked to accept").isZero();
    return historicVariable(instance.getId(), CallProcess.REFUSAL_REASON.name()).toString();
  }

  /** Asserts the call went to the department as its own job: waiting at 受理呼叫, marked off the list, nothing recorded. */
  String assertOffList(ProcessInstance instance, String departmentGroup) {
    assertThat(historic(instance.getId()).getEndTime()).as("the call goes on").isNull();
    Task accept = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(accept.getTaskDefinitionKey()).isEqualTo(CallProcess.Element.ACCEPT.id());
    assertThat(candidateGroups(accept)).containsExactly(departmentGroup);
    assertThat(runtime.getVariables(instance.getId())).containsEntry(CallProcess.CALL_OFF_LIST.name(), true)
        .containsEntry(CallProcess.CALLED_DEPARTMENT_GROUP.name(), departmentGroup)
        .containsEntry(CallProcess.CALL_RESPONSE_LIMIT.name(), CallCheck.OFF_LIST_RESPONSE_LIMIT)
        .containsEntry(CallProcess.CALL_TIME_LIMIT.name(), CallCheck.OFF_LIST_TIME_LIMIT)
        .containsEntry(CallProcess.ITEM_NAME.name(), CallCheck.OFF_LIST_NAME)
        .doesNotContainKey(CallProcess.REFUSAL_REASON.name());
    assertThat(refusalRows(instance.getId())).as("nothing recorded against anyone").isEmpty();
    return (String) runtime.getVariable(instance.getId(), CallProcess.CALL_OFF_LIST_NOTE.name());
  }

  @Test
  void aCallAboutAnItemOutsideTheListGoesToTheDepartmentAsItsOwnJob() {
    ProcessInstance instance = call("ZQ999", "market");

    assertThat(assertOffList(instance, MARKET))
        .isEqualTo("事项「ZQ999」不在清单内：清单之外无属地管理事项，由区市场监管局作为本部门职责办理");
  }

  @Test
  void aCallToADepartmentTheItemDoesNotNameIsTheDepartmentsOwnJob() {
    // ZQ054 names 区市场监管局 and the township, not 区农业农村局
    ProcessInstance instance = call(FOOD_SAFETY, "agriculture");

    assertThat(assertOffList(instance, "zhangqiu_agriculture")).isEqualTo(
        "清单未规定区农业农村局在「食品生产经营企业日常安全监管」中的责任：清单之外无属地管理事项，由区农业农村局作为本部门职责办理");
  }

  @Test
  void onlyADepartmentOfTheCountyCanBeCalled() {
    ProcessInstance township = call(FOOD_SAFETY, "shuangshan");
    assertThat(assertRefused(township)).isEqualTo("「shuangshan」不是章丘区的部门");
    assertThat(refusalRows(township.getId())).singleElement()
        .satisfies(row -> assertThat(row.get("UNIT_CODE")).as("a township named as department is not blamed").isNull());

    ProcessInstance nobody = call(FOOD_SAFETY, " ");
    assertThat(assertRefused(nobody)).isEqualTo("呼叫未写明被呼叫的部门");
    assertThat(refusalRows(nobody.getId())).singleElement()
        .satisfies(row -> assertThat(row.get("UNIT_CODE")).isNull());
  }

  @Test
  void aCallWithoutAnItemGoesToTheDepartment() {
    Map<String, Object> form = callForm("mingshui", null, "market");
    form.remove(CallProcess.CALL_ITEM_CODE.name());
    ProcessInstance instance = call(ZHANGQIU, "mingshui", form);

    assertThat(assertOffList(instance, MARKET)).startsWith("呼叫事项未列入清单：");
  }

  @Test
  void eachCountyIsHeldToItsOwnList() {
    // ZQ054 is on 章丘区's list, not on 郧西县's: there the matter is the department's own job
    ProcessInstance instance = call("yunxi", "chengguan", callForm("chengguan", "zq054", "market"));

    assertThat(assertOffList(instance, "yunxi_market")).startsWith("事项「ZQ054」不在清单内");
  }

  @Test
  void aCallTheListCoversGoesToTheDepartmentAndNothingIsRecorded() {
    ProcessInstance instance = call("zq054", "market");

    assertThat(historic(instance.getId()).getEndTime()).isNull();
    assertThat(runtime.getVariables(instance.getId())).containsEntry(CallProcess.CALLED_DEPARTMENT_GROUP.name(), MARKET)
        .containsEntry(CallProcess.CALL_RESPONSE_LIMIT.name(), "24小时").containsEntry(CallProcess.CALL_TIME_LIMIT.name(), "30个工作日")
        .containsEntry(CallProcess.ITEM_NAME.name(), "食品生产经营企业日常安全监管").containsEntry(CallProcess.CALL_OFF_LIST.name(), false)
        .doesNotContainKey(CallProcess.REFUSAL_REASON.name()).doesNotContainKey(CallProcess.CALL_OFF_LIST_NOTE.name());
    Task accept = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(accept.getTaskDefinitionKey()).isEqualTo(CallProcess.Element.ACCEPT.id());
    assertThat(candidateGroups(accept)).containsExactly(MARKET);
    assertThat(refusalRows(instance.getId())).isEmpty();
  }

  @Test
  void theRefusalIsKeptWhenTheCallersTransactionRollsBack() {
    // the call is started inside a transaction that later fails: the call itself is gone, its refusal is not
    String[] instanceId = new String[1];
    new TransactionTemplate(transactions).executeWithoutResult(status -> {
      instanceId[0] = call(FOOD_SAFETY, "shuangshan").getId();
      status.setRollbackOnly();
    });

    assertThat(historic(instanceId[0])).as("the call was rolled back").isNull();
    assertThat(refusalRows(instanceId[0])).singleElement()
        .satisfies(row -> assertThat(row).containsEntry("ITEM_CODE", FOOD_SAFETY).containsEntry("UNIT_CODE", null));
  }

  @Test
  void aCallWithoutResponseIsSupervisedByTheCommandCentreAtTheDeadline() {
    ProcessInstance instance = call(FOOD_SAFETY, "market");
    Task accept = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    assertThat(accept.getDueDate()).as("呼叫响应时限 24小时").isEqualTo(at(MONDAY_MORNING.plusHours(24)));

    // an hour before the deadline no timer is due
    EngineClock.set(MONDAY_MORNING.plusHours(23));
    assertThat(dueTimers(instance)).isEmpty();

    // the deadline passes: the job executor (off in tests) would run the timer now
    EngineClock.set(MONDAY_MORNING.plusHours(24).plusMinutes(1));
    List<Job> due = dueTimers(instance);
    assertThat(due).hasSize(1);
    management.executeJob(due.get(0).getId());

    ProcessInstance supervision = runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .processDefinitionKey(SupervisionProcess.KEY).singleResult();
    assertThat(supervision).as("a shared_supervision instance").isNotNull();
    assertThat(runtime.getVariables(supervision.getId())).containsEntry(SupervisionProcess.OVERDUE_STEP.name(), "受理呼叫")
        .containsEntry(SupervisionProcess.OVERDUE_GROUP.name(), MARKET).containsEntry(CallProcess.CALL_ITEM_CODE.name(), FOOD_SAFETY);
    Task supervise = tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult();
    assertThat(supervise.getTaskDefinitionKey()).isEqualTo(SupervisionProcess.Element.TASK.id());
    assertThat(candidateGroups(supervise)).containsExactly(COMMAND);
    assertThat(tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(CallProcess.Element.ACCEPT.id())
        .count()).as("the call stays with the department").isOne();

    // the dispatcher of the command centre supervises, as a real user with authorization checks
    identity.setAuthentication("zhangqiu_dispatcher", List.of(COMMAND, "zhangqiu_dispatchers"), List.of(ZHANGQIU));
    try {
      tasks.complete(supervise.getId(), Map.of(SupervisionProcess.SUPERVISION_OPINION.name(), "请立即受理", SupervisionProcess.SUPERVISION_OUTCOME.name(), "urged"));
    } finally {
      identity.clearAuthentication();
    }
    assertThat(historic(supervision.getId()).getEndTime()).isNotNull();
    assertThat(refusalRows(instance.getId())).as("a late answer is not a refusal").isEmpty();
  }

  List<Job> dueTimers(ProcessInstance instance) {
    return management.createJobQuery().processInstanceId(instance.getId()).timers()
        .duedateLowerThan(new Date(ClockUtil.getCurrentTime().getTime() + 1000)).list();
  }
}
