package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.assertProblem;
import static cn.shudi.catalog.TestData.load;
import static cn.shudi.catalog.TestData.onlyProblem;
import static cn.shudi.catalog.TestData.replaceOnce;
import static cn.shudi.catalog.TestData.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.shudi.datafile.DataProblem;

/** The column 案件模式 (docs/catalog-format.md): a case pattern names one case task of the primary unit; one test per rule. */
class CatalogPatternsRulesTest {

  private static final long ZQ001 = 5;

  /** The small valid list with the column 案件模式, ZQ001's cell given, the others empty. */
  private static String withPatterns(String zq001) {
    String csv = replaceOnce(valid(), "呼叫响应时限,来源\n", "呼叫响应时限,来源,案件模式\n");
    csv = replaceOnce(csv, ",30个工作日,24小时,seed:000\n", ",30个工作日,24小时,seed:000," + zq001 + "\n");
    csv = replaceOnce(csv, ",30日,2小时,seed:000\n", ",30日,2小时,seed:000,\n");
    return replaceOnce(csv, ",20个工作日,2个工作日,illustrative\n", ",20个工作日,2个工作日,illustrative,\n");
  }

  @Test
  void aListWithoutTheColumnIsReadAsOneWithoutPatterns() {
    Item item = load(valid()).item("ZQ001").orElseThrow();
    assertThat(item.primary().steps()).noneMatch(Step::followsPattern);
    assertThat(ItemCells.cells(item)).containsEntry(CatalogColumns.PATTERNS, "");
  }

  @Test
  void aPatternIsAttachedToTheStepItNamesAndWrittenBackAsItWasRead() {
    Item item = load(withPatterns("检查：排查隐患")).item("ZQ001").orElseThrow();
    assertThat(item.primary().steps().get(0).pattern()).isEqualTo(CasePattern.INSPECTION);
    assertThat(item.primary().steps().get(1).followsPattern()).isFalse();
    assertThat(ItemCells.patterns(item)).isEqualTo("检查：排查隐患");
  }

  @Test
  void anEntryWithoutColonIsRefused() {
    DataProblem p = onlyProblem(withPatterns("检查排查隐患"));
    assertProblem(p, ZQ001, "案件模式", "格式不对：应为「模式：任务名称」");
  }

  @Test
  void anUnknownPatternIsRefused() {
    DataProblem p = onlyProblem(withPatterns("巡逻：排查隐患"));
    assertProblem(p, ZQ001, "案件模式", "的案件模式「巡逻」不存在：应为 检查、执法、应急、项目、关爱、投诉、专项 之一");
  }

  @Test
  void aStepThePrimaryUnitDoesNotHaveIsRefused() {
    DataProblem p = onlyProblem(withPatterns("检查：日常巡查"));
    assertProblem(p, ZQ001, "案件模式", "主体责任中没有名为「日常巡查」的步骤");
  }

  @Test
  void aStepOutsideTheCaseCannotFollowAPattern() {
    DataProblem p = onlyProblem(replaceOnce(withPatterns("检查：排查隐患"), "排查隐患：按计划", "〔非案件〕排查隐患：按计划"));
    assertProblem(p, ZQ001, "案件模式", "标了〔非案件〕，不是案件中的任务");
  }

  @Test
  void aPatternNamedTwiceIsRefused() {
    DataProblem p = onlyProblem(withPatterns("检查：排查隐患；检查：督促整改"));
    assertProblem(p, ZQ001, "案件模式", "案件模式「检查」写了不止一次");
  }

  @Test
  void aStepFollowsOnePatternOnly() {
    DataProblem p = onlyProblem(withPatterns("检查：排查隐患；应急：排查隐患"));
    assertProblem(p, ZQ001, "案件模式", "已按「检查」模式办理，一个步骤只能有一种模式");
  }

  @Test
  void enforcementNeedsTheHandOverToThePoliceAfterIt() {
    DataProblem p = onlyProblem(withPatterns("执法：督促整改"));
    assertProblem(p, ZQ001, "案件模式", "应在「督促整改」之后写一个〔条件：涉嫌犯罪〕的移送步骤");
    String withHandOver = replaceOnce(withPatterns("执法：排查隐患"), "督促整改：对发现的问题",
        "〔条件：涉嫌犯罪〕督促整改：对发现的问题");
    assertThat(load(withHandOver).item("ZQ001").orElseThrow().primary().steps().get(0).pattern())
        .isEqualTo(CasePattern.ENFORCEMENT);
  }

  @Test
  void inspectionAlreadyHoldsTheRectificationOfWhatItFinds() {
    String csv = replaceOnce(withPatterns("检查：排查隐患"), "督促整改：对发现的问题", "〔条件：发现隐患〕督促整改：对发现的问题");
    DataProblem p = onlyProblem(csv);
    assertProblem(p, ZQ001, "案件模式", "之后的〔条件：发现隐患〕步骤与之重复");
  }
}
