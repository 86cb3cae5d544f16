package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.catalog.CatalogLoader;
import cn.shudi.catalog.Catalogs;
import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

class DriftCheckTest {

  static final Organization ORGANIZATION =
      new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/").load();
  static final Catalogs CATALOGS = Catalogs.load(new DefaultResourceLoader(), "file:jurisdictions/", ORGANIZATION,
      new CatalogLoader());
  final DriftCheck check = new DriftCheck(new BlueprintFiles(Path.of("processes")));

  @Test
  void everyCommittedBlueprintMatchesItsListItem() {
    for (Jurisdiction jurisdiction : ORGANIZATION.jurisdictions()) {
      assertThat(check.check(jurisdiction, CATALOGS.of(jurisdiction.code()))).as(jurisdiction.code()).isEmpty();
    }
  }

  BpmnModelInstance generated(Item item) {
    return new BlueprintGenerator().generate(item, ORGANIZATION.jurisdiction("zhangqiu"));
  }

  Item item(String code) {
    return CATALOGS.of("zhangqiu").item(code).orElseThrow();
  }

  @Test
  void aTaskMovedToAnotherUnitIsReported() {
    Item item = item("ZQ001");
    BpmnModelInstance model = generated(item);
    String id = BlueprintGenerator.stepIds(item).get(0);
    model.<UserTask>getModelElementById(id).setCamundaCandidateGroups("zhangqiu_market");
    assertThat(check.check("ZQ001.bpmn", model, item)).hasSize(2).allSatisfy(f -> assertThat(f.elementId()).isEqualTo(id))
        .extracting(DriftCheck.Finding::message)
        .anySatisfy(m -> assertThat(m).contains("候选组应为「zhangqiu_agriculture」，实际「zhangqiu_market」"))
        .anySatisfy(m -> assertThat(m).contains("清单未规定的单位「zhangqiu_market」"));
  }

  @Test
  void aChangedDeadlineIsReported() {
    Item item = item("ZQ001");
    BpmnModelInstance model = generated(item);
    String id = BlueprintGenerator.stepIds(item).stream().filter(s -> model.getModelElementById(s) instanceof UserTask)
        .skip(1).findFirst().orElseThrow();
    model.<UserTask>getModelElementById(id).setCamundaDueDate("${deadlines.after('99日')}");
    assertThat(check.check("ZQ001.bpmn", model, item)).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("期限应为").contains("99日"));
  }

  @Test
  void aRemovedStepAndARenamedProcessAreReported() {
    Item item = item("ZQ002");
    BpmnModelInstance model = generated(item);
    UserTask first = model.getModelElementById(BlueprintGenerator.stepIds(item).stream()
        .filter(s -> model.getModelElementById(s) instanceof UserTask).findFirst().orElseThrow());
    String stepName = first.getName();
    first.setName("改过的名字");
    model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next().setName("别的");
    assertThat(check.check("ZQ002.bpmn", model, item)).extracting(DriftCheck.Finding::message)
        .anySatisfy(m -> assertThat(m).contains("「" + stepName + "」没有对应的任务"))
        .anySatisfy(m -> assertThat(m).contains("流程名称应为"));
  }

  @Test
  void aFreshlyGeneratedBlueprintHasNoFindings() {
    for (Item item : CATALOGS.of("zhangqiu").items()) {
      BpmnModelInstance model = generated(item);
      Bpmn.validateModel(model);
      assertThat(check.check(item.code(), model, item)).as(item.code()).isEmpty();
    }
  }

  @Test
  void aStepNoLongerFollowingItsCasePatternIsReported() {
    Item item = item("ZQ002"); // 区农业农村局 监督抽检 follows 检查
    BpmnModelInstance model = generated(item);
    org.camunda.bpm.model.bpmn.instance.SubProcess pattern = model.getModelElementsByType(
        org.camunda.bpm.model.bpmn.instance.SubProcess.class).iterator().next();
    assertThat(check.check("ZQ002.bpmn", model, item)).isEmpty();
    pattern.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).singleResult()
        .getCamundaProperties().iterator().next().setCamundaValue("应急");
    assertThat(check.check("ZQ002.bpmn", model, item)).singleElement().satisfies(f -> assertThat(f.message())
        .contains("应按「检查」模式办理").contains("没有对应的模式子流程"));
  }
}
