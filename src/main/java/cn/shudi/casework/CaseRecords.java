package cn.shudi.casework;

import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records the result of a case when all parallel paths are done ({@code ${caseRecords.recordResult(execution)}}):
 * every step's result and findings in one summary staff and supervisors read.
 */
@Component("caseRecords")
public class CaseRecords {

  private final ObjectMapper json;

  CaseRecords(ObjectMapper json) {
    this.json = json;
  }

  public void recordResult(DelegateExecution execution) {
    Map<String, Object> summary = new TreeMap<>();
    execution.getVariables().forEach((name, value) -> {
      if (name.endsWith(CaseVariables.STEP_RESULT_SUFFIX) || name.endsWith(CaseVariables.STEP_FINDINGS_SUFFIX)) {
        summary.put(name, value);
      }
    });
    try {
      execution.setVariable(CaseVariables.CASE_RESULT, json.writeValueAsString(summary));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
