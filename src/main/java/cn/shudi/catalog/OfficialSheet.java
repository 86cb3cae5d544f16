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
import static cn.shudi.catalog.CatalogColumns.PATTERNS;
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
import org.apache.poi.ss.util.CellReference;

import cn.shudi.datafile.DataProblem;

/**
 * The county's table in the official layout (《县乡“属地管理”事项主体责任和配合责任清单》) as counties publish it: a
 * header row, perhaps below title rows, with the official columns in any order and under the county's own titles
 * ({@link HeaderVariants}); cells merged over rows (领域 over a domain, a unit over its items); one table per sheet,
 * on one sheet or several.
 */
final class OfficialSheet {

  /** Published lists have no time limits: without them an item gets the county's default, marked 待定. */
  static final List<String> REQUIRED = List.of(NUMBER, DOMAIN, NAME, PRIMARY_UNIT, PRIMARY_DUTIES,
      COOPERATING_UNITS, COOPERATING_DUTIES, LEGAL_BASIS);
  static final List<String> OPTIONAL = List.of(CODE, TOWNSHIP_PRIMARY, TIME_LIMIT, CALL_RESPONSE_TIME, SOURCE,
      PATTERNS);

  /** Title rows come first; a header further down than this is not the table. */
  private static final int HEADER_SEARCH_ROWS = 20;
  /** A row is the header when it names the item and at least this many other columns of the list. */
  private static final int HEADER_MIN_OTHERS = 2;

  /** One data row: its Excel row number (1-based, as Excel shows it) and the cells by column header. */
  record SheetRow(int excelRow, Map<String, String> values) {
    String get(String column) {
      return values.getOrDefault(column, "");
    }
  }

  /** A column of the sheet: its title as the sheet writes it and its Excel letter. */
  record Column(String title, int index) {
    String label() {
      return title + "（" + CellReference.convertNumToColString(index) + "列）";
    }
  }

  /** The rows read from one sheet, and the columns the sheet has. */
  record Table(String sheetName, String where, Map<String, Column> columns, List<SheetRow> rows) {
    boolean has(String column) {
      return columns.containsKey(column);
    }

    /** How problems name a column: the sheet's own title and its letter. */
    String label(String column) {
      Column c = columns.get(column);
      return c == null ? column : c.label();
    }
  }

  private final String fileLabel;
  private final HeaderVariants headers;
  private final DataFormatter formatter = new DataFormatter();

  OfficialSheet(String fileLabel, HeaderVariants headers) {
    this.fileLabel = fileLabel;
    this.headers = headers;
  }

  /**
   * Every sheet with the list's header: counties spread a list over sheets (one per domain). Sheets without it
   * (notes, a cover) are left out.
   *
   * @return the tables, empty when no sheet has a usable header (problems added)
   */
  List<Table> read(Workbook workbook, List<DataProblem> problems, IntConsumer rowsRead) {
    FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
    List<Table> tables = new ArrayList<>();
    int[] read = {0};
    IntConsumer counted = n -> {
      read[0]++;
      if (read[0] % 50 == 0) {
        rowsRead.accept(read[0]);
      }
    };
    boolean headerFound = false;
    for (Sheet sheet : workbook) {
      for (int r = sheet.getFirstRowNum(); r >= 0 && r <= Math.min(sheet.getLastRowNum(), HEADER_SEARCH_ROWS); r++) {
        Row row = sheet.getRow(r);
        if (row != null && isHeader(row, evaluator)) {
          headerFound = true;
          Table table = readTable(sheet, row, evaluator, problems, counted);
          if (table != null) {
            tables.add(table);
          }
          break;
        }
      }
    }
    if (!headerFound) {
      problems.add(DataProblem.ofFile(fileLabel, "找不到清单表头：应有一个工作表，其前 " + HEADER_SEARCH_ROWS
          + " 行中有一行含「事项名称」（或「事项」「责任事项」等写法）和至少两个其他列，列为 " + String.join("、", REQUIRED)
          + "（可选 " + String.join("、", OPTIONAL) + "；其他写法见 jurisdictions/" + HeaderVariants.FILE + "）"));
    }
    return tables;
  }

  private boolean isHeader(Row row, FormulaEvaluator evaluator) {
    List<String> columns = new ArrayList<>();
    row.forEach(cell -> columns.add(headers.column(text(cell, evaluator))));
    long others = columns.stream().filter(c -> !c.equals(NAME))
        .filter(c -> REQUIRED.contains(c) || OPTIONAL.contains(c)).distinct().count();
    return columns.contains(NAME) && others >= HEADER_MIN_OTHERS;
  }

  private Table readTable(Sheet sheet, Row headerRow, FormulaEvaluator evaluator, List<DataProblem> problems,
      IntConsumer rowRead) {
    String where = where(sheet);
    Map<String, Column> columns = new LinkedHashMap<>();
    for (Cell cell : headerRow) {
      String title = text(cell, evaluator);
      String column = headers.column(title);
      if (!REQUIRED.contains(column) && !OPTIONAL.contains(column)) {
        continue; // 备注 and the like are the county's own, not part of the list
      }
      Column found = new Column(HeaderVariants.compact(title), cell.getColumnIndex());
      Column first = columns.putIfAbsent(column, found);
      if (first != null) {
        problems.add(new DataProblem(where, headerRow.getRowNum() + 1L, found.label(), "列「" + found.title()
            + "」与" + first.label() + "都是「" + column + "」：每列只能有一个，请删去或改名其中一列"));
      }
    }
    List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      problems.add(new DataProblem(where, headerRow.getRowNum() + 1L, null, "缺少必需列「" + String.join("、", missing)
          + "」：表头应含 " + String.join("、", REQUIRED) + "（顺序不限；可选 " + String.join("、", OPTIONAL)
          + "；其他写法可在 jurisdictions/" + HeaderVariants.FILE + " 中登记）"));
      return null;
    }
    Map<Long, Cell> mergedFirstCells = mergedFirstCells(sheet);
    List<SheetRow> rows = new ArrayList<>();
    for (int r = headerRow.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
      Map<String, String> values = new LinkedHashMap<>();
      for (Map.Entry<String, Column> column : columns.entrySet()) {
        values.put(column.getKey(), cellText(sheet, r, column.getValue().index(), mergedFirstCells, evaluator));
      }
      rowRead.accept(r);
      boolean blank = values.entrySet().stream()
          .filter(e -> !e.getKey().equals(DOMAIN)) // a merged 领域 may run past the last item
          .allMatch(e -> e.getValue().isEmpty());
      if (!blank) {
        rows.add(new SheetRow(r + 1, values));
      }
    }
    return new Table(sheet.getSheetName(), where, columns, rows);
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
}
