package cn.shudi.organization;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import cn.shudi.datafile.CsvFiles;
import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;

/**
 * Reads {@code jurisdictions.csv}, each jurisdiction's {@code units.csv} and, when there is one, its
 * {@code grids.csv} (docs/grids.md). Everything is validated
 * before anything is returned, so a bad file never leads to half a provisioning.
 */
public class OrganizationLoader {

  static final List<String> JURISDICTIONS_HEADER = List.of("code", "name", "short_name", "prefecture", "time_zone");
  static final List<String> UNITS_HEADER = List.of("code", "name", "short_name", "type", "aliases", "parent",
      "township");
  /** units.csv before the columns of stationed agencies: still read, it then has none. */
  static final List<String> UNITS_HEADER_WITHOUT_STATIONS = UNITS_HEADER.subList(0, 5);
  /** units.csv before the column {@code aliases}: still read, the units then have no alias. */
  static final List<String> UNITS_HEADER_WITHOUT_ALIASES = UNITS_HEADER.subList(0, 4);
  /** grids.csv, optional: a county without it has no grids. */
  static final List<String> GRIDS_HEADER = List.of("code", "name", "township", "community", "invented");
  private static final Pattern ALIAS_SEPARATOR = Pattern.compile("[、;；]");
  /** What lists write for "the township of the case": never one unit's alias. */
  private static final Set<String> TOWNSHIP_WORDS = Set.of("镇街", "乡镇", "街道", "镇（街道）", "乡镇（街道）", "镇(街道)",
      "乡镇(街道)");
  private static final Pattern JURISDICTION_CODE = Pattern.compile("[a-z][a-z0-9]{1,30}");
  private static final Pattern UNIT_CODE = Pattern.compile("[a-z][a-z0-9]{1,30}");
  private static final Set<String> RESERVED_UNIT_CODES =
      Set.copyOf(Arrays.stream(Role.values()).map(Role::suffix).toList());

  private final ResourceLoader resources;
  private final String location;

  /**
   * @param location folder holding {@code jurisdictions.csv}, as a Spring resource location
   *     ({@code classpath:jurisdictions/} or {@code file:/etc/shudi/jurisdictions/})
   */
  public OrganizationLoader(ResourceLoader resources, String location) {
    this.resources = resources;
    this.location = location.endsWith("/") ? location : location + "/";
  }

