package cn.shudi.catalog;

import static cn.shudi.catalog.CatalogColumns.CALL_RESPONSE_TIME;
import static cn.shudi.catalog.CatalogColumns.CODE;
import static cn.shudi.catalog.CatalogColumns.COOPERATING_DUTIES;
import static cn.shudi.catalog.CatalogColumns.COOPERATING_UNITS;
import static cn.shudi.catalog.CatalogColumns.DOMAIN;
import static cn.shudi.catalog.CatalogColumns.LEGAL_BASIS;
import static cn.shudi.catalog.CatalogColumns.NAME;
import static cn.shudi.catalog.CatalogColumns.NUMBER;
import static cn.shudi.catalog.CatalogColumns.PRIMARY_DUTIES;
import static cn.shudi.catalog.CatalogColumns.PRIMARY_UNIT;
import static cn.shudi.catalog.CatalogColumns.SOURCE;
import static cn.shudi.catalog.CatalogColumns.TIME_LIMIT;
import static cn.shudi.catalog.CatalogColumns.TOWNSHIP_PRIMARY;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

import cn.shudi.datafile.DataProblem;

/**
 * The county's table in the official layout (《县乡“属地管理”事项主体责任和配合责任清单》): a header
 * row, perhaps below a title row, with the official columns in any order; 领域 often merged over the
 * rows of one domain; the steps of a unit as lines of one cell (Alt+Enter).
 */
final class OfficialSheet {

  static final List<String> REQUIRED = List.of(NUMBER, DOMAIN, NAME, PRIMARY_UNIT, PRIMARY_DUTIES,
      COOPERATING_UNITS, COOPERATING_DUTIES, LEGAL_BASIS);
  static final List<String> OPTIONAL = List.of(CODE, TOWNSHIP_PRIMARY, TIME_LIMIT, CALL_RESPONSE_TIME, SOURCE);

  /** The official table titles its legal-basis column in full; both spellings mean 依据. */
  private static final Map<String, String> ALIASES = Map.of(
      "法律法规及文件依据", LEGAL_BASIS,
      "法律法规依据", LEGAL_BASIS,
      "法律依据", LEGAL_BASIS);

  /** Title rows come first; a header further down than this is not the table. */
  private static final int HEADER_SEARCH_ROWS = 20;

  /** One data row: its Excel row number (1-based, as Excel shows it) and the cells by column header. */
  record SheetRow(int excelRow, Map<String, String> values) {
    String get(String column) {
      return values.getOrDefault(column, "");
    }
  }

  /** The rows read, and the columns the sheet has. */
  record Table(String sheetName, List<String> columns, List<SheetRow> rows) {
    boolean has(String column) {
      return columns.contains(column);
    }
  }

  private final String fileLabel;
  private final DataFormatter formatter = new DataFormatter();

  OfficialSheet(String fileLabel) {
    this.fileLabel = fileLabel;
  }

  /** @return the table, or null when no sheet has a usable header (problems added) */
  Table read(Workbook workbook, List<DataProblem> problems, IntConsumer rowsRead) {
    FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
    for (Sheet sheet : workbook) {
      for (int r = sheet.getFirstRowNum(); r >= 0 && r <= Math.min(sheet.getLastRowNum(), HEADER_SEARCH_ROWS); r++) {
        Row row = sheet.getRow(r);
        if (row != null && isHeader(row, evaluator)) {
          return readTable(sheet, row, evaluator, problems, rowsRead);
        }
      }
    }
    problems.add(DataProblem.ofFile(fileLabel, "找不到清单表头：应有一个工作表，其前 " + HEADER_SEARCH_ROWS
        + " 行中有一行同时含「序号」和「事项名称」，列为 " + String.join("、", REQUIRED) + "（可选 "
        + String.join("、", OPTIONAL) + "）"));
    return null;
  }

