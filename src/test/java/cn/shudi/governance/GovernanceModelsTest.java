package cn.shudi.governance;

import static cn.shudi.governance.GovernanceProcess.APPLY_ERRORS;
import static cn.shudi.governance.GovernanceProcess.BIANBAN_GROUP;
import static cn.shudi.governance.GovernanceProcess.CALL_RESPONSE_TIME;
import static cn.shudi.governance.GovernanceProcess.CONSULTATION_SUMMARY;
import static cn.shudi.governance.GovernanceProcess.COOPERATING_DUTIES;
import static cn.shudi.governance.GovernanceProcess.COOPERATING_UNITS;
import static cn.shudi.governance.GovernanceProcess.DECISION;
import static cn.shudi.governance.GovernanceProcess.DECISION_COMMENT;
import static cn.shudi.governance.GovernanceProcess.DOMAIN;
import static cn.shudi.governance.GovernanceProcess.ERRORS_NOTE;
import static cn.shudi.governance.GovernanceProcess.ITEM_CODE;
import static cn.shudi.governance.GovernanceProcess.ITEM_NAME;
import static cn.shudi.governance.GovernanceProcess.JUSTICE_GROUP;
import static cn.shudi.governance.GovernanceProcess.LEGALITY_OPINION;
import static cn.shudi.governance.GovernanceProcess.LEGALITY_RESULT;
import static cn.shudi.governance.GovernanceProcess.LEGAL_BASIS;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_DUTIES;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_UNIT;
import static cn.shudi.governance.GovernanceProcess.PROPOSAL_SUMMARY;
import static cn.shudi.governance.GovernanceProcess.REASONS;
import static cn.shudi.governance.GovernanceProcess.TIME_LIMIT;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_COMMENT;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_GROUP;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_OPINION;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.Lane;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;


import cn.shudi.governance.GovernanceProcess.Kind;
import cn.shudi.governance.GovernanceProcess.Step;
import cn.shudi.process.Variable;
import cn.shudi.support.ModelRuleSet;
import cn.shudi.support.FormChecks;

/**
 * The two governance processes and their forms follow the modelling rules: the platform's rule set
 * ({@link cn.shudi.blueprint.ModelCheck}) finds nothing; lanes by role, the governance bean opens the proposal,
 * every user task has a variable group and the five-day deadline; the forms carry the variables the processes and
 * {@link Governance} read, with the option values they compare.
 */
class GovernanceModelsTest {

  static final Path PROCESSES = Path.of("processes");
  static final String DEADLINE = "${deadlines.after('5个工作日')}";

  static BpmnModelInstance read(String key) {
    return Bpmn.readModelFromFile(PROCESSES.resolve("shared").resolve(key + ".bpmn").toFile());
  }

  @ParameterizedTest
  @CsvSource({GovernanceProcess.ADMISSION_KEY + ",新增事项准入", GovernanceProcess.ADJUSTMENT_KEY + ",清单动态调整"})
  void theProjectsModelCheckFindsNothing(String key, String name) throws IOException {
    ModelRuleSet.assertSharedFollowsTheRules(key, name);
  }

  @ParameterizedTest
  @ValueSource(strings = {GovernanceProcess.ADMISSION_KEY, GovernanceProcess.ADJUSTMENT_KEY})
  void opensTheProposalWithTheGovernanceBean(String key) throws IOException {
    String xml = Files.readString(PROCESSES.resolve("shared").resolve(key + ".bpmn"), StandardCharsets.UTF_8);
    assertThat(xml).doesNotContain("${caseOpening}");
    BpmnModelInstance model = read(key);
    StartEvent start = model.getModelElementById(id(key, Step.START));
    assertThat(start.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list())
        .singleElement().satisfies(l -> {
          assertThat(l.getCamundaEvent()).isEqualTo("start");
          assertThat(l.getCamundaExpression()).isEqualTo("${" + GovernanceProcess.BEAN + ".open(execution)}");
        });
    assertThat(start.getCamundaFormRef()).isEqualTo(key.equals(GovernanceProcess.ADMISSION_KEY) ? "admission-proposal"
        : "adjustment-proposal");
  }

