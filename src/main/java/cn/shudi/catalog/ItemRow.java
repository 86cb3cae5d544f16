package cn.shudi.catalog;

import static cn.shudi.catalog.CatalogColumns.CALL_RESPONSE_TIME;
import static cn.shudi.catalog.CatalogColumns.CODE;
import static cn.shudi.catalog.CatalogColumns.COOPERATING_DUTIES;
import static cn.shudi.catalog.CatalogColumns.COOPERATING_UNITS;
import static cn.shudi.catalog.CatalogColumns.DOMAIN;
import static cn.shudi.catalog.CatalogColumns.LEGAL_BASIS;
import static cn.shudi.catalog.CatalogColumns.NAME;
import static cn.shudi.catalog.CatalogColumns.NO;
import static cn.shudi.catalog.CatalogColumns.NUMBER;
import static cn.shudi.catalog.CatalogColumns.PATTERNS;
import static cn.shudi.catalog.CatalogColumns.PATTERN_SEPARATOR;
import static cn.shudi.catalog.CatalogColumns.PRIMARY_DUTIES;
import static cn.shudi.catalog.CatalogColumns.PRIMARY_UNIT;
import static cn.shudi.catalog.CatalogColumns.SOURCE;
import static cn.shudi.catalog.CatalogColumns.TIME_LIMIT;
import static cn.shudi.catalog.CatalogColumns.TOWNSHIP_PRIMARY;
import static cn.shudi.catalog.CatalogColumns.UNIT_SEPARATOR;
import static cn.shudi.catalog.CatalogColumns.YES;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import cn.shudi.datafile.CsvFiles;
import cn.shudi.datafile.DataProblem;

/**
 * Reads one CSV row into an {@link Item}, reporting every problem of the row rather than stopping
 * at the first, so that the person fixing the file sees all of them in one go.
 */
final class ItemRow {

  static final Pattern CODE_FORMAT = Pattern.compile("[A-Z]{2}\\d{3}");
  static final Pattern SOURCE_FORMAT = Pattern.compile("seed:00[0-4]|illustrative");
  private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n");
  /** The primary unit is one name; any separator means someone put several. */
  private static final Pattern ANY_SEPARATOR = Pattern.compile("[、，,；;/]");
  private static final Pattern SEPARATOR = Pattern.compile(Pattern.quote(UNIT_SEPARATOR));
  private static final Pattern PATTERN_ENTRY_SEPARATOR = Pattern.compile(Pattern.quote(PATTERN_SEPARATOR));

  private final String file;
  private final CsvFiles.Row row;
  private final Parties parties;
  private final List<DataProblem> problems;

  ItemRow(String file, CsvFiles.Row row, Parties parties, List<DataProblem> problems) {
    this.file = file;
    this.row = row;
    this.parties = parties;
    this.problems = problems;
  }

