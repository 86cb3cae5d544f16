package cn.shudi.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;

class OrganizationLoaderTest {

  @TempDir
  Path dir;

  static final String INDEX = "code,name,short_name,prefecture,time_zone\nzq,济南市章丘区,章丘区,济南市,Asia/Shanghai\n";
  static final String GOOD_UNITS = """
      code,name,short_name,type
      command,章丘区社会治理网格化服务中心,区指挥中心,command_centre
      bianban,中共济南市章丘区委机构编制委员会办公室,区委编办,establishment_office
      market,章丘区市场监督管理局,区市场监管局,department
      mingshui,明水街道办事处,明水街道,township
      """;

  Organization load() {
    return new OrganizationLoader(new DefaultResourceLoader(), dir.toUri().toString()).load();
  }

  void write(String index, String units) throws IOException {
    write(index, units, StandardCharsets.UTF_8);
  }

  void write(String index, String units, Charset charset) throws IOException {
    Files.writeString(dir.resolve("jurisdictions.csv"), index);
    Files.createDirectories(dir.resolve("zq"));
    Files.write(dir.resolve("zq/units.csv"), units.getBytes(charset));
  }

  InvalidDataException failure() {
    return (InvalidDataException) assertThatThrownBy(this::load).isInstanceOf(InvalidDataException.class)
        .actual();
  }

  @Test
  void theShippedJurisdictionsLoad() {
    Organization organization = new OrganizationLoader(new DefaultResourceLoader(), "classpath:jurisdictions/").load();
    assertThat(organization.jurisdictions()).extracting(Jurisdiction::code).containsExactly("zhangqiu", "yunxi");
    Jurisdiction zhangqiu = organization.jurisdiction("zhangqiu");
    assertThat(zhangqiu.name()).isEqualTo("济南市章丘区");
    assertThat(zhangqiu.townships()).hasSize(18).extracting(Unit::shortName).contains("明水街道", "刁镇街道", "黄河街道", "垛庄镇");
    assertThat(zhangqiu.unitNamed("区市场监管局")).hasValueSatisfying(u -> {
      assertThat(u.groupId()).isEqualTo("zhangqiu_market");
      assertThat(u.type()).isEqualTo(UnitType.DEPARTMENT);
    });
    assertThat(zhangqiu.commandCentre().shortName()).isEqualTo("区指挥中心");
    assertThat(zhangqiu.establishmentOffice().shortName()).isEqualTo("区委编办");
    Jurisdiction yunxi = organization.jurisdiction("yunxi");
    assertThat(yunxi.townships()).hasSize(16).extracting(Unit::shortName).contains("城关镇", "湖北口回族乡", "关防乡");
    for (Jurisdiction county : List.of(zhangqiu, yunxi)) {
      assertThat(county.stations()).as("five stationed agencies (1+5+N) in every township of %s", county.code())
          .hasSize(county.townships().size() * 5);
      for (Unit township : county.townships()) {
        assertThat(List.of("market", "police", "resources", "justice", "urban"))
            .allSatisfy(department -> assertThat(county.stationOf(county.unit(department).orElseThrow().groupId(),
                township.groupId())).as("%s of %s", department, township.shortName()).isPresent());
      }
    }
    assertThat(zhangqiu.stationOf("zhangqiu_market", "zhangqiu_mingshui")).get().extracting(Unit::shortName)
        .isEqualTo("明水市场监管所");
  }

  /** {@link #GOOD_UNITS} with the columns of stationed agencies and one agency (the line given). */
  private static String unitsWithStation(String station) {
    return GOOD_UNITS.replace(",department\n", ",department,,,\n").replace(",township\n", ",township,,,\n")
        .replace(",command_centre\n", ",command_centre,,,\n")
        .replace(",establishment_office\n", ",establishment_office,,,\n")
        .replace("short_name,type\n", "short_name,type,aliases,parent,township\n") + station + "\n";
  }

