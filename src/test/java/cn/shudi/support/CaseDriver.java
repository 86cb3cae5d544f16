package cn.shudi.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

import cn.shudi.process.BpmnElement;
import cn.shudi.call.CallProcess;
import cn.shudi.process.Variable;

/**
 * Drives cases as the staff would: every open task is completed by the demo staff member of the
 * task's candidate group, under that user's authentication (authorization checks are on), so a task
 * given to the wrong group fails. Jobs that are due run as the job executor would run them.
 */
public final class CaseDriver {

  /** What a user typed into the forms: enough for every form of the platform. */
  public static final Map<String, Object> FORM_VALUES = Map.ofEntries(
      Map.entry("dutyResult", "已按要求办理"), Map.entry("dutyFindings", "未发现问题"),
      Map.entry("rating", "satisfied"), Map.entry("ratingComment", "响应及时"),
      Map.entry("supervisionOpinion", "请责任单位限期办结"), Map.entry("supervisionOutcome", "urged"),
      Map.entry("townshipSupervisionOpinion", "请经办人限期办结"), Map.entry("townshipSupervisionOutcome", "urged"),
      Map.entry("meetingParticipants", "相关部门"), Map.entry("meetingMinutes", "会议纪要"),
      Map.entry("meetingDecision", "分工落实"), Map.entry("callAccepted", "yes"),
      Map.entry("hazardCount", 0L), Map.entry("hazardLevel", "none"), Map.entry("rectified", "yes"),
      Map.entry("rectificationDays", 10L), Map.entry("rectificationRequirements", "限期整改"),
      Map.entry("fireFound", "no"), Map.entry("patrolArea", "第一网格"), Map.entry("fireExtinguished", "yes"),
      Map.entry("firePointLocation", "某地块"), Map.entry("houseSafetyGrade", "D"),
      Map.entry("callAcceptNote", "受理"), Map.entry("callJustified", "yes"), Map.entry("callComplete", "yes"),
      Map.entry("callWithinList", "yes"), Map.entry("followUpDays", 30L), Map.entry("dangerCleared", true),
      Map.entry("acceptancePassed", true), Map.entry("rectificationDone", true));

  /** The Camunda group type of a stationed agency (organization's unit type {@code station}). */
  private static final String STATION_GROUP_TYPE = "station";

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final IdentityService identity;
  private final org.camunda.bpm.engine.RepositoryService repository;
  private final org.camunda.bpm.engine.FormService forms;

  public CaseDriver(ProcessEngine engine) {
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.management = engine.getManagementService();
    this.identity = engine.getIdentityService();
    this.repository = engine.getRepositoryService();
    this.forms = engine.getFormService();
  }

  public ProcessInstance start(String key, String tenant, String township, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>(Map.of("township", township, "caseSubject", "测试对象",
        "caseDescription", "测试案件"));
    variables.putAll(more);
    return runtime.createProcessInstanceByKey(key).processDefinitionTenantId(tenant).setVariables(variables)
        .execute();
  }

  /** The case and every process it called, recursively. */
  public List<String> hierarchy(String rootId) {
    List<String> ids = new ArrayList<>(List.of(rootId));
    for (int i = 0; i < ids.size(); i++) {
      runtime.createProcessInstanceQuery().superProcessInstanceId(ids.get(i)).list()
          .forEach(p -> ids.add(p.getId()));
    }
    return ids;
  }

  public List<Task> openTasks(String rootId) {
    return tasks.createTaskQuery().processInstanceIdIn(hierarchy(rootId).toArray(String[]::new)).list();
  }

  /** The one open task of the process instance at the step; fails when there is none or several. */
  public Task task(String processInstanceId, BpmnElement step) {
    return task(processInstanceId, step.id());
  }

  public Task task(String processInstanceId, String stepId) {
    List<Task> open = tasks(processInstanceId, stepId);
    if (open.size() != 1) {
      throw new AssertionError("expected one open task " + stepId + " in " + processInstanceId + ", found "
          + open.size());
    }
    return open.get(0);
  }

  public List<Task> tasks(String processInstanceId, String stepId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(stepId).list();
  }

  public List<String> candidateGroups(Task task) {
    return candidates(task).stream().filter(group -> !isStation(group)).toList();
  }

  /**
   * The stationed agencies (派驻机构, groups of type {@code station}) that hold the task besides the unit it is for:
   * the department's agency in the case's township.
   */
  public List<String> stationGroups(Task task) {
    return candidates(task).stream().filter(this::isStation).toList();
  }

  private List<String> candidates(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }

  private boolean isStation(String group) {
    return identity.createGroupQuery().groupId(group).groupType(STATION_GROUP_TYPE).count() > 0;
  }

  public String candidateGroup(Task task) {
    return candidateGroups(task).stream().findFirst()
        .orElseThrow(() -> new AssertionError("task " + task.getTaskDefinitionKey() + " has no candidate group"));
  }

  /**
   * Completes a call's 研判派单 as the county's command centre ({@code <tenant>_command_staff}): the departments and
   * limits the list proposed ({@code calls.open}), with the changes given (variable name → value).
   */
  public Task dispatchCall(String tenant, String callId, Map<String, Object> changes) {
    Task dispatch = task(callId, CallProcess.Element.DISPATCH.id());
    Map<String, Object> values = new HashMap<>();
    for (Variable<String> proposed : List.of(CallProcess.CALL_PRIMARY_DEPARTMENT,
        CallProcess.CALL_COOPERATING_DEPARTMENTS, CallProcess.CALL_RESPONSE_LIMIT, CallProcess.CALL_TIME_LIMIT)) {
      values.put(proposed.name(), runtime.getVariable(callId, proposed.name()));
    }
    values.put(CallProcess.CALL_DISPATCH_NOTE.name(), "按清单派单");
    values.putAll(changes);
    String command = tenant + "_command";
    completeAs(command + "_staff", List.of(command), tenant, dispatch, values);
    return dispatch;
  }