  /** @return the item, or null when the row has problems (all of them added) */
  Item read() {
    int before = problems.size();
    String code = value(CODE);
    if (!CODE_FORMAT.matcher(code).matches()) {
      problem(CODE, "编码「" + code + "」格式不对：应为两个大写字母加三位数字（如 ZQ001）");
    }
    int number = number();
    String domain = required(DOMAIN, "缺少领域：应填写事项所属领域（如「市场监管」）");
    String name = required(NAME, "缺少事项名称");
    Boolean townshipPrimary = yesNo();
    boolean timeLimitPending = value(TIME_LIMIT).endsWith(Item.PENDING);
    boolean callResponsePending = value(CALL_RESPONSE_TIME).endsWith(Item.PENDING);
    TimeLimit timeLimit = timeLimit(TIME_LIMIT);
    TimeLimit callResponse = timeLimit(CALL_RESPONSE_TIME);

    Party primary = primaryParty();
    List<Party> cooperatingParties = cooperatingParties(primary);
    List<Step> primarySteps = patterns(primarySteps(timeLimit));
    Map<Party, List<Step>> cooperatingSteps = cooperatingSteps(cooperatingParties, timeLimit);

    if (primary != null && townshipPrimary != null) {
      checkTownshipPrimary(primary, townshipPrimary);
    }
    if (primary != null) {
      Map<Party, List<Step>> all = new LinkedHashMap<>();
      all.put(primary, primarySteps);
      all.putAll(cooperatingSteps);
      checkKinds(all);
    }
    String legalBasis = required(LEGAL_BASIS,
        "缺少依据：应写明法律法规及文件依据，法律放在《》中并尽量写明条款（如「《中华人民共和国食品安全法》第一百零九条」）");
    String source = value(SOURCE);
    if (!SOURCE_FORMAT.matcher(source).matches()) {
      problem(SOURCE, "来源「" + source + "」不合法：应为 seed:000 … seed:004（出自某份源文件的事项）或 illustrative（示例事项）");
    }
    if (problems.size() > before) {
      return null;
    }
    List<Responsibility> cooperating = cooperatingParties.stream()
        .map(p -> new Responsibility(p, false, cooperatingSteps.get(p)))
        .toList();
    return new Item(code, number, domain, name, townshipPrimary, new Responsibility(primary, true, primarySteps),
        cooperating, legalBasis, timeLimit, callResponse, source, timeLimitPending, callResponsePending);
  }