  @Test
  void aStationedAgencyBelongsToADepartmentAndATownship() throws IOException {
    write(INDEX, unitsWithStation("mingshuimarket,章丘区市场监督管理局明水市场监管所,明水市场监管所,station,,market,mingshui"));
    Jurisdiction zq = load().jurisdiction("zq");
    Unit station = zq.unit("mingshuimarket").orElseThrow();
    assertThat(station.isStation()).isTrue();
    assertThat(station.parent()).isEqualTo("market");
    assertThat(station.township()).isEqualTo("mingshui");
    assertThat(zq.stationOf("zq_market", "zq_mingshui")).contains(station);
    assertThat(zq.unit("market").orElseThrow().parent()).as("only an agency has a parent").isNull();
  }

  @Test
  void aStationedAgencyOfAnUnknownDepartmentOrTownshipIsRefused() throws IOException {
    write(INDEX, unitsWithStation("mingshuipolice,明水派出所,明水派出所,station,,police,shuangshan"));
    List<DataProblem> problems = failure().problems();
    assertThat(problems).extracting(DataProblem::line, DataProblem::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple(6L, "parent"), org.assertj.core.groups.Tuple.tuple(6L, "township"));
    assertThat(problems.get(0).message()).contains("派出部门「police」不是本文件中的部门");
  }

  @Test
  void onlyAStationedAgencyNamesAParentAndTwoAgenciesOfADepartmentInATownshipAreRefused() throws IOException {
    write(INDEX, unitsWithStation("mingshuimarket,明水市场监管所,明水市场监管所,station,,market,mingshui\n"
        + "mingshuimarket2,明水第二市场监管所,明水第二所,station,,market,mingshui")
        .replace("区委编办,establishment_office,,,", "区委编办,establishment_office,,market,"));
    List<DataProblem> problems = failure().problems();
    assertThat(problems).extracting(DataProblem::message).anySatisfy(m -> assertThat(m).contains("只有派驻机构（station）填写此列"))
        .anySatisfy(m -> assertThat(m).contains("已有一个派驻机构"));
  }

  @Test
  void aGoodFileLoads() throws IOException {
    write(INDEX, GOOD_UNITS);
    assertThat(load().jurisdiction("zq").units()).hasSize(4);
  }

  @Test
  void aCountyCarriesItsTimeZone() throws IOException {
    write(INDEX, GOOD_UNITS);
    assertThat(load().jurisdiction("zq").zone()).isEqualTo(java.time.ZoneId.of("Asia/Shanghai"));
  }

  @Test
  void anUnknownTimeZoneIsReportedWithLineAndColumn() throws IOException {
    write(INDEX.replace("Asia/Shanghai", "China/Jinan"), GOOD_UNITS);
    DataProblem problem = failure().problems().get(0);
    assertThat(problem.line()).isEqualTo(2);
    assertThat(problem.column()).isEqualTo("time_zone");
    assertThat(problem.message()).contains("China/Jinan").contains("Asia/Shanghai");
  }

  /** {@link #GOOD_UNITS} with the column aliases: the aliases of its four units in order. */
  private static String unitsWithAliases(String... aliases) {
    String[] lines = GOOD_UNITS.split("\n");
    StringBuilder units = new StringBuilder(lines[0]).append(",aliases\n");
    for (int i = 1; i < lines.length; i++) {
      units.append(lines[i]).append(',').append(aliases[i - 1]).append('\n');
    }
    return units.toString();
  }

  /** A published list may name a unit by an alias of units.csv; the older units.csv without the column still reads. */
  @Test
  void unitsAreFoundByShortNameFullNameAndAlias() throws IOException {
    write(INDEX, unitsWithAliases("", "", "区市场监督管理局、市场监管局", ""));
    Jurisdiction zq = load().jurisdiction("zq");

    for (String name : new String[] {"区市场监管局", "章丘区市场监督管理局", "区市场监督管理局", "市场监管局"}) {
      assertThat(zq.unitNamed(name)).as(name).map(Unit::code).contains("market");
    }
    assertThat(zq.unitNamed("监管局")).isEmpty();
    write(INDEX, GOOD_UNITS);
    assertThat(load().jurisdiction("zq").unit("market").orElseThrow().aliases()).isEmpty();
  }

