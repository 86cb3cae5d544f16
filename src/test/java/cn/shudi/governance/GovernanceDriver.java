package cn.shudi.governance;

import static cn.shudi.governance.GovernanceProcess.CALL_RESPONSE_TIME;
import static cn.shudi.governance.GovernanceProcess.COOPERATING_DUTIES;
import static cn.shudi.governance.GovernanceProcess.COOPERATING_UNITS;
import static cn.shudi.governance.GovernanceProcess.DECISION;
import static cn.shudi.governance.GovernanceProcess.DECISION_COMMENT;
import static cn.shudi.governance.GovernanceProcess.DOMAIN;
import static cn.shudi.governance.GovernanceProcess.ITEM_NAME;
import static cn.shudi.governance.GovernanceProcess.LEGALITY_OPINION;
import static cn.shudi.governance.GovernanceProcess.LEGALITY_RESULT;
import static cn.shudi.governance.GovernanceProcess.LEGAL_BASIS;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_DUTIES;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_UNIT;
import static cn.shudi.governance.GovernanceProcess.REASONS;
import static cn.shudi.governance.GovernanceProcess.TIME_LIMIT;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_COMMENT;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_OPINION;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

import cn.shudi.governance.GovernanceProcess.Kind;
import cn.shudi.governance.GovernanceProcess.Step;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * Runs governance cases as the people would: the proposer starts it with the start form's values, every task is
 * completed by the demo staff member of its candidate group ({@code <group>_staff}, in the group's tenant) with
 * authorization checks on.
 */
final class GovernanceDriver {

  static final String TENANT = "zhangqiu";
  static final String ADMISSION = GovernanceProcess.ADMISSION_KEY;
  static final String ADJUSTMENT = GovernanceProcess.ADJUSTMENT_KEY;

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final IdentityService identity;

  GovernanceDriver(ProcessEngine engine) {
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.identity = engine.getIdentityService();
  }

  /** A new item of 区文旅局 with 镇街 and 区应急局 cooperating, valid against 章丘区's list. */
  static Map<String, Object> newItem(String name) {
    Map<String, Object> form = new HashMap<>();
    form.put(ITEM_NAME.name(), name);
    form.put(DOMAIN.name(), "文化旅游");
    form.put(PRIMARY_UNIT.name(), "区文旅局");
    form.put(COOPERATING_UNITS.name(), "镇街、区应急局");
    form.put(PRIMARY_DUTIES.name(), "安全检查：对A级旅游景区游乐设施和消防安全开展检查（10个工作日）\r\n"
        + "督促整改：对检查发现的隐患下达整改通知并组织复查（15个工作日）\n");
    form.put(COOPERATING_DUTIES.name(), "【镇街】日常巡查：组织网格员对辖区景区开展日常巡查并报告隐患（5个工作日）\n"
        + "【区应急局】指导处置：指导景区制定应急预案并开展演练（10个工作日）");
    form.put(LEGAL_BASIS.name(), "《中华人民共和国旅游法》第七十九条；《中华人民共和国安全生产法》第六十五条");
    form.put(TIME_LIMIT.name(), "20个工作日");
    form.put(CALL_RESPONSE_TIME.name(), "24小时");
    form.put(REASONS.name(), "景区安全隐患多，需明确文旅部门主体责任和镇街巡查配合责任");
    return form;
  }

  /** Starts the process as {@code <group>_staff}. */
  ProcessInstance propose(String key, String group, Map<String, Object> form) {
    identity.setAuthentication(group + "_staff", List.of(group), List.of(TENANT));
    try {
      return runtime.createProcessInstanceByKey(key).processDefinitionTenantId(TENANT).setVariables(form).execute();
    } finally {
      identity.clearAuthentication();
    }
  }

  List<Task> open(String processInstanceId, BpmnElement task) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(task.id()).list();
  }

  Task one(String processInstanceId, BpmnElement task) {
    List<Task> found = open(processInstanceId, task);
    if (found.size() != 1) {
      throw new AssertionError("expected one open task " + task.id() + ", found " + found.size());
    }
    return found.get(0);
  }

  /** The step's element in the instance's process (admission or adjustment). */
  static BpmnElement element(ProcessInstance instance, Step step) {
    return Kind.of(instance.getProcessDefinitionId().split(":")[0]).element(step);
  }

  String candidateGroup(Task task) {
    return tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
        .map(IdentityLink::getGroupId).findFirst()
        .orElseThrow(() -> new AssertionError(task.getTaskDefinitionKey() + " has no candidate group"));
  }

  /** Completes the task as {@code <candidate group>_staff}. */
  void complete(Task task, Map<String, Object> values) {
    String group = candidateGroup(task);
    identity.setAuthentication(group + "_staff", List.of(group), List.of(TENANT));
    try {
      tasks.complete(task.getId(), values);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** Every township answers the written consultation with {@code opinion}. */
  void consultAll(ProcessInstance instance, String opinion) {
    for (Task task : open(instance.getId(), element(instance, Step.CONSULT))) {
      complete(task, TOWNSHIP_OPINION.with(opinion).putValue(TOWNSHIP_COMMENT.name(), "本镇街意见"));
    }
  }

  void review(ProcessInstance instance, String result) {
    complete(one(instance.getId(), element(instance, Step.LEGALITY)),
        LEGALITY_RESULT.with(result).putValue(LEGALITY_OPINION.name(), "依据充分"));
  }

  void decide(ProcessInstance instance, String decision) {
    complete(one(instance.getId(), element(instance, Step.DECIDE)),
        DECISION.with(decision).putValue(DECISION_COMMENT.name(), "同意"));
  }

  /** Consultation (all agree), lawful, approved. */
  void approveAll(ProcessInstance instance) {
    consultAll(instance, GovernanceProcess.AGREE);
    review(instance, GovernanceProcess.LAWFUL);
    decide(instance, GovernanceProcess.APPROVE);
  }

  Object variable(String processInstanceId, Variable<?> variable, org.camunda.bpm.engine.HistoryService history) {
    var v = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
        .variableName(variable.name()).singleResult();
    return v == null ? null : v.getValue();
  }
}
