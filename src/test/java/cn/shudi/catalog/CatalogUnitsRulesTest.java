package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.assertProblem;
import static cn.shudi.catalog.TestData.onlyProblem;
import static cn.shudi.catalog.TestData.problems;
import static cn.shudi.catalog.TestData.replaceOnce;
import static cn.shudi.catalog.TestData.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.shudi.datafile.DataProblem;

/** Unit names against units.csv, and who may be primary. Lines in valid.csv: ZQ001 = 5, ZQ002 = 8, ZQ003 = 10. */
class CatalogUnitsRulesTest {

  private static final long ZQ001 = 5;
  private static final long ZQ002 = 8;
  private static final long ZQ003 = 10;

  @Test
  void unknownPrimaryUnit() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "否,区市场监管局,", "否,区市场监督局,"));
    assertProblem(p, ZQ001, "主体责任单位", "单位「区市场监督局」不在章丘区的单位表（jurisdictions/zhangqiu/units.csv）中");
    assertThat(p.message()).contains("或「镇街」");
  }

  @Test
  void unknownCooperatingUnit() {
    List<DataProblem> problems = problems(replaceOnce(valid(), "镇街、区公安分局", "镇街、区公安局"));
    assertThat(problems).anySatisfy(p ->
        assertProblem(p, ZQ001, "配合责任单位", "单位「区公安局」不在章丘区的单位表"));
  }

  @Test
  void unknownUnitInAStepPrefix() {
    List<DataProblem> problems = problems(replaceOnce(valid(), "【区公安分局】协助查处", "【区警察局】协助查处"));
    assertThat(problems).anySatisfy(p -> assertProblem(p, ZQ001, "配合责任", "单位「区警察局」不在章丘区的单位表"));
  }

  @Test
  void noPrimaryUnit() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "否,区应急局,", "否,,"));
    assertProblem(p, ZQ003, "主体责任单位", "缺少主体责任单位");
  }

  @Test
  void twoPrimaryUnits() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "否,区应急局,", "否,区应急局、区消防救援大队,"));
    assertProblem(p, ZQ003, "主体责任单位", "主体责任单位只能有一个，实际 2 个（区应急局、区消防救援大队）");
  }

  @Test
  void caseTownshipAsPrimaryNeedsTownshipPrimaryYes() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "否,区应急局,", "否,镇街,"));
    assertProblem(p, ZQ003, "镇街主体", "主体责任单位「镇街」是镇街，但镇街主体为「否」");
  }

  @Test
  void aTownshipUnitAsPrimaryNeedsTownshipPrimaryYes() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "否,区应急局,", "否,明水街道,"));
    assertProblem(p, ZQ003, "镇街主体", "主体责任单位「明水街道」是镇街");
  }

  @Test
  void townshipPrimaryYesNeedsATownshipAsPrimary() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "是,镇街,", "是,区农业农村局,"));
    assertProblem(p, ZQ002, "镇街主体", "镇街主体为「是」，但主体责任单位「区农业农村局」不是镇街");
  }

  @Test
  void townshipPrimaryIsYesOrNo() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "否,区应急局,", "不是,区应急局,"));
    assertProblem(p, ZQ003, "镇街主体", "应为「是」或「否」");
  }

  @Test
  void thePrimaryUnitIsNotAlsoCooperating() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "镇街、区公安分局", "镇街、区公安分局、区市场监管局"));
    assertProblem(p, ZQ001, "配合责任单位", "已是主体责任单位");
  }
}
