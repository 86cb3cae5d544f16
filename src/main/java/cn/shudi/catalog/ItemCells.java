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
import static cn.shudi.catalog.CatalogColumns.PRIMARY_DUTIES;
import static cn.shudi.catalog.CatalogColumns.PRIMARY_UNIT;
import static cn.shudi.catalog.CatalogColumns.SOURCE;
import static cn.shudi.catalog.CatalogColumns.TIME_LIMIT;
import static cn.shudi.catalog.CatalogColumns.TOWNSHIP_PRIMARY;
import static cn.shudi.catalog.CatalogColumns.UNIT_SEPARATOR;
import static cn.shudi.catalog.CatalogColumns.YES;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An item back into catalog.csv cells (docs/catalog-format.md), the inverse of {@link CatalogLoader}: loading the
 * cells gives the same item again. Governance writes its versions with it, the importer the items an amendment
 * keeps, the export the official table.
 */
public final class ItemCells {

  private ItemCells() {
  }

  /** The item's cells by column header. */
  public static Map<String, String> cells(Item item) {
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put(CODE, item.code());
    cells.put(NUMBER, String.valueOf(item.number()));
    cells.put(DOMAIN, item.domain());
    cells.put(NAME, item.name());
    cells.put(TOWNSHIP_PRIMARY, item.townshipPrimary() ? YES : NO);
    cells.put(PRIMARY_UNIT, item.primary().party().name());
    cells.put(PRIMARY_DUTIES, primaryDuties(item));
    cells.put(COOPERATING_UNITS, cooperatingUnits(item));
    cells.put(COOPERATING_DUTIES, cooperatingDuties(item));
    cells.put(LEGAL_BASIS, item.legalBasis());
    cells.put(TIME_LIMIT, item.timeLimit().label() + (item.timeLimitPending() ? Item.PENDING : ""));
    cells.put(CALL_RESPONSE_TIME, item.callResponseTime().label() + (item.callResponsePending() ? Item.PENDING : ""));
    cells.put(SOURCE, item.source());
    cells.put(CatalogColumns.PATTERNS, patterns(item));
    return cells;
  }

  /** {@code 检查：监督检查；执法：查处违法}: the primary unit's steps that follow a case pattern, in their order. */
  public static String patterns(Item item) {
    return String.join(CatalogColumns.PATTERN_SEPARATOR, item.primary().steps().stream().filter(Step::followsPattern)
        .map(s -> s.pattern().label() + "：" + s.name()).toList());
  }

  public static String primaryDuties(Item item) {
    return String.join("\n", item.primary().steps().stream().map(ItemCells::stepLine).toList());
  }

  public static String cooperatingUnits(Item item) {
    return String.join(UNIT_SEPARATOR, item.cooperating().stream().map(r -> r.party().name()).toList());
  }

  public static String cooperatingDuties(Item item) {
    List<String> lines = new ArrayList<>();
    for (Responsibility r : item.cooperating()) {
      r.steps().forEach(s -> lines.add("【" + r.party().name() + "】" + stepLine(s)));
    }
    return String.join("\n", lines);
  }

  /** {@code 〔标记〕任务名称：说明（时限）}, the markers only where the step has any. */
  public static String stepLine(Step step) {
    return StepLine.markers(step) + step.name() + "：" + step.description() + "（" + step.timeLimit().label() + "）";
  }

  /** Cells in {@link CatalogColumns#HEADER} order; a missing cell is empty. */
  public static List<String> record(Map<String, String> cells) {
    return CatalogColumns.HEADER.stream().map(c -> cells.getOrDefault(c, "")).toList();
  }
}
