package cn.shudi.evaluation;

import static cn.shudi.support.EngineClock.at;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;
import cn.shudi.support.EngineClock;

/**
 * The running platform (real HTTP port, blueprints and shared processes deployed per county, demo users,
 * authorization checks on) for the evaluation and assessment tests. One Spring context for all of them:
 * each test works in a month of its own, so their ratings and tasks do not meet. The job executor is off;
 * tests move the engine clock and run jobs themselves.
 */
@PlatformTest
public abstract class PlatformTestBase extends ProcessTestBase {

  public static final String MINGSHUI = "zhangqiu_mingshui";
  public static final String MARKET = "zhangqiu_market";
  public static final String COMMAND = "zhangqiu_command";
  public static final String DISPATCHERS = "zhangqiu_dispatchers";

  /** A one-step test process: start → service task calling the bean → end (deployed into the county). */
  static final String RECORD_KEY = "test_record_rating";
  static final String CALL_RATING_KEY = "test_record_call_rating";
  /** A one-task test process: the unit's duty task with the given due date. */
  public static final String DUTY_KEY = "test_duty_step";

  @LocalServerPort
  protected int port;
  @Autowired
  protected JdbcClient jdbc;
  @Autowired
  protected EvaluationStore evaluations;

  @BeforeEach
  void initEngineAssertionsAndTestModels() {
    BpmnAwareTests.init(engine);
    if (repository.createProcessDefinitionQuery().processDefinitionKey(DUTY_KEY).tenantIdIn(TENANT).count() == 0) {
      repository.createDeployment().tenantId(TENANT).name("evaluation-tests")
          .addModelInstance(RECORD_KEY + ".bpmn", serviceOnly(RECORD_KEY, "${evaluations.record(execution)}"))
          .addModelInstance(CALL_RATING_KEY + ".bpmn",
              serviceOnly(CALL_RATING_KEY, "${evaluations.recordCallRating(execution)}"))
          .addModelInstance(DUTY_KEY + ".bpmn", dutyStep())
          .deploy();
    }
  }

  static BpmnModelInstance serviceOnly(String key, String expression) {
    return Bpmn.createExecutableProcess(key).name("测试评价记录").camundaHistoryTimeToLive(30)
        .startEvent(key + "_start").name("开始")
        .serviceTask(key + "_record").name("记录评价").camundaExpression(expression)
        .endEvent(key + "_end").name("结束")
        .done();
  }

  static BpmnModelInstance dutyStep() {
    return Bpmn.createExecutableProcess(DUTY_KEY).name("测试履职步骤").camundaHistoryTimeToLive(30)
        .startEvent("test_duty_start").name("开始")
        .userTask("test_duty_task").name("履职").camundaCandidateGroups("${group}").camundaDueDate("${due}")
        .endEvent("test_duty_end").name("结束")
        .done();
  }

  /**
   * The exception a bean called by expression threw, as the engine reports it: the {@link NotValidException}
   * somewhere in the chain (the engine wraps what a method expression throws).
   */
  public static NotValidException refusal(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NotValidException refused) {
        return refused;
      }
    }
    throw new AssertionError("not refused as invalid: " + thrown, thrown);
  }

  /** Runs the call and returns the refusal (a {@link NotValidException} in the chain) it ended in. */
  public static NotValidException refusalOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    try {
      call.call();
    } catch (Throwable thrown) {
      return refusal(thrown);
    }
    throw new AssertionError("not refused");
  }

  public static void clock(LocalDateTime time) {
    EngineClock.set(time);
  }

  public ProcessInstance start(String key, Map<String, Object> variables) {
    return runtime.createProcessInstanceByKey(key).processDefinitionTenantId(TENANT).setVariables(variables)
        .execute();
  }

  /** Starts the process as the user, with the user's groups in the county, as Tasklist or REST would. */
  public ProcessInstance startAs(String user, List<String> groups, String key, Map<String, Object> variables) {
    identity.setAuthentication(user, groups, List.of(TENANT));
    try {
      return start(key, variables);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Completes the task as the demo staff member of the unit group. */
  public void completeAsStaff(String group, Task task, Map<String, Object> values) {
    completeAs(group + "_staff", List.of(group), task, values);
  }

  /** The engine stores the township's rating of the department, as shared_evaluation does after its form. */
  public StoredRating rate(String townshipGroup, String departmentGroup, String rating, String comment) {
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put(CallProcess.TOWNSHIP_GROUP.name(), townshipGroup);
    variables.put(JointMeetingProcess.DEPARTMENT_GROUP.name(), departmentGroup);
    variables.put(JointMeetingProcess.ITEM_CODE.name(), "ZQ054");
    variables.put(CallProcess.RATING.name(), rating);
    variables.put(CallProcess.RATING_COMMENT.name(), comment);
    ProcessInstance instance = start(RECORD_KEY, variables);
    return evaluations.ratingOf(instance.getId(), departmentGroup).orElseThrow();
  }

  /** The engine stores the called department's rating of the township's call. */
  public CallRating rateCall(String departmentGroup, String townshipGroup, String justified, String complete,
      String withinList) {
    ProcessInstance instance = start(CALL_RATING_KEY, Map.of(CallProcess.CALLED_DEPARTMENT_GROUP.name(), departmentGroup,
        CallProcess.TOWNSHIP_GROUP.name(), townshipGroup, CallProcess.CALL_ITEM_CODE.name(), "ZQ054", CallProcess.CALL_JUSTIFIED.name(), justified,
        CallProcess.CALL_COMPLETE.name(), complete, CallProcess.CALL_WITHIN_LIST.name(), withinList));
    return evaluations.callRatingOf(instance.getId(), departmentGroup).orElseThrow();
  }

  /** A duty task of the unit group, due at the given time (county time). */
  public Task dutyTask(String group, LocalDateTime due) {
    ProcessInstance instance = start(DUTY_KEY, Map.of("group", group, "due", at(due)));
    return task(instance, "test_duty_task");
  }
}
