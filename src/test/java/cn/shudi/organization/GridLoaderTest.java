package cn.shudi.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.datafile.DataProblem;
import cn.shudi.datafile.InvalidDataException;

/** {@code grids.csv}: each rule of the file (docs/grids.md) refuses a bad row, located by file, line and column. */
class GridLoaderTest {

  @TempDir
  Path dir;

  static final String HEADER = "code,name,township,community,invented\n";
  static final String GOOD_GRIDS = HEADER + """
      mingshui-01,明水街道第1网格,mingshui,明水示例社区一,yes
      mingshui-02,明水街道第2网格,mingshui,明水示例社区一,yes
      shuangshan-01,双山街道第1网格,shuangshan,某真实村,no
      """;

  Organization load() {
    return new OrganizationLoader(new DefaultResourceLoader(), dir.toUri().toString()).load();
  }

  void write(String grids) throws IOException {
    Files.writeString(dir.resolve("jurisdictions.csv"), OrganizationLoaderTest.INDEX);
    Files.createDirectories(dir.resolve("zq"));
    Files.writeString(dir.resolve("zq/units.csv"),
        OrganizationLoaderTest.GOOD_UNITS + "shuangshan,双山街道办事处,双山街道,township\n");
    if (grids != null) {
      Files.writeString(dir.resolve("zq/grids.csv"), grids);
    }
  }

  /** The one problem of the load, which names the file and the line. */
  DataProblem theProblem() {
    InvalidDataException e = (InvalidDataException) assertThatThrownBy(this::load)
        .isInstanceOf(InvalidDataException.class).actual();
    assertThat(e.problems()).hasSize(1);
    DataProblem problem = e.problems().get(0);
    assertThat(problem.file()).endsWith("zq/grids.csv");
    assertThat(e.getMessage()).contains("zq/grids.csv 第" + problem.line() + "行");
    return problem;
  }

  @Test
  void aGoodFileGivesTheCountyItsGrids() throws IOException {
    write(GOOD_GRIDS);
    Jurisdiction zq = load().jurisdiction("zq");
    assertThat(zq.grids()).extracting(Grid::code).containsExactly("mingshui-01", "mingshui-02", "shuangshan-01");
    assertThat(zq.grid("mingshui-02")).contains(new Grid("zq", "mingshui-02", "明水街道第2网格", "mingshui", "明水示例社区一",
        true));
    assertThat(zq.grid("shuangshan-01")).get().extracting(Grid::invented).isEqualTo(false);
    assertThat(zq.gridsOf("mingshui")).extracting(Grid::code).containsExactly("mingshui-01", "mingshui-02");
    assertThat(zq.gridsOf("market")).isEmpty();
    assertThat(zq.grid("mingshui-09")).isEmpty();
    assertThat(zq.grid(null)).isEmpty();
  }

  @Test
  void aCountyWithoutGridsCsvStillLoads() throws IOException {
    write(null);
    assertThat(load().jurisdiction("zq").grids()).isEmpty();
  }

