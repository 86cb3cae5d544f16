package cn.shudi.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.shudi.evaluation.AppealProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.support.FormChecks;

/**
 * The forms of the two-way evaluation (form-js schema 16, as Tasklist 7.24 renders it): the variable names
 * and values {@link Evaluations} reads, Chinese labels, lengths that fit a Camunda string variable.
 */
class EvaluationFormsTest {


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
    Map<String, Boolean> fields = FormChecks.inputs(id, (key, c) -> {
      if (c.path("type").asText().equals("radio")) {
        List<String> values = new ArrayList<>();
        c.path("values").forEach(v -> {
          values.add(v.path("value").asText());
          assertThat(FormChecks.isChinese(v.path("label").asText())).isTrue();
        });
        assertThat(values).as("%s.%s", id, key).containsExactlyElementsOf(OPTIONS.get(id + "." + key));
      }
    });
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
