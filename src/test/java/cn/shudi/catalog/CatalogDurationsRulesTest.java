package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.assertProblem;
import static cn.shudi.catalog.TestData.load;
import static cn.shudi.catalog.TestData.onlyProblem;
import static cn.shudi.catalog.TestData.replaceOnce;
import static cn.shudi.catalog.TestData.valid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import cn.shudi.datafile.DataProblem;

/** Time limits of steps and items. Lines in valid.csv: ZQ001 = 5, ZQ002 = 8, ZQ003 = 10. */
class CatalogDurationsRulesTest {

  private static final long ZQ001 = 5;
  private static final long ZQ002 = 8;
  private static final long ZQ003 = 10;

  @Test
  void badStepTimeLimit() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "储存条件（10个工作日）", "储存条件（十天）"));
    assertProblem(p, ZQ003, "主体责任", "时限「十天」无法识别");
    assertThat(p.message()).contains("单元格第1行").contains("应为「N个工作日」");
  }

  @Test
  void badItemTimeLimit() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "20个工作日,2个工作日", "20 working days,2个工作日"));
    assertProblem(p, ZQ003, "办结时限", "办结时限不合法：时限「20 working days」无法识别");
  }

  @Test
  void badCallResponseTime() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "20个工作日,2个工作日", "20个工作日,P1M"));
    assertProblem(p, ZQ003, "呼叫响应时限", "以年或月计");
  }

  @Test
  void aStepMayNotTakeLongerThanTheItem() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "田间地头（24小时）", "田间地头（31日）"));
    assertProblem(p, ZQ002, "主体责任", "的时限 31日 超过了事项的办结时限 30日");
  }

  @Test
  void workingDaysAreComparedAsCalendarDays() {
    // 30 working days ≈ 42 calendar days: a 40-day step fits, a 43-day one does not
    load(replaceOnce(valid(), "整改通知并组织复查（15个工作日）", "整改通知并组织复查（40日）"));
    DataProblem p = onlyProblem(replaceOnce(valid(), "整改通知并组织复查（15个工作日）", "整改通知并组织复查（43日）"));
    assertProblem(p, ZQ001, "主体责任", "超过了事项的办结时限 30个工作日");
  }

  @Test
  void cooperatingStepsAreCheckedToo() {
    DataProblem p = onlyProblem(replaceOnce(valid(), "推送镇街（2小时）", "推送镇街（P40D）"));
    assertProblem(p, ZQ002, "配合责任", "超过了事项的办结时限");
  }
}
