package cn.shudi.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;
import cn.shudi.call.CallProcess;
import cn.shudi.call.SupervisionProcess;
import cn.shudi.intake.IntakeProcess;

/** Names for ids, from the shipped organization and lists; and the bounds of the window. */
class DirectoryTest {

  static final Organization ORGANIZATION =
      new OrganizationLoader(new DefaultResourceLoader(), "classpath:jurisdictions/").load();
  static final Directory DIRECTORY = new Directory(ORGANIZATION,
      Catalogs.load(new DefaultResourceLoader(), "classpath:jurisdictions/", ORGANIZATION, new CatalogLoader()));

  @Test
  void itemsByProcessKeyWithDomainAndName() {
    assertThat(DIRECTORY.itemCode("zhangqiu", "zq001")).isEqualTo("ZQ001");
    assertThat(DIRECTORY.itemName("zhangqiu", "zq001")).isEqualTo("动物疫病防控和重大动物疫情处置");
    assertThat(DIRECTORY.domain("zhangqiu", "zq001")).isEqualTo("农业农村");
    assertThat(DIRECTORY.itemName("zhangqiu", CallProcess.KEY)).isEqualTo("乡呼县应");
    assertThat(DIRECTORY.domain("zhangqiu", SupervisionProcess.KEY)).isEqualTo("共用流程");
    assertThat(DIRECTORY.itemName("zhangqiu", IntakeProcess.KEY)).as("a request is no case of an item")
        .isEqualTo("诉求受理·研判派单");
    assertThat(DIRECTORY.domain("zhangqiu", IntakeProcess.KEY)).isEqualTo("共用流程");
    assertThat(DIRECTORY.itemName("zhangqiu", "test_other")).as("not on the list").isEqualTo("test_other");
    assertThat(DIRECTORY.domain("zhangqiu", "test_other")).isEqualTo("其他");
    assertThat(DIRECTORY.itemName("yunxi", "zq001")).as("another county's list").isEqualTo("zq001");
    assertThat(DIRECTORY.itemName(null, "zq001")).isEqualTo("zq001");
  }

  @Test
  void unitsByGroup() {
    assertThat(DIRECTORY.unitName("zhangqiu", "zhangqiu_market")).isEqualTo("区市场监管局");
    assertThat(DIRECTORY.unitType("zhangqiu", "zhangqiu_market")).isEqualTo("区直/县直部门");
    assertThat(DIRECTORY.unitName("zhangqiu", "zhangqiu_mingshui")).isEqualTo("明水街道");
    assertThat(DIRECTORY.unitName("zhangqiu", "zhangqiu_supervisors")).isEqualTo("督查人员");
    assertThat(DIRECTORY.unitName("zhangqiu", "yunxi_ecology")).as("not of this county").isEqualTo("yunxi_ecology");
    assertThat(DIRECTORY.unitName("zhangqiu", null)).isEqualTo(Directory.NO_GROUP);
    assertThat(DIRECTORY.jurisdictionName("yunxi")).isEqualTo("十堰市郧西县");
    assertThat(DIRECTORY.jurisdictionName(null)).isEqualTo(Directory.NO_JURISDICTION);
    assertThat(DIRECTORY.order("zhangqiu")).isLessThan(DIRECTORY.order("yunxi"));
  }

  @Test
  void theUnitOfABlueprintStepFromItsId() {
    assertThat(DIRECTORY.stepUnit("zhangqiu", MonitoringScenario.ITEM, MonitoringScenario.POLICE_1.id())).isEqualTo("区公安分局");
    assertThat(DIRECTORY.stepUnit("zhangqiu", "zq001", "zq001_township_3")).isEqualTo("镇街");
    assertThat(DIRECTORY.stepUnit("zhangqiu", MonitoringScenario.ITEM, MonitoringScenario.ZQ001.record().id())).isEmpty();
    assertThat(DIRECTORY.stepUnit("zhangqiu", "zq001", "zq001_police_")).isEmpty();
    assertThat(DIRECTORY.stepUnit("zhangqiu", CallProcess.KEY, CallProcess.Element.ACCEPT.id())).isEmpty();
    assertThat(DIRECTORY.stepUnit("zhangqiu", "zq001", "zq002_police_1")).isEmpty();
  }

  @Test
  void theWindowIsBounded() {
    assertThat(Monitoring.days(null)).isEqualTo(90);
    assertThat(Monitoring.days(0)).isEqualTo(1);
    assertThat(Monitoring.days(-5)).isEqualTo(1);
    assertThat(Monitoring.days(30)).isEqualTo(30);
    assertThat(Monitoring.days(100_000)).isEqualTo(3650);
  }

  @Test
  void scopes() {
    assertThat(MonitoringScope.all().includes("anything")).isTrue();
    MonitoringScope zhangqiu = MonitoringScope.of(List.of("zhangqiu"));
    assertThat(zhangqiu.includes("yunxi")).isFalse();
    assertThat(zhangqiu.narrowTo("yunxi").tenantIds()).isEmpty();
    assertThat(MonitoringScope.all().narrowTo("yunxi").tenantIds()).containsExactly("yunxi");
    assertThat(MonitoringScope.of(null).tenantIds()).as("no tenants: nothing, not everything").isEmpty();
  }
}
