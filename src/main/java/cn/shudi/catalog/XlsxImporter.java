package cn.shudi.catalog;

import static cn.shudi.catalog.CatalogColumns.CALL_RESPONSE_TIME;
import static cn.shudi.catalog.CatalogColumns.CODE;
import static cn.shudi.catalog.CatalogColumns.COOPERATING_DUTIES;
import static cn.shudi.catalog.CatalogColumns.COOPERATING_UNITS;
import static cn.shudi.catalog.CatalogColumns.HEADER;
import static cn.shudi.catalog.CatalogColumns.NO;
import static cn.shudi.catalog.CatalogColumns.NUMBER;
import static cn.shudi.catalog.CatalogColumns.PRIMARY_UNIT;
import static cn.shudi.catalog.CatalogColumns.SOURCE;
import static cn.shudi.catalog.CatalogColumns.TIME_LIMIT;
import static cn.shudi.catalog.CatalogColumns.TOWNSHIP_PRIMARY;
import static cn.shudi.catalog.CatalogColumns.UNIT_SEPARATOR;
import static cn.shudi.catalog.CatalogColumns.YES;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;

/**
 * Imports a county's .xlsx in the official layout into the repository's catalog.csv. The CSV it
 * builds is validated by {@link CatalogLoader}, so an imported list obeys exactly the rules of a
 * hand-edited one; only a valid list is written, and atomically, so a failed import leaves the old
 * file as it was.
 */
class XlsxImporter {

  /** What the officials write for "the township" in a unit cell; the list says 镇街. */
  static final Set<String> TOWNSHIP_TOKENS = Set.of("镇街", "乡镇", "街道", "乡镇（街道）", "乡镇(街道)", "镇（街道）",
      "镇(街道)");
  static final Pattern PREFIX_FORMAT = Pattern.compile("[A-Z]{2}");
  private static final Pattern UNIT_SEPARATORS = Pattern.compile("[、，,；;/\\s]+");
  private static final Pattern COOPERATING_PREFIX = Pattern.compile("^【([^】]*)】");
  private static final String DEFAULT_SOURCE = "illustrative";

  /**
   * @param codePrefix two capital letters; codes of rows without 编码 are prefix + 3-digit 序号
   * @param title the list's title (header comment 清单)
   * @param version header comment 版本
   * @param effectiveDate header comment 生效日期
   * @param target the catalog.csv to write
   */
  public record Request(Path xlsx, Jurisdiction jurisdiction, String codePrefix, String title, String version,
      LocalDate effectiveDate, Path target) {

    public Request {
      Objects.requireNonNull(xlsx, "xlsx");
      Objects.requireNonNull(jurisdiction, "jurisdiction");
      Objects.requireNonNull(target, "target");
      if (codePrefix == null || !PREFIX_FORMAT.matcher(codePrefix).matches()) {
        throw new IllegalArgumentException("编码前缀「" + codePrefix + "」不合法：应为两个大写字母（如 ZQ、YX）");
      }
      if (title == null || title.isBlank() || title.contains("\n") || title.contains("\r")) {
        throw new IllegalArgumentException("清单名称不能为空，也不能换行");
      }
      if (version == null || !HeaderComments.VERSION.matcher(version).matches()) {
        throw new IllegalArgumentException("版本「" + version + "」不合法：应为字母或数字开头、由字母、数字、点、横线组成的版本号（如 2024.1）");
      }
      Objects.requireNonNull(effectiveDate, "生效日期不能为空");
    }
  }

  private final CatalogLoader loader;

  public XlsxImporter(CatalogLoader loader) {
    this.loader = loader;
  }

