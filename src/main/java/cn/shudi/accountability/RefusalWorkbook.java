package cn.shudi.accountability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The accountability report as an Excel workbook, Chinese headers, three sheets: 拒绝记录 (every refusal),
 * 按部门统计 and 按事项统计. Text goes into string cells, never formulas, so a reason that starts with
 * {@code =} stays text.
 */
final class RefusalWorkbook {

  static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final List<String> REFUSAL_HEADERS =
      List.of("序号", "拒绝时间", "事项编码", "事项名称", "单位编码", "单位", "拒绝理由", "案件编号");
  static final List<String> DEPARTMENT_HEADERS = List.of("单位编码", "单位", "拒绝次数");
  static final List<String> ITEM_HEADERS = List.of("事项编码", "事项名称", "拒绝次数");

  private RefusalWorkbook() {
  }

  static byte[] write(RefusalReport report) {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      workbook.getProperties().getCoreProperties().setTitle(report.jurisdictionName() + "清单外事项拒绝记录（"
          + report.from() + "至" + report.to() + "）");
      CellStyle header = workbook.createCellStyle();
      Font bold = workbook.createFont();
      bold.setBold(true);
      header.setFont(bold);
      CellStyle time = workbook.createCellStyle();
      time.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));

      Sheet refusals = sheet(workbook, "拒绝记录", REFUSAL_HEADERS, header, 6, 20, 10, 30, 14, 16, 60, 38);
      int n = 0;
      for (RefusalReport.Line line : report.refusals()) {
        Row row = refusals.createRow(++n);
        row.createCell(0).setCellValue(n);
        Cell at = row.createCell(1);
        at.setCellValue(line.refusedAt().toLocalDateTime());
        at.setCellStyle(time);
        text(row, 2, line.itemCode());
        text(row, 3, line.itemName());
        text(row, 4, line.unitCode());
        text(row, 5, line.unitName());
        text(row, 6, line.reason());
        text(row, 7, line.caseId());
      }

      Sheet departments = sheet(workbook, "按部门统计", DEPARTMENT_HEADERS, header, 14, 20, 10);
      n = 0;
      for (RefusalReport.DepartmentCount count : report.byDepartment()) {
        Row row = departments.createRow(++n);
        text(row, 0, count.unitCode());
        text(row, 1, count.unitName());
        row.createCell(2).setCellValue(count.count());
      }

      Sheet items = sheet(workbook, "按事项统计", ITEM_HEADERS, header, 10, 36, 10);
      n = 0;
      for (RefusalReport.ItemCount count : report.byItem()) {
        Row row = items.createRow(++n);
        text(row, 0, count.itemCode());
        text(row, 1, count.itemName());
        row.createCell(2).setCellValue(count.count());
      }
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sheet with a bold, frozen header row; column widths in characters (CJK count double). */
  private static Sheet sheet(XSSFWorkbook workbook, String name, List<String> headers, CellStyle style,
      int... widths) {
    Sheet sheet = workbook.createSheet(name);
    Row row = sheet.createRow(0);
    for (int i = 0; i < headers.size(); i++) {
      Cell cell = row.createCell(i);
      cell.setCellValue(headers.get(i));
      cell.setCellStyle(style);
      sheet.setColumnWidth(i, Math.min(255, widths[i] * 2) * 256 / 2);
    }
    sheet.createFreezePane(0, 1);
    return sheet;
  }

  private static void text(Row row, int column, String value) {
    if (value != null) {
      row.createCell(column).setCellValue(value);
    }
  }
}
