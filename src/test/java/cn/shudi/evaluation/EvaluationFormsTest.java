package cn.shudi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import cn.shudi.evaluation.AppealProcess;
import cn.shudi.call.CallProcess;

/**
 * The forms of the two-way evaluation (form-js schema 16, as Tasklist 7.24 renders it): the variable names
 * and values {@link Evaluations} reads, Chinese labels, lengths that fit a Camunda string variable.
 */
class EvaluationFormsTest {

  static final Path FORMS = Path.of("forms/common");
  static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** form → key → required. */
  static final Map<String, Map<String, Boolean>> FIELDS = Map.of(
      "appeal", ordered(AppealProcess.RATING_ID.name(), true, AppealProcess.APPEAL_REASON.name(), true),
      "appeal-decision", ordered(AppealProcess.ORIGINAL_RATING_COMMENT.name(), false, AppealProcess.APPEAL_REASON.name(), false, AppealProcess.APPEAL_DECISION.name(), true,
          AppealProcess.APPEAL_DECISION_NOTE.name(), true),
      "call-rating", ordered(CallProcess.CALL_JUSTIFIED.name(), true, CallProcess.CALL_COMPLETE.name(), true, CallProcess.CALL_WITHIN_LIST.name(), true,
          CallProcess.CALL_RATING_COMMENT.name(), false));

  static final Map<String, List<String>> OPTIONS = Map.of(
      "appeal-decision.appealDecision", List.of(Appeal.UPHELD, Appeal.REJECTED),
      "call-rating.callJustified", List.of("yes", "no"),
      "call-rating.callComplete", List.of("yes", "no"),
      "call-rating.callWithinList", List.of("yes", "no"));

  @ParameterizedTest
  @ValueSource(strings = {"appeal", "appeal-decision", "call-rating"})
  void formHasTheFieldsTheBeanReads(String id) throws IOException {
    JsonNode form = JSON.readTree(Files.readString(FORMS.resolve(id + ".form")));
    assertThat(form.path("id").asText()).isEqualTo(id);
    assertThat(form.path("type").asText()).isEqualTo("default");
    assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);

    Map<String, Boolean> fields = new LinkedHashMap<>();
    for (JsonNode c : form.path("components")) {
      String type = c.path("type").asText();
      if (type.equals("text")) {
        assertThat(c.path("text").asText()).isNotBlank();
        continue;
      }
      String key = c.path("key").asText();
      fields.put(key, c.path("validate").path("required").asBoolean(false));
      assertThat(CJK.matcher(c.path("label").asText()).find()).as("%s has a Chinese label", key).isTrue();
      if (type.equals("textfield") || type.equals("textarea")) {
        assertThat(c.path("validate").path("maxLength").asInt()).as("%s maxLength", key).isBetween(1, 4000);
      }
      if (type.equals("radio")) {
        List<String> values = new ArrayList<>();
        c.path("values").forEach(v -> {
          values.add(v.path("value").asText());
          assertThat(CJK.matcher(v.path("label").asText()).find()).isTrue();
        });
        assertThat(values).as("%s.%s", id, key).containsExactlyElementsOf(OPTIONS.get(id + "." + key));
      }
    }
    assertThat(fields).containsExactlyEntriesOf(FIELDS.get(id));
  }

  static Map<String, Boolean> ordered(Object... keysAndRequired) {
    Map<String, Boolean> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndRequired.length; i += 2) {
      map.put((String) keysAndRequired[i], (Boolean) keysAndRequired[i + 1]);
    }
    return map;
  }
}
