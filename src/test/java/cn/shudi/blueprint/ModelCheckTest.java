package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import cn.shudi.organization.Organization;
import cn.shudi.organization.OrganizationLoader;

/**
 * One test per rule of the model check: a model broken in that one way is refused for that rule (one finding where
 * the break touches one element). A generated blueprint (ZQ002) and a hand-modelled shared process
 * (shared_supervision) are the good models.
 */
class ModelCheckTest {

  static final ItemProcess.Ids ZQ002 = ItemProcess.ids("ZQ002");
  static final ItemProcess.Element RECORD = ZQ002.record();

  static final Organization ORGANIZATION =
      new OrganizationLoader(new DefaultResourceLoader(), "file:jurisdictions/").load();

  @TempDir
  Path root;
  Path processes;
  ModelCheck check;
  String original;

  static final String SUPERVISION = "shared/shared_supervision.bpmn";

  @BeforeEach
  void copyOneBlueprint() throws IOException {
    processes = root.resolve("processes");
    Files.createDirectories(processes.resolve("zhangqiu"));
    Files.createDirectories(processes.resolve("shared"));
    original = Files.readString(Path.of("processes/zhangqiu/ZQ002.bpmn"));
    check = new ModelCheck(processes, Path.of("forms"), ORGANIZATION);
  }

  List<ModelCheck.Finding> checkWith(UnaryOperator<String> breakIt) throws IOException {
    return checkWith("zhangqiu/ZQ002.bpmn", breakIt);
  }

  List<ModelCheck.Finding> checkWith(String model, UnaryOperator<String> breakIt) throws IOException {
    String good = Files.readString(Path.of("processes").resolve(model));
    String broken = breakIt.apply(good);
    assertThat(broken).as("the test changes the model").isNotEqualTo(good);
    Path file = processes.resolve(model);
    Files.writeString(file, broken);
    return check.check(file, Set.of("shared_supervision", "shared_evaluation", "shared_joint_meeting", "shared_call"));
  }

