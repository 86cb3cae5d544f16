package cn.shudi.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.catalog.CaseFact;

/**
 * The shared forms in {@code forms/common} (form-js schema as Camunda Tasklist 7.24 renders it with
 * form-js 1.8): well-formed, with the variable names the blueprints read and write.
 */
class FormSchemaTest {

  static final Path FORMS = Path.of("forms/common");

  /** form-js 1.8.x writes and reads schema version 16. */
  static final int SCHEMA_VERSION = 16;

  /** Components form-js 1.8 supports that we allow in Tasklist forms. */
  static final Set<String> INPUT_TYPES =
      Set.of("textfield", "textarea", "number", "select", "radio", "checkbox", "checklist", "datetime");
  static final Set<String> ALLOWED_TYPES = union(INPUT_TYPES, Set.of("text"));

  /** Camunda 7 stores a String variable in a varchar(4000) column. */
  static final int MAX_STRING_VARIABLE = 4000;

  static final Pattern CJK = Pattern.compile("\\p{IsHan}");

  /** form id → field key → required. */
  static final Map<String, Map<String, Boolean>> EXPECTED = new LinkedHashMap<>();

  static {
    form("duty-step", "dutyResult*", "dutyFindings", "hazardFound", "violationFound", "crimeSuspected",
        "accidentHappened", "emergencyHappened", "outbreakHappened", "disputeArose", "assistanceRequested");
    form("inspection", "hazardCount*", "hazardLevel*", "dutyFindings", "dutyResult*");
    form("rectification-order", "rectificationDays*", "rectificationRequirements*", "dutyResult");
    form("reinspection", "rectified*", "dutyResult*");
    form("supervision", "supervisionOpinion*", "supervisionOutcome*");
    form("township-supervision", "townshipSupervisionOpinion*", "townshipSupervisionOutcome*");
    form("joint-meeting", "meetingParticipants*", "meetingMinutes*", "meetingDecision*");
    form("evaluation", "rating*", "ratingComment");
    form("call-accept", "callAccepted*", "callAcceptNote", "callReturnReason", "callReturnEvidence");
    form("call-return-review", "callReturnUpheld*", "callReturnFault*", "callReturnDecision*");
    form("call-dispatch", "callPrimaryDepartment*", "callCooperatingDepartments", "callResponseLimit*",
        "callTimeLimit*", "callDispatchNote");
    form("call-feedback", "dutyResult*", "dutyFindings", "callJustified*", "callComplete*", "callWithinList*",
        "callRatingComment");
    form("straw-patrol", "patrolArea*", "fireFound*", "firePointLocation", "dutyResult*");
    form("fire-point", "firePointLocation*", "fireExtinguished*", "offenderInfo", "dutyResult*");
    form("housing-verification", "houseSafetyGrade*", "dutyResult*");
    // governance of the list (准入 / 动态调整)
    form("admission-proposal", "itemName*", "domain*", "primaryUnit*", "cooperatingUnits", "primaryDuties*",
        "cooperatingDuties", "legalBasis*", "timeLimit*", "callResponseTime*", "reasons*");
    form("adjustment-proposal", "itemCode*", "primaryUnit", "cooperatingUnits", "primaryDuties", "cooperatingDuties",
        "timeLimit", "callResponseTime", "legalBasis", "reasons*");
    form("admission-consultation", "proposalSummary", "townshipOpinion*", "townshipComment");
    form("admission-legality", "proposalSummary", "consultationSummary", "legalityResult*", "legalityOpinion*");
    form("admission-decision", "proposalSummary", "consultationSummary", "legalityOpinion", "decision*",
        "decisionComment*");
    form("admission-errors", "applyErrors", "errorsNote");
    // two-way evaluation: appeals and the department's rating of a call
    form("appeal", "ratingId*", "appealReason*");
    form("appeal-decision", "originalRatingComment", "appealReason", "appealDecision*", "appealDecisionNote*");
    form("call-rating", "callJustified*", "callComplete*", "callWithinList*", "callRatingComment");
    // the case patterns' fragments (processes/patterns): plain steps and one form per decision
    form("pattern-step", "dutyResult*", "dutyFindings");
    form("pattern-hazard-check", "hazardFound", "dutyFindings", "dutyResult*");
    form("pattern-rectification-order", "rectificationDays*", "rectificationRequirements*", "dutyResult*");
    form("pattern-reinspection", "rectificationDone", "extensionGranted", "violationFound", "dutyResult*");
    form("pattern-investigation", "factsProven", "crimeSuspected", "dutyFindings", "dutyResult*");
    form("pattern-hearing-notice", "hearingRequested", "dutyResult*");
    form("pattern-situation-assessment", "responseNeeded", "dutyResult*");
    form("pattern-rescue", "dangerCleared", "dutyResult*");
    form("pattern-eligibility", "eligible", "dutyResult*");
    form("pattern-acceptance", "acceptancePassed", "dutyFindings", "dutyResult*");
    form("pattern-risk-assessment", "highRisk", "dutyResult*");
    form("pattern-follow-up", "careContinues", "followUpDays*", "dutyResult*");
    form("pattern-complaint-intake", "competent", "dutyResult*");
    form("pattern-complaint-verification", "complaintFounded", "dutyResult*");
    form("pattern-responsibility", "penaltyNeeded", "dutyResult*");
    // 诉求受理·研判派单 (shared_intake): what the step shows read-only, then what it decides
    form("intake-dispatch", "intakeText", "intakeTownshipName", "intakeGrid", "intakeSuggestionText",
        "intakeDecision*", "intakeItemChoice", "intakeItemCorrection", "intakeDuplicateOf",
        "intakeCompetentDepartment", "intakeDispatchNote");
    form("intake-sign", "intakeText", "intakeTownshipName", "intakeCooperatingNames", "intakeSigned*",
        "intakeReturnReason", "intakeReturnEvidence");
    form("intake-return-review", "intakeText", "intakeReturnReason", "intakeReturnEvidence", "intakeReturnUpheld*",
        "intakeReturnDecision*");
    form("intake-work", "intakeText", "intakeTownshipName", "intakeWorkResult*");
    form("intake-callback", "intakeText", "intakeWorkResult", "intakeReached*", "intakeSolved", "intakeRating",
        "intakeCallbackComment");
  }

