package cn.shudi.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.ss.util.CellRangeAddress;

/** Builds an .xlsx as a county sends it: title row, header row, rows with wrapped multi-line cells. */
final class OfficialWorkbook {

  private final List<String> header;
  private final List<List<Object>> rows = new ArrayList<>();
  private final List<int[]> merges = new ArrayList<>();
  private String title = "济南市章丘区县乡“属地管理”事项主体责任和配合责任清单";

  OfficialWorkbook(String... header) {
    this.header = List.of(header);
  }

  OfficialWorkbook title(String title) {
    this.title = title;
    return this;
  }

  /** Cells in header order; an Integer becomes a numeric cell, null an absent one. */
  OfficialWorkbook row(Object... cells) {
    rows.add(java.util.Arrays.asList(cells));
    return this;
  }

  /** Merges a column over data rows {@code first}..{@code last} (0-based among the data rows). */
  OfficialWorkbook merge(String column, int first, int last) {
    merges.add(new int[] {header.indexOf(column), first, last});
    return this;
  }

  /** The Excel row number (1-based) of data row {@code index}: title row, blank row, header row come first. */
  static int excelRow(int index) {
    return index + 4;
  }

  Path write(Path file) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      Sheet sheet = workbook.createSheet("清单");
      CellStyle wrap = workbook.createCellStyle();
      wrap.setWrapText(true);
      sheet.createRow(0).createCell(0).setCellValue(title);
      sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, header.size() - 1));
      Row headerRow = sheet.createRow(2);
      for (int c = 0; c < header.size(); c++) {
        headerRow.createCell(c).setCellValue(header.get(c));
      }
      for (int r = 0; r < rows.size(); r++) {
        Row row = sheet.createRow(excelRow(r) - 1);
        List<Object> cells = rows.get(r);
        for (int c = 0; c < cells.size(); c++) {
          Object value = cells.get(c);
          if (value == null) {
            continue;
          }
          Cell cell = row.createCell(c);
          if (value instanceof Integer n) {
            cell.setCellValue(n);
          } else {
            cell.setCellValue(value.toString());
            cell.setCellStyle(wrap);
          }
        }
      }
      for (int[] m : merges) {
        sheet.addMergedRegion(new CellRangeAddress(excelRow(m[1]) - 1, excelRow(m[2]) - 1, m[0], m[0]));
      }
      workbook.write(out);
    }
    return file;
  }
}