  private boolean isHeader(Row row, FormulaEvaluator evaluator) {
    List<String> texts = new ArrayList<>();
    row.forEach(cell -> texts.add(header(text(cell, evaluator))));
    return texts.contains(NUMBER) && texts.contains(NAME);
  }

  private Table readTable(Sheet sheet, Row headerRow, FormulaEvaluator evaluator, List<DataProblem> problems,
      IntConsumer rowsRead) {
    String where = where(sheet);
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (Cell cell : headerRow) {
      String column = header(text(cell, evaluator));
      if (!REQUIRED.contains(column) && !OPTIONAL.contains(column)) {
        continue; // 备注 and the like are the county's own, not part of the list
      }
      if (columns.putIfAbsent(column, cell.getColumnIndex()) != null) {
        problems.add(new DataProblem(where, headerRow.getRowNum() + 1L, column, "列「" + column + "」出现了两次：每列只能有一个"));
      }
    }
    List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      problems.add(new DataProblem(where, headerRow.getRowNum() + 1L, null, "缺少必需列「" + String.join("、", missing)
          + "」：表头应含 " + String.join("、", REQUIRED) + "（顺序不限；可选 " + String.join("、", OPTIONAL) + "）"));
      return null;
    }
    Map<Long, Cell> mergedFirstCells = mergedFirstCells(sheet);
    List<SheetRow> rows = new ArrayList<>();
    int read = 0;
    for (int r = headerRow.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, Integer> column : columns.entrySet()) {
        values.put(column.getKey(), cellText(sheet, r, column.getValue(), mergedFirstCells, evaluator));
      }
      read++;
      if (read % 50 == 0) {
        rowsRead.accept(read);
      }
      boolean blank = values.entrySet().stream()
          .filter(e -> !e.getKey().equals(DOMAIN)) // a merged 领域 may run past the last item
          .allMatch(e -> e.getValue().isEmpty());
      if (!blank) {
        rows.add(new SheetRow(r + 1, values));
      }
    }
    return new Table(sheet.getSheetName(), List.copyOf(columns.keySet()), rows);
  }

  String where(Sheet sheet) {
    return fileLabel + " 工作表「" + sheet.getSheetName() + "」";
  }

  /** Officials merge cells (领域 over a domain's rows); every cell of a region reads as its first cell. */
  private static Map<Long, Cell> mergedFirstCells(Sheet sheet) {
    Map<Long, Cell> first = new HashMap<>();
    for (CellRangeAddress region : sheet.getMergedRegions()) {
      Row row = sheet.getRow(region.getFirstRow());
      Cell cell = row == null ? null : row.getCell(region.getFirstColumn());
      if (cell == null) {
        continue;
      }
      for (int r = region.getFirstRow(); r <= region.getLastRow(); r++) {
        for (int c = region.getFirstColumn(); c <= region.getLastColumn(); c++) {
          first.put(key(r, c), cell);
        }
      }
    }
    return first;
  }

  private String cellText(Sheet sheet, int r, int c, Map<Long, Cell> mergedFirstCells, FormulaEvaluator evaluator) {
    Cell cell = mergedFirstCells.get(key(r, c));
    if (cell == null) {
      Row row = sheet.getRow(r);
      cell = row == null ? null : row.getCell(c);
    }
    return cell == null ? "" : text(cell, evaluator);
  }

  private static long key(int row, int column) {
    return ((long) row << 20) | column;
  }

  /** Cell text with Excel's line breaks as \n, each line trimmed, empty lines dropped. */
  private String text(Cell cell, FormulaEvaluator evaluator) {
    String raw = formatter.formatCellValue(cell, evaluator).replace('\u00A0', ' ').replace('\u3000', ' ');
    return raw.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
  }

  /** Headers are often wrapped or padded in the official table: 「主体责任\n单位」 is 主体责任单位. */
  private static String header(String text) {
    String compact = text.replaceAll("\\s+", "");
    return ALIASES.getOrDefault(compact, compact);
  }
}