  /** "formId.key" → the option values gateways and beans compare against, in order. */
  static final Map<String, List<String>> OPTION_VALUES = Map.ofEntries(
      Map.entry("inspection.hazardLevel", List.of("none", "general", "major")),
      Map.entry("reinspection.rectified", List.of("yes", "no")),
      Map.entry("supervision.supervisionOutcome", List.of("urged", "escalate")),
      Map.entry("township-supervision.townshipSupervisionOutcome", List.of("urged", "refer")),
      Map.entry("evaluation.rating", List.of("satisfied", "basically_satisfied", "dissatisfied")),
      Map.entry("call-accept.callAccepted", List.of("yes", "no")),
      Map.entry("call-return-review.callReturnUpheld", List.of("yes", "no")),
      Map.entry("call-return-review.callReturnFault", List.of("township", "department", "none")),
      Map.entry("straw-patrol.fireFound", List.of("yes", "no")),
      Map.entry("fire-point.fireExtinguished", List.of("yes", "no")),
      Map.entry("housing-verification.houseSafetyGrade", List.of("A", "B", "C", "D")),
      Map.entry("admission-consultation.townshipOpinion", List.of("agree", "no_opinion", "object")),
      Map.entry("admission-legality.legalityResult", List.of("lawful", "unlawful")),
      Map.entry("admission-decision.decision", List.of("approve", "reject")),
      Map.entry("appeal-decision.appealDecision", List.of("upheld", "rejected")),
      Map.entry("call-rating.callJustified", List.of("yes", "no")),
      Map.entry("call-rating.callComplete", List.of("yes", "no")),
      Map.entry("call-rating.callWithinList", List.of("yes", "no")),
      Map.entry("call-feedback.callJustified", List.of("yes", "no")),
      Map.entry("call-feedback.callComplete", List.of("yes", "no")),
      Map.entry("call-feedback.callWithinList", List.of("yes", "no")),
      Map.entry("intake-dispatch.intakeDecision", List.of("dispatch", "duplicate", "off_list")),
      // the suggestion's items and the possible duplicates: options the platform writes per request (valuesKey);
      // the server checks the one chosen (intake's IntakeDesk)
      Map.entry("intake-dispatch.intakeItemChoice", List.of()),
      Map.entry("intake-dispatch.intakeDuplicateOf", List.of()),
      Map.entry("intake-sign.intakeSigned", List.of("yes", "no")),
      Map.entry("intake-return-review.intakeReturnUpheld", List.of("yes", "no")),
      Map.entry("intake-callback.intakeReached", List.of("yes", "no")),
      Map.entry("intake-callback.intakeSolved", List.of("yes", "no")),
      Map.entry("intake-callback.intakeRating", List.of("satisfied", "basically_satisfied", "dissatisfied")));

  static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  static void form(String id, String... keys) {
    Map<String, Boolean> fields = new LinkedHashMap<>();
    for (String key : keys) {
      boolean required = key.endsWith("*");
      fields.put(required ? key.substring(0, key.length() - 1) : key, required);
    }
    EXPECTED.put(id, fields);
  }

