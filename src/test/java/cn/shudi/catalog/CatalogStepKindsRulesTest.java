package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.assertProblem;
import static cn.shudi.catalog.TestData.load;
import static cn.shudi.catalog.TestData.onlyProblem;
import static cn.shudi.catalog.TestData.replaceOnce;
import static cn.shudi.catalog.TestData.valid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import cn.shudi.datafile.DataProblem;

/** The step types of docs/catalog-format.md (〔启动〕〔非案件〕〔信用档案〕〔条件：…〕〔移交：…〕), one test per rule. */
class CatalogStepKindsRulesTest {

  private static final long ZQ001 = 5;
  private static final long ZQ003 = 10;

  @Test
  void markersGiveTheStepItsKindAndAreWrittenBackAsTheyWereRead() {
    String csv = replaceOnce(replaceOnce(valid(), "排查隐患：按计划", "〔非案件〕排查隐患：按计划"), "【区公安分局】协助查处",
        "【区公安分局】〔条件：涉嫌犯罪〕协助查处");
    Item item = load(csv).item("ZQ001").orElseThrow();
    Step outside = item.primary().steps().get(0);
    Step police = item.cooperating().get(1).steps().get(0);
    assertThat(outside.kind()).isEqualTo(Step.Kind.OUTSIDE);
    assertThat(outside.isTask()).isFalse();
    assertThat(police.condition()).isEqualTo(CaseFact.CRIME);
    assertThat(ItemCells.stepLine(police)).startsWith("〔条件：涉嫌犯罪〕协助查处：");
  }

  @Test
  void anUnknownMarkerIsRefused() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "检查门店：", "〔偶尔〕检查门店："));
    assertProblem(p, ZQ003, "主体责任", "的标记「〔偶尔〕」不认识");
  }

  @Test
  void aConditionOutsideTheVocabularyIsRefused() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "检查门店：", "〔条件：下雨〕检查门店："));
    assertProblem(p, ZQ003, "主体责任", "的条件「下雨」不是平台认识的事实");
  }

  @Test
  void anItemWithoutAnyTaskIsRefused() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "检查门店：", "〔启动〕检查门店："));
    assertProblem(p, ZQ003, "主体责任", "本事项没有任何案件步骤");
  }

  @Test
  void aHandOverNamesAnotherUnitOfTheItem() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "排查隐患：按计划", "〔移交：区应急局〕排查隐患：按计划"));
    assertProblem(p, ZQ001, "主体责任", "接收单位应为本事项的另一个责任单位");
  }

  @Test
  void aConditionalHandOverNeedsTheReceiverUnderTheSameCondition() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "排查隐患：按计划", "〔条件：涉嫌犯罪〕〔移交：区公安分局〕排查隐患：按计划"));
    assertProblem(p, ZQ001, "主体责任", "也应标〔条件：涉嫌犯罪〕，否则它会一直等待");
  }

  @Test
  void theCreditFileEntryBelongsToThePrimaryUnit() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "【区公安分局】协助查处", "【区公安分局】〔信用档案〕协助查处"));
    assertProblem(p, ZQ001, "配合责任", "信用档案由主体责任单位一体录入");
  }

  @Test
  void proseDutiesAreMarkedByWhatTheySay() {
    assertThat(DutyProse.primary("制定年度监督检查计划；对企业开展监督检查；发现隐患时责令限期整改；对涉嫌犯罪的移送公安机关",
        "20个工作日", List.of("区公安分局"))).satisfiesExactly(
            first -> assertThat(first).startsWith("〔非案件〕"),
            second -> assertThat(second).doesNotStartWith("〔"),
            third -> assertThat(third).startsWith("〔条件：发现隐患〕"),
            fourth -> assertThat(fourth).startsWith("〔条件：涉嫌犯罪〕〔移交：区公安分局〕"));
    assertThat(DutyProse.cooperating("网格员巡查发现问题的，及时上报", List.of("镇街"), "5个工作日", u -> u, "区市场监管局"))
        .singleElement().satisfies(line -> assertThat(line).startsWith("【镇街】〔启动〕"));
  }
}