  /** Completes the task as the user, with the user's groups in the county; authorization checks apply. */
  public void completeAs(String user, List<String> groups, String tenant, Task task, Map<String, Object> values) {
    Map<String, Object> typed = ofTheForm(task, values);
    identity.setAuthentication(user, groups, List.of(tenant));
    try {
      tasks.complete(task.getId(), typed);
    } finally {
      identity.clearAuthentication();
    }
  }

  /**
   * What a person can type into the task's form: the values whose names are its fields (the platform refuses any other
   * from a person, security's {@code FormFieldsGuardInterceptor}); none for a task without a form.
   */
  public Map<String, Object> ofTheForm(Task task, Map<String, Object> values) {
    java.util.Set<String> fields = formFields(task.getId());
    Map<String, Object> typed = new HashMap<>();
    values.forEach((name, value) -> {
      if (fields.contains(name)) {
        typed.put(name, value);
      }
    });
    return typed;
  }

  /** The keys of the task's deployed Camunda form, groups included. */
  public java.util.Set<String> formFields(String taskId) {
    java.util.Set<String> keys = new java.util.HashSet<>();
    try (java.io.InputStream in = forms.getDeployedTaskForm(taskId)) {
      java.util.Deque<com.fasterxml.jackson.databind.JsonNode> open = new java.util.ArrayDeque<>();
      open.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(in));
      while (!open.isEmpty()) {
        com.fasterxml.jackson.databind.JsonNode component = open.poll();
        if (component.path("key").isTextual()) {
          keys.add(component.path("key").asText());
        }
        component.path("components").forEach(open::add);
      }
    } catch (org.camunda.bpm.engine.ProcessEngineException e) {
      return java.util.Set.of(); // no form
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return keys;
  }

  /** Completes the task as {@code <group>_staff}, a member of the group, in the group's tenant. */
  public void completeAsStaff(Task task, Map<String, Object> values) {
    String group = candidateGroup(task);
    completeAs(group + "_staff", List.of(group), group.substring(0, group.indexOf('_')), task, values);
  }

  /**
   * The step a completed task ({@code key@group}, as {@link #completeAll} lists it) belongs to: a case pattern's task
   * ({@code zq002_agriculture_1_inspection_check@g}) counts as its step's ({@code zq002_agriculture_1@g}).
   */
  public static String stepOf(String done) {
    java.util.regex.Matcher inside = PATTERN_TASK.matcher(done);
    return inside.matches() ? inside.group(1) + (inside.group(2) == null ? "" : inside.group(2)) : done;
  }

  /** A pattern's task: the step's id ({@code <key>_<unit>_<n>}), the pattern's key, the fragment's id, the group. */
  private static final java.util.regex.Pattern PATTERN_TASK = java.util.regex.Pattern.compile("(.+?_\\d+)_(?:"
      + String.join("|", java.util.Arrays.stream(cn.shudi.catalog.CasePattern.values())
          .map(cn.shudi.catalog.CasePattern::key).toList()) + ")_[^@]*(@.*)?");

  /**
   * Lets the periods a case pattern waits for pass (a rectification deadline, a follow-up interval): fires the
   * case's timers on intermediate events, not the reminders and deadlines on its steps; returns how many fired.
   */
  public int passWaits(String rootId) {
    int fired = 0;
    for (String id : hierarchy(rootId)) {
      for (Job job : management.createJobQuery().processInstanceId(id).timers().list()) {
        String activity = management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
            .singleResult().getActivityId();
        if (repository.getBpmnModelInstance(job.getProcessDefinitionId()).getModelElementById(activity)
            instanceof org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent) {
          management.executeJob(job.getId());
          fired++;
        }
      }
    }
    return fired;
  }

  /** Runs every job of the case's processes that is due now; returns how many ran. */
  public int runDueJobs(String rootId) {
    return runJobs(rootId, query -> query);
  }

  /** Runs the async continuations (the joins, the credit write) of the case's processes, not its timers. */
  public int runAsyncContinuations(String rootId) {
    return runJobs(rootId, JobQuery::messages);
  }

  private int runJobs(String rootId, UnaryOperator<JobQuery> which) {
    int ran = 0;
    for (int round = 0; round < 20; round++) {
      List<Job> due = new ArrayList<>();
      for (String id : hierarchy(rootId)) {
        due.addAll(which.apply(management.createJobQuery().processInstanceId(id)).executable().list());
      }
      if (due.isEmpty()) {
        return ran;
      }
      for (Job job : due) {
        management.executeJob(job.getId());
        ran++;
      }
    }
    return ran;
  }

  /**
   * Completes open tasks that match {@code which} (and runs due jobs) until none is left; returns
   * the completed tasks' definition keys with their candidate groups, in order.
   */
  public List<String> completeAll(String rootId, Predicate<Task> which) {
    List<String> done = new ArrayList<>();
    for (int round = 0; round < 200; round++) {
      runDueJobs(rootId);
      List<Task> open = openTasks(rootId).stream().filter(which).toList();
      if (open.isEmpty() && passWaits(rootId) == 0) {
        return done;
      }
      if (open.isEmpty()) {
        continue;
      }
      Task task = open.get(0);
      done.add(task.getTaskDefinitionKey() + "@" + candidateGroup(task));
      completeAsStaff(task, FORM_VALUES);
    }
    throw new AssertionError("case " + rootId + " did not finish: " + openTasks(rootId));
  }

  public boolean isEnded(String id) {
    return runtime.createProcessInstanceQuery().processInstanceId(id).count() == 0;
  }
}
