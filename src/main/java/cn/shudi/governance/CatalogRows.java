package cn.shudi.governance;

import java.util.List;
import java.util.Map;

import cn.shudi.catalog.Catalog;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.ItemCells;
import cn.shudi.catalog.Step;

/**
 * A list back into catalog.csv cells (docs/catalog-format.md), the inverse of {@link CatalogLoader}:
 * {@code loader.load(csv(catalog))} gives the same list again. The text is written by the list's own
 * CSV writer ({@link Catalogs#csvText}).
 */
final class CatalogRows {

  private CatalogRows() {
  }

  static Map<String, String> cells(Item item) {
    return ItemCells.cells(item);
  }

  static String primaryDuties(Item item) {
    return ItemCells.primaryDuties(item);
  }

  static String cooperatingUnits(Item item) {
    return ItemCells.cooperatingUnits(item);
  }

  static String cooperatingDuties(Item item) {
    return ItemCells.cooperatingDuties(item);
  }

  static String stepLine(Step step) {
    return ItemCells.stepLine(step);
  }

  static String csv(Catalog catalog) {
    return csv(catalog.title(), catalog.version(), catalog.effectiveDate(),
        catalog.items().stream().map(CatalogRows::cells).toList());
  }

  static String csv(String title, String version, java.time.LocalDate effectiveDate, List<Map<String, String>> rows) {
    return Catalogs.csvText(title, version, effectiveDate, rows.stream().map(ItemCells::record).toList());
  }
}
