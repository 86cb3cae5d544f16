package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.assertProblem;
import static cn.shudi.catalog.TestData.onlyProblem;
import static cn.shudi.catalog.TestData.replaceOnce;
import static cn.shudi.catalog.TestData.valid;

import org.junit.jupiter.api.Test;

import cn.shudi.datafile.DataProblem;

/** Per-item columns: code, number, names, legal basis, source. Lines in valid.csv: ZQ001 = 5, ZQ002 = 8, ZQ003 = 10. */
class CatalogItemsRulesTest {

  private static final long ZQ001 = 5;
  private static final long ZQ002 = 8;
  private static final long ZQ003 = 10;

  @Test
  void missingLegalBasis() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "《烟花爆竹安全管理条例》", ""));
    assertProblem(p, ZQ003, "依据", "缺少依据");
  }

  @Test
  void duplicateCode() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "ZQ003,3,", "ZQ001,3,"));
    assertProblem(p, ZQ003, "编码", "编码「ZQ001」重复（第5行已有）");
  }

  @Test
  void duplicateName() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "烟花爆竹经营安全监管", "秸秆禁烧专项整治"));
    assertProblem(p, ZQ003, "事项名称", "事项名称「秸秆禁烧专项整治」重复（第8行已有）");
  }

  @Test
  void badCodeFormat() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "ZQ003,3,", "zq3,3,"));
    assertProblem(p, ZQ003, "编码", "编码「zq3」格式不对：应为两个大写字母加三位数字");
  }

  @Test
  void numberIsAPositiveInteger() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "ZQ003,3,", "ZQ003,三,"));
    assertProblem(p, ZQ003, "序号", "应为正整数");
  }

  @Test
  void badSource() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "2小时,seed:000", "2小时,seed:005"));
    assertProblem(p, ZQ002, "来源", "来源「seed:005」不合法：应为 seed:000 … seed:004");
  }
}