  /**
   * Reads, converts, validates and writes.
   *
   * @param rowsRead told every 50 sheet rows read, for progress output
   * @return the imported list, as loaded back from the CSV written
   * @throws InvalidDataException with every problem, located by sheet, Excel row and column; nothing written
   * @throws IOException when the target cannot be written (the old file stays)
   */
  public Catalog importFile(Request request, IntConsumer rowsRead) throws IOException {
    String fileLabel = request.xlsx().getFileName().toString();
    List<DataProblem> problems = new ArrayList<>();
    OfficialSheet.Table table = readTable(request.xlsx(), fileLabel, problems, rowsRead);
    if (table == null) {
      throw new InvalidDataException("导入 " + fileLabel + " 失败", problems);
    }
    String where = fileLabel + " 工作表「" + table.sheetName() + "」";
    List<Integer> excelRows = new ArrayList<>();
    List<List<String>> records = new ArrayList<>();
    Parties parties = new Parties(request.jurisdiction());
    for (OfficialSheet.SheetRow row : table.rows()) {
      List<String> record = record(row, table, request, parties, where, problems);
      if (record != null) {
        records.add(record);
        excelRows.add(row.excelRow());
      }
    }
    List<String> missingLimits = List.of(TIME_LIMIT, CALL_RESPONSE_TIME).stream().filter(c -> !table.has(c)).toList();
    for (String column : missingLimits) {
      problems.add(DataProblem.ofFile(where, "缺少列「" + column + "」：清单需要每个事项的" + column
          + "，请在表格中加上这一列（如「30个工作日」「24小时」）"));
    }
    CatalogCsvWriter.Written csv = CatalogCsvWriter.write(request.title(), request.version(), request.effectiveDate(),
        records);
    byte[] bytes = csv.text().getBytes(StandardCharsets.UTF_8);
    Catalog catalog = null;
    try {
      catalog = loader.load(request.target().toString(), () -> new ByteArrayInputStream(bytes), request.jurisdiction());
    } catch (InvalidDataException e) {
      for (DataProblem p : e.problems()) {
        if (!missingLimits.contains(p.column())) { // already said once for the whole column
          problems.add(toSheet(p, csv.recordLines(), excelRows, where));
        }
      }
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingLong(DataProblem::line));
      throw new InvalidDataException("导入 " + fileLabel + " 失败", problems);
    }
    AtomicFiles.write(request.target(), bytes);
    return catalog;
  }

  private OfficialSheet.Table readTable(Path xlsx, String fileLabel, List<DataProblem> problems, IntConsumer rowsRead) {
    if (!Files.isRegularFile(xlsx)) {
      problems.add(DataProblem.ofFile(fileLabel, "文件不存在：" + xlsx.toAbsolutePath()));
      return null;
    }
    try (Workbook workbook = WorkbookFactory.create(xlsx.toFile(), null, true)) {
      return new OfficialSheet(fileLabel).read(workbook, problems, rowsRead);
    } catch (IOException | EncryptedDocumentException | IllegalArgumentException e) {
      // POI's "not an OOXML file" is an IllegalArgumentException
      problems.add(DataProblem.ofFile(fileLabel, "无法读取：应为未加密的 Excel 文件（.xlsx），" + e.getMessage()));
      return null;
    }
  }

  /** One CSV record from a sheet row, with the defaults for the columns the county leaves out. */
  private List<String> record(OfficialSheet.SheetRow row, OfficialSheet.Table table, Request request,
      Parties parties, String where, List<DataProblem> problems) {
    Map<String, String> cells = new HashMap<>(row.values());
    String code = cells.getOrDefault(CODE, "");
    if (code.isEmpty()) {
      String number = cells.get(NUMBER);
      if (!number.matches("\\d{1,3}") || Integer.parseInt(number) == 0) {
        problems.add(new DataProblem(where, row.excelRow(), NUMBER, "序号「" + number
            + "」不合法：应为 1–999 的整数（没有「编码」列时，编码由前缀 " + request.codePrefix() + " 加三位序号生成）"));
        return null;
      }
      code = request.codePrefix() + String.format("%03d", Integer.parseInt(number));
    }
    cells.put(CODE, code);
    cells.put(PRIMARY_UNIT, units(cells.get(PRIMARY_UNIT)));
    cells.put(COOPERATING_UNITS, units(cells.get(COOPERATING_UNITS)));
    cells.put(COOPERATING_DUTIES, cells.get(COOPERATING_DUTIES).lines()
        .map(XlsxImporter::normalisePrefix).collect(Collectors.joining("\n")));
    if (cells.getOrDefault(TOWNSHIP_PRIMARY, "").isEmpty()) {
      String primary = cells.get(PRIMARY_UNIT);
      boolean township = parties.resolve(primary).map(Parties::isTownship).orElse(false);
      cells.put(TOWNSHIP_PRIMARY, township ? YES : NO);
    }
    if (cells.getOrDefault(SOURCE, "").isEmpty()) {
      cells.put(SOURCE, DEFAULT_SOURCE);
    }
    return HEADER.stream().map(c -> cells.getOrDefault(c, "")).toList();
  }

  /** Unit names joined by 、, the township tokens as 镇街. */
  private static String units(String cell) {
    return UNIT_SEPARATORS.splitAsStream(cell).filter(s -> !s.isEmpty()).map(XlsxImporter::unit)
        .collect(Collectors.joining(UNIT_SEPARATOR));
  }

  private static String unit(String name) {
    return TOWNSHIP_TOKENS.contains(name) ? Party.CASE_TOWNSHIP : name;
  }

  private static String normalisePrefix(String line) {
    Matcher m = COOPERATING_PREFIX.matcher(line);
    return m.find() ? "【" + unit(m.group(1).strip()) + "】" + line.substring(m.end()) : line;
  }

  /** A problem of the generated CSV, pointed back at the sheet row it came from. */
  private static DataProblem toSheet(DataProblem p, List<Long> recordLines, List<Integer> excelRows, String where) {
    int index = recordLines.indexOf(p.line());
    long excelRow = index < 0 ? 0 : excelRows.get(index);
    return new DataProblem(where, excelRow, p.column(), p.message());
  }
}
