package cn.shudi.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.shudi.support.ProcessCoverage;
import cn.shudi.support.ZhangqiuOnly;

import com.fasterxml.jackson.databind.ObjectMapper;
import cn.shudi.evaluation.AppealProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;

/**
 * The shared processes as the platform deploys them at start-up (one deployment per jurisdiction,
 * tenant {@code zhangqiu} here), driven by the demo staff of the groups the tasks name, with
 * authorization checks on. The engine clock starts on a Monday morning so working days are plain.
 */
@SpringBootTest
@ProcessCoverage
abstract class SharedProcessTestBase {

  /** One county, so the coverage library finds each shared process once. */
  @DynamicPropertySource
  static void zhangqiuOnly(DynamicPropertyRegistry registry) {
    ZhangqiuOnly.register(registry);
  }


  static final String TENANT = "zhangqiu";
  static final String COMMAND = "zhangqiu_command";
  static final String MINGSHUI = "zhangqiu_mingshui";
  static final String MARKET = "zhangqiu_market";
  static final String AGRICULTURE = "zhangqiu_agriculture";
  /** ZQ054 食品生产经营企业日常安全监管: 区市场监管局 primary, 镇街 cooperating (one department). */
  static final String ONE_DEPARTMENT_ITEM = "ZQ054";
  /** ZQ002 食用农产品生产环节质量安全监管: 区农业农村局 primary, 镇街 and 区市场监管局 cooperating. */
  static final String TWO_DEPARTMENT_ITEM = "ZQ002";

  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** Monday 3 March 2025, 09:00 in the counties' time zone. */
  static final LocalDateTime MONDAY_MORNING = LocalDateTime.of(2025, 3, 3, 9, 0);

  @Autowired
  ProcessEngine engine;
  @Autowired
  RuntimeService runtime;
  @Autowired
  TaskService tasks;
  @Autowired
  IdentityService identity;
  @Autowired
  ManagementService management;
  @Autowired
  HistoryService history;
  @Autowired
  RepositoryService repository;
  @Autowired
  FormService forms;

  @BeforeEach
  void startOnMondayMorning() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(at(MONDAY_MORNING));
  }

  @AfterEach
  void resetClockAndAuthentication() {
    ClockUtil.reset();
    identity.clearAuthentication();
  }

  static Date at(LocalDateTime time) {
    return Date.from(time.atZone(ZONE).toInstant());
  }

  /** The variables a blueprint passes to a shared process ({@code camunda:in variables="all"}). */
  static Map<String, Object> caseVariables(String itemCode, boolean severalDepartments) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(CallProcess.TOWNSHIP.name(), "mingshui");
    variables.put(CallProcess.TOWNSHIP_GROUP.name(), MINGSHUI);
    variables.put(JointMeetingProcess.COMMAND_CENTRE_GROUP.name(), COMMAND);
    variables.put(AppealProcess.JURISDICTION.name(), TENANT);
    variables.put(JointMeetingProcess.ITEM_CODE.name(), itemCode);
    variables.put(SupervisionProcess.SEVERAL_DEPARTMENTS.name(), severalDepartments);
    variables.put("caseSubject", "某食品有限公司");
    return variables;
  }

  ProcessInstance start(String key, Map<String, Object> variables) {
    return runtime.createProcessInstanceByKey(key).processDefinitionTenantId(TENANT).setVariables(variables)
        .execute();
  }

  /** The one open task of the instance at the activity. */
  Task task(ProcessInstance instance, String activityId) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId).singleResult();
  }

  List<Task> tasks(ProcessInstance instance, String activityId) {
    return tasks.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId).list();
  }

  List<String> candidateGroups(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).toList();
  }

  /** Completes the task as the demo staff member {@code <group>_staff} of the group, in the group's county. */
  void completeAs(String group, Task task, Map<String, Object> values) {
    identity.setAuthentication(group + "_staff", List.of(group), List.of(TENANT));
    try {
      tasks.complete(task.getId(), values);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The process the instance called (call activity), still running. */
  ProcessInstance called(ProcessInstance caller, String key) {
    List<ProcessInstance> found = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId())
        .processDefinitionKey(key).list();
    assertThat(found).as("%s called by %s", key, caller.getId()).hasSize(1);
    return found.get(0);
  }

  /** Moves the engine clock and runs the instance's timers that are due then, as the job executor would. */
  int passTimeAndRunTimers(ProcessInstance instance, LocalDateTime now) {
    ClockUtil.setCurrentTime(at(now));
    List<Job> due = management.createJobQuery().processInstanceId(instance.getId()).timers()
        .duedateLowerThan(at(now.plusSeconds(1))).list();
    for (Job job : due) {
      management.executeJob(job.getId());
    }
    return due.size();
  }

  Object historicVariable(ProcessInstance instance, String name) {
    var found = history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).list();
    assertThat(found).as("variable %s", name).hasSize(1);
    return found.get(0).getValue();
  }

  /** The id of the Camunda Form that Tasklist shows for the task ({@code formRefBinding="deployment"}). */
  String formOf(Task task) {
    return formId(forms.getDeployedTaskForm(task.getId()));
  }

  String startFormOf(ProcessInstance instance) {
    return formId(forms.getDeployedStartForm(instance.getProcessDefinitionId()));
  }

  private static String formId(InputStream form) {
    try (InputStream in = form) {
      return new ObjectMapper().readTree(in).path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void assertDeployedInEveryCounty(String key) {
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().list())
        .extracting(d -> d.getTenantId()).containsExactly("zhangqiu"); // the coverage context hosts one county;
    // every county's deployment is covered by BlueprintDeploymentTest
  }
}
