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

/** The lines of 主体责任 and 配合责任. Lines in valid.csv: ZQ001 = 5, ZQ002 = 8, ZQ003 = 10. */
class CatalogStepsRulesTest {

  private static final long ZQ001 = 5;
  private static final long ZQ002 = 8;
  private static final long ZQ003 = 10;

  @Test
  void aStepWithoutColon() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "检查门店：检查零售点", "检查门店检查零售点"));
    assertProblem(p, ZQ003, "主体责任", "缺少「：」分隔任务名称和说明：应为「任务名称：说明（时限）」");
  }

  @Test
  void aStepWithoutTimeLimit() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "储存条件（10个工作日）", "储存条件"));
    assertProblem(p, ZQ003, "主体责任", "末尾缺少全角括号里的时限");
  }

  @Test
  void aTaskNameOfTwoToTenCharacters() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "检查门店：", "检查零售点许可和储存条件的情况："));
    assertProblem(p, ZQ003, "主体责任", "任务名称「检查零售点许可和储存条件的情况」有 15 个字：应为 2–10 个字");
    DataProblem tooShort = onlyProblem(replaceOnce(valid(), "检查门店：", "查："));
    assertThat(tooShort.message()).contains("有 1 个字");
  }

  @Test
  void aPrimaryStepHasNoUnitPrefix() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "检查门店：", "【区应急局】检查门店："));
    assertProblem(p, ZQ003, "主体责任", "不应带【单位】前缀");
  }

  @Test
  void aCooperatingStepWithoutUnitPrefix() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "【区生态环境分局】监测火点", "监测火点"));
    assertProblem(p, ZQ002, "配合责任", "缺少【单位】前缀：应为「【单位】任务名称：说明（时限）」");
  }

  @Test
  void aCooperatingStepOfAUnitNotListedAsCooperating() {
    List<DataProblem> problems = problems(replaceOnce(valid(), "【区公安分局】协助查处", "【区应急局】协助查处"));
    assertThat(problems).hasSize(2);
    assertProblem(problems.get(0), ZQ001, "配合责任", "的单位【区应急局】不是本事项的配合责任单位：应为「镇街、区公安分局」之一");
    assertProblem(problems.get(1), ZQ001, "配合责任", "配合责任单位「区公安分局」没有任何步骤");
  }

  @Test
  void aPrimaryUnitWithoutSteps() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "检查门店：检查零售点的许可和储存条件（10个工作日）", ""));
    assertProblem(p, ZQ003, "主体责任", "主体责任单位没有任何步骤");
  }

  @Test
  void aCooperatingUnitWithoutSteps() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "区生态环境分局,【", "区生态环境分局、区应急局,【"));
    assertProblem(p, ZQ002, "配合责任", "配合责任单位「区应急局」没有任何步骤：应在「配合责任」中至少写一行「【区应急局】");
  }
}