  @Test
  void aGridOfAnUnknownTownshipIsRefused() throws IOException {
    write(GOOD_GRIDS + "xiuhui-01,绣惠街道第1网格,xiuhui,绣惠示例社区一,yes\n");
    DataProblem problem = theProblem();
    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.column()).isEqualTo("township");
    assertThat(problem.message()).contains("「xiuhui」不是 units.csv 中的镇街");
  }

  @Test
  void aGridInADepartmentIsRefused() throws IOException {
    write(GOOD_GRIDS + "market-01,市场监管局网格,market,某社区,yes\n");
    assertThat(theProblem()).extracting(DataProblem::line, DataProblem::column).containsExactly(5L, "township");
  }

  @Test
  void aDuplicateCodeIsRefused() throws IOException {
    write(GOOD_GRIDS + "mingshui-01,明水街道第3网格,mingshui,明水示例社区二,yes\n");
    DataProblem problem = theProblem();
    assertThat(problem).extracting(DataProblem::line, DataProblem::column).containsExactly(5L, "code");
    assertThat(problem.message()).isEqualTo("网格编码「mingshui-01」重复");
  }

  @Test
  void aCodeOfAnotherFormIsRefused() throws IOException {
    write(GOOD_GRIDS + "明水-03,明水街道第3网格,mingshui,明水示例社区二,yes\n");
    DataProblem problem = theProblem();
    assertThat(problem).extracting(DataProblem::line, DataProblem::column).containsExactly(5L, "code");
    assertThat(problem.message()).contains("不合法");
  }

  @Test
  void anEmptyNameIsRefused() throws IOException {
    write(GOOD_GRIDS + "mingshui-03,,mingshui,明水示例社区二,yes\n");
    DataProblem problem = theProblem();
    assertThat(problem).extracting(DataProblem::line, DataProblem::column).containsExactly(5L, "name");
    assertThat(problem.message()).isEqualTo("不能为空");
  }

  @Test
  void anEmptyCommunityIsRefused() throws IOException {
    write(GOOD_GRIDS + "mingshui-03,明水街道第3网格,mingshui,,yes\n");
    assertThat(theProblem()).extracting(DataProblem::line, DataProblem::column).containsExactly(5L, "community");
  }

  @Test
  void aDuplicateNameIsRefused() throws IOException {
    write(GOOD_GRIDS + "mingshui-03,明水街道第1网格,mingshui,明水示例社区二,yes\n");
    DataProblem problem = theProblem();
    assertThat(problem).extracting(DataProblem::line, DataProblem::column).containsExactly(5L, "name");
    assertThat(problem.message()).contains("重复");
  }

  @Test
  void anInventedFlagOtherThanYesOrNoIsRefused() throws IOException {
    write(GOOD_GRIDS + "mingshui-03,明水街道第3网格,mingshui,明水示例社区二,是\n");
    DataProblem problem = theProblem();
    assertThat(problem).extracting(DataProblem::line, DataProblem::column).containsExactly(5L, "invented");
    assertThat(problem.message()).contains("「是」不合法").contains("yes").contains("no");
  }

  @Test
  void aWrongHeaderNamesTheExpectedColumns() throws IOException {
    write(GOOD_GRIDS.replace("township,community", "community,township"));
    DataProblem problem = theProblem();
    assertThat(problem.line()).isEqualTo(1);
    assertThat(problem.message()).contains("应为「code,name,township,community,invented」");
  }

  @Test
  void aRowWithAMissingColumnIsRefused() throws IOException {
    write(GOOD_GRIDS + "mingshui-03,明水街道第3网格,mingshui,yes\n");
    DataProblem problem = theProblem();
    assertThat(problem.line()).isEqualTo(5);
    assertThat(problem.message()).contains("应有 5 列");
  }

  @Test
  void commentLinesKeepTheLineNumbers() throws IOException {
    write("# 演示网格\n# 全部网格以台账为准\n" + GOOD_GRIDS + "mingshui-01,明水街道第3网格,mingshui,明水示例社区二,yes\n");
    assertThat(theProblem().line()).isEqualTo(7);
  }

  @Test
  void aGridCodeIsToldFromAFreeDescription() {
    assertThat(List.of("mingshui-01", " chengguan-02 ", "a1")).allMatch(Grid::isCode);
    assertThat(List.of("明水街道第1网格", "汇泉路东段", "Mingshui-01", "-01", "", " ")).noneMatch(Grid::isCode);
    assertThat(Grid.isCode(null)).isFalse();
  }

  /** The shipped files: every township has at least two grids, and every invented community says 示例. */
  @Test
  void theShippedGridsCoverEveryTownship() {
    Organization organization = new OrganizationLoader(new DefaultResourceLoader(), "classpath:jurisdictions/").load();
    for (Jurisdiction county : organization.jurisdictions()) {
      for (Unit township : county.townships()) {
        assertThat(county.gridsOf(township.code())).as("grids of %s", township.shortName()).hasSizeGreaterThanOrEqualTo(2);
      }
      assertThat(county.grids()).filteredOn(Grid::invented).allSatisfy(g -> assertThat(g.community()).contains("示例"));
      assertThat(county.grids()).filteredOn(g -> !g.invented()).allSatisfy(g -> assertThat(g.community()).doesNotContain("示例"));
    }
    Jurisdiction zhangqiu = organization.jurisdiction("zhangqiu");
    assertThat(zhangqiu.grids()).hasSize(38);
    assertThat(zhangqiu.gridsOf("mingshui")).hasSize(4);
    assertThat(zhangqiu.grid("guanzhuang-01")).get().satisfies(g -> {
      assertThat(g.community()).isEqualTo("朱家峪村");
      assertThat(g.invented()).isFalse();
    });
    assertThat(organization.jurisdiction("yunxi").grids()).hasSize(32).allMatch(Grid::invented);
  }
}
