package cn.shudi.catalog;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a duties cell: {@code 任务名称：说明（时限）}, in 配合责任 preceded by {@code 【单位】}.
 * Parsing returns either the step or a message saying what the line should look like.
 */
final class StepLine {

  static final String FORM = "「任务名称：说明（时限）」，如「排查隐患：对企业开展隐患排查（5个工作日）」";
  static final String COOPERATING_FORM = "「【单位】任务名称：说明（时限）」，如「【镇街】排查隐患：组织网格员排查隐患（5个工作日）」";

  private static final Pattern LINE = Pattern.compile("([^：]+)：(.*)（([^（）]*)）");
  private static final Pattern PREFIX = Pattern.compile("【([^】]*)】(.*)");
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

  static Prefixed splitPrefix(String line) {
    Matcher m = PREFIX.matcher(line);
    if (m.matches()) {
      return new Prefixed(m.group(1).strip(), m.group(2).strip());
    }
    return new Prefixed(null, line);
  }

  /** @param where how the message names the line, e.g. {@code 单元格第2行「…」} */
  static Parsed parse(String text, String where) {
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
      return new Parsed(new Step(name, description, TimeLimit.parse(m.group(3))), null);
    } catch (IllegalArgumentException e) {
      return new Parsed(null, where + "的" + e.getMessage());
    }
  }
}
