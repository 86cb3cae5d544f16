package cn.shudi.governance;

import static cn.shudi.catalog.CatalogColumns.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Responsibility;
import cn.shudi.catalog.Step;

/**
 * A list back into catalog.csv cells (docs/catalog-format.md), the inverse of {@link CatalogLoader}:
 * {@code loader.load(csv(catalog))} gives the same list again. The text is written by the list's own
 * CSV writer ({@link Catalogs#csvText}).
 */
final class CatalogRows {

  private CatalogRows() {
  }

  /** The item's cells by column header. */
  static Map<String, String> cells(Item item) {
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
    cells.put(TIME_LIMIT, item.timeLimit().label());
    cells.put(CALL_RESPONSE_TIME, item.callResponseTime().label());
    cells.put(SOURCE, item.source());
    return cells;
  }

  static String primaryDuties(Item item) {
    return String.join("\n", item.primary().steps().stream().map(CatalogRows::stepLine).toList());
  }

  static String cooperatingUnits(Item item) {
    return String.join(UNIT_SEPARATOR, item.cooperating().stream().map(r -> r.party().name()).toList());
  }

  static String cooperatingDuties(Item item) {
    List<String> lines = new ArrayList<>();
    for (Responsibility r : item.cooperating()) {
      r.steps().forEach(s -> lines.add("【" + r.party().name() + "】" + stepLine(s)));
    }
    return String.join("\n", lines);
  }

  /** {@code 任务名称：说明（时限）}. */
  static String stepLine(Step step) {
    return step.name() + "：" + step.description() + "（" + step.timeLimit().label() + "）";
  }

  /** Cells in {@link CatalogLoader#HEADER} order; a missing cell is empty. */
  static List<String> record(Map<String, String> cells) {
    return CatalogLoader.HEADER.stream().map(c -> cells.getOrDefault(c, "")).toList();
  }

  static String csv(Catalog catalog) {
    return csv(catalog.title(), catalog.version(), catalog.effectiveDate(),
        catalog.items().stream().map(CatalogRows::cells).toList());
  }

  static String csv(String title, String version, java.time.LocalDate effectiveDate, List<Map<String, String>> rows) {
    return Catalogs.csvText(title, version, effectiveDate, rows.stream().map(CatalogRows::record).toList());
  }
}
