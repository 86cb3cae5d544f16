package cn.shudi.credit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.catalog.Step;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.PlatformTest;

/**
 * Every generated item whose list marks the credit-file entry (〔信用档案〕), in both counties — among them YX026, the
 * same food-safety item as the hand-modelled ZQ054, and ZQ026 — writes exactly one entry per case into the
 * enterprise's credit file, through the same service as ZQ054, sealed by the item's credit step.
 */
@PlatformTest
class GeneratedItemsCreditTest {

  static final Organization ORGANIZATION =
      new OrganizationLoader(new DefaultResourceLoader(), "classpath:jurisdictions/").load();
  static final Catalogs CATALOGS = Catalogs.load(new DefaultResourceLoader(), "classpath:jurisdictions/",
      ORGANIZATION, new CatalogLoader());
  /** Where the test enterprises are registered: 章丘区 370181, 郧西县 420322. */
  static final Map<String, String> AREAS = Map.of("zhangqiu", "370181", "yunxi", "420322");

  @Autowired
  ProcessEngine engine;
  @Autowired
  CreditFile creditFile;

  static Stream<Arguments> enterpriseItems() {
    List<Arguments> all = new ArrayList<>();
    for (String county : AREAS.keySet().stream().sorted().toList()) {
      for (Item item : CATALOGS.of(county).items()) {
        boolean credit = item.primary().steps().stream().anyMatch(s -> s.kind() == Step.Kind.CREDIT);
        if (credit && !isHandModelled(county, item.code())) {
          all.add(Arguments.of(county, item.code(), item.name()));
        }
      }
    }
    assertThat(all).extracting(a -> a.get()[1]).as("the items of issue 14 among them").contains("YX026", "ZQ026");
    return all.stream();
  }

  /** The flagships are modelled by hand, with scenario tests of their own (ZQ054's credit entry among them). */
  static boolean isHandModelled(String county, String code) {
    return !"shudi-blueprint-generator".equals(
        Bpmn.readModelFromFile(Path.of("processes", county, code + ".bpmn").toFile()).getDefinitions().getExporter());
  }

  @ParameterizedTest(name = "{1} {2}：每案一条信用档案")
  @MethodSource("enterpriseItems")
  void aCaseOfAnEnterpriseItemWritesExactlyOneCreditEntry(String county, String code, String name) {
    String creditCode = CreditCases.newCode(AREAS.get(county));
    CaseDriver driver = new CaseDriver(engine);
    ProcessInstance instance = driver.start(ItemProcess.key(code), county,
        ORGANIZATION.jurisdiction(county).townships().get(0).code(),
        Map.of(ItemProcess.CASE_SUBJECT.name(), "某企业有限公司", ItemProcess.CREDIT_CODE.name(), creditCode));
    assertThat(creditFile.entriesOf(creditCode)).as("nothing before the units are done").isEmpty();

    driver.completeAll(instance.getId(), t -> true);

    assertThat(driver.isEnded(instance.getId())).as("case ended").isTrue();
    assertThat(creditFile.entriesOf(creditCode)).singleElement().satisfies(entry -> {
      assertThat(entry.caseId()).isEqualTo(instance.getId());
      assertThat(entry.stepId()).isEqualTo(ItemProcess.ids(code).credit().id());
      assertThat(entry.jurisdiction()).isEqualTo(county);
      assertThat(entry.itemCode()).isEqualTo(code);
      assertThat(entry.subject()).isEqualTo("某企业有限公司");
    });
  }
}