  public Organization load() {
    List<DataProblem> problems = new ArrayList<>();
    List<Jurisdiction> jurisdictions = new ArrayList<>();
    String indexName = location + "jurisdictions.csv";
    List<CsvFiles.Row> rows = read(indexName, JURISDICTIONS_HEADER, problems);
    Set<String> codes = new HashSet<>();
    for (CsvFiles.Row row : rows) {
      long line = row.line();
      String code = row.get("code");
      if (!JURISDICTION_CODE.matcher(code).matches()) {
        problems.add(new DataProblem(indexName, line, "code",
            "辖区编码「" + code + "」不合法：应为小写字母开头的字母或数字（2–31位）"));
        continue;
      }
      if (!codes.add(code)) {
        problems.add(new DataProblem(indexName, line, "code", "辖区编码「" + code + "」重复"));
        continue;
      }
      for (String column : List.of("name", "short_name", "prefecture")) {
        if (row.get(column).isBlank()) {
          problems.add(new DataProblem(indexName, line, column, "不能为空"));
        }
      }
      ZoneId zone = zone(indexName, line, row.get("time_zone"), problems);
      List<Unit> units = loadUnits(code, problems);
      List<Grid> grids = loadGrids(code, units, problems);
      jurisdictions.add(new Jurisdiction(code, row.get("name"), row.get("short_name"), row.get("prefecture"), zone,
          units, grids));
    }
    if (problems.isEmpty() && jurisdictions.isEmpty()) {
      problems.add(DataProblem.ofFile(indexName, "没有任何辖区：至少需要一行"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidDataException("组织机构数据有误", problems);
    }
    return new Organization(jurisdictions);
  }

  /** The county's time zone: its working days, deadlines and months are local time in it. */
  private static ZoneId zone(String file, long line, String value, List<DataProblem> problems) {
    try {
      return ZoneId.of(value.strip());
    } catch (DateTimeException e) {
      problems.add(new DataProblem(file, line, "time_zone",
          "时区「" + value + "」不合法：应为 IANA 时区名，如 Asia/Shanghai"));
      return ZoneOffset.UTC;
    }
  }

  private List<Unit> loadUnits(String jurisdiction, List<DataProblem> problems) {
    String file = location + jurisdiction + "/units.csv";
    List<Unit> units = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    Set<String> names = new HashSet<>();
    List<CsvFiles.Row> rows = readUnits(file, problems);
    Set<String> fullAndShortNames = new HashSet<>();
    rows.forEach(r -> fullAndShortNames.addAll(List.of(r.get("name"), r.get("short_name"))));
    Set<String> aliasesSeen = new HashSet<>();
    for (CsvFiles.Row row : rows) {
      long line = row.line();
      int before = problems.size();
      String code = row.get("code");
      if (!UNIT_CODE.matcher(code).matches()) {
        problems.add(new DataProblem(file, line, "code",
            "单位编码「" + code + "」不合法：应为小写字母开头的字母或数字（2–31位）"));
      } else if (RESERVED_UNIT_CODES.contains(code)) {
        problems.add(new DataProblem(file, line, "code", "单位编码「" + code + "」是角色保留字，请换一个"));
      } else if (!codes.add(code)) {
        problems.add(new DataProblem(file, line, "code", "单位编码「" + code + "」重复"));
      }
      for (String column : List.of("name", "short_name")) {
        String value = row.get(column);
        if (value.isBlank()) {
          problems.add(new DataProblem(file, line, column, "不能为空"));
        } else if (!names.add(value) && !(column.equals("short_name") && value.equals(row.get("name")))) {
          problems.add(new DataProblem(file, line, column, "单位名称「" + value + "」重复"));
        }
      }
      var type = UnitType.fromCode(row.get("type"));
      if (type.isEmpty()) {
        problems.add(new DataProblem(file, line, "type",
            "单位类型「" + row.get("type") + "」未知：应为 " + UnitType.codes()));
      }
      List<String> aliases = aliases(file, row, fullAndShortNames, aliasesSeen, problems);
      String parent = column(row, "parent");
      String township = column(row, "township");
      if (type.isPresent() && type.get() != UnitType.STATION) {
        for (String column : List.of("parent", "township")) {
          if (!column(row, column).isEmpty()) {
            problems.add(new DataProblem(file, line, column, "只有派驻机构（station）填写此列，" + type.get().label() + "应留空"));
          }
        }
      }
      if (problems.size() == before) {
        boolean station = type.get() == UnitType.STATION;
        units.add(new Unit(jurisdiction, code, row.get("name"), row.get("short_name"), type.get(), aliases,
            station ? parent : null, station ? township : null));
      }
    }
    checkStations(file, rows, units, problems);
    for (UnitType required : List.of(UnitType.COMMAND_CENTRE, UnitType.ESTABLISHMENT_OFFICE)) {
      long count = units.stream().filter(u -> u.type() == required).count();
      if (count != 1 && !units.isEmpty()) {
        problems.add(DataProblem.ofFile(file, "应有且只有一个「" + required.label() + "」(" + required.code()
            + ")，实际 " + count + " 个"));
      }
    }
    for (UnitType required : List.of(UnitType.DEPARTMENT, UnitType.TOWNSHIP)) {
      if (units.stream().noneMatch(u -> u.type() == required) && !units.isEmpty()) {
        problems.add(DataProblem.ofFile(file, "至少需要一个「" + required.label() + "」(" + required.code() + ")"));
      }
    }
    return units;
  }

  /**
   * The county's basic grids from {@code grids.csv}, when the county has one: each with a code of its own, a name
   * and a community, in a township of {@code units.csv}, and a flag {@code invented} (yes/no) that says whether
   * the community's name is made up.
   */
  private List<Grid> loadGrids(String jurisdiction, List<Unit> units, List<DataProblem> problems) {
    String file = location + jurisdiction + "/grids.csv";
    if (!resources.getResource(file).exists()) {
      return List.of();
    }
    Set<String> townships = new HashSet<>();
    units.stream().filter(Unit::isTownship).forEach(u -> townships.add(u.code()));
    List<Grid> grids = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (CsvFiles.Row row : read(file, GRIDS_HEADER, problems)) {
      long line = row.line();
      int before = problems.size();
      String code = row.get("code");
      if (!Grid.CODE.matcher(code).matches()) {
        problems.add(new DataProblem(file, line, "code",
            "网格编码「" + code + "」不合法：应为小写字母开头的字母、数字，可用连字符分段（如 mingshui-01，至多64位）"));
      } else if (!codes.add(code)) {
        problems.add(new DataProblem(file, line, "code", "网格编码「" + code + "」重复"));
      }
      for (String column : List.of("name", "community")) {
        if (row.get(column).isBlank()) {
          problems.add(new DataProblem(file, line, column, "不能为空"));
        }
      }
      if (!row.get("name").isBlank() && !names.add(row.get("name"))) {
        problems.add(new DataProblem(file, line, "name", "网格名称「" + row.get("name") + "」重复"));
      }
      String township = row.get("township");
      if (!townships.contains(township)) {
        problems.add(new DataProblem(file, line, "township",
            "「" + township + "」不是 units.csv 中的镇街（township）编码"));
      }
      String invented = row.get("invented");
      if (!invented.equals("yes") && !invented.equals("no")) {
        problems.add(new DataProblem(file, line, "invented",
            "「" + invented + "」不合法：应为 yes（社区/村名为虚构）或 no（真实名称）"));
      }
      if (problems.size() == before) {
        grids.add(new Grid(jurisdiction, code, row.get("name"), township, row.get("community"),
            invented.equals("yes")));
      }
    }
    return grids;
  }

  /**
   * A stationed agency names a department of the file ({@code parent}) and a township of it ({@code township});
   * a department has at most one agency in a township.
   */
  private static void checkStations(String file, List<CsvFiles.Row> rows, List<Unit> units,
      List<DataProblem> problems) {
    Set<String> pairs = new HashSet<>();
    for (Unit unit : units) {
      if (!unit.isStation()) {
        continue;
      }
      long line = rows.stream().filter(r -> r.get("code").equals(unit.code())).mapToLong(CsvFiles.Row::line)
          .findFirst().orElse(0);
      boolean known = true;
      if (units.stream().noneMatch(u -> u.isDepartment() && u.code().equals(unit.parent()))) {
        problems.add(new DataProblem(file, line, "parent", "派驻机构「" + unit.shortName() + "」的派出部门「" + unit.parent()
            + "」不是本文件中的部门（department）编码"));
        known = false;
      }
      if (units.stream().noneMatch(u -> u.isTownship() && u.code().equals(unit.township()))) {
        problems.add(new DataProblem(file, line, "township", "派驻机构「" + unit.shortName() + "」所在的「"
            + unit.township() + "」不是本文件中的镇街（township）编码"));
        known = false;
      }
      if (known && !pairs.add(unit.parent() + "|" + unit.township())) {
        problems.add(new DataProblem(file, line, "parent", "部门「" + unit.parent() + "」在镇街「" + unit.township()
            + "」已有一个派驻机构：每个部门在一个镇街至多一个"));
      }
    }
  }

  private static String column(CsvFiles.Row row, String column) {
    return row.record().isMapped(column) ? row.get(column).strip() : "";
  }

  /** The names a unit is also known by: each names one unit only, and none may be another unit's name. */
  private static List<String> aliases(String file, CsvFiles.Row row, Set<String> names, Set<String> seen,
      List<DataProblem> problems) {
    if (!row.record().isMapped("aliases")) {
      return List.of();
    }
    List<String> aliases = new ArrayList<>();
    for (String alias : ALIAS_SEPARATOR.split(row.get("aliases"))) {
      String a = alias.strip();
      if (a.isEmpty()) {
        continue;
      }
      if (TOWNSHIP_WORDS.contains(a)) {
        problems.add(new DataProblem(file, row.line(), "aliases", "别名「" + a + "」是清单对“案件所在镇街”的写法，不能作为某个单位的别名"));
      } else if (names.contains(a) && !a.equals(row.get("name")) && !a.equals(row.get("short_name"))) {
        problems.add(new DataProblem(file, row.line(), "aliases", "别名「" + a + "」已是另一单位的全称或简称：别名只能指一个单位"));
      } else if (!seen.add(a)) {
        problems.add(new DataProblem(file, row.line(), "aliases", "别名「" + a + "」重复：别名只能指一个单位"));
      } else {
        aliases.add(a);
      }
    }
    return aliases;
  }

  /**
   * units.csv with every column, or in an older form: without the stationed agencies' columns, or also without
   * aliases. A header that is none of them is reported against the full one.
   */
  private List<CsvFiles.Row> readUnits(String file, List<DataProblem> problems) {
    List<DataProblem> full = null;
    for (List<String> header : List.of(UNITS_HEADER, UNITS_HEADER_WITHOUT_STATIONS, UNITS_HEADER_WITHOUT_ALIASES)) {
      List<DataProblem> found = new ArrayList<>();
      List<CsvFiles.Row> rows = read(file, header, found);
      if (found.stream().noneMatch(p -> p.line() == 1 && p.message().startsWith("表头不正确"))) {
        problems.addAll(found);
        return rows;
      }
      full = full == null ? found : full;
    }
    problems.addAll(full);
    return List.of();
  }

  private List<CsvFiles.Row> read(String file, List<String> header, List<DataProblem> problems) {
    Resource resource = resources.getResource(file);
    if (!resource.exists()) {
      problems.add(DataProblem.ofFile(file, "文件不存在"));
      return List.of();
    }
    return CsvFiles.read(file, resource::getInputStream, header, problems);
  }
}
