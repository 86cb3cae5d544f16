package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.onlyProblem;
import static cn.shudi.catalog.TestData.replaceOnce;
import static cn.shudi.catalog.TestData.resource;
import static cn.shudi.catalog.TestData.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.shudi.datafile.DataProblem;

/** The header row and the identity comments above it. Lines in valid.csv: ZQ001 = 5, ZQ002 = 8, ZQ003 = 10. */
class CatalogHeaderRulesTest {

  private static final long ZQ001 = 5;
  private static final long ZQ002 = 8;
  private static final long ZQ003 = 10;

  @Test
  void wrongColumnsNameTheExpectedOnes() {
    DataProblem p = onlyProblem(resource("bad-header.csv"));
    assertThat(p.line()).as("the header line, after the comments").isEqualTo(4);
    assertThat(p.column()).isNull();
    assertThat(p.message()).contains("表头不正确")
        .contains("应为「编码,序号,领域,事项名称,镇街主体,主体责任单位,主体责任,配合责任单位,配合责任,依据,办结时限,呼叫响应时限,来源,案件模式」");
  }

  @Test
  void missingVersion() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "# 版本: 2024.1\n", ""));
    assertThat(p.line()).isZero();
    assertThat(p.message()).contains("缺少表头注释「版本」").contains("# 版本: 2024.1");
  }

  @Test
  void badVersion() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "# 版本: 2024.1", "# 版本: 2024 第一版"));
    assertThat(p.line()).isEqualTo(2);
    assertThat(p.message()).contains("版本「2024 第一版」不合法").contains("如 2024.1");
  }

  @Test
  void missingTitle() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "# 清单: 测试区县乡“属地管理”事项主体责任和配合责任清单\n", ""));
    assertThat(p.message()).contains("缺少表头注释「清单」");
  }

  @Test
  void effectiveDateMustBeYearMonthDay() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "# 生效日期: 2024-01-01", "# 生效日期: 2024-1-1"));
    assertThat(p.line()).isEqualTo(3);
    assertThat(p.column()).isNull();
    assertThat(p.message()).contains("生效日期「2024-1-1」不合法").contains("yyyy-MM-dd");
  }

  @Test
  void effectiveDateMustExist() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "# 生效日期: 2024-01-01", "# 生效日期: 2024-02-30"));
    assertThat(p.message()).contains("yyyy-MM-dd 格式的有效日期");
  }

  @Test
  void missingEffectiveDate() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "# 生效日期: 2024-01-01\n", ""));
    assertThat(p.message()).contains("缺少表头注释「生效日期」");
  }

  @Test
  void aListWithoutItemsIsRejected() {
    String headerOnly = valid().substring(0, valid().indexOf("ZQ001"));
    assertThat(onlyProblem(headerOnly).message()).contains("没有任何事项");
  }
}