  @Test
  void anAliasNamesOneUnitOnlyAndNeverTheTownship() throws IOException {
    write(INDEX, unitsWithAliases("区市场监管局", "编办", "编办", "镇（街道）"));

    List<DataProblem> problems = failure().problems().stream().filter(p -> p.line() > 0).toList();

    assertThat(problems).extracting(DataProblem::line, DataProblem::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2L, "aliases"), org.assertj.core.groups.Tuple.tuple(4L, "aliases"),
        org.assertj.core.groups.Tuple.tuple(5L, "aliases"));
    assertThat(problems.get(0).message()).isEqualTo("别名「区市场监管局」已是另一单位的全称或简称：别名只能指一个单位");
    assertThat(problems.get(1).message()).isEqualTo("别名「编办」重复：别名只能指一个单位");
    assertThat(problems.get(2).message()).contains("别名「镇（街道）」是清单对“案件所在镇街”的写法");
  }

  @Test
  void aWrongHeaderNamesTheExpectedColumns() throws IOException {
    write(INDEX, GOOD_UNITS.replace("short_name,type", "type,short_name"));
    DataProblem problem = failure().problems().get(0);
    assertThat(problem.file()).endsWith("zq/units.csv");
    assertThat(problem.line()).isEqualTo(1);
    assertThat(problem.message()).contains("应为「code,name,short_name,type,aliases,parent,township」");
  }

  @Test
  void anUnknownTypeIsReportedWithLineAndColumn() throws IOException {
    write(INDEX, GOOD_UNITS.replace("market,章丘区市场监督管理局,区市场监管局,department",
        "market,章丘区市场监督管理局,区市场监管局,bureau"));
    DataProblem problem = failure().problems().get(0);
    assertThat(problem.line()).isEqualTo(4);
    assertThat(problem.column()).isEqualTo("type");
    assertThat(problem.message()).contains("bureau").contains("department / township");
    assertThat(problem.toString()).contains("units.csv 第4行 列「type」");
  }

  @Test
  void everyProblemIsReportedAtOnce() throws IOException {
    write(INDEX, GOOD_UNITS + "market,重复单位,重复,department\nBad Code,某单位,某,township\nx,,空,township\n"
        + "short,只有三列,department\n");
    InvalidDataException e = failure();
    assertThat(e.problems()).extracting(DataProblem::line).contains(6L, 7L, 8L, 9L);
    assertThat(e.getMessage()).contains("重复").contains("不合法").contains("不能为空").contains("应有 4 列");
  }

  @Test
  void aJurisdictionNeedsOneCommandCentreAndOneEstablishmentOffice() throws IOException {
    write(INDEX, GOOD_UNITS.replace("command,章丘区社会治理网格化服务中心,区指挥中心,command_centre\n", ""));
    assertThat(failure().getMessage()).contains("指挥中心").contains("实际 0 个");
  }

  @Test
  void aMissingUnitsFileIsNamed() throws IOException {
    Files.writeString(dir.resolve("jurisdictions.csv"), INDEX);
    assertThat(failure().getMessage()).contains("zq/units.csv").contains("文件不存在");
  }

  @Test
  void aFileNotInUtf8IsRefused() throws IOException {
    write(INDEX, GOOD_UNITS, Charset.forName("GBK"));
    assertThat(failure().getMessage()).contains("UTF-8");
  }

  @Test
  void roleNamesCannotBeUnitCodes() throws IOException {
    write(INDEX, GOOD_UNITS + "supervisors,督查科,督查科,department\n");
    assertThat(failure().getMessage()).contains("保留字");
  }
}
