package cn.shudi.governance;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.shudi.catalog.CatalogColumns;

/**
 * What a department proposes, as typed on the start form: a new item (准入), or new values for some
 * fields of an existing item (动态调整: empty fields stay as they are). Duties are lines in the list's
 * step format ({@code 任务名称：说明（时限）}, cooperating ones with {@code 【单位】}).
 *
 * @param admission a new item (准入) rather than an adjustment (动态调整)
 */
record Proposal(boolean admission, String itemCode, String itemName, String domain, String primaryUnit,
    String cooperatingUnits, String primaryDuties, String cooperatingDuties, String legalBasis, String timeLimit,
    String callResponseTime, String reasons) {

  /** In an adjustment's 配合责任单位: the item keeps no cooperating unit at all. */
  static final String NONE = "无";

  private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\r");
  private static final Pattern UNIT_SEPARATORS = Pattern.compile("\\s*[、，,；;/]\\s*");

  /** The proposal from the start form's fields as typed (stripped, empty when not filled), normalised. */
  static Proposal of(boolean admission, String itemCode, String itemName, String domain, String primaryUnit,
      String cooperatingUnits, String primaryDuties, String cooperatingDuties, String legalBasis, String timeLimit,
      String callResponseTime, String reasons) {
    return new Proposal(admission, itemCode.toUpperCase(Locale.ROOT), oneLine(itemName), oneLine(domain),
        oneLine(primaryUnit), units(cooperatingUnits), lines(primaryDuties), lines(cooperatingDuties),
        oneLine(legalBasis), oneLine(timeLimit), oneLine(callResponseTime), reasons);
  }

  /** Steps one per line, blank lines and surrounding spaces dropped. */
  static String lines(String text) {
    return LINE_BREAK.splitAsStream(text).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.joining("\n"));
  }

  /** Unit names joined by 、 whichever separator was typed. */
  static String units(String text) {
    return UNIT_SEPARATORS.splitAsStream(text.strip()).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.joining(CatalogColumns.UNIT_SEPARATOR));
  }

  private static String oneLine(String text) {
    return LINE_BREAK.matcher(text).replaceAll(" ").strip();
  }
}
