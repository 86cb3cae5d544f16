package cn.shudi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the process tests' base classes share, whichever context they run in (the class or its subclass
 * carries {@link PlatformTest} or {@link OneCountyProcessTest}): the engine's services, a {@link CaseDriver}
 * on the engine, and the steps written in terms of 章丘区's demo staff. After each test the engine clock is
 * the real time again and nobody is authenticated.
 */
public abstract class ProcessTestBase {

  /** The county of the tests' cases. */
  public static final String TENANT = "zhangqiu";

  @Autowired
  protected ProcessEngine engine;
  @Autowired
  protected RuntimeService runtime;
  @Autowired
  protected TaskService tasks;
  @Autowired
  protected IdentityService identity;
  @Autowired
  protected ManagementService management;
  @Autowired
  protected HistoryService history;
  @Autowired
  protected RepositoryService repository;
  @Autowired
  protected FormService forms;

  private CaseDriver cases;

  @AfterEach
  void resetClockAndAuthentication() {
    EngineClock.reset();
    identity.clearAuthentication();
  }

  protected CaseDriver cases() {
    if (cases == null) {
      cases = new CaseDriver(engine);
    }
    return cases;
  }

  /** The one open task of the instance (not of a process it called) at the activity; fails unless exactly one. */
  /** The running process of the key that the instance called (call activity): exactly one. */
  protected ProcessInstance called(ProcessInstance caller, String key) {
    java.util.List<ProcessInstance> found = runtime.createProcessInstanceQuery().superProcessInstanceId(caller.getId())
        .processDefinitionKey(key).list();
    org.assertj.core.api.Assertions.assertThat(found).as("%s called by %s", key, caller.getId()).hasSize(1);
    return found.get(0);
  }

  protected Task task(ProcessInstance instance, String activityId) {
    return cases().task(instance.getId(), activityId);
  }

  protected List<Task> tasks(ProcessInstance instance, String activityId) {
    return cases().tasks(instance.getId(), activityId);
  }

  /**
   * Completes a call's 研判派单 as the county's command centre: the departments and limits the list proposed
   * ({@code calls.open}), with the changes given (variable name → value).
   */
  protected Task dispatchCall(ProcessInstance call, Map<String, Object> changes) {
    return cases().dispatchCall(TENANT, call.getId(), changes);
  }

  /** The units the task is for: its candidate groups but the stationed agencies that also hold it. */
  protected List<String> candidateGroups(Task task) {
    return cases().candidateGroups(task);
  }

  /** The stationed agencies (派驻机构) that also hold the task: the department's agency in the case's township. */
  protected List<String> stationGroups(Task task) {
    return cases().stationGroups(task);
  }

  /** Completes the task as the user, with the user's groups in {@link #TENANT}; authorization checks apply. */
  protected void completeAs(String user, List<String> groups, Task task, Map<String, Object> values) {
    cases().completeAs(user, groups, TENANT, task, values);
  }

  /** Completes the task as the demo staff member {@code <group>_staff} of the group, in {@link #TENANT}. */
  protected void completeAs(String group, Task task, Map<String, Object> values) {
    completeAs(group + "_staff", List.of(group), task, values);
  }

  /** The case and every process it called, recursively. */
  protected List<String> hierarchy(String rootId) {
    return cases().hierarchy(rootId);
  }

  /** The one value the instance's history holds for the variable; fails unless exactly one. */
  protected Object historicVariable(ProcessInstance instance, String name) {
    var found = history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName(name).list();
    assertThat(found).as("variable %s", name).hasSize(1);
    return found.get(0).getValue();
  }

  /** The id of the Camunda Form that Tasklist shows for the task ({@code formRefBinding="deployment"}). */
  protected String formOf(Task task) {
    return formId(forms.getDeployedTaskForm(task.getId()));
  }

  protected String startFormOf(ProcessInstance instance) {
    return formId(forms.getDeployedStartForm(instance.getProcessDefinitionId()));
  }

  private static String formId(InputStream form) {
    try (InputStream in = form) {
      return new ObjectMapper().readTree(in).path("id").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
