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
import static cn.shudi.catalog.CatalogColumns.TIME_LIMIT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.shudi.datafile.CsvFiles;
import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;

/**
 * How published lists title their columns: 事项 / 责任事项 for 事项名称, 牵头单位 for 主体责任单位 and so on. The platform
 * knows the common ones; a county's own are added in {@code jurisdictions/header-variants.csv} (columns {@code 列,写法}:
 * the list's column and the county's title for it), without a code change.
 */
final class HeaderVariants {

  /** The file beside jurisdictions.csv that adds a county's own titles. */
  public static final String FILE = "header-variants.csv";
  static final List<String> FILE_HEADER = List.of("列", "写法");

  private static final Map<String, List<String>> BUILT_IN = Map.ofEntries(
      Map.entry(NUMBER, List.of("编号", "序列号")),
      Map.entry(DOMAIN, List.of("所属领域", "类别", "事项类别", "领域类别")),
      Map.entry(NAME, List.of("事项", "责任事项", "事项名", "属地管理事项", "事项内容")),
      Map.entry(PRIMARY_UNIT, List.of("牵头单位", "主责单位", "主责部门", "主体责任部门", "主体单位", "责任主体")),
      Map.entry(PRIMARY_DUTIES, List.of("主体责任内容", "主体责任事项", "主要职责", "主责内容")),
      Map.entry(COOPERATING_UNITS, List.of("配合单位", "配合部门", "配合责任部门", "协同单位")),
      Map.entry(COOPERATING_DUTIES, List.of("配合责任内容", "配合职责", "配合内容")),
      Map.entry(LEGAL_BASIS, List.of("法律法规及文件依据", "法律法规依据", "法律依据", "政策依据", "法规依据", "设定依据")),
      Map.entry(TIME_LIMIT, List.of("时限", "办理时限", "完成时限")),
      Map.entry(CALL_RESPONSE_TIME, List.of("响应时限")),
      Map.entry(CODE, List.of("事项编码")));

  /** A title (compacted) to the list's column. */
  private final Map<String, String> columnOf;

  private HeaderVariants(Map<String, String> columnOf) {
    this.columnOf = Map.copyOf(columnOf);
  }

  /** The titles the platform knows. */
  public static HeaderVariants builtIn() {
    return new HeaderVariants(builtInMap());
  }

  private static Map<String, String> builtInMap() {
    Map<String, String> map = new HashMap<>();
    BUILT_IN.forEach((column, titles) -> titles.forEach(t -> map.put(t, column)));
    return map;
  }

  /**
   * The built-in titles and those of {@code folder/header-variants.csv} when it exists.
   *
   * @throws InvalidDataException naming the line and column of every bad row
   */
  public static HeaderVariants load(Path folder) {
    Path file = folder.resolve(FILE);
    Map<String, String> map = builtInMap();
    if (!Files.exists(file)) {
      return new HeaderVariants(map);
    }
    List<DataProblem> problems = new ArrayList<>();
    for (CsvFiles.Row row : CsvFiles.read(file.toString(), () -> Files.newInputStream(file), FILE_HEADER, problems)) {
      String column = row.get("列").strip();
      String title = compact(row.get("写法"));
      if (!CatalogColumns.HEADER.contains(column)) {
        problems.add(new DataProblem(file.toString(), row.line(), "列", "列「" + column + "」不是清单的列：应为 "
            + String.join("、", CatalogColumns.HEADER) + " 之一"));
      } else if (title.isEmpty()) {
        problems.add(new DataProblem(file.toString(), row.line(), "写法", "写法不能为空"));
      } else if (CatalogColumns.HEADER.contains(title) || (map.containsKey(title) && !map.get(title).equals(column))) {
        problems.add(new DataProblem(file.toString(), row.line(), "写法", "写法「" + title + "」已指列「"
            + (CatalogColumns.HEADER.contains(title) ? title : map.get(title)) + "」：一个写法只能指一列"));
      } else {
        map.put(title, column);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidDataException("表头写法 " + file + " 有误", problems);
    }
    return new HeaderVariants(map);
  }

  /** The list's column a sheet's title stands for; the title itself when it is not a known variant. */
  String column(String title) {
    String compact = compact(title);
    return columnOf.getOrDefault(compact, compact);
  }

  /** Headers are often wrapped or padded in the official table: 「主体责任\n单位」 is 主体责任单位. */
  static String compact(String text) {
    return text.replaceAll("\\s+", "");
  }
}
