package cn.shudi.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A list as counties publish it: several sheets, each with title rows above its header, the county's own column
 * titles, cells merged over rows (the merged value only in the first cell), duties in prose, no time limits.
 */
final class PublishedWorkbook {

  /** One sheet: its title rows, header and data rows; merges over data rows (0-based). */
  final class SheetSpec {
    private final String name;
    private final List<String> titles;
    private final List<String> header;
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<int[]> merges = new ArrayList<>();

    private SheetSpec(String name, List<String> titles, List<String> header) {
      this.name = name;
      this.titles = titles;
      this.header = header;
    }

    SheetSpec row(Object... cells) {
      rows.add(Arrays.asList(cells));
      return this;
    }

    SheetSpec merge(String column, int first, int last) {
      merges.add(new int[] {header.indexOf(column), first, last});
      return this;
    }

    /** The Excel row (1-based) of data row {@code index}: the title rows, then the header. */
    int excelRow(int index) {
      return titles.size() + 2 + index;
    }

    PublishedWorkbook done() {
      return PublishedWorkbook.this;
    }
  }

  private final List<SheetSpec> sheets = new ArrayList<>();

  SheetSpec sheet(String name, List<String> titles, String... header) {
    SheetSpec sheet = new SheetSpec(name, titles, List.of(header));
    sheets.add(sheet);
    return sheet;
  }

  Path write(Path file) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
      for (SheetSpec spec : sheets) {
        XSSFSheet sheet = workbook.createSheet(spec.name);
        for (int t = 0; t < spec.titles.size(); t++) {
          sheet.createRow(t).createCell(0).setCellValue(spec.titles.get(t));
          sheet.addMergedRegion(new CellRangeAddress(t, t, 0, spec.header.size() - 1));
        }
        Row headerRow = sheet.createRow(spec.titles.size());
        for (int c = 0; c < spec.header.size(); c++) {
          headerRow.createCell(c).setCellValue(spec.header.get(c));
        }
        for (int r = 0; r < spec.rows.size(); r++) {
          Row row = sheet.createRow(spec.excelRow(r) - 1);
          List<Object> cells = spec.rows.get(r);
          for (int c = 0; c < cells.size(); c++) {
            Object value = cells.get(c);
            if (value instanceof Integer n) {
              row.createCell(c).setCellValue(n);
            } else if (value != null) {
              row.createCell(c).setCellValue(value.toString());
            }
          }
        }
        for (int[] m : spec.merges) {
          sheet.addMergedRegion(new CellRangeAddress(spec.excelRow(m[1]) - 1, spec.excelRow(m[2]) - 1, m[0], m[0]));
        }
      }
      workbook.write(out);
    }
    return file;
  }
}