  @ParameterizedTest
  @ValueSource(strings = {GovernanceProcess.ADMISSION_KEY, GovernanceProcess.ADJUSTMENT_KEY})
  void everyUserTaskHasAFormAGroupAndADeadline(String key) {
    BpmnModelInstance model = read(key);
    Collection<UserTask> tasks = model.getModelElementsByType(UserTask.class);
    assertThat(tasks).extracting(BaseElement::getId).containsExactlyInAnyOrder(id(key, Step.CONSULT), id(key, Step.LEGALITY),
        id(key, Step.DECIDE), id(key, Step.ERRORS));
    for (UserTask task : tasks) {
      assertThat(task.getCamundaCandidateGroups()).as(task.getId()).matches("\\$\\{[A-Za-z]+}");
      assertThat(task.getCamundaDueDate()).as(task.getId()).isEqualTo(DEADLINE);
    }
    UserTask consult = model.getModelElementById(id(key, Step.CONSULT));
    assertThat(consult.getCamundaCandidateGroups()).isEqualTo("${" + TOWNSHIP_GROUP.name() + "}");
    MultiInstanceLoopCharacteristics loop = (MultiInstanceLoopCharacteristics) consult.getLoopCharacteristics();
    assertThat(loop.isSequential()).as("townships answer in parallel").isFalse();
    assertThat(loop.getCamundaCollection()).isEqualTo("${" + GovernanceProcess.BEAN + ".townshipGroups(execution)}");
    assertThat(loop.getCamundaElementVariable()).isEqualTo(TOWNSHIP_GROUP.name());
    BoundaryEvent deadline = model.getModelElementById(id(key, Step.CONSULT_DEADLINE));
    assertThat(deadline.getAttachedTo()).isSameAs(consult);
    assertThat(deadline.cancelActivity()).as("interrupting: silence must not block the decision").isTrue();
    assertThat(deadline.getName()).isEqualTo("逾期未反馈视为无意见");
    TimerEventDefinition timer = (TimerEventDefinition) deadline.getEventDefinitions().iterator().next();
    assertThat(timer.getTimeDate().getTextContent()).isEqualTo(DEADLINE);
    assertThat(((UserTask) model.getModelElementById(id(key, Step.LEGALITY))).getCamundaCandidateGroups())
        .isEqualTo("${" + JUSTICE_GROUP.name() + "}");
    assertThat(((UserTask) model.getModelElementById(id(key, Step.DECIDE))).getCamundaCandidateGroups())
        .isEqualTo("${" + BIANBAN_GROUP.name() + "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {GovernanceProcess.ADMISSION_KEY, GovernanceProcess.ADJUSTMENT_KEY})
  void isDrawnInLanesByRole(String key) {
    assertThat(read(key).getModelElementsByType(Lane.class)).extracting(Lane::getName)
        .containsExactly("提出单位", "镇街", "司法局", "编办");
  }

  /** form id → field key → required. */
  static final Map<String, Map<String, Boolean>> FORM_FIELDS = new LinkedHashMap<>();

  static {
    FORM_FIELDS.put("admission-proposal", fields(required(ITEM_NAME), required(DOMAIN), required(PRIMARY_UNIT), optional(COOPERATING_UNITS),
        required(PRIMARY_DUTIES), optional(COOPERATING_DUTIES), required(LEGAL_BASIS), required(TIME_LIMIT), required(CALL_RESPONSE_TIME), required(REASONS)));
    FORM_FIELDS.put("adjustment-proposal", fields(required(ITEM_CODE), optional(PRIMARY_UNIT), optional(COOPERATING_UNITS), optional(PRIMARY_DUTIES),
        optional(COOPERATING_DUTIES), optional(TIME_LIMIT), optional(CALL_RESPONSE_TIME), optional(LEGAL_BASIS), required(REASONS)));
    FORM_FIELDS.put("admission-consultation", fields(optional(PROPOSAL_SUMMARY), required(TOWNSHIP_OPINION), optional(TOWNSHIP_COMMENT)));
    FORM_FIELDS.put("admission-legality", fields(optional(PROPOSAL_SUMMARY), optional(CONSULTATION_SUMMARY), required(LEGALITY_RESULT),
        required(LEGALITY_OPINION)));
    FORM_FIELDS.put("admission-decision", fields(optional(PROPOSAL_SUMMARY), optional(CONSULTATION_SUMMARY), optional(LEGALITY_OPINION),
        required(DECISION), required(DECISION_COMMENT)));
    FORM_FIELDS.put("admission-errors", fields(optional(APPLY_ERRORS), optional(ERRORS_NOTE)));
  }

  static final Map<String, List<String>> OPTIONS = Map.of(
      "admission-consultation." + TOWNSHIP_OPINION.name(), List.of(GovernanceProcess.AGREE, GovernanceProcess.NO_OPINION,
          GovernanceProcess.OBJECT),
      "admission-legality." + LEGALITY_RESULT.name(), List.of(GovernanceProcess.LAWFUL, GovernanceProcess.UNLAWFUL),
      "admission-decision." + DECISION.name(), List.of(GovernanceProcess.APPROVE, GovernanceProcess.REJECT));

  /** What earlier steps wrote: shown, not editable, so not submitted again. */
  static final List<String> SHOWN = List.of(PROPOSAL_SUMMARY.name(), CONSULTATION_SUMMARY.name(), APPLY_ERRORS.name());

  static String required(Variable<?> field) {
    return field.name() + "*";
  }

  static String optional(Variable<?> field) {
    return field.name();
  }

  static String id(String key, Step step) {
    return Kind.of(key).element(step).id();
  }

  static Map<String, Boolean> fields(String... keys) {
    Map<String, Boolean> map = new LinkedHashMap<>();
    for (String key : keys) {
      map.put(key.replace("*", ""), key.endsWith("*"));
    }
    return map;
  }

  @Test
  void theFormsCarryTheVariablesTheProcessesRead() throws IOException {
    for (Map.Entry<String, Map<String, Boolean>> expected : FORM_FIELDS.entrySet()) {
      String id = expected.getKey();
      Map<String, Boolean> actual = FormChecks.inputs(id, (key, c) -> {
        assertThat(c.path("disabled").asBoolean(false)).as("%s.%s shown only", id, key)
            .isEqualTo(SHOWN.contains(key) || id.equals("admission-decision") && key.equals(LEGALITY_OPINION.name()));
        if (c.path("type").asText().equals("radio")) {
          List<String> values = new ArrayList<>();
          c.path("values").forEach(v -> values.add(v.path("value").asText()));
          assertThat(values).as("%s.%s", id, key).containsExactlyElementsOf(OPTIONS.get(id + "." + key));
        }
      });
      assertThat(actual).as(id).containsExactlyEntriesOf(expected.getValue());
    }
  }
}
