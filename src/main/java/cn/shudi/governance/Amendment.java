package cn.shudi.governance;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogColumns;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Item;
import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;

/**
 * A proposal applied to a list: the whole new list, written as catalog.csv and read back with
 * {@link CatalogLoader}, so an admitted or adjusted item obeys exactly the rules of a hand-edited list.
 * Either the new list with the item, or the problems; never half of it.
 */
final class Amendment {

  /** Where admitted items come from; the format knows only the seeds and {@code illustrative}. */
  static final String ADMITTED_SOURCE = "illustrative";

  /**
   * Exactly one of {@code catalog} and {@code problems} is meaningful.
   *
   * @param catalog the new list
   * @param csv its catalog.csv text
   * @param item the admitted or adjusted item, as in the new list
   * @param problems what is wrong, in the proposer's words (column, then what to fix)
   */
  record Result(Catalog catalog, String csv, Item item, List<String> problems) {
    boolean valid() {
      return problems.isEmpty();
    }
  }

  private Amendment() {
  }

  static Result apply(Catalog current, Proposal proposal, Jurisdiction jurisdiction, String label,
      LocalDate effectiveDate, CatalogLoader loader) {
    List<String> problems = new ArrayList<>();
    if (proposal.reasons().isBlank()) {
      problems.add("理由：请说明" + (proposal.admission() ? "准入" : "调整") + "的理由（依据、必要性、镇街能否承接）");
    }
    List<Map<String, String>> rows = new ArrayList<>(current.items().stream().map(CatalogRows::cells).toList());
    String code;
    if (proposal.admission()) {
      code = nextCode(current);
      rows.add(admitted(current, proposal, jurisdiction, code));
    } else {
      code = proposal.itemCode();
      int at = indexOf(current, code);
      if (code.isEmpty()) {
        problems.add("事项编码：请填写要调整的事项编码（如 " + current.items().get(0).code() + "）");
      } else if (at < 0) {
        problems.add("事项编码：事项「" + code + "」不在" + jurisdiction.shortName() + "的清单中；新增事项请走准入程序");
      } else {
        Map<String, String> adjusted = adjusted(rows.get(at), proposal, jurisdiction);
        if (adjusted.equals(rows.get(at))) {
          problems.add("调整内容：申请没有改变事项「" + code + "」的任何内容：请填写要改变的主体责任单位、责任、时限或依据");
        }
        rows.set(at, adjusted);
      }
    }
    if (!problems.isEmpty()) {
      return new Result(null, null, null, problems);
    }
    String csv = CatalogRows.csv(current.title(), label, effectiveDate, rows);
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    try {
      Catalog catalog = loader.load(jurisdiction.code() + " 清单（" + label + "）", () -> new ByteArrayInputStream(bytes),
          jurisdiction);
      return new Result(catalog, csv, catalog.item(code).orElseThrow(), List.of());
    } catch (InvalidDataException e) {
      for (DataProblem p : e.problems()) {
        problems.add((p.column() == null ? "" : p.column() + "：") + p.message());
      }
      return new Result(null, null, null, problems);
    }
  }

  private static int indexOf(Catalog catalog, String code) {
    for (int i = 0; i < catalog.items().size(); i++) {
      if (catalog.items().get(i).code().equals(code)) {
        return i;
      }
    }
    return -1;
  }

  /** The list's prefix with the next free number: ZQ081 → ZQ082. */
  static String nextCode(Catalog catalog) {
    String prefix = catalog.items().isEmpty() ? "XX" : catalog.items().get(0).code().substring(0, 2);
    int max = catalog.items().stream().map(Item::code).filter(c -> c.startsWith(prefix))
        .mapToInt(c -> Integer.parseInt(c.substring(2))).max().orElse(0);
    return prefix + String.format("%03d", max + 1);
  }

  private static Map<String, String> admitted(Catalog current, Proposal p, Jurisdiction jurisdiction, String code) {
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put(CatalogColumns.CODE, code);
    cells.put(CatalogColumns.NUMBER, String.valueOf(current.items().stream().mapToInt(Item::number).max().orElse(0) + 1));
    cells.put(CatalogColumns.DOMAIN, p.domain());
    cells.put(CatalogColumns.NAME, p.itemName());
    cells.put(CatalogColumns.TOWNSHIP_PRIMARY, townshipPrimary(p.primaryUnit(), jurisdiction));
    cells.put(CatalogColumns.PRIMARY_UNIT, p.primaryUnit());
    cells.put(CatalogColumns.PRIMARY_DUTIES, p.primaryDuties());
    cells.put(CatalogColumns.COOPERATING_UNITS, Proposal.NONE.equals(p.cooperatingUnits()) ? "" : p.cooperatingUnits());
    cells.put(CatalogColumns.COOPERATING_DUTIES, p.cooperatingDuties());
    cells.put(CatalogColumns.LEGAL_BASIS, p.legalBasis());
    cells.put(CatalogColumns.TIME_LIMIT, p.timeLimit());
    cells.put(CatalogColumns.CALL_RESPONSE_TIME, p.callResponseTime());
    cells.put(CatalogColumns.SOURCE, ADMITTED_SOURCE);
    return cells;
  }

  /** The item's row with the proposal's non-empty fields put in. */
  private static Map<String, String> adjusted(Map<String, String> row, Proposal p, Jurisdiction jurisdiction) {
    Map<String, String> cells = new LinkedHashMap<>(row);
    if (!p.primaryUnit().isEmpty()) {
      cells.put(CatalogColumns.PRIMARY_UNIT, p.primaryUnit());
      cells.put(CatalogColumns.TOWNSHIP_PRIMARY, townshipPrimary(p.primaryUnit(), jurisdiction));
    }
    if (Proposal.NONE.equals(p.cooperatingUnits())) {
      cells.put(CatalogColumns.COOPERATING_UNITS, "");
      cells.put(CatalogColumns.COOPERATING_DUTIES, "");
    } else if (!p.cooperatingUnits().isEmpty()) {
      cells.put(CatalogColumns.COOPERATING_UNITS, p.cooperatingUnits());
    }
    put(cells, CatalogColumns.PRIMARY_DUTIES, p.primaryDuties());
    put(cells, CatalogColumns.COOPERATING_DUTIES, p.cooperatingDuties());
    put(cells, CatalogColumns.LEGAL_BASIS, p.legalBasis());
    put(cells, CatalogColumns.TIME_LIMIT, p.timeLimit());
    put(cells, CatalogColumns.CALL_RESPONSE_TIME, p.callResponseTime());
    return cells;
  }

  private static void put(Map<String, String> cells, String column, String value) {
    if (!value.isEmpty()) {
      cells.put(column, value);
    }
  }

  /** 是 when the primary unit is the case's township (镇街) or a named township, so the flag never contradicts it. */
  private static String townshipPrimary(String primaryUnit, Jurisdiction jurisdiction) {
    boolean township = cn.shudi.catalog.Party.CASE_TOWNSHIP.equals(primaryUnit)
        || jurisdiction.unitNamed(primaryUnit).map(u -> u.isTownship()).orElse(false);
    return township ? CatalogColumns.YES : CatalogColumns.NO;
  }
}
