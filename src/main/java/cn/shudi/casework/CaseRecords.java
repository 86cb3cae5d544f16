package cn.shudi.casework;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.casework.StepOutcomes.Outcome;

/**
 * Records the result of a case when all parallel paths are done ({@code ${caseRecords.recordResult(execution)}}):
 * every step's result and findings in one summary staff and supervisors read.
 */
@Component(ItemProcess.CASE_RECORDS)
public class CaseRecords {

  private final ObjectMapper json;
  private final StepOutcomes outcomes;

  CaseRecords(ObjectMapper json, StepOutcomes outcomes) {
    this.json = json;
    this.outcomes = outcomes;
  }

  /** The adapter: the case's recorded outcomes in, {@code caseResult} out. */
  public void recordResult(DelegateExecution execution) {
    ItemProcess.CASE_RESULT.set(execution, summary(outcomes.ofCase(execution.getProcessInstanceId())));
  }

  /**
   * The case's result as JSON: {@code <step>_result} and {@code <step>_findings} of every step whose form has
   * them, the last round of a repeated step, sorted by name.
   */
  String summary(List<Outcome> steps) {
    Map<String, Object> summary = new TreeMap<>();
    for (Outcome step : steps) {
      put(summary, step, ItemProcess.DUTY_RESULT.name(), ItemProcess.STEP_RESULT_SUFFIX);
      put(summary, step, ItemProcess.DUTY_FINDINGS.name(), ItemProcess.STEP_FINDINGS_SUFFIX);
    }
    try {
      return json.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(Map<String, Object> summary, Outcome step, String field, String suffix) {
    if (step.facts().containsKey(field)) {
      summary.put(step.stepId() + suffix, step.facts().get(field));
    }
  }
}
