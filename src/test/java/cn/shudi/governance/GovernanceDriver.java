package cn.shudi.governance;

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

/**
 * Runs governance cases as the people would: the proposer starts it with the start form's values, every task is
 * completed by the demo staff member of its candidate group ({@code <group>_staff}, in the group's tenant) with
 * authorization checks on.
 */
final class GovernanceDriver {

  static final String TENANT = "zhangqiu";
  static final String ADMISSION = "shared_admission";
  static final String ADJUSTMENT = "shared_adjustment";

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
    form.put("itemName", name);
    form.put("domain", "文化旅游");
    form.put("primaryUnit", "区文旅局");
    form.put("cooperatingUnits", "镇街、区应急局");
    form.put("primaryDuties", "安全检查：对A级旅游景区游乐设施和消防安全开展检查（10个工作日）\r\n"
        + "督促整改：对检查发现的隐患下达整改通知并组织复查（15个工作日）\n");
    form.put("cooperatingDuties", "【镇街】日常巡查：组织网格员对辖区景区开展日常巡查并报告隐患（5个工作日）\n"
        + "【区应急局】指导处置：指导景区制定应急预案并开展演练（10个工作日）");
    form.put("legalBasis", "《中华人民共和国旅游法》第七十九条；《中华人民共和国安全生产法》第六十五条");
    form.put("timeLimit", "20个工作日");
    form.put("callResponseTime", "24小时");
    form.put("reasons", "景区安全隐患多，需明确文旅部门主体责任和镇街巡查配合责任");
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

  List<Task> open(String processInstanceId, String activityId) {
    return tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activityId).list();
  }

  Task one(String processInstanceId, String activityId) {
    List<Task> found = open(processInstanceId, activityId);
    if (found.size() != 1) {
      throw new AssertionError("expected one open task " + activityId + ", found " + found.size());
    }
    return found.get(0);
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
    String key = instance.getProcessDefinitionId().split(":")[0];
    for (Task task : open(instance.getId(), key + "_consult")) {
      complete(task, Map.of("townshipOpinion", opinion, "townshipComment", "本镇街意见"));
    }
  }

  void review(ProcessInstance instance, String result) {
    String key = instance.getProcessDefinitionId().split(":")[0];
    complete(one(instance.getId(), key + "_legality"), Map.of("legalityResult", result, "legalityOpinion", "依据充分"));
  }

  void decide(ProcessInstance instance, String decision) {
    String key = instance.getProcessDefinitionId().split(":")[0];
    complete(one(instance.getId(), key + "_decide"), Map.of("decision", decision, "decisionComment", "同意"));
  }

  /** Consultation (all agree), lawful, approved. */
  void approveAll(ProcessInstance instance) {
    consultAll(instance, "agree");
    review(instance, "lawful");
    decide(instance, "approve");
  }

  Object variable(String processInstanceId, String name, org.camunda.bpm.engine.HistoryService history) {
    var v = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).variableName(name)
        .singleResult();
    return v == null ? null : v.getValue();
  }
}
