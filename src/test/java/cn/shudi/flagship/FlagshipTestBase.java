package cn.shudi.flagship;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.call.SupervisionProcess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;


import cn.shudi.casework.Reminders;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.support.OneCountyProcessTest;
import cn.shudi.support.ProcessTestBase;
import cn.shudi.support.ZhangqiuScenario;
import cn.shudi.support.EngineClock;

/**
 * A hand-modelled flagship blueprint of Zhangqiu as the platform deploys it at start-up (tenant
 * {@code zhangqiu}), driven by the demo staff of the groups the tasks name, with authorization checks on.
 * The engine clock starts on a Monday morning so working days are plain; time moves only when a test
 * moves it, and due timers and async continuations run when a test runs them, as the job executor would.
 * (A mock web environment, no server: the platform's REST and webapp starters need a servlet context.)
 */
@OneCountyProcessTest
abstract class FlagshipTestBase extends ProcessTestBase implements ZhangqiuScenario {

  static final String TOWNSHIP = "mingshui";

  /** What staff write into the common fields of every form. */
  static final Map<String, Object> DONE = Map.of(ItemProcess.DUTY_RESULT.name(), "已按要求办理", ItemProcess.DUTY_FINDINGS.name(), "无");
  static final Map<String, Object> SUPERVISED =
      Map.of("supervisionOpinion", "请责任单位两个工作日内办结", "supervisionOutcome", "urged");
  static final Map<String, Object> SATISFIED = Map.of("rating", "satisfied", "ratingComment", "配合及时");

  @Autowired
  Catalogs catalogs;

  /** The list item, e.g. {@code ZQ054}. */
  abstract String code();

  /** Every flagship: the model follows its item of the list and opens in Camunda Modeler. */
  @org.junit.jupiter.api.Test
  void modelFollowsTheListAndOpensInModeler() throws Exception {
    FlagshipModels.assertFollowsTheListAndOpensInModeler(item());
  }

  String key() {
    return code().toLowerCase(Locale.ROOT);
  }

  Item item() {
    return catalogs.of(TENANT).item(code()).orElseThrow();
  }

  @BeforeEach
  void startOnMondayMorning() {
    BpmnAwareTests.init(engine);
    EngineClock.set(MONDAY_MORNING);
  }

