package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.load;
import static cn.shudi.catalog.TestData.problems;
import static cn.shudi.catalog.TestData.replaceOnce;
import static cn.shudi.catalog.TestData.resource;
import static cn.shudi.catalog.TestData.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.shudi.catalog.TimeLimit.Kind;
import cn.shudi.datafile.DataProblem;

/**
 * Reading a whole list; the rules of docs/catalog-format.md have one test each in the
 * Catalog*RulesTest classes, each breaking the small valid list (valid.csv) in one place.
 */
class CatalogLoaderTest {


  @Test
  void readsTheValidList() {
    Catalog catalog = load(valid());

    assertThat(catalog.jurisdiction()).isEqualTo("zhangqiu");
    assertThat(catalog.title()).isEqualTo("测试区县乡“属地管理”事项主体责任和配合责任清单");
    assertThat(catalog.version()).isEqualTo("2024.1");
    assertThat(catalog.effectiveDate()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(catalog.items()).extracting(Item::code).containsExactly("ZQ001", "ZQ002", "ZQ003");
    assertThat(catalog.domains()).containsExactly("市场监管", "农业农村", "应急管理");
    assertThat(catalog.townshipPrimaryItems()).extracting(Item::code).containsExactly("ZQ002");

    Item food = catalog.item("ZQ001").orElseThrow();
    assertThat(food.number()).isEqualTo(1);
    assertThat(food.townshipPrimary()).isFalse();
    assertThat(food.primary().primary()).isTrue();
    assertThat(food.primary().party().name()).isEqualTo("区市场监管局");
    assertThat(food.primary().party().fixedUnit()).get().extracting(u -> u.code()).isEqualTo("market");
    assertThat(food.primary().steps()).containsExactly(
        new Step("排查隐患", "按计划对企业开展监督检查", new TimeLimit(5, Kind.WORKING_DAYS)),
        new Step("督促整改", "对发现的问题下达整改通知并组织复查", new TimeLimit(15, Kind.WORKING_DAYS)));
    assertThat(food.cooperating()).extracting(r -> r.party().name(), Responsibility::primary)
        .containsExactly(tuple("镇街", false), tuple("区公安分局", false));
    assertThat(food.cooperating().get(0).party().isCaseTownship()).isTrue();
    assertThat(food.cooperating().get(0).party().fixedUnit()).isEmpty();
    assertThat(food.cooperating().get(1).steps()).extracting(Step::name).containsExactly("协助查处");
    assertThat(food.responsibilities()).extracting(r -> r.party().name())
        .containsExactly("区市场监管局", "镇街", "区公安分局");
    assertThat(food.legalBasis()).isEqualTo("《中华人民共和国食品安全法》第一百零九条");
    assertThat(food.timeLimit()).isEqualTo(new TimeLimit(30, Kind.WORKING_DAYS));
    assertThat(food.callResponseTime()).isEqualTo(new TimeLimit(24, Kind.HOURS));
    assertThat(food.source()).isEqualTo("seed:000");
    assertThat(food.involvesSeveralDepartments()).as("market + police").isTrue();

    Item straw = catalog.item("ZQ002").orElseThrow();
    assertThat(straw.townshipPrimary()).isTrue();
    assertThat(straw.primary().party().isCaseTownship()).isTrue();
    assertThat(straw.involvesSeveralDepartments()).as("one department and the township").isFalse();

    Item fireworks = catalog.item("ZQ003").orElseThrow();
    assertThat(fireworks.cooperating()).as("may be empty").isEmpty();
    assertThat(catalog.item("ZQ999")).isEmpty();
  }

  @Test
  void aUnitMayBeNamedByItsFullNameAndIsKeptByItsShortName() {
    Catalog catalog = load(replaceOnce(valid(), "否,区应急局,", "否,章丘区应急管理局,"));
    assertThat(catalog.item("ZQ003").orElseThrow().primary().party().name()).isEqualTo("区应急局");
  }

  /** several-errors.csv: ZQ001 on lines 5–6, ZQ02 on 7–8, ZQ003 on 9. */
  @Test
  void everyProblemIsReportedAtOnce() {
    List<DataProblem> problems = problems(resource("several-errors.csv"));

    assertThat(problems).extracting(DataProblem::line, DataProblem::column).containsExactly(
        tuple(3L, null),
        tuple(5L, "主体责任单位"),
        tuple(5L, "依据"),
        tuple(7L, "编码"),
        tuple(7L, "呼叫响应时限"),
        tuple(7L, "配合责任"),
        tuple(7L, "镇街主体"),
        tuple(9L, "来源"));
    assertThat(problems.get(5).message()).contains("缺少【单位】前缀");
    assertThat(problems.get(6).message()).contains("是镇街，但镇街主体为「否」");
  }

  @Test
  void theMessageListsEveryProblem() {
    String message = org.assertj.core.api.Assertions.catchThrowable(() -> load(resource("several-errors.csv")))
        .getMessage();
    assertThat(message).startsWith("清单 test.csv 有误：发现 8 处错误，已整体拒绝")
        .contains("test.csv 第5行 列「主体责任单位」：单位「区市场监督局」")
        .contains("test.csv 第9行 列「来源」：来源「wikipedia」不合法");
  }

}
