package cn.shudi.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duties cell as published lists write it — prose, its duties separated by ；, 。 or numbering (1. 2、 （1） ①) —
 * turned into the list's step lines {@code 任务名称：说明（时限）}. A duty that already is a step line is kept. A duty
 * without a time limit gets the item's; its name is the duty's first phrase, at most ten characters, for the analyst
 * to shorten in the list if it reads badly. In 配合责任 a duty belongs to the unit named before it (【区公安分局】 or
 * 「区公安分局：」); duties before any unit belong to every cooperating unit.
 */
final class DutyProse {

  private static final Pattern NUMBERING = Pattern.compile(
      "(?:^|(?<=[\\s；;。，,]))(?:\\d{1,2}[.．、)）]|[一二三四五六七八九十]{1,2}、)|[（(]\\d{1,2}[)）]|[①②③④⑤⑥⑦⑧⑨⑩]");
  private static final Pattern SEPARATORS = Pattern.compile("[；;。\\n]+");
  private static final Pattern LIMIT_AT_END = Pattern.compile("(.*)[（(]([^（）()]*)[）)]$");
  private static final Pattern BRACKETED_UNIT = Pattern.compile("^【([^】]*)】(.*)");
  private static final Pattern NAMED_UNIT = Pattern.compile("^([^：:，,。；;]{2,20})[：:](.*)");
  private static final Pattern LEADING_WORDS = Pattern.compile("^(?:主要)?(?:负责|牵头|配合|协助|参与|依法)");
  private static final Pattern PHRASE_END = Pattern.compile("[，,、（(]");
  /** Verbs a duty's task starts with: a long phrase is named from the last of them (组织网格员开展日常巡查 → 开展日常巡查). */
  private static final Pattern TASK_VERB = Pattern.compile(
      "开展|实施|落实|做好|组织|督促|指导|检查|查处|排查|巡查|监测|审核|发布|制定|报告|上报|核查|处置|协调|配合");
  private static final int MAX_NAME = 10;

  private DutyProse() {
  }

  /**
   * The primary unit's duties as step lines.
   *
   * @param others the item's other units as the list names them (a duty that hands over names one)
   */
  static List<String> primary(String cell, String itemLimit, List<String> others) {
    return duties(cell).stream().map(d -> marked(d, itemLimit, others)).toList();
  }

  /**
   * The cooperating units' duties as {@code 【单位】任务名称：说明（时限）} lines.
   *
   * @param units the cooperating units as the list names them (after normalising)
   * @param unitOf the list's name of a unit the cell names (short name, 镇街), or null when it is no unit
   */
  static List<String> cooperating(String cell, List<String> units, String itemLimit,
      Function<String, String> unitOf, String primaryUnit) {
    Map<String, List<String>> byUnit = new LinkedHashMap<>();
    units.forEach(u -> byUnit.put(u, new ArrayList<>()));
    List<String> shared = new ArrayList<>();
    String current = null;
    for (String duty : duties(cell)) {
      String unitText = null;
      String rest = duty;
      Matcher bracketed = BRACKETED_UNIT.matcher(duty);
      Matcher named = NAMED_UNIT.matcher(duty);
      if (bracketed.matches()) {
        unitText = bracketed.group(1).strip();
        rest = bracketed.group(2).strip();
      } else if (named.matches() && unitOf.apply(named.group(1).strip()) != null) {
        unitText = named.group(1).strip();
        rest = named.group(2).strip();
      }
      if (unitText != null) {
        String unit = unitOf.apply(unitText);
        current = unit == null ? unitText : unit; // an unknown unit stays as written: the loader names it
      }
      if (rest.isEmpty()) {
        continue;
      }
      if (current == null) {
        shared.add(rest);
      } else {
        byUnit.computeIfAbsent(current, u -> new ArrayList<>()).add(rest);
      }
    }
    List<String> lines = new ArrayList<>();
    byUnit.forEach((unit, own) -> {
      List<String> all = new ArrayList<>(shared);
      all.addAll(own);
      List<String> others = new ArrayList<>(List.of(primaryUnit));
      units.stream().filter(u -> !u.equals(unit)).forEach(others::add);
      all.forEach(d -> lines.add("【" + unit + "】" + marked(d, itemLimit, others)));
    });
    if (byUnit.isEmpty()) {
      shared.forEach(d -> lines.add(step(d, itemLimit))); // no cooperating unit: the loader says what is wrong
    }
    return lines;
  }