  static void refusedFor(List<ModelCheck.Finding> findings, String elementId, String rule) {
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.elementId()).isEqualTo(elementId);
      assertThat(f.message()).contains(rule);
      assertThat(f.toString()).startsWith(f.file()).contains(rule);
    });
  }

  @Test
  void theOriginalIsClean() throws IOException {
    assertThat(checkWith(s -> s + "\n")).isEmpty();
  }

  @Test
  void theHandModelledOriginalIsCleanAndNamedAsExpected() throws IOException {
    Files.copy(Path.of("processes/shared/shared_joint_meeting.bpmn"), processes.resolve("shared/shared_joint_meeting.bpmn"));
    assertThat(checkWith(SUPERVISION, s -> s + "\n")).isEmpty();
    Path file = processes.resolve(SUPERVISION);
    assertThat(check.check(file, "shared_supervision", "督办超期事项")).isEmpty();
    refusedFor(check.check(file, "shared_supervision", "督办"), "shared_supervision", "规则「流程名称」");
    refusedFor(check.check(file, "shared_elsewhere", "督办超期事项"), "shared_elsewhere", "规则「流程 key」");
  }

  @Test
  void aScriptIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("<documentation id=\"zq002_about\">",
        "<documentation id=\"zq002_about\">scriptFormat "))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("含有脚本"));
  }

  @Test
  void aDoctypeIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("?>\n", "?>\n<!DOCTYPE definitions>\n"))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("规则「无 DOCTYPE」"));
  }

  @Test
  void aHandModelledFileNotSavedForCamunda724IsFound() throws IOException {
    assertThat(checkWith(SUPERVISION, s -> s.replace("executionPlatformVersion=\"7.24.0\"",
        "executionPlatformVersion=\"7.23.0\""))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("规则「在 Modeler 中打开」").contains("7.24.0"));
  }

  @Test
  void anUnparsableModelIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("<laneSet id=\"zq002_lanes\">", "<laneSet id=\"zq002_lanes\"><nonsense/>")))
        .singleElement().satisfies(f -> assertThat(f.message()).startsWith("无法解析"));
  }

  @Test
  void aProcessThatIsNotExecutableIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("isExecutable=\"true\"", "isExecutable=\"false\"")), "zq002", "规则「可执行」");
  }

  @Test
  void aProcessWithoutAChineseNameIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("name=\"食用农产品生产环节质量安全监管\"", "name=\"zq002\"")), "zq002",
        "规则「流程名称」");
  }

  @Test
  void anotherHistoryTimeToLiveIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("camunda:historyTimeToLive=\"P365D\"", "camunda:historyTimeToLive=\"P30D\"")),
        "zq002", "规则「历史保留期」");
  }

  @Test
  void aSecondProcessIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("<bpmndi:BPMNDiagram",
        "<process id=\"zq002_other\" isExecutable=\"false\"/>\n  <bpmndi:BPMNDiagram")))
        .anySatisfy(f -> assertThat(f.message()).contains("规则「一个流程」"));
  }

  @Test
  void aProcessWithoutAPoolIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("(?s)<collaboration.*?</collaboration>", "")
        .replaceFirst("<bpmndi:BPMNShape bpmnElement=\"zq002_pool\"[^>]*>\\s*<dc:Bounds[^>]*/>\\s*</bpmndi:BPMNShape>", "")
        .replace("bpmnElement=\"zq002_collaboration\"", "bpmnElement=\"zq002\"")))
        .anySatisfy(f -> assertThat(f.message()).contains("规则「一个池」"));
  }

  @Test
  void aHandModelledPoolNamedOtherwiseIsFound() throws IOException {
    refusedFor(checkWith(SUPERVISION, s -> s.replace("name=\"督办超期事项\" processRef", "name=\"督办\" processRef")),
        "shared_supervision_participant", "规则「池名即流程名」");
  }

  @Test
  void aPoolWithoutLanesIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("(?s)<laneSet.*?</laneSet>", "")
        .replaceAll("(?s)<bpmndi:BPMNShape bpmnElement=\"zq002_[a-z]+_lane\".*?</bpmndi:BPMNShape>", "")))
        .anySatisfy(f -> assertThat(f.message()).contains("规则「按角色分泳道」"));
  }

  @Test
  void anIdWithoutTheProcessPrefixIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("\"zq002_market_lane\"", "\"market_lane\"")), "market_lane", "规则「id 规范」");
  }

  @Test
  void aBlueprintFlowThatIsNotNumberedIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("\"zq002_flow_1\"", "\"zq002_first\"")), "zq002_first", "规则「连线编号」");
  }

  @Test
  void aGatewayThatAsksNoQuestionIsFound() throws IOException {
    refusedFor(checkWith(SUPERVISION, s -> s.replace("name=\"提请联席会议？\"", "name=\"提请联席会议\"")),
        "shared_supervision_gateway", "规则「分支网关是一个问题」");
  }

  @Test
  void aLaneWithoutAChineseNameIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("name=\"区市场监管局\"", "name=\"market\"")), "zq002_market_lane", "规则「泳道名称」");
  }

  @Test
  void anElementDrawnTwiceIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replaceFirst("(<bpmndi:BPMNShape bpmnElement=\"zq002_record\")( id=\"zq002_record_di\")",
        "$1 id=\"zq002_record_again\"><dc:Bounds height=\"80.0\" width=\"100.0\" x=\"1320.0\" y=\"60.0\"/>"
            + "</bpmndi:BPMNShape>\n      $1$2")), "zq002_record", "规则「每个元素一个图形」");
  }

  @Test
  void aLaneOutsideItsPoolIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("(bpmnElement=\"zq002_pool\"[^>]*>\\s*<dc:Bounds height=\"[0-9.]+\") width=\"[0-9.]+\"",
        "$1 width=\"1000.0\""))).isNotEmpty()
        .allSatisfy(f -> assertThat(f.message()).contains("规则「泳道在池内」"));
  }

  @Test
  void shapesDrawnOverEachOtherAreFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("(bpmnElement=\"zq002_evaluate\" id=\"zq002_evaluate_di\">\\s*<dc:Bounds "
        + "height=\"80.0\" width=\"100.0\") x=\"[0-9.]+\"", "$1 x=\"1740.0\"")))
        .anySatisfy(f -> assertThat(f.message()).contains("规则「图形不重叠」").contains("zq002_evaluate"));
  }

  @Test
  void aFlowThroughAnotherElementsLabelIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("(zq002_market_1_reminder_di_label\">\\s*<dc:Bounds height=\"14.0\" "
        + "width=\"52.0\") x=\"[0-9.]+\" y=\"[0-9.]+\"", "$1 x=\"1810.0\" y=\"94.0\"")))
        .anySatisfy(f -> assertThat(f.message()).contains("规则「连线不穿过标签」").contains("zq002_market_1_reminder"));
  }

  @Test
  void anElementInTwoLanesIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("<lane id=\"zq002_market_lane\" name=\"区市场监管局\">",
        "<lane id=\"zq002_market_lane\" name=\"区市场监管局\">\n        <flowNodeRef>zq002_record</flowNodeRef>")),
        "zq002_record", "规则「元素在一条泳道中」");
  }

  @Test
  void anElementDrawnOutsideItsLaneIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replaceFirst("\\s*<flowNodeRef>zq002_record</flowNodeRef>", "")
        .replace("<lane id=\"zq002_market_lane\" name=\"区市场监管局\">",
            "<lane id=\"zq002_market_lane\" name=\"区市场监管局\">\n        <flowNodeRef>zq002_record</flowNodeRef>")),
        "zq002_record", "规则「元素画在泳道内」");
  }

  @Test
  void aBoundaryEventAwayFromItsActivityIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("<dc:Bounds height=\"36.0\" width=\"36.0\" x=\"327.0\" y=\"122.0\"/>",
        "<dc:Bounds height=\"36.0\" width=\"36.0\" x=\"327.0\" y=\"162.0\"/>")))
        .anySatisfy(f -> assertThat(f.message()).contains("规则「边界事件在活动边上」"));
  }

  @Test
  void anEdgeThatMissesItsSourceIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("<di:waypoint x=\"156.0\" y=\"100.0\"/>", "<di:waypoint x=\"140.0\" y=\"100.0\"/>")),
        "zq002_flow_1", "规则「连线连到图形边上」");
  }

  @Test
  void aSlantedEdgeIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("<di:waypoint x=\"200.0\" y=\"100.0\"/>", "<di:waypoint x=\"200.0\" y=\"105.0\"/>")),
        "zq002_flow_1", "规则「连线正交」");
  }

  @Test
  void anEdgeThroughAnotherShapeIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("<di:waypoint x=\"200.0\" y=\"100.0\"/>",
        "<di:waypoint x=\"1370.0\" y=\"100.0\"/><di:waypoint x=\"1370.0\" y=\"50.0\"/>"
            + "<di:waypoint x=\"225.0\" y=\"50.0\"/><di:waypoint x=\"225.0\" y=\"75.0\"/>")))
        .isNotEmpty().allSatisfy(f -> {
          assertThat(f.elementId()).isEqualTo("zq002_flow_1");
          assertThat(f.message()).contains("规则「连线不穿过图形」");
        });
  }

  @Test
  void anActivityNeverReachedIsFound() throws IOException {
    refusedFor(checkWith(s -> s.replace("<sequenceFlow id=\"zq002_flow_2\" sourceRef=\"zq002_join\" targetRef=\"zq002_record\"/>", "")
        .replaceAll("\\s*<(incoming|outgoing)>zq002_flow_2</(incoming|outgoing)>", "")
        .replaceFirst("(?s)<bpmndi:BPMNEdge bpmnElement=\"zq002_flow_2\".*?</bpmndi:BPMNEdge>", "")),
        "zq002_record", "规则「活动有来路」");
  }

  @Test
  void aMissingShapeIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("<bpmndi:BPMNShape bpmnElement=\"zq002_record\"[^>]*>\\s*<dc:Bounds[^>]*/>\\s*</bpmndi:BPMNShape>", "")))
        .singleElement().satisfies(f -> {
          assertThat(f.elementId()).isEqualTo(RECORD.id());
          assertThat(f.message()).contains("BPMNShape");
        });
  }

  @Test
  void aMissingEdgeIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("(?s)<bpmndi:BPMNEdge bpmnElement=\"zq002_flow_1\".*?</bpmndi:BPMNEdge>", "")))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("BPMNEdge"));
  }

  @Test
  void aTaskWithoutAChineseNameIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("name=\"记录办理结果\"", "name=\"record\""))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("中文名称"));
  }

  @Test
  void aJavaClassIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("camunda:expression=\"${caseRecords.recordResult(execution)}\"",
        "camunda:class=\"cn.shudi.casework.CaseRecords\""))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("camunda:class"));
  }

  @Test
  void anUnknownOrForeignGroupIsFound() throws IOException {
    String group = original.replaceAll("(?s).*camunda:candidateGroups=\"(zhangqiu_[a-z]+)\".*", "$1");
    assertThat(checkWith(s -> s.replace("camunda:candidateGroups=\"" + group + "\"", "camunda:candidateGroups=\"zhangqiu_nobody\"")))
        .isNotEmpty().allSatisfy(f -> assertThat(f.message()).contains("不存在"));
    assertThat(checkWith(s -> s.replace("camunda:candidateGroups=\"" + group + "\"", "camunda:candidateGroups=\"yunxi_market\"")))
        .isNotEmpty().allSatisfy(f -> assertThat(f.message()).contains("不属于本辖区"));
  }

  @Test
  void aTaskWithoutDeadlineIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("camunda:dueDate=\"[^\"]*\"", ""))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("办理期限"));
    assertThat(checkWith(s -> s.replaceFirst("camunda:dueDate=\"[^\"]*\"", "camunda:dueDate=\"P10D\""))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("办理期限"));
  }

  @Test
  void anUnresolvedFormIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("camunda:formRef=\"duty-step\"", "camunda:formRef=\"no-such-form\"")))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("no-such-form").contains("不存在"));
  }

  @Test
  void aTownshipTaskTheListMarksConditionalIsFoundWhenEveryCaseReachesIt() throws IOException {
    cn.shudi.catalog.Catalogs catalogs = cn.shudi.catalog.Catalogs.load(new DefaultResourceLoader(),
        "file:jurisdictions/", ORGANIZATION, new cn.shudi.catalog.CatalogLoader());
    cn.shudi.catalog.Item item = catalogs.of("zhangqiu").item("ZQ026").orElseThrow();
    ModelCheck withList = new ModelCheck(processes, Path.of("forms"), ORGANIZATION, catalogs);
    Path file = processes.resolve("zhangqiu/ZQ026.bpmn");
    Set<String> shared = Set.of("shared_supervision", "shared_evaluation", "shared_joint_meeting", "shared_call");

    Files.copy(Path.of("processes/zhangqiu/ZQ026.bpmn"), file);
    assertThat(withList.check(file, shared)).as("the generated model asks 发生事故？ first").isEmpty();

    // the same item drawn as before the list was typed: the township's 协助处置 in every case
    List<cn.shudi.catalog.Responsibility> untyped = item.responsibilities().stream()
        .map(r -> new cn.shudi.catalog.Responsibility(r.party(), r.primary(), r.steps().stream()
            .map(st -> st.isTask() ? new cn.shudi.catalog.Step(st.name(), st.description(), st.timeLimit()) : st)
            .toList()))
        .toList();
    cn.shudi.catalog.Item plain = new cn.shudi.catalog.Item(item.code(), item.number(), item.domain(), item.name(),
        item.townshipPrimary(), untyped.get(0), untyped.subList(1, untyped.size()), item.legalBasis(), item.timeLimit(),
        item.callResponseTime(), item.source());
    BlueprintFiles.write(file, new BlueprintGenerator().generate(plain, ORGANIZATION.jurisdiction("zhangqiu")));
    refusedFor(withList.check(file, shared), ZQ026_ASSIST, "规则「条件职责」");
  }

  static final String ZQ026_ASSIST = ItemProcess.ids("ZQ026").township(2).id();

  @Test
  void anUnknownCalledProcessIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("calledElement=\"shared_evaluation\"", "calledElement=\"elsewhere\"")))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("elsewhere"));
  }

  @Test
  void aCalledElementThatIsAnyOtherExpressionIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("calledElement=\"shared_evaluation\"", "calledElement=\"${itemKey}\"")))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("${itemKey}").contains("不在 processes/shared 中"));
  }

  @Test
  void theItemCaseCallMustTakeTheLatestBlueprint() throws IOException {
    assertThat(checkWith("shared/shared_intake.bpmn", s -> s.replace("camunda:calledElementBinding=\"latest\"",
        "camunda:calledElementBinding=\"deployment\""))).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("calledElementBinding=\"latest\""));
  }
}
