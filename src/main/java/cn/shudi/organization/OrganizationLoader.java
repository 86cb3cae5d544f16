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
 * Reads {@code jurisdictions.csv} and each jurisdiction's {@code units.csv}. Everything is validated
 * before anything is returned, so a bad file never leads to half a provisioning.
 */
public class OrganizationLoader {

  static final List<String> JURISDICTIONS_HEADER = List.of("code", "name", "short_name", "prefecture", "time_zone");
  static final List<String> UNITS_HEADER = List.of("code", "name", "short_name", "type");
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
      jurisdictions.add(new Jurisdiction(code, row.get("name"), row.get("short_name"), row.get("prefecture"), zone,
          units));
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
    for (CsvFiles.Row row : read(file, UNITS_HEADER, problems)) {
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
      if (problems.size() == before) {
        units.add(new Unit(jurisdiction, code, row.get("name"), row.get("short_name"), type.get()));
      }
    }
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

  private List<CsvFiles.Row> read(String file, List<String> header, List<DataProblem> problems) {
    Resource resource = resources.getResource(file);
    if (!resource.exists()) {
      problems.add(DataProblem.ofFile(file, "文件不存在"));
      return List.of();
    }
    return CsvFiles.read(file, resource::getInputStream, header, problems);
  }
}