  /**
   * The duties of a cell: a line that is already a step line (with or without 【单位】) is one duty; other lines are
   * split at ；, 。 and numbering, the numbering and end punctuation removed.
   */
  static List<String> duties(String cell) {
    List<String> duties = new ArrayList<>();
    for (String line : cell.split("\n")) {
      String stripped = line.strip();
      if (StepLine.parse(StepLine.splitPrefix(stripped).rest(), "").problem() == null) {
        duties.add(stripped);
        continue;
      }
      for (String part : SEPARATORS.split(NUMBERING.matcher(stripped).replaceAll("\n"))) {
        String duty = part.strip().replaceAll("[，,、：:\\s]+$", "");
        if (!duty.isEmpty()) {
          duties.add(duty);
        }
      }
    }
    return duties;
  }

  /**
   * A prose duty as a step line with the markers of its kind ({@link StepKinds}); a duty already in the step form is
   * kept as the list wrote it.
   */
  static String marked(String duty, String itemLimit, List<String> others) {
    if (StepLine.parse(duty, "").problem() == null) {
      return duty;
    }
    String line = step(duty, itemLimit);
    int colon = line.indexOf('：');
    return StepKinds.markers(line.substring(0, colon), line.substring(colon + 1), others) + line;
  }

  /** One duty as {@code 任务名称：说明（时限）}; a duty already in that form is kept. */
  static String step(String duty, String itemLimit) {
    if (StepLine.parse(duty, "").problem() == null) {
      return duty;
    }
    String text = duty;
    String limit = itemLimit;
    Matcher withLimit = LIMIT_AT_END.matcher(duty);
    if (withLimit.matches() && isLimit(withLimit.group(2))) {
      text = withLimit.group(1).strip();
      limit = withLimit.group(2).strip();
    }
    int colon = text.indexOf('：');
    if (colon >= 2 && colon <= MAX_NAME && colon < text.length() - 1) {
      return text.substring(0, colon).strip() + "：" + text.substring(colon + 1).strip() + "（" + limit + "）";
    }
    return name(text) + "：" + text.replace('：', '，') + "（" + limit + "）";
  }

  /** The first phrase of a duty without 负责/配合…, at most ten characters. */
  static String name(String duty) {
    String phrase = LEADING_WORDS.matcher(duty).replaceFirst("");
    Matcher end = PHRASE_END.matcher(phrase);
    if (end.find() && end.start() >= 2) {
      phrase = phrase.substring(0, end.start());
    }
    phrase = phrase.replace("：", "").replace(":", "").strip();
    if (phrase.codePointCount(0, phrase.length()) < 2) {
      phrase = duty.replace("：", "");
    }
    if (phrase.codePointCount(0, phrase.length()) <= MAX_NAME) {
      return phrase;
    }
    Matcher verb = TASK_VERB.matcher(phrase);
    String fromVerb = null;
    while (verb.find()) {
      String rest = phrase.substring(verb.start());
      int length = rest.codePointCount(0, rest.length());
      if (length <= MAX_NAME && length > 2 && fromVerb == null) {
        fromVerb = rest;
      }
    }
    return fromVerb != null ? fromVerb : phrase.substring(0, phrase.offsetByCodePoints(0, MAX_NAME));
  }

  private static boolean isLimit(String text) {
    try {
      TimeLimit.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
