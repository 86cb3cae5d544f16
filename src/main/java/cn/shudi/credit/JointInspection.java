package cn.shudi.credit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.casework.StepOutcomes.Outcome;
import cn.shudi.credit.CreditFile.Content;
import cn.shudi.credit.CreditFile.Contribution;
import cn.shudi.process.Variable;

/**
 * A case's joint inspection as the credit file seals it, from the outcomes its steps recorded as they
 * completed: each unit's contribution (its result, findings and hazards) and the joint result.
 *
 * <p>A step counts when its form has a result, findings or hazards; of a step done in several rounds the
 * last counts. The rectification fields (requirements, days, re-inspection) are the case's, whichever step
 * recorded them (the last value recorded wins), as the models keep them case-wide ({@code zq054_rectified}).
 */
final class JointInspection {

  private static final Map<String, String> HAZARD_LEVELS =
      Map.of("none", "未发现隐患", "general", "一般隐患", "major", "重大隐患");
  private static final List<String> LEVEL_ORDER = List.of("none", "general", "major");
  private static final List<Variable<?>> STEP_FIELDS = List.of(ItemProcess.DUTY_RESULT, ItemProcess.DUTY_FINDINGS,
      ItemProcess.HAZARD_COUNT, ItemProcess.HAZARD_LEVEL);

  /** The facts of the case: item, subject; the outcomes of its steps in the order they completed. */
  record Case(String itemCode, String itemName, String subject, List<Outcome> outcomes) {
  }

  private JointInspection() {
  }

  static Content of(Case inspected) {
    Map<String, Outcome> lastByStep = new LinkedHashMap<>();
    Map<String, Object> caseWide = new LinkedHashMap<>();
    for (Outcome outcome : inspected.outcomes()) {
      if (STEP_FIELDS.stream().anyMatch(f -> outcome.facts().containsKey(f.name()))) {
        lastByStep.remove(outcome.stepId());
        lastByStep.put(outcome.stepId(), outcome);
      }
      for (Variable<?> field : List.of(ItemProcess.RECTIFICATION_REQUIREMENTS, ItemProcess.RECTIFICATION_DAYS,
          ItemProcess.RECTIFIED)) {
        if (outcome.facts().get(field.name()) != null) { // a field left empty does not erase another step's
          caseWide.put(field.name(), outcome.facts().get(field.name()));
        }
      }
    }
    List<Outcome> ordered = lastByStep.values().stream()
        .sorted(Comparator.comparing((Outcome o) -> o.completedAt() == null ? Instant.MAX : o.completedAt())
            .thenComparing(Outcome::stepId))
        .toList();

    List<Contribution> contributions = new ArrayList<>();
    Set<String> units = new LinkedHashSet<>();
    StringJoiner findings = new StringJoiner("\n");
    StringJoiner results = new StringJoiner("\n");
    Integer hazardCount = null;
    String worstLevel = null;
    for (Outcome step : ordered) {
      Map<String, Object> facts = step.facts();
      String unitName = step.unitName();
      String who = (unitName != null ? unitName : "未知单位") + "·" + (step.stepName() != null ? step.stepName()
          : step.stepId());
      Integer count = number(facts.get(ItemProcess.HAZARD_COUNT.name()));
      String level = text(facts.get(ItemProcess.HAZARD_LEVEL.name()));
      String stepFindings = text(facts.get(ItemProcess.DUTY_FINDINGS.name()));
      String stepResult = text(facts.get(ItemProcess.DUTY_RESULT.name()));
      contributions.add(new Contribution(step.stepId(), step.stepName(), step.unitGroup(), unitName, stepFindings,
          stepResult, count, level, null, step.completedBy(), step.completedAt()));
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
    }
    String joint = hazardText(hazardCount, worstLevel);
    String findingsAll = join("\n", joint == null ? null : "联合检查：" + joint,
        findings.length() == 0 ? null : findings.toString());
    return new Content(inspection(inspected, units), findingsAll, rectificationText(caseWide),
        results.length() == 0 ? null : results.toString(), hazardCount, contributions);
  }

  private static String inspection(Case inspected, Set<String> units) {
    String item = join(" ", inspected.itemCode(), inspected.itemName());
    StringBuilder text = new StringBuilder(item != null ? item : "案件检查");
    if (inspected.subject() != null && !inspected.subject().isBlank()) {
      text.append("（对象：").append(inspected.subject()).append("）");
    }
    if (!units.isEmpty()) {
      text.append("；").append(units.size() > 1 ? "联合检查单位：" : "检查单位：").append(String.join("、", units));
    }
    return text.toString();
  }

  private static String rectificationText(Map<String, Object> fields) {
    String requirements = text(fields.get(ItemProcess.RECTIFICATION_REQUIREMENTS.name()));
    Integer days = number(fields.get(ItemProcess.RECTIFICATION_DAYS.name()));
    String rectified = text(fields.get(ItemProcess.RECTIFIED.name()));
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
