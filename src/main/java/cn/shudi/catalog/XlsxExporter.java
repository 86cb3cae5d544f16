package cn.shudi.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A list as the county prints and publishes it: the title over the table, the official columns
 * (序号, 领域, 事项名称, 主体责任单位, 主体责任, 配合责任单位, 配合责任, 法律法规及文件依据, 办结时限, 呼叫响应时限), 领域 merged
 * over the rows of one domain, a unit's duties as lines of one cell, 待定 where a time limit is still the county's
 * default. The importer reads the file back as the same list.
 */
public final class XlsxExporter {

  /** The media type of an .xlsx file. */
  public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  static final List<String> COLUMNS = List.of(CatalogColumns.NUMBER, CatalogColumns.DOMAIN, CatalogColumns.NAME,
      CatalogColumns.PRIMARY_UNIT, CatalogColumns.PRIMARY_DUTIES, CatalogColumns.COOPERATING_UNITS,
      CatalogColumns.COOPERATING_DUTIES, CatalogColumns.LEGAL_BASIS, CatalogColumns.TIME_LIMIT,
      CatalogColumns.CALL_RESPONSE_TIME);
  private static final Map<String, String> TITLES = Map.of(CatalogColumns.LEGAL_BASIS, "法律法规及文件依据");
  private static final int[] WIDTHS = {6, 12, 24, 16, 48, 20, 48, 36, 12, 12};

  private XlsxExporter() {
  }

  /** Writes the list to {@code file} (atomically: a reader sees the old file or the new one). */
  public static void write(Catalog catalog, Path file) throws IOException {
    AtomicFiles.write(file, bytes(catalog));
  }

  /** The list as the bytes of an .xlsx file. */
  public static byte[] bytes(Catalog catalog) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fill(workbook, catalog);
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: does not happen
    }
  }

  private static void fill(XSSFWorkbook workbook, Catalog catalog) {
    Sheet sheet = workbook.createSheet("清单");
    CellStyle title = style(workbook, true, 16);
    CellStyle header = style(workbook, true, 11);
    CellStyle body = style(workbook, false, 11);
    Cell titleCell = sheet.createRow(0).createCell(0);
    titleCell.setCellValue(catalog.title());
    titleCell.setCellStyle(title);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, COLUMNS.size() - 1));
    Cell note = sheet.createRow(1).createCell(0);
    note.setCellValue("版本 " + catalog.version() + "，" + catalog.effectiveDate() + " 起施行");
    sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, COLUMNS.size() - 1));
    Row headerRow = sheet.createRow(2);
    for (int c = 0; c < COLUMNS.size(); c++) {
      Cell cell = headerRow.createCell(c);
      cell.setCellValue(TITLES.getOrDefault(COLUMNS.get(c), COLUMNS.get(c)));
      cell.setCellStyle(header);
      sheet.setColumnWidth(c, WIDTHS[c] * 256);
    }
    int domainColumn = COLUMNS.indexOf(CatalogColumns.DOMAIN);
    int domainStart = 3;
    List<Item> items = catalog.items();
    for (int i = 0; i < items.size(); i++) {
      Map<String, String> cells = ItemCells.cells(items.get(i));
      Row row = sheet.createRow(3 + i);
      for (int c = 0; c < COLUMNS.size(); c++) {
        Cell cell = row.createCell(c);
        String column = COLUMNS.get(c);
        if (column.equals(CatalogColumns.NUMBER)) {
          cell.setCellValue(items.get(i).number());
        } else {
          cell.setCellValue(cells.get(column));
        }
        cell.setCellStyle(body);
      }
      boolean lastOfDomain = i == items.size() - 1 || !items.get(i + 1).domain().equals(items.get(i).domain());
      if (lastOfDomain) {
        if (3 + i > domainStart) {
          sheet.addMergedRegion(new CellRangeAddress(domainStart, 3 + i, domainColumn, domainColumn));
        }
        domainStart = 3 + i + 1;
      }
    }
    sheet.createFreezePane(0, 3);
  }

  private static CellStyle style(XSSFWorkbook workbook, boolean bold, int points) {
    CellStyle style = workbook.createCellStyle();
    Font font = workbook.createFont();
    font.setBold(bold);
    font.setFontHeightInPoints((short) points);
    style.setFont(font);
    style.setWrapText(true);
    style.setVerticalAlignment(VerticalAlignment.CENTER);
    style.setAlignment(bold ? HorizontalAlignment.CENTER : HorizontalAlignment.LEFT);
    for (BorderStyle border : new BorderStyle[] {BorderStyle.THIN}) {
      style.setBorderTop(border);
      style.setBorderBottom(border);
      style.setBorderLeft(border);
      style.setBorderRight(border);
    }
    return style;
  }
}
