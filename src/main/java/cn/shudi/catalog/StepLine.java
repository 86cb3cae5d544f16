package cn.shudi.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a duties cell: {@code 任务名称：说明（时限）}, in 配合责任 preceded by {@code 【单位】}, and after it the
 * step's markers, if any: {@code 〔启动〕}, {@code 〔非案件〕}, {@code 〔信用档案〕}, {@code 〔条件：发现隐患〕},
 * {@code 〔移交：区公安分局〕} (docs/catalog-format.md). Parsing returns either the step or a message saying what the
 * line should look like.
 */
final class StepLine {

  static final String FORM = "「任务名称：说明（时限）」，如「排查隐患：对企业开展隐患排查（5个工作日）」";
  static final String COOPERATING_FORM = "「【单位】任务名称：说明（时限）」，如「【镇街】排查隐患：组织网格员排查隐患（5个工作日）」";

  private static final Pattern LINE = Pattern.compile("([^：]+)：(.*)（([^（）]*)）");
  private static final Pattern PREFIX = Pattern.compile("【([^】]*)】(.*)");
  private static final Pattern MARKER = Pattern.compile("^〔([^〕]*)〕");
  static final String CONDITION = "条件";
  static final String HAND_OVER = "移交";
  static final String MARKERS = "「〔启动〕」「〔非案件〕」「〔信用档案〕」「〔条件：事实〕」「〔移交：单位〕」";
  private static final int MIN_NAME = 2;
  private static final int MAX_NAME = 10;

  /** Exactly one of step and problem is set. */
  record Parsed(Step step, String problem) {
  }

  /** A cooperating line split into its unit and the rest; unit is null when the prefix is missing. */
  record Prefixed(String unit, String rest) {
  }

  private StepLine() {
  }

  /** The step's markers as the list writes them, before the task name: {@code 〔条件：涉嫌犯罪〕〔移交：区公安分局〕}. */
  static String markers(Step step) {
    StringBuilder text = new StringBuilder();
    if (step.kind() != Step.Kind.CASE) {
      text.append("〔").append(step.kind().marker()).append("〕");
    }
    if (step.condition() != null) {
      text.append("〔").append(CONDITION).append("：").append(step.condition().label()).append("〕");
    }
    if (step.handOverTo() != null) {
      text.append("〔").append(HAND_OVER).append("：").append(step.handOverTo()).append("〕");
    }
    return text.toString();
  }

  static Prefixed splitPrefix(String line) {
    Matcher m = PREFIX.matcher(line);
    if (m.matches()) {
      return new Prefixed(m.group(1).strip(), m.group(2).strip());
    }
    return new Prefixed(null, line);
  }

  /** @param where how the message names the line, e.g. {@code 单元格第2行「…」} */
  static Parsed parse(String line, String where) {
    Step.Kind kind = Step.Kind.CASE;
    CaseFact condition = null;
    String handOverTo = null;
    String text = line;
    for (Matcher marker = MARKER.matcher(text); marker.find(); marker = MARKER.matcher(text)) {
      String word = marker.group(1).strip();
      text = text.substring(marker.end()).strip();
      int colon = word.indexOf('：');
      String key = colon < 0 ? word : word.substring(0, colon).strip();
      String value = colon < 0 ? "" : word.substring(colon + 1).strip();
      Step.Kind marked = java.util.Arrays.stream(Step.Kind.values())
          .filter(k -> k != Step.Kind.CASE && k.marker().equals(word)).findFirst().orElse(null);
      if (marked != null && kind == Step.Kind.CASE) {
        kind = marked;
      } else if (marked != null) {
        return new Parsed(null, where + "同时标了「〔" + kind.marker() + "〕」和「〔" + word + "〕」：一个步骤只有一种类型");
      } else if (key.equals(CONDITION) && !value.isEmpty()) {
        condition = CaseFact.byLabel(value).orElse(null);
        if (condition == null) {
          return new Parsed(null, where + "的条件「" + value + "」不是平台认识的事实：应为" + CaseFact.labels() + "之一");
        }
      } else if (key.equals(HAND_OVER) && !value.isEmpty()) {
        handOverTo = value;
      } else {
        return new Parsed(null, where + "的标记「〔" + word + "〕」不认识：应为" + MARKERS + "之一，写在任务名称之前");
      }
    }
    if (kind != Step.Kind.CASE && (condition != null || handOverTo != null)) {
      return new Parsed(null, where + "标了「〔" + kind.marker() + "〕」：这样的步骤不是案件任务，不能再带条件或移交");
    }
    Matcher m = LINE.matcher(text);
    if (!m.matches()) {
      String what = !text.contains("：") ? "缺少「：」分隔任务名称和说明"
          : !text.endsWith("）") ? "末尾缺少全角括号里的时限" : "格式不对";
      return new Parsed(null, where + what + "：应为" + FORM);
    }
    String name = m.group(1).strip();
    String description = m.group(2).strip();
    int length = name.codePointCount(0, name.length());
    if (length < MIN_NAME || length > MAX_NAME) {
      return new Parsed(null, where + "的任务名称「" + name + "」有 " + length + " 个字：应为 " + MIN_NAME + "–" + MAX_NAME
          + " 个字的动宾短语（如「排查隐患」），说明写在「：」之后");
    }
    if (description.isEmpty()) {
      return new Parsed(null, where + "缺少说明：应为" + FORM);
    }
    try {
      return new Parsed(new Step(name, description, TimeLimit.parse(m.group(3)), kind, condition, handOverTo), null);
    } catch (IllegalArgumentException e) {
      return new Parsed(null, where + "的" + e.getMessage());
    }
  }
}