  private int number() {
    String text = value(NUMBER);
    try {
      int n = Integer.parseInt(text);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(NUMBER, "序号「" + text + "」不合法：应为正整数（官方清单中的序号）");
    return 0;
  }

  private Boolean yesNo() {
    String text = value(TOWNSHIP_PRIMARY);
    if (text.equals(YES)) {
      return true;
    }
    if (text.equals(NO)) {
      return false;
    }
    problem(TOWNSHIP_PRIMARY, "镇街主体「" + text + "」不合法：应为「是」或「否」");
    return null;
  }

  /** A limit marked （待定） is the county's default, read like any other. */
  private TimeLimit timeLimit(String column) {
    String text = value(column);
    if (text.endsWith(Item.PENDING)) {
      text = text.substring(0, text.length() - Item.PENDING.length());
    }
    try {
      return TimeLimit.parse(text);
    } catch (IllegalArgumentException e) {
      problem(column, column + "不合法：" + e.getMessage());
      return null;
    }
  }

  private Party primaryParty() {
    String text = value(PRIMARY_UNIT);
    List<String> names = splitUnits(text, ANY_SEPARATOR);
    if (names.isEmpty()) {
      problem(PRIMARY_UNIT, "缺少主体责任单位：每个事项应有且只有一个主体责任单位（单位简称或「镇街」）");
      return null;
    }
    if (names.size() > 1) {
      problem(PRIMARY_UNIT, "主体责任单位只能有一个，实际 " + names.size() + " 个（" + String.join(UNIT_SEPARATOR, names)
          + "）：请只保留一个，其余列入配合责任单位");
      return null;
    }
    Optional<Party> party = parties.resolve(names.get(0));
    if (party.isEmpty()) {
      problem(PRIMARY_UNIT, parties.unknown(names.get(0)));
    }
    return party.orElse(null);
  }

  private List<Party> cooperatingParties(Party primary) {
    List<Party> result = new ArrayList<>();
    for (String name : splitUnits(value(COOPERATING_UNITS), SEPARATOR)) {
      Optional<Party> party = parties.resolve(name);
      if (party.isEmpty()) {
        problem(COOPERATING_UNITS, parties.unknown(name));
      } else if (party.get().equals(primary)) {
        problem(COOPERATING_UNITS, "「" + name + "」已是主体责任单位，不能同时列为配合责任单位");
      } else if (result.contains(party.get())) {
        problem(COOPERATING_UNITS, "配合责任单位「" + name + "」重复列出");
      } else {
        result.add(party.get());
      }
    }
    return result;
  }

  private List<Step> primarySteps(TimeLimit itemLimit) {
    List<String> lines = lines(PRIMARY_DUTIES);
    if (lines.isEmpty()) {
      problem(PRIMARY_DUTIES, "主体责任单位没有任何步骤：应至少写一行" + StepLine.FORM);
      return List.of();
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String where = where(i, lines.get(i));
      if (lines.get(i).startsWith("【")) {
        problem(PRIMARY_DUTIES, where + "不应带【单位】前缀（只有配合责任的步骤带）：应为" + StepLine.FORM);
        continue;
      }
      step(PRIMARY_DUTIES, lines.get(i), where, itemLimit, steps);
    }
    return steps;
  }

  /**
   * The column 案件模式: {@code 模式：任务名称} entries naming a case task of the primary unit each, a pattern and a step
   * at most once; the enforcement pattern ends where a crime is suspected, so the unit must list the hand-over to the
   * police (a later step under 〔条件：涉嫌犯罪〕).
   */
  private List<Step> patterns(List<Step> steps) {
    String cell = value(PATTERNS);
    if (cell.isEmpty()) {
      return steps;
    }
    List<Step> result = new ArrayList<>(steps);
    Set<CasePattern> seen = new HashSet<>();
    for (String entry : PATTERN_ENTRY_SEPARATOR.split(cell)) {
      String text = entry.strip();
      if (text.isEmpty()) {
        continue;
      }
      int colon = text.indexOf('：');
      if (colon < 0) {
        problem(PATTERNS, "「" + text + "」格式不对：应为「模式：任务名称」（如「检查：监督检查」），多个之间用「；」分隔");
        continue;
      }
      String label = text.substring(0, colon).strip();
      String name = text.substring(colon + 1).strip();
      Optional<CasePattern> pattern = CasePattern.ofLabel(label);
      if (pattern.isEmpty()) {
        problem(PATTERNS, "「" + text + "」的案件模式「" + label + "」不存在：应为 " + CasePattern.labels() + " 之一");
        continue;
      }
      if (!seen.add(pattern.get())) {
        problem(PATTERNS, "案件模式「" + label + "」写了不止一次：一个事项的每种模式只用于一个步骤");
        continue;
      }
      List<Integer> named = new ArrayList<>();
      for (int i = 0; i < result.size(); i++) {
        if (result.get(i).name().equals(name)) {
          named.add(i);
        }
      }
      if (named.size() != 1) {
        problem(PATTERNS, "「" + text + "」：主体责任中" + (named.isEmpty() ? "没有" : "有 " + named.size() + " 个")
            + "名为「" + name + "」的步骤：应写主体责任中恰好一个步骤的任务名称（"
            + String.join("、", result.stream().filter(Step::isTask).map(Step::name).toList()) + "）");
        continue;
      }
      int index = named.get(0);
      Step step = result.get(index);
      if (!step.isTask()) {
        problem(PATTERNS, "「" + text + "」：步骤「" + name + "」标了〔" + step.kind().marker() + "〕，不是案件中的任务，不能按案件模式办理");
      } else if (step.followsPattern()) {
        problem(PATTERNS, "「" + text + "」：步骤「" + name + "」已按「" + step.pattern().label() + "」模式办理，一个步骤只能有一种模式");
      } else if (pattern.get() == CasePattern.ENFORCEMENT && result.subList(index + 1, result.size()).stream()
          .noneMatch(s -> s.condition() == CaseFact.CRIME)) {
        problem(PATTERNS, "「" + text + "」：执法模式在「涉嫌犯罪」时结束，由主体责任单位移送公安机关；应在「" + name
            + "」之后写一个〔条件：涉嫌犯罪〕的移送步骤（如「〔条件：涉嫌犯罪〕移送公安：将涉嫌犯罪的案件依法移送公安机关（3个工作日）」）");
      } else if (pattern.get() == CasePattern.INSPECTION && result.subList(index + 1, result.size()).stream()
          .anyMatch(s -> s.condition() == CaseFact.HAZARD)) {
        problem(PATTERNS, "「" + text + "」：检查模式已含发现隐患后的整改通知、整改期限和复查；主体责任中「" + name
            + "」之后的〔条件：发现隐患〕步骤与之重复，应并入「" + name + "」的说明和时限");
      } else {
        result.set(index, step.following(pattern.get()));
      }
    }
    return result;
  }

  private Map<Party, List<Step>> cooperatingSteps(List<Party> cooperating, TimeLimit itemLimit) {
    Map<Party, List<Step>> steps = new LinkedHashMap<>();
    cooperating.forEach(p -> steps.put(p, new ArrayList<>()));
    Set<String> reportedUnknown = new HashSet<>();
    boolean unattributedLine = false;
    List<String> lines = lines(COOPERATING_DUTIES);
    for (int i = 0; i < lines.size(); i++) {
      String where = where(i, lines.get(i));
      StepLine.Prefixed prefixed = StepLine.splitPrefix(lines.get(i));
      if (prefixed.unit() == null) {
        problem(COOPERATING_DUTIES, where + "缺少【单位】前缀：应为" + StepLine.COOPERATING_FORM
            + "，单位为本事项的配合责任单位之一");
        unattributedLine = true;
        continue;
      }
      Optional<Party> party = parties.resolve(prefixed.unit());
      if (party.isEmpty()) {
        if (reportedUnknown.add(prefixed.unit()) && !listedAsCooperating(prefixed.unit())) {
          problem(COOPERATING_DUTIES, where + "的" + parties.unknown(prefixed.unit()));
        }
        continue;
      }
      if (!steps.containsKey(party.get())) {
        problem(COOPERATING_DUTIES, where + "的单位【" + prefixed.unit() + "】不是本事项的配合责任单位：应为「"
            + String.join(UNIT_SEPARATOR, cooperating.stream().map(Party::name).toList())
            + "」之一，或先把它列入「配合责任单位」");
        continue;
      }
      step(COOPERATING_DUTIES, prefixed.rest(), where, itemLimit, steps.get(party.get()));
    }
    for (Map.Entry<Party, List<Step>> entry : steps.entrySet()) {
      // a line without prefix may be this unit's step: saying "no step" as well would mislead
      if (entry.getValue().isEmpty() && !unattributedLine && !hasLineFor(lines, entry.getKey())) {
        String unit = entry.getKey().name();
        problem(COOPERATING_DUTIES, "配合责任单位「" + unit + "」没有任何步骤：应在「配合责任」中至少写一行「【" + unit
            + "】任务名称：说明（时限）」，或把它从配合责任单位中删去");
      }
    }
    return steps;
  }

  /**
   * The step types across the item (docs/catalog-format.md): at least one task; one credit-file entry at most, in the
   * primary duties; a hand-over names another unit of the item (normalised to its short name here), which has a task
   * to wait with, under the same condition as the hand-over when it has one.
   */
  private void checkKinds(Map<Party, List<Step>> steps) {
    List<Step> all = steps.values().stream().flatMap(List::stream).toList();
    if (!all.isEmpty() && all.stream().noneMatch(Step::isTask)) {
      problem(PRIMARY_DUTIES, "本事项没有任何案件步骤（全部标为〔启动〕〔非案件〕〔信用档案〕）：案件里至少要有一个单位办理的任务");
    }
    long credit = all.stream().filter(s -> s.kind() == Step.Kind.CREDIT).count();
    Party primary = steps.keySet().iterator().next();
    if (credit > 1) {
      problem(PRIMARY_DUTIES, "有 " + credit + " 个〔信用档案〕步骤：每个案件只写一条信用档案记录，请只保留一个");
    }
    for (Map.Entry<Party, List<Step>> entry : steps.entrySet()) {
      List<Step> own = entry.getValue();
      for (int i = 0; i < own.size(); i++) {
        Step step = own.get(i);
        String column = entry.getKey().equals(primary) ? PRIMARY_DUTIES : COOPERATING_DUTIES;
        if (step.kind() == Step.Kind.CREDIT && !entry.getKey().equals(primary)) {
          problem(column, "「" + entry.getKey().name() + "」的步骤「" + step.name()
              + "」标了〔信用档案〕：信用档案由主体责任单位一体录入，应写在主体责任中");
        }
        if (step.handsOver()) {
          own.set(i, handOver(column, entry.getKey(), step, steps));
        }
      }
    }
  }

  private Step handOver(String column, Party from, Step step, Map<Party, List<Step>> steps) {
    String where = "「" + from.name() + "」的步骤「" + step.name() + "」移交给「" + step.handOverTo() + "」";
    Optional<Party> to = parties.resolve(step.handOverTo()).filter(steps::containsKey);
    if (to.isEmpty() || to.get().equals(from)) {
      problem(column, where + "：接收单位应为本事项的另一个责任单位（" + String.join(UNIT_SEPARATOR,
          steps.keySet().stream().filter(p -> !p.equals(from)).map(Party::name).toList()) + "）");
      return step;
    }
    Optional<Step> waiting = steps.get(to.get()).stream().filter(Step::isTask).findFirst();
    if (waiting.isEmpty()) {
      problem(column, where + "：接收单位在本事项中没有案件任务，无从等待移交");
    } else if (step.isConditional() && waiting.get().condition() != step.condition()) {
      problem(column, where + "：移交只在「" + step.condition().label() + "」时发生，接收单位的第一个任务「"
          + waiting.get().name() + "」也应标〔条件：" + step.condition().label() + "〕，否则它会一直等待");
    }
    return new Step(step.name(), step.description(), step.timeLimit(), step.kind(), step.condition(), to.get().name(),
        step.pattern());
  }

  /** A unit whose only lines are malformed already has those reported; "no step" would be noise. */
  private boolean hasLineFor(List<String> lines, Party party) {
    return lines.stream().map(StepLine::splitPrefix)
        .anyMatch(p -> p.unit() != null && parties.resolve(p.unit()).map(party::equals).orElse(false));
  }

  /** An unknown name in 配合责任单位 is reported there already. */
  private boolean listedAsCooperating(String name) {
    return splitUnits(value(COOPERATING_UNITS), SEPARATOR).contains(name);
  }

  private void step(String column, String text, String where, TimeLimit itemLimit, List<Step> into) {
    StepLine.Parsed parsed = StepLine.parse(text, where);
    if (parsed.problem() != null) {
      problem(column, parsed.problem());
      return;
    }
    Step step = parsed.step();
    if (itemLimit != null && step.timeLimit().approximateDuration().compareTo(itemLimit.approximateDuration()) > 0) {
      problem(column, where + "的时限 " + step.timeLimit().label() + " 超过了事项的办结时限 " + itemLimit.label()
          + "：单个步骤的时限应不超过办结时限");
    }
    into.add(step);
  }

  private static String where(int index, String line) {
    return "单元格第" + (index + 1) + "行「" + line + "」";
  }

  private List<String> lines(String column) {
    return LINE_BREAK.splitAsStream(value(column)).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> splitUnits(String text, Pattern separators) {
    return separators.splitAsStream(text).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private void checkTownshipPrimary(Party primary, boolean townshipPrimary) {
    boolean isTownship = Parties.isTownship(primary);
    if (isTownship && !townshipPrimary) {
      problem(TOWNSHIP_PRIMARY, "主体责任单位「" + primary.name() + "」是镇街，但镇街主体为「否」：镇街作主体的事项应填「是」，"
          + "否则主体责任单位应为区直/县直部门");
    } else if (!isTownship && townshipPrimary) {
      problem(TOWNSHIP_PRIMARY, "镇街主体为「是」，但主体责任单位「" + primary.name() + "」不是镇街：应填「否」，"
          + "或把主体责任单位改为「镇街」");
    }
  }

  private String required(String column, String message) {
    String text = value(column);
    if (text.isBlank()) {
      problem(column, message);
    }
    return text;
  }

  private String value(String column) {
    String text = row.record().isMapped(column) ? row.get(column) : null; // 案件模式 is absent from older lists
    return text == null ? "" : text.strip();
  }

  private void problem(String column, String message) {
    problems.add(new DataProblem(file, row.line(), column, message));
  }
}