  static Stream<Path> formFiles() throws IOException {
    try (Stream<Path> files = Files.list(FORMS)) {
      return files.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  static String formId(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".form") ? name.substring(0, name.length() - ".form".length()) : name;
  }

  /**
   * A conditional duty (〔条件：发现隐患〕) runs when its fact holds: the case start form of every county and every
   * step's form (duty-step) let staff state each fact, as a checkbox of its case variable.
   */
  @Test
  void everyFactAConditionalDutyMayDependOnCanBeStatedAtTheStartAndAtEveryStep() throws IOException {
    for (Path file : List.of(FORMS.resolve("duty-step.form"), Path.of("forms/zhangqiu/case-start.form"),
        Path.of("forms/yunxi/case-start.form"))) {
      Map<String, String> boxes = new LinkedHashMap<>();
      read(file).path("components").forEach(c -> boxes.put(c.path("key").asText(), c.path("type").asText()));
      for (CaseFact fact : CaseFact.values()) {
        assertThat(boxes).as("%s: %s", file, fact.label()).containsEntry(fact.variable(), "checkbox");
      }
    }
  }

  @Test
  void theFolderHoldsExactlyTheSharedForms() throws IOException {
    assertThat(FORMS).as("run from the project root").isDirectory();
    List<String> names = formFiles().map(f -> f.getFileName().toString()).toList();
    assertThat(names).allSatisfy(n -> assertThat(n).endsWith(".form"));
    assertThat(names.stream().map(n -> n.substring(0, n.length() - 5)))
        .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formFiles")
  void isAFormJs18Schema(Path file) throws IOException {
    JsonNode form = read(file);
    assertThat(form.isObject()).isTrue();
    assertThat(form.path("id").asText()).isEqualTo(formId(file));
    assertThat(form.path("type").asText()).isEqualTo("default");
    assertThat(form.path("schemaVersion").isInt()).as("schemaVersion is a number").isTrue();
    assertThat(form.path("schemaVersion").asInt())
        .as("Tasklist 7.24 renders with form-js 1.8 (schema 16); a newer Modeler may have saved newer features")
        .isEqualTo(SCHEMA_VERSION);
    assertThat(form.path("components").isArray()).isTrue();
    assertThat(form.path("components")).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formFiles")
  void componentsHaveUniqueIdsAndKeysAndChineseLabels(Path file) throws IOException {
    Set<String> ids = new HashSet<>();
    Set<String> keys = new HashSet<>();
    for (JsonNode c : components(read(file))) {
      String type = c.path("type").asText();
      String id = c.path("id").asText();
      assertThat(type).as("component %s", id).isIn(ALLOWED_TYPES);
      assertThat(id).as("component of type %s has an id", type).isNotBlank();
      assertThat(ids.add(id)).as("id %s is unique", id).isTrue();
      if (INPUT_TYPES.contains(type)) {
        String key = c.path("key").asText();
        assertThat(key).as("%s has a key", id).isNotBlank().matches("[A-Za-z_][A-Za-z0-9_]*");
        assertThat(keys.add(key)).as("key %s is unique", key).isTrue();
        String label = c.path("label").asText();
        assertThat(label).as("%s label", key).isNotBlank();
        assertThat(CJK.matcher(label).find()).as("%s label '%s' is Chinese", key, label).isTrue();
      } else {
        assertThat(c.path("text").asText()).as("text %s", id).isNotBlank();
      }
    }
  }

  /**
   * form-js puts {{variables}} of a text component into Markdown unescaped (its sanitizer keeps img and
   * links): a text may name only values the platform writes itself, never what a user typed.
   */
  static final Set<String> TRUSTED_TEMPLATE_VARIABLES = Set.of("ratedUnitName", "raterUnitName", "originalRating",
      // the intake's: fixed sentences, the list's item and limit, a unit's name (intake's Intake writes them)
      "intakeWarning", "intakeDuplicatesText", "itemCode", "itemName", "intakeTimeLimit", "intakePrimaryName");

  @ParameterizedTest(name = "{0}")
  @MethodSource("formFiles")
  void textsShowNoUserTypedVariable(Path file) throws IOException {
    for (JsonNode c : read(file).path("components")) {
      Matcher m = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}").matcher(c.path("text").asText());
      while (m.find()) {
        assertThat(m.group(1)).as("%s: {{%s}} in text %s (show typed values in a disabled textarea)",
            file.getFileName(), m.group(1), c.path("id").asText()).isIn(TRUSTED_TEMPLATE_VARIABLES);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formFiles")
  void keysAndRequiredFlagsAreTheProcessVariables(Path file) throws IOException {
    Map<String, Boolean> expected = EXPECTED.get(formId(file));
    assertThat(expected).as("%s is a known form", file).isNotNull();
    Map<String, Boolean> actual = new LinkedHashMap<>();
    for (JsonNode c : inputs(read(file))) {
      actual.put(c.path("key").asText(), c.path("validate").path("required").asBoolean(false));
    }
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    assertThat(actual).as("required flags").containsExactlyInAnyOrderEntriesOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formFiles")
  void optionsAreTheValuesTheProcessesCompare(Path file) throws IOException {
    String formId = formId(file);
    for (JsonNode c : inputs(read(file))) {
      String type = c.path("type").asText();
      if (!Set.of("radio", "select", "checklist").contains(type)) {
        continue;
      }
      String key = c.path("key").asText();
      List<String> values = new ArrayList<>();
      for (JsonNode option : c.path("values")) {
        values.add(option.path("value").asText());
        assertThat(CJK.matcher(option.path("label").asText()).find())
            .as("%s option %s has a Chinese label", key, option.path("value").asText()).isTrue();
      }
      List<String> expected = OPTION_VALUES.get(formId + "." + key);
      assertThat(expected).as("option values of %s.%s are listed in this test", formId, key).isNotNull();
      assertThat(values).as("%s.%s", formId, key).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void evaluationRatingIsSatisfiedBasicallySatisfiedOrDissatisfied() throws IOException {
    JsonNode rating = input(read(FORMS.resolve("evaluation.form")), "rating");
    assertThat(rating.path("type").asText()).isEqualTo("radio");
    List<String> values = new ArrayList<>();
    rating.path("values").forEach(v -> values.add(v.path("value").asText()));
    assertThat(values).containsExactly("satisfied", "basically_satisfied", "dissatisfied");
    assertThat(input(read(FORMS.resolve("evaluation.form")), "ratingComment").path("label").asText())
        .contains("不满意");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formFiles")
  void textInputsFitACamundaStringVariable(Path file) throws IOException {
    for (JsonNode c : inputs(read(file))) {
      if (Set.of("textfield", "textarea").contains(c.path("type").asText())) {
        JsonNode maxLength = c.path("validate").path("maxLength");
        assertThat(maxLength.isInt()).as("%s declares maxLength", c.path("key").asText()).isTrue();
        assertThat(maxLength.asInt()).as("%s maxLength", c.path("key").asText())
            .isBetween(1, MAX_STRING_VARIABLE);
      }
    }
  }

  @Test
  void numbersHaveTheirBounds() throws IOException {
    JsonNode hazardCount = input(read(FORMS.resolve("inspection.form")), "hazardCount");
    assertThat(hazardCount.path("type").asText()).isEqualTo("number");
    assertThat(hazardCount.path("validate").path("min").asInt(-1)).isZero();
    assertThat(hazardCount.path("validate").path("max").asInt()).isEqualTo(999);
    JsonNode days = input(read(FORMS.resolve("rectification-order.form")), "rectificationDays");
    assertThat(days.path("type").asText()).isEqualTo("number");
    assertThat(days.path("validate").path("min").asInt()).isEqualTo(1);
    assertThat(days.path("validate").path("max").asInt()).isEqualTo(90);
    // the case patterns' timers wait ${deadlines.afterDays(…)} on these: a whole number of days, always set
    for (String[] field : List.of(new String[] {"pattern-rectification-order", "rectificationDays"},
        new String[] {"pattern-follow-up", "followUpDays"})) {
      JsonNode patternDays = input(read(FORMS.resolve(field[0] + ".form")), field[1]);
      assertThat(patternDays.path("type").asText()).as(field[1]).isEqualTo("number");
      assertThat(patternDays.path("decimalDigits").asInt(-1)).as(field[1]).isZero();
      assertThat(patternDays.path("validate").path("required").asBoolean()).as(field[1]).isTrue();
      assertThat(patternDays.path("validate").path("min").asInt()).as(field[1]).isEqualTo(1);
      assertThat(patternDays.path("validate").path("max").asInt()).as(field[1]).isEqualTo(90);
    }
  }

  @Test
  void conditionalFieldsHideOnTheRightAnswer() throws IOException {
    assertThat(input(read(FORMS.resolve("inspection.form")), "dutyFindings").path("conditional").path("hide").asText())
        .isEqualTo("=hazardLevel = \"none\"");
    assertThat(input(read(FORMS.resolve("straw-patrol.form")), "firePointLocation").path("conditional").path("hide").asText())
        .isEqualTo("=fireFound != \"yes\"");
  }

  static JsonNode read(Path file) throws IOException {
    return JSON.readTree(Files.readString(file));
  }

  static List<JsonNode> components(JsonNode form) {
    List<JsonNode> all = new ArrayList<>();
    form.path("components").forEach(all::add);
    return all;
  }

  static List<JsonNode> inputs(JsonNode form) {
    return components(form).stream().filter(c -> INPUT_TYPES.contains(c.path("type").asText())).toList();
  }

  static JsonNode input(JsonNode form, String key) {
    return inputs(form).stream()
        .filter(c -> key.equals(c.path("key").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no field " + key + " in " + form.path("id").asText()));
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
