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

/** One test per rule of the model check: a model broken in that one way gives that one finding. */
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

  @BeforeEach
  void copyOneBlueprint() throws IOException {
    processes = root.resolve("processes");
    Files.createDirectories(processes.resolve("zhangqiu"));
    original = Files.readString(Path.of("processes/zhangqiu/ZQ002.bpmn"));
    check = new ModelCheck(processes, Path.of("forms"), ORGANIZATION);
  }

  List<ModelCheck.Finding> checkWith(UnaryOperator<String> breakIt) throws IOException {
    String broken = breakIt.apply(original);
    assertThat(broken).as("the test changes the model").isNotEqualTo(original);
    Path file = processes.resolve("zhangqiu/ZQ002.bpmn");
    Files.writeString(file, broken);
    return check.check(file, Set.of("shared_supervision", "shared_evaluation", "shared_joint_meeting", "shared_call"));
  }

  @Test
  void theOriginalIsClean() throws IOException {
    assertThat(checkWith(s -> s + "\n")).isEmpty();
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
  }

  @Test
  void anUnresolvedFormIsFound() throws IOException {
    assertThat(checkWith(s -> s.replaceFirst("camunda:formRef=\"duty-step\"", "camunda:formRef=\"no-such-form\"")))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("no-such-form").contains("不存在"));
  }

  @Test
  void anUnknownCalledProcessIsFound() throws IOException {
    assertThat(checkWith(s -> s.replace("calledElement=\"shared_evaluation\"", "calledElement=\"elsewhere\"")))
        .singleElement().satisfies(f -> assertThat(f.message()).contains("elsewhere"));
  }
}
