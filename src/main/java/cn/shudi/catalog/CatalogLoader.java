package cn.shudi.catalog;

import static cn.shudi.catalog.CatalogColumns.CODE;
import static cn.shudi.catalog.CatalogColumns.NAME;
import static cn.shudi.catalog.CatalogColumns.NUMBER;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.shudi.datafile.CsvFiles;
import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;
import cn.shudi.organization.Jurisdiction;

/**
 * Reads and validates a jurisdiction's catalog.csv (docs/catalog-format.md). Every problem in the
 * file is collected first; a list with any problem is rejected whole, because half a list would
 * silently drop items ("no territorial item outside the list").
 */
public class CatalogLoader {

  /** The exact header of catalog.csv. */
  public static final List<String> HEADER = CatalogColumns.HEADER;

  /**
   * @param fileName the file as the user knows it, used in every problem
   * @throws InvalidDataException listing every problem found
   */
  public Catalog load(String fileName, CsvFiles.Source source, Jurisdiction jurisdiction) {
    List<DataProblem> problems = new ArrayList<>();
    HeaderComments.Identity identity = HeaderComments.read(fileName, source, problems);
    List<DataProblem> fileProblems = new ArrayList<>();
    List<CsvFiles.Row> rows = readRows(fileName, source, fileProblems);
    fileProblems.forEach(p -> problems.add(atHeaderLine(p, identity.headerLine())));
    Parties parties = new Parties(jurisdiction);
    List<Item> items = new ArrayList<>();
    for (CsvFiles.Row row : rows) {
      Item item = new ItemRow(fileName, row, parties, problems).read();
      if (item != null) {
        items.add(item);
      }
    }
    checkUnique(fileName, rows, CODE, "编码", problems);
    checkUnique(fileName, rows, NUMBER, "序号", problems);
    checkUnique(fileName, rows, NAME, "事项名称", problems);
    if (rows.isEmpty() && problems.isEmpty()) {
      problems.add(DataProblem.ofFile(fileName, "清单没有任何事项：表头之后应至少有一行"));
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingLong(DataProblem::line)); // stable: a row's problems keep their column order
      throw new InvalidDataException("清单 " + fileName + " 有误", problems);
    }
    return new Catalog(jurisdiction.code(), identity.title(), identity.version(), identity.effectiveDate(), items);
  }

  /**
   * The list with every column, or as written before the column 案件模式 (a list without case patterns). A header that
   * is neither is reported against the full one.
   */
  private static List<CsvFiles.Row> readRows(String fileName, CsvFiles.Source source, List<DataProblem> problems) {
    List<DataProblem> full = new ArrayList<>();
    List<CsvFiles.Row> rows = CsvFiles.read(fileName, source, HEADER, full);
    if (full.stream().noneMatch(CatalogLoader::isHeaderProblem)) {
      problems.addAll(full);
      return rows;
    }
    List<DataProblem> older = new ArrayList<>();
    rows = CsvFiles.read(fileName, source, CatalogColumns.HEADER_WITHOUT_PATTERNS, older);
    if (older.stream().noneMatch(CatalogLoader::isHeaderProblem)) {
      problems.addAll(older);
      return rows;
    }
    problems.addAll(full);
    return List.of();
  }

  private static boolean isHeaderProblem(DataProblem problem) {
    return problem.line() == 1 && problem.message().startsWith("表头不正确");
  }

  /**
   * CsvFiles puts a header problem on line 1, not counting the comment lines above the header;
   * rows start after the header, so line 1 can only mean the header.
   */
  private static DataProblem atHeaderLine(DataProblem problem, long headerLine) {
    if (problem.line() == 1 && headerLine != 1) {
      return new DataProblem(problem.file(), headerLine, problem.column(), problem.message());
    }
    return problem;
  }

  /** Codes name BPMN files and processes, names are what people search: both must be unique. */
  private static void checkUnique(String file, List<CsvFiles.Row> rows, String column, String what,
      List<DataProblem> problems) {
    Map<String, Long> firstLine = new HashMap<>();
    for (CsvFiles.Row row : rows) {
      String value = row.get(column).strip();
      if (value.isEmpty()) {
        continue;
      }
      Long first = firstLine.putIfAbsent(value, row.line());
      if (first != null) {
        problems.add(new DataProblem(file, row.line(), column,
            what + "「" + value + "」重复（第" + first + "行已有）：" + what + "在清单中应唯一"));
      }
    }
  }
}
