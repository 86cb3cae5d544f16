package cn.shudi.governance;

import static cn.shudi.governance.GovernanceVariables.CALL_RESPONSE_TIME;
import static cn.shudi.governance.GovernanceVariables.COOPERATING_DUTIES;
import static cn.shudi.governance.GovernanceVariables.COOPERATING_UNITS;
import static cn.shudi.governance.GovernanceVariables.DOMAIN;
import static cn.shudi.governance.GovernanceVariables.ITEM_CODE;
import static cn.shudi.governance.GovernanceVariables.ITEM_NAME;
import static cn.shudi.governance.GovernanceVariables.LEGAL_BASIS;
import static cn.shudi.governance.GovernanceVariables.PRIMARY_DUTIES;
import static cn.shudi.governance.GovernanceVariables.PRIMARY_UNIT;
import static cn.shudi.governance.GovernanceVariables.REASONS;
import static cn.shudi.governance.GovernanceVariables.TIME_LIMIT;
import static cn.shudi.governance.GovernanceVariables.text;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.VariableScope;

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

  static Proposal read(VariableScope scope, boolean admission) {
    return new Proposal(admission, text(scope, ITEM_CODE).toUpperCase(Locale.ROOT), oneLine(text(scope, ITEM_NAME)),
        oneLine(text(scope, DOMAIN)), oneLine(text(scope, PRIMARY_UNIT)), units(text(scope, COOPERATING_UNITS)),
        lines(text(scope, PRIMARY_DUTIES)), lines(text(scope, COOPERATING_DUTIES)), oneLine(text(scope, LEGAL_BASIS)),
        oneLine(text(scope, TIME_LIMIT)), oneLine(text(scope, CALL_RESPONSE_TIME)), text(scope, REASONS));
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
