package cn.shudi.blueprint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Event;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.Participant;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every BPMN file under processes/ opens in Modeler and runs on this platform: complete diagram
 * information, names on what users see, stable lower_snake ids, no Java class names or scripts, forms
 * and called processes that exist.
 */
class BlueprintModelTest {

  static final Path PROCESSES = Path.of("processes");
  static final Path FORMS = Path.of("forms");
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");
  static final List<String> JURISDICTIONS = List.of("zhangqiu", "yunxi");

  static Stream<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(PROCESSES)) {
      List<Path> files = walk.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
      assertThat(files).hasSizeGreaterThanOrEqualTo(324 + 4);
      return files.stream();
    }
  }

  static BpmnModelInstance read(Path file) {
    return Bpmn.readModelFromFile(file.toFile());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyFlowNodeHasAShapeAndEveryFlowAnEdge(Path file) {
    BpmnModelInstance model = read(file);
    Set<String> shaped = model.getModelElementsByType(BpmnShape.class).stream()
        .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
    Set<String> edged = model.getModelElementsByType(BpmnEdge.class).stream()
        .filter(e -> e.getWaypoints().size() >= 2).map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(shaped).as("%s: shape of %s", file, node.getId()).contains(node.getId());
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(edged).as("%s: edge of %s", file, flow.getId()).contains(flow.getId());
    }
    for (BaseElement container : union(model.getModelElementsByType(Lane.class),
        model.getModelElementsByType(Participant.class))) {
      assertThat(shaped).as("%s: shape of %s", file, container.getId()).contains(container.getId());
    }
    assertThat(model.getModelElementsByType(Lane.class)).as("%s: units apart in lanes", file).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void whatUsersSeeHasAChineseNameAndIdsAreStable(Path file) {
    BpmnModelInstance model = read(file);
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      assertThat(node.getId()).as("%s: id", file).matches(ID);
      boolean splitting = node instanceof Gateway && node.getOutgoing().size() > 1;
      if (node instanceof Activity || node instanceof Event || splitting) {
        assertThat(node.getName()).as("%s: name of %s", file, node.getId()).isNotBlank()
            .matches(".*\\p{IsHan}.*");
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      assertThat(flow.getId()).as("%s: flow id", file).matches(ID);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void modelsCallBeansNeverClassesOrScripts(Path file) throws IOException {
    String xml = Files.readString(file);
    assertThat(xml).as(file.toString()).doesNotContain("camunda:class=").doesNotContain("<camunda:class")
        .doesNotContain("scriptTask").doesNotContain("camunda:script");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyFormRefAndCalledProcessExists(Path file) throws IOException {
    BpmnModelInstance model = read(file);
    String folder = file.getParent().getFileName().toString();
    List<String> formFolders = folder.equals("shared") ? JURISDICTIONS : List.of(folder);
    List<String> refs = new ArrayList<>();
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaFormRef()).as("%s: form of %s", file, task.getId()).isNotNull();
      assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
      assertThat(task.getCamundaCandidateGroups()).as("%s: group of %s", file, task.getId()).isNotBlank();
      assertThat(task.getCamundaDueDate()).as("%s: deadline of %s", file, task.getId()).isNotBlank();
      refs.add(task.getCamundaFormRef());
    }
    for (StartEvent start : model.getModelElementsByType(StartEvent.class)) {
      if (start.getCamundaFormRef() != null) {
        assertThat(start.getCamundaFormRefBinding()).isEqualTo("deployment");
        refs.add(start.getCamundaFormRef());
      }
    }
    for (String ref : refs) {
      for (String jurisdiction : formFolders) {
        assertThat(formIds(jurisdiction)).as("%s: form %s deployed for %s", file, ref, jurisdiction).contains(ref);
      }
    }
    Set<String> shared = sharedProcessIds();
    for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
      assertThat(shared).as("%s: called %s", file, call.getCalledElement()).contains(call.getCalledElement());
      assertThat(call.getCamundaCalledElementBinding()).isEqualTo("deployment");
    }
  }

  static Set<String> formIds(String jurisdiction) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> ids = new java.util.HashSet<>();
    for (Path dir : List.of(FORMS.resolve("common"), FORMS.resolve(jurisdiction))) {
      try (Stream<Path> list = Files.list(dir)) {
        for (Path form : list.filter(p -> p.toString().endsWith(".form")).toList()) {
          ids.add(json.readTree(form.toFile()).get("id").asText());
        }
      }
    }
    return ids;
  }

  static Set<String> sharedProcessIds() throws IOException {
    try (Stream<Path> list = Files.list(PROCESSES.resolve("shared"))) {
      return list.filter(p -> p.toString().endsWith(".bpmn"))
          .flatMap(p -> read(p).getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).stream())
          .map(BaseElement::getId).collect(Collectors.toSet());
    }
  }

  static List<BaseElement> union(Collection<? extends BaseElement> a, Collection<? extends BaseElement> b) {
    List<BaseElement> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
