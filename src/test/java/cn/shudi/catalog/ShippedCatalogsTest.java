package cn.shudi.catalog;

import static cn.shudi.catalog.TestData.loadShipped;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lists in jurisdictions/ load with the counts the source documents state. */
class ShippedCatalogsTest {

  @Test
  void zhangqiu() {
    Catalog catalog = loadShipped("zhangqiu");

    assertThat(catalog.items()).hasSize(81);
    assertThat(catalog.domains()).hasSize(11);
    assertThat(catalog.townshipPrimaryItems()).extracting(Item::name).containsExactlyInAnyOrder(
        "投资不足30万且面积不足300平方米的乡村建设工程质量和安全监管",
        "农村危房改造的组织实施",
        "秸秆禁烧专项整治");
    assertThat(catalog.items().stream().filter(i -> !i.townshipPrimary())
        .allMatch(i -> i.primary().party().fixedUnit().orElseThrow().isDepartment()))
        .as("the other 78 are department-primary").isTrue();

    Item food = catalog.items().stream().filter(i -> i.name().equals("食品生产经营企业日常安全监管")).findFirst()
        .orElseThrow();
    assertThat(food.primary().party().name()).isEqualTo("区市场监管局");
    assertThat(food.cooperating()).anySatisfy(r -> assertThat(r.party().isCaseTownship()).isTrue());
  }

  /** Needs jurisdictions/yunxi/catalog.csv, merged by the lead from the parts written in parallel. */
  @Test
  void yunxi() {
    Catalog catalog = loadShipped("yunxi");

    assertThat(catalog.items()).hasSize(243);
    assertThat(catalog.jurisdiction()).isEqualTo("yunxi");
  }
}
