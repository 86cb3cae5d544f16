package cn.shudi.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.springframework.stereotype.Component;

import cn.shudi.datafile.CsvFiles;
import cn.shudi.organization.Jurisdiction;

/**
 * A file of 12345 hotline work orders (docs/hotline-import.md): a CSV (UTF-8, a byte-order mark tolerated) or the
 * first sheet of an .xlsx, one request a row under a Chinese header row. {@link #read} gives the requests only when
 * no row has a problem; otherwise it throws {@link RefusedFile} with every problem, each located as
 * 「第 n 行 第 m 列（列名）：…」 (n the line of the CSV or the Excel row, the header being row 1 when it is the first):
 * first what the file itself shows (the header, an empty required cell, a work order twice, a coordinate that is no
 * number, an unknown kind), then what {@link IntakeDesk#check} refuses in the rows the file finds no fault in (a
 * township of another county, a work order already received…). Nothing is stored here.
 */
@Component
class HotlineFile {

  static final String ID = "工单编号";
  static final String KIND = "诉求类型";
  static final String TEXT = "诉求内容";
  static final String TOWNSHIP = "镇街";
  static final String GRID = "网格";
  static final String LATITUDE = "纬度";
  static final String LONGITUDE = "经度";
  static final String CONTACT_NAME = "联系人";
  static final String CONTACT_PHONE = "联系电话";
  /** Every column a file may have, in the order of the documented example. */
  static final List<String> COLUMNS = List.of(ID, KIND, TEXT, TOWNSHIP, GRID, LATITUDE, LONGITUDE, CONTACT_NAME,
      CONTACT_PHONE);
  static final List<String> REQUIRED = List.of(ID, TEXT, TOWNSHIP);
  /** At most this many work orders a file (the import runs in one transaction). */
  static final int MAX_ROWS = 2000;
  /** The kind of a row whose 诉求类型 is empty: the hotline's requests are citizens' (民生诉求). */
  static final RequestKind DEFAULT_KIND = RequestKind.LIVELIHOOD;

  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true)
      .setIgnoreEmptyLines(false).get();

  /** One work order and the row it is on. */
  record Row(long line, IntakeDesk.NewRequest request) {
  }

  /**
   * One thing wrong in the file.
   *
   * @param line the row (CSV line, Excel row), 0 when it concerns the whole file
   * @param column 1-based column, 0 when it concerns the whole row
   * @param name the column's title, null when it has none
   */
  record Problem(long line, int column, String name, String message) {

    static Problem ofFile(String message) {
      return new Problem(0, 0, null, message);
    }

    @Override
    public String toString() {
      if (line == 0) {
        return message;
      }
      String where = "第 " + line + " 行";
      if (column > 0) {
        where += " 第 " + column + " 列" + (name == null || name.isEmpty() ? "" : "（" + name + "）");
      }
      return where + "：" + message;
    }
  }

  /** The file was refused whole; every problem found, in file order. Nothing was stored. */
  static final class RefusedFile extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    RefusedFile(List<Problem> problems) {
      super("热线工单文件有 " + problems.size() + " 处问题，未导入任何工单：\n"
          + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
      this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
      return problems;
    }

    /** One problem a line, as the import answers them. */
    String lines() {
      return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
  }

  /** A non-blank line of the file: its number and its cells as text. */
  private record Line(long number, List<String> cells) {

    String cell(int index) {
      return index < cells.size() ? cells.get(index) : "";
    }

    boolean blank() {
      return cells.stream().allMatch(String::isEmpty);
    }
  }

  private enum Format {
    CSV, XLSX
  }

  private final IntakeDesk desk;

  HotlineFile(IntakeDesk desk) {
    this.desk = desk;
  }

  /**
   * The work orders of a file for {@code county}, every row checked as {@link IntakeDesk#check} checks a request.
   *
   * @param fileName the name the sender gave it (.csv or .xlsx)
   * @throws RefusedFile with every problem of the file
   */
  List<Row> read(Jurisdiction county, String fileName, byte[] content) {
    return read(fileName, content, request -> desk.check(county, request));
  }

  /**
   * The work orders of a file; {@code check} is run on each row the file finds no fault in, and what it refuses
   * ({@link IntakeRefusal}) is reported with the row.
   *
   * @throws RefusedFile with every problem of the file
   */
  static List<Row> read(String fileName, byte[] content, Consumer<IntakeDesk.NewRequest> check) {
    List<Problem> problems = new ArrayList<>();
    List<Line> lines = switch (format(fileName, content)) {
      case CSV -> csvLines(content, problems);
      case XLSX -> xlsxLines(content, problems);
    };
    if (!problems.isEmpty()) {
      throw new RefusedFile(problems);
    }
    if (lines.isEmpty()) {
      throw new RefusedFile(List.of(Problem.ofFile("文件没有内容：第一行应为表头（" + String.join("、", COLUMNS)
          + "），其下每行一件工单")));
    }
    Line header = lines.get(0);
    List<Line> rows = lines.subList(1, lines.size());
    Map<String, Integer> columns = header(header, rows, problems);
    if (!problems.isEmpty()) {
      throw new RefusedFile(problems);
    }
    if (rows.isEmpty()) {
      throw new RefusedFile(List.of(Problem.ofFile("文件只有表头，没有工单：表头下每行一件工单")));
    }
    if (rows.size() > MAX_ROWS) {
      throw new RefusedFile(List.of(Problem.ofFile("文件有 " + rows.size() + " 件工单，超过每个文件 " + MAX_ROWS
          + " 件的上限：请分成几个文件导入（第 " + rows.get(MAX_ROWS).number() + " 行起放入下一个文件）")));
    }
    List<Row> read = new ArrayList<>();
    Map<String, Long> firstLineOfId = new HashMap<>();
    for (Line line : rows) {
      int before = problems.size();
      Map<String, String> values = new LinkedHashMap<>();
      columns.forEach((name, index) -> values.put(name, line.cell(index)));
      for (int extra = header.cells().size(); extra < line.cells().size(); extra++) {
        if (!line.cell(extra).isEmpty()) {
          problems.add(new Problem(line.number(), extra + 1, null, "本列有内容，表头却只有 " + header.cells().size()
              + " 列：多出的内容没有列名（CSV 单元格里的逗号须用英文双引号括起来）"));
          break;
        }
      }
      for (String required : REQUIRED) {
        if (values.get(required).isEmpty()) {
          problems.add(at(line, columns, required, required + "为空：每件工单都须填写" + required));
        }
      }
      String id = values.get(ID);
      if (!id.isEmpty()) {
        Long first = firstLineOfId.putIfAbsent(id, line.number());
        if (first != null) {
          problems.add(at(line, columns, ID, "工单编号「" + id + "」与第 " + first + " 行重复：同一工单只能导入一次"));
        }
      }
      String kind = values.getOrDefault(KIND, "");
      if (!kind.isEmpty() && RequestKind.of(kind).isEmpty()) {
        problems.add(at(line, columns, KIND, "诉求类型「" + kind + "」不认识：应为 " + RequestKind.choices()
            + "，不填为" + DEFAULT_KIND.label()));
      }
      for (String coordinate : List.of(LATITUDE, LONGITUDE)) {
        String value = values.getOrDefault(coordinate, "");
        if (!value.isEmpty() && !isNumber(value)) {
          problems.add(at(line, columns, coordinate, coordinate + "「" + value + "」不是数字：请填写如 "
              + (coordinate.equals(LATITUDE) ? "36.7121" : "117.5412") + " 的十进制度数"));
        }
      }
      if (problems.size() > before) {
        continue; // the desk would only say it again
      }
      IntakeDesk.NewRequest request = new IntakeDesk.NewRequest(kind.isEmpty() ? DEFAULT_KIND.value() : kind,
          RequestSource.HOTLINE.value(), id, values.get(TEXT), values.get(TOWNSHIP), optional(values, GRID),
          optional(values, LATITUDE), optional(values, LONGITUDE), optional(values, CONTACT_NAME),
          optional(values, CONTACT_PHONE));
      try {
        check.accept(request);
        read.add(new Row(line.number(), request));
      } catch (IntakeRefusal refusal) {
        problems.add(located(line, columns, values, refusal.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new RefusedFile(problems);
    }
    return read;
  }

  /** The columns of the header, title → index; header problems added. */
  private static Map<String, Integer> header(Line header, List<Line> rows, List<Problem> problems) {
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (int index = 0; index < header.cells().size(); index++) {
      String title = header.cell(index);
      int column = index + 1;
      if (title.isEmpty()) {
        int i = index;
        if (rows.stream().anyMatch(r -> !r.cell(i).isEmpty())) {
          problems.add(new Problem(header.number(), column, null, "列名为空，但本列有内容：请填写列名（可用的列："
              + String.join("、", COLUMNS) + "），或删去本列"));
        }
        continue;
      }
      if (!COLUMNS.contains(title)) {
        problems.add(new Problem(header.number(), column, title, "不认识的列「" + title + "」：热线工单文件只能有这些列："
            + String.join("、", COLUMNS) + "（请删去本列，或改为其中之一）"));
        continue;
      }
      Integer first = columns.putIfAbsent(title, index);
      if (first != null) {
        problems.add(new Problem(header.number(), column, title, "列「" + title + "」与第 " + (first + 1)
            + " 列重复：每列只能有一个"));
      }
    }
    for (String required : REQUIRED) {
      if (!columns.containsKey(required)) {
        problems.add(new Problem(header.number(), 0, null, "缺少必需列「" + required + "」：表头须有 "
            + String.join("、", REQUIRED) + "（可选 " + String.join("、", COLUMNS.stream()
                .filter(c -> !REQUIRED.contains(c)).toList()) + "）"));
      }
    }
    return columns;
  }

  private static Problem at(Line line, Map<String, Integer> columns, String name, String message) {
    Integer index = columns.get(name);
    return new Problem(line.number(), index == null ? 0 : index + 1, index == null ? null : name, message);
  }

  /**
   * A refusal of the desk at its column: the column its message starts with (诉求内容有 …, 联系电话「…」), else the
   * column whose value it quotes (「chengguan」是郧西县的镇街, 12345热线工单「…」已经受理过), else the row.
   */
  private static Problem located(Line line, Map<String, Integer> columns, Map<String, String> values,
      String message) {
    for (String name : columns.keySet()) {
      if (message.startsWith(name)) {
        return at(line, columns, name, message);
      }
    }
    for (Map.Entry<String, String> value : values.entrySet()) {
      if (!value.getValue().isEmpty() && message.contains("「" + value.getValue() + "」")) {
        return at(line, columns, value.getKey(), message);
      }
    }
    return new Problem(line.number(), 0, null, message);
  }

  private static String optional(Map<String, String> values, String column) {
    String value = values.getOrDefault(column, "");
    return value.isEmpty() ? null : value;
  }

  private static boolean isNumber(String text) {
    try {
      return Double.isFinite(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** CSV or xlsx, by the name and the bytes; anything else is refused. */
  private static Format format(String fileName, byte[] content) {
    String name = fileName == null ? "" : fileName.strip();
    String lower = name.toLowerCase(Locale.ROOT);
    String label = name.isEmpty() ? "上传的文件" : "「" + name + "」";
    if (content == null || content.length == 0) {
      throw new RefusedFile(List.of(Problem.ofFile(label + "是空的")));
    }
    boolean named = lower.endsWith(".csv") || lower.endsWith(".xlsx");
    if (!named && name.contains(".")) {
      throw new RefusedFile(List.of(Problem.ofFile(label + "不是 CSV 或 Excel（.xlsx）文件：热线工单只能从 .csv（UTF-8）"
          + "或 .xlsx 文件导入")));
    }
    if (startsWith(content, OLE2)) {
      throw new RefusedFile(List.of(Problem.ofFile(label + "是旧版 Excel（.xls）或加密的工作簿：请在 Excel 中另存为"
          + "不加密的 .xlsx，或另存为「CSV UTF-8（逗号分隔）」")));
    }
    if (startsWith(content, ZIP)) {
      return Format.XLSX;
    }
    if (lower.endsWith(".xlsx")) {
      throw new RefusedFile(List.of(Problem.ofFile(label + "不是 Excel 工作簿：文件名是 .xlsx，内容却不是")));
    }
    for (int i = 0; i < Math.min(content.length, 8192); i++) {
      if (content[i] == 0) {
        throw new RefusedFile(List.of(Problem.ofFile(label + "不是文本文件，也不是 Excel 工作簿（.xlsx）：热线工单只能从"
            + " .csv（UTF-8）或 .xlsx 文件导入")));
      }
    }
    return Format.CSV;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static List<Line> csvLines(byte[] content, List<Problem> problems) {
    List<Line> lines = new ArrayList<>();
    long previousEnd = 0;
    try (Reader reader = CsvFiles.utf8(new ByteArrayInputStream(content));
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSV).get()) {
      var records = parser.iterator();
      while (true) {
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          IOException io = e instanceof UncheckedIOException u ? u.getCause() : null;
          if (io != null && CsvFiles.isEncodingError(io)) {
            throw io;
          }
          problems.add(new Problem(previousEnd + 1, 0, null, "CSV 格式错误（双引号不成对？）：" + e.getMessage()));
          return lines;
        }
        long start = previousEnd + 1;
        previousEnd = parser.getCurrentLineNumber();
        List<String> cells = record.stream().map(HotlineFile::clean).toList();
        if (lines.isEmpty() && !cells.isEmpty()) { // the header: an Excel byte-order mark is no part of it
          List<String> header = new ArrayList<>(cells);
          header.set(0, clean(header.get(0).replace("\uFEFF", "")));
          cells = header;
        }
        Line line = new Line(start, cells);
        if (!line.blank()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      problems.add(Problem.ofFile(CsvFiles.isEncodingError(e)
          ? "文件不是 UTF-8 编码：请在 Excel 中「另存为」→「CSV UTF-8（逗号分隔）」，或改用 .xlsx"
          : "文件无法读取：" + e.getMessage()));
    }
    return lines;
  }

  private static List<Line> xlsxLines(byte[] content, List<Problem> problems) {
    List<Line> lines = new ArrayList<>();
    try (Workbook workbook = WorkbookFactory.create(new ByteArrayInputStream(content))) {
      if (workbook.getNumberOfSheets() == 0) {
        problems.add(Problem.ofFile("工作簿没有工作表"));
        return lines;
      }
      Sheet sheet = workbook.getSheetAt(0);
      FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
      DataFormatter formatter = new DataFormatter(Locale.ROOT);
      for (int r = Math.max(0, sheet.getFirstRowNum()); r <= sheet.getLastRowNum(); r++) {
        org.apache.poi.ss.usermodel.Row row = sheet.getRow(r);
        if (row == null || row.getLastCellNum() <= 0) {
          continue;
        }
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
          Cell cell = row.getCell(c);
          cells.add(cell == null ? "" : clean(text(cell, formatter, evaluator)));
        }
        Line line = new Line(r + 1L, cells);
        if (!line.blank()) {
          lines.add(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(Problem.ofFile("不是可读的 Excel 工作簿（.xlsx）：" + e.getMessage()));
    }
    return lines;
  }

  /**
   * A cell as its text. A whole number in a 常规 cell is written out in full (Excel's 常规 shows a 13-digit work
   * order number as 2.02612E+12), a fraction in full (a coordinate keeps its decimals).
   */
  private static String text(Cell cell, DataFormatter formatter, FormulaEvaluator evaluator) {
    CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    if (type == CellType.NUMERIC && !DateUtil.isCellDateFormatted(cell)
        && "General".equalsIgnoreCase(cell.getCellStyle().getDataFormatString())) {
      double value = cell.getNumericCellValue();
      return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
    return formatter.formatCellValue(cell, evaluator);
  }

  private static String clean(String text) {
    return text == null ? "" : text.replace('\u00A0', ' ').strip();
  }
}