  static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
    Map<String, Object> all = new HashMap<>(base);
    for (int i = 0; i < keyValues.length; i += 2) {
      all.put((String) keyValues[i], keyValues[i + 1]);
    }
    return all;
  }

  /** A case started the way Tasklist starts it: the start form's fields as variables, tenant zhangqiu. */
  ProcessInstance startCase(Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(Map.of(ItemProcess.TOWNSHIP.name(), TOWNSHIP, ItemProcess.CASE_DESCRIPTION.name(), "日常监管"));
    variables.putAll(more);
    return runtime.createProcessInstanceByKey(key()).processDefinitionTenantId(TENANT).setVariables(variables)
        .execute();
  }

  List<String> openSteps(ProcessInstance instance) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).list().stream().map(Task::getTaskDefinitionKey)
        .sorted().toList();
  }

  /** Completes the case's open task at the activity as the group, after checking the task is that group's. */
  Task complete(ProcessInstance instance, String activityId, String group, Map<String, Object> values) {
    Task task = task(instance, activityId);
    assertThat(candidateGroups(task)).as("candidate group of %s", activityId).containsExactly(group);
    completeAs(group, task, values);
    return task;
  }

  /** Runs the async continuations (the joins, the credit write) of the case and its called processes. */
  int runAsyncJobs(ProcessInstance instance) {
    return cases().runAsyncContinuations(instance.getId());
  }

  /** The timer at the activity (a boundary or intermediate timer event) of the case. */
  Job timer(ProcessInstance instance, String activityId) {
    List<Job> found = management.createJobQuery().processInstanceId(instance.getId()).activityId(activityId).timers()
        .list();
    assertThat(found).as("timer %s", activityId).hasSize(1);
    return found.get(0);
  }

  /** Moves the engine clock to the timer's due date (never back) and runs it, as the job executor would. */
  void fire(ProcessInstance instance, String activityId) {
    Job job = timer(instance, activityId);
    if (job.getDuedate().after(ClockUtil.getCurrentTime())) {
      ClockUtil.setCurrentTime(job.getDuedate());
    }
    management.executeJob(job.getId());
  }

  long calledCount(ProcessInstance caller, String key) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId()).processDefinitionKey(key).count();
  }

  /**
   * A step runs late: its reminder raises the task's priority, then at the deadline the supervision ladder
   * starts (shared_supervision) while the unit's task stays open: a township's step goes first to the
   * township's centre, which refers it up ({@link #referredUp}); the command centre supervises (urged).
   */
  void runsLate(ProcessInstance instance, ItemProcess.Element step, String group) {
    String stepId = step.id();
    Task task = task(instance, stepId);
    fire(instance, step.reminder().id());
    assertThat(tasks.createTaskQuery().taskId(task.getId()).singleResult().getPriority())
        .as("%s reminded", stepId).isEqualTo(Reminders.REMINDED_PRIORITY);
    fire(instance, step.deadline().id());
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo(task.getName());
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(group);
    if (group.equals(MINGSHUI)) {
      referredUp(supervision, MINGSHUI);
    }
    Task supervise = tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult();
    assertThat(supervise.getName()).isEqualTo("督办超期事项");
    assertThat(candidateGroups(supervise)).containsExactly(COMMAND);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("the work goes on").isOne();
    completeAs(COMMAND, supervise, SUPERVISED);
    finishJointMeeting(supervision);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(supervision.getId()).count())
        .as("supervision of %s ended", stepId).isZero();
  }

  /** The step runs late ({@link #runsLate}), then its unit completes it with the values. */
  void lateThenDone(ProcessInstance instance, ItemProcess.Element step, String group, Map<String, Object> values) {
    runsLate(instance, step, group);
    complete(instance, step.id(), group, values);
  }

  /**
   * The first rung of the ladder for a township's overdue step: the township's own centre (镇街中心催办)
   * cannot solve it and refers it to the command centre.
   */
  void referredUp(ProcessInstance supervision, String township) {
    Task centre = tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult();
    assertThat(centre.getTaskDefinitionKey()).isEqualTo(SupervisionProcess.Element.TOWNSHIP.id());
    assertThat(candidateGroups(centre)).containsExactly(township);
    completeAs(township, centre, Map.of(SupervisionProcess.TOWNSHIP_SUPERVISION_OPINION.name(), "已督促经办人",
        SupervisionProcess.TOWNSHIP_SUPERVISION_OUTCOME.name(), SupervisionProcess.REFER));
  }

  /** Completes the joint meeting the supervision may have called: the command centre, then every department. */
  List<String> finishJointMeeting(ProcessInstance supervision) {
    List<String> implemented = new ArrayList<>();
    for (ProcessInstance meeting : runtime.createProcessInstanceQuery().superProcessInstanceId(supervision.getId())
        .processDefinitionKey("shared_joint_meeting").list()) {
      Task organise = tasks.createTaskQuery().processInstanceId(meeting.getId()).singleResult();
      assertThat(organise.getName()).isEqualTo("组织召开联席会议");
      completeAs(COMMAND, organise, Map.of("meetingParticipants", "区指挥中心及相关部门", "meetingMinutes", "会商纪要",
          "meetingDecision", "各部门按清单分工限期落实"));
      for (Task implement : tasks.createTaskQuery().processInstanceId(meeting.getId()).list()) {
        assertThat(implement.getName()).isEqualTo("落实会议议定事项");
        String group = candidateGroups(implement).get(0);
        implemented.add(group);
        completeAs(group, implement, DONE);
      }
    }
    return implemented;
  }

  /**
   * The township rates every department that served the case (each running shared_evaluation the case
   * called); returns the rated departments in order.
   */
  List<String> rateDepartments(ProcessInstance instance) {
    List<ProcessInstance> evaluations = runtime.createProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .processDefinitionKey("shared_evaluation").list();
    assertThat(evaluations).as("shared_evaluation called by the case").isNotEmpty();
    List<String> rated = new ArrayList<>();
    for (ProcessInstance evaluation : evaluations) {
      for (int i = 0; i < 10; i++) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(evaluation.getId()).list();
        if (open.isEmpty()) {
          break;
        }
        for (Task rate : open) {
          assertThat(rate.getName()).isEqualTo("评价部门履职");
          assertThat(candidateGroups(rate)).containsExactly(MINGSHUI);
          rated.add((String) runtime.getVariable(rate.getExecutionId(), "departmentGroup"));
          completeAs(MINGSHUI, rate, SATISFIED);
        }
      }
    }
    return rated;
  }

  long completedTimes(ProcessInstance instance, String activityId) {
    return history.createHistoricTaskInstanceQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId)
        .finished().count();
  }
}
