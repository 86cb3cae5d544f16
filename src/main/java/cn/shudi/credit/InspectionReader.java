package cn.shudi.credit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.task.IdentityLinkType;

import cn.shudi.casework.CaseVariables;
import cn.shudi.credit.CreditFile.Content;
import cn.shudi.credit.CreditFile.Contribution;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * Reads a case's joint inspection for the credit file: each step's variables, attributed to the unit that
 * did the step.
 *
 * <p>Per step ({@code <taskId>_<field>}, written by the output mappings of the blueprint's user tasks):
 * {@code _findings}, {@code _result}, hazard count {@code _hazards} or {@code _hazardCount}, hazard level
 * {@code _level} or {@code _hazardLevel}, and {@code _rectified}, {@code _rectificationDays},
 * {@code _rectificationRequirements}. Case-wide variables whose name ends in {@code rectified},
 * {@code rectification_days}/{@code rectificationDays} or {@code rectification_requirements}/
 * {@code rectificationRequirements} (e.g. {@code zq054_rectified}) go into the entry's rectification; a
 * case-wide {@code hazardCount} is the hazard count when no step has one.
 *
 * <p>The steps are the case's user tasks in the history, in the order they were completed; the unit of
 * a step is its candidate group, else the unit named in its id ({@code zq054_<unit>_<n>}, {@code township}
 * for the case's township).
 */
class InspectionReader {

  private static final Map<String, String> HAZARD_LEVELS =
      Map.of("none", "未发现隐患", "general", "一般隐患", "major", "重大隐患");
  private static final List<String> LEVEL_ORDER = List.of("none", "general", "major");

  private final Organization organization;

  InspectionReader(Organization organization) {
    this.organization = organization;
  }

  /** The fields of one step, by normalized field name. */
  private static final class Step {
    final String taskKey;
    String name;
    String group;
    String recordedBy;
    Instant endedAt;
    Instant startedAt;
    final Map<String, Object> fields = new LinkedHashMap<>();

    Step(String taskKey) {
      this.taskKey = taskKey;
    }
  }

  Content read(DelegateExecution execution) {
    Map<String, Object> variables = execution.getVariables();
    Map<String, Step> steps = stepsFromHistory(execution);
    for (String name : variables.keySet()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(CaseVariables.STEP_RESULT_SUFFIX) || lower.endsWith(CaseVariables.STEP_FINDINGS_SUFFIX)) {
        String key = name.substring(0, name.lastIndexOf('_'));
        steps.computeIfAbsent(key, Step::new);
      }
    }
    Map<String, Object> caseWide = new TreeMap<>();
    List<String> keysLongestFirst = steps.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (Map.Entry<String, Object> variable : variables.entrySet()) {
      String name = variable.getKey();
      Optional<String> owner = keysLongestFirst.stream().filter(k -> name.startsWith(k + "_")).findFirst();
      if (owner.isPresent()) {
        String field = field(name.substring(owner.get().length() + 1));
        if (field != null) {
          steps.get(owner.get()).fields.put(field, variable.getValue());
        }
      } else {
        String field = caseField(name);
        if (field != null) {
          caseWide.put(field, variable.getValue());
        }
      }
    }
    return content(execution, steps, caseWide);
  }

  private Content content(DelegateExecution execution, Map<String, Step> steps, Map<String, Object> caseWide) {
    String jurisdiction = execution.getTenantId();
    String townshipGroup = CaseVariables.townshipGroup(execution);
    String definitionKey = definitionKey(execution.getProcessDefinitionId());
    List<Step> ordered = steps.values().stream().filter(s -> !s.fields.isEmpty())
        .sorted(Comparator.comparing((Step s) -> s.endedAt == null ? Instant.MAX : s.endedAt)
            .thenComparing(s -> s.startedAt == null ? Instant.MAX : s.startedAt)
            .thenComparing(s -> s.taskKey))
        .toList();

    List<Contribution> contributions = new ArrayList<>();
    Set<String> units = new LinkedHashSet<>();
    StringJoiner findings = new StringJoiner("\n");
    StringJoiner results = new StringJoiner("\n");
    StringJoiner rectification = new StringJoiner("\n");
    Integer hazardCount = null;
    String worstLevel = null;
    for (Step step : ordered) {
      String group = step.group != null ? step.group : groupFromId(step.taskKey, definitionKey, jurisdiction,
          townshipGroup);
      String unitName = unitName(jurisdiction, group);
      String who = (unitName != null ? unitName : "未知单位") + "·" + (step.name != null ? step.name : step.taskKey);
      Integer count = number(step.fields.get("hazards"));
      String level = text(step.fields.get("level"));
      String stepRectification = rectificationText(step.fields);
      String stepFindings = text(step.fields.get("findings"));
      String stepResult = text(step.fields.get("result"));
      contributions.add(new Contribution(step.taskKey, step.name, group, unitName, stepFindings, stepResult, count,
          level, stepRectification, step.recordedBy, step.endedAt));
      if (unitName != null) {
        units.add(unitName);
      }
      if (count != null) {
        hazardCount = hazardCount == null ? count : Math.max(hazardCount, count);
      }
      if (level != null && (worstLevel == null || LEVEL_ORDER.indexOf(level) > LEVEL_ORDER.indexOf(worstLevel))) {
        worstLevel = level;
      }
      String hazards = hazardText(count, level);
      if (stepFindings != null || hazards != null) {
        findings.add(who + "：" + join("；", hazards, stepFindings));
      }
      if (stepResult != null) {
        results.add(who + "：" + stepResult);
      }
      if (stepRectification != null) {
        rectification.add(who + "：" + stepRectification);
      }
    }
    if (hazardCount == null) {
      hazardCount = number(caseWide.get("hazards"));
    }
    String caseRectification = rectificationText(caseWide);
    String rectificationAll = join("\n", caseRectification, rectification.length() == 0 ? null : rectification.toString());
    String findingsAll = join("\n", hazardText(hazardCount, worstLevel) == null ? null
        : "联合检查：" + hazardText(hazardCount, worstLevel), findings.length() == 0 ? null : findings.toString());
    return new Content(inspection(execution, units), findingsAll, rectificationAll,
        results.length() == 0 ? null : results.toString(), hazardCount, contributions);
  }

  private static String inspection(DelegateExecution execution, Set<String> units) {
    String itemCode = CaseVariables.itemCode(execution);
    String itemName = CaseVariables.string(execution, CaseVariables.ITEM_NAME);
    String subject = CaseVariables.caseSubject(execution);
    String item = join(" ", itemCode, itemName);
    StringBuilder text = new StringBuilder(item != null ? item : "案件检查");
    if (subject != null && !subject.isBlank()) {
      text.append("（对象：").append(subject).append("）");
    }
    if (!units.isEmpty()) {
      text.append("；").append(units.size() > 1 ? "联合检查单位：" : "检查单位：").append(String.join("、", units));
    }
    return text.toString();
  }

  /**
   * The case's user tasks from the history, by task key (the last instance of a repeated step). Who
   * completed the steps comes from one operation-log query for the case; the unit of each step that counts
   * from its candidate group's link (one query per step: the link log cannot be asked by case).
   */
  private Map<String, Step> stepsFromHistory(DelegateExecution execution) {
    HistoryService history = execution.getProcessEngineServices().getHistoryService();
    List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
        .processInstanceId(execution.getProcessInstanceId()).list();
    tasks.sort(Comparator.comparing(HistoricTaskInstance::getStartTime, Comparator.nullsFirst(Comparator.naturalOrder())));
    Map<String, HistoricTaskInstance> lastByKey = new LinkedHashMap<>();
    tasks.forEach(task -> lastByKey.put(task.getTaskDefinitionKey(), task));
    Map<String, String> completedBy = new HashMap<>();
    if (lastByKey.values().stream().anyMatch(t -> t.getAssignee() == null && t.getEndTime() != null)) {
      // by case only: with the operation type too, PostgreSQL took the index on the type and read every
      // completion ever logged (1,100 rows per case after 400 cases); the case's own entries are a few dozen
      history.createUserOperationLogQuery().processInstanceId(execution.getProcessInstanceId()).list().stream()
          .filter(entry -> UserOperationLogEntry.OPERATION_TYPE_COMPLETE.equals(entry.getOperationType()))
          .filter(entry -> entry.getTaskId() != null && entry.getUserId() != null)
          .forEach(entry -> completedBy.putIfAbsent(entry.getTaskId(), entry.getUserId()));
    }
    Map<String, Step> steps = new LinkedHashMap<>();
    for (HistoricTaskInstance task : lastByKey.values()) {
      Step step = new Step(task.getTaskDefinitionKey());
      step.name = task.getName();
      step.startedAt = instant(task.getStartTime());
      step.endedAt = instant(task.getEndTime());
      step.group = history.createHistoricIdentityLinkLogQuery().taskId(task.getId()).type(IdentityLinkType.CANDIDATE)
          .list().stream().map(HistoricIdentityLinkLog::getGroupId).filter(g -> g != null).findFirst().orElse(null);
      step.recordedBy = task.getAssignee();
      if (step.recordedBy == null && task.getEndTime() != null) {
        step.recordedBy = completedBy.get(task.getId());
      }
      steps.put(step.taskKey, step);
    }
    return steps;
  }

  /** The step field a variable suffix stands for, or null when the variable is not part of the record. */
  private static String field(String suffix) {
    return switch (suffix.replace("_", "").toLowerCase(Locale.ROOT)) {
      case "result" -> "result";
      case "findings" -> "findings";
      case "hazards", "hazardcount" -> "hazards";
      case "level", "hazardlevel" -> "level";
      case "rectified" -> "rectified";
      case "rectificationdays" -> "rectificationDays";
      case "rectificationrequirements" -> "rectificationRequirements";
      default -> null;
    };
  }

  /** The case-wide field a variable not owned by a step stands for, or null. */
  private static String caseField(String name) {
    String normalized = name.replace("_", "").toLowerCase(Locale.ROOT);
    if (normalized.endsWith("rectificationrequirements")) {
      return "rectificationRequirements";
    }
    if (normalized.endsWith("rectificationdays")) {
      return "rectificationDays";
    }
    if (normalized.endsWith("rectified")) {
      return "rectified";
    }
    return normalized.equals("hazardcount") ? "hazards" : null;
  }

  private static String rectificationText(Map<String, Object> fields) {
    String requirements = text(fields.get("rectificationRequirements"));
    Integer days = number(fields.get("rectificationDays"));
    String rectified = text(fields.get("rectified"));
    return join("；", requirements == null ? null : "整改要求：" + requirements,
        days == null ? null : "整改期限：" + days + "日",
        rectified == null ? null : "复查：" + rectifiedLabel(rectified));
  }

  private static String rectifiedLabel(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "yes", "true" -> "已整改到位";
      case "no", "false" -> "未整改到位";
      default -> value;
    };
  }

  private static String hazardText(Integer count, String level) {
    if (count == null && level == null) {
      return null;
    }
    if (count != null && count == 0 && (level == null || level.equals("none"))) {
      return "未发现隐患";
    }
    String label = level == null ? null : HAZARD_LEVELS.getOrDefault(level, level);
    return join("，", count == null ? null : "发现隐患 " + count + " 处", label);
  }

  private String groupFromId(String taskKey, String definitionKey, String jurisdiction, String townshipGroup) {
    String rest = definitionKey != null && taskKey.startsWith(definitionKey + "_")
        ? taskKey.substring(definitionKey.length() + 1) : taskKey;
    int end = rest.indexOf('_');
    String unit = end < 0 ? rest : rest.substring(0, end);
    if (unit.equals("township")) {
      return townshipGroup;
    }
    return organization.find(jurisdiction).flatMap(j -> j.unit(unit)).map(Unit::groupId).orElse(null);
  }

  private String unitName(String jurisdiction, String group) {
    if (group == null) {
      return null;
    }
    return organization.find(jurisdiction).map(Jurisdiction::units).orElse(List.of()).stream()
        .filter(u -> u.groupId().equals(group)).map(Unit::shortName).findFirst().orElse(group);
  }

  private static String definitionKey(String processDefinitionId) {
    if (processDefinitionId == null) {
      return null;
    }
    int colon = processDefinitionId.indexOf(':');
    return colon < 0 ? processDefinitionId : processDefinitionId.substring(0, colon);
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().strip();
    return text.isEmpty() ? null : text;
  }

  private static Integer number(Object value) {
    if (value instanceof Number n) {
      return n.intValue();
    }
    String text = text(value);
    if (text == null) {
      return null;
    }
    try {
      return (int) Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static String join(String separator, String... parts) {
    StringJoiner joined = new StringJoiner(separator);
    for (String part : parts) {
      if (part != null && !part.isBlank()) {
        joined.add(part);
      }
    }
    return joined.length() == 0 ? null : joined.toString();
  }
}
