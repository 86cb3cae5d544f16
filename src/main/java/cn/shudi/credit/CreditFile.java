package cn.shudi.credit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.shudi.casework.CaseVariables;

/**
 * The enterprises' shared credit files (信用档案), keyed by unified social credit code. A joint
 * inspection writes one entry per case and step: writing again (a retried job, a second node) returns
 * the entry already there. This in-memory store keeps the contract until the persistent store lands.
 */
@Component("creditFile")
public class CreditFile {

  /** Variable holding the id of the entry the case wrote. */
  public static final String CREDIT_ENTRY_ID = "creditEntryId";

  /** One entry of an enterprise's file. */
  public record Entry(String id, String creditCode, String caseId, String stepId, String content, Instant recordedAt) {
  }

  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** Idempotent on (case, step). */
  public Entry record(String creditCode, String caseId, String stepId, String content) {
    return entries.computeIfAbsent(caseId + "/" + stepId, key -> new Entry(UUID.randomUUID().toString(), creditCode,
        caseId, stepId, content, ClockUtil.getCurrentTime().toInstant()));
  }

  public List<Entry> entriesOf(String creditCode) {
    return entries.values().stream().filter(e -> e.creditCode().equals(creditCode))
        .sorted(Comparator.comparing(Entry::recordedAt)).toList();
  }

  /**
   * BPMN: {@code ${creditFile.recordInspection(execution)}} after the parallel inspections joined:
   * the merged findings of all units, written once into the subject's file.
   */
  public void recordInspection(DelegateExecution execution) {
    String creditCode = CaseVariables.creditCode(execution);
    String key = creditCode == null || creditCode.isBlank() ? "无代码:" + CaseVariables.caseSubject(execution) : creditCode;
    Map<String, Object> merged = new TreeMap<>();
    execution.getVariables().forEach((name, value) -> {
      if (name.endsWith(CaseVariables.STEP_FINDINGS_SUFFIX) || name.endsWith(CaseVariables.STEP_RESULT_SUFFIX)) {
        merged.put(name, value);
      }
    });
    Entry entry = record(key, execution.getProcessInstanceId(), execution.getCurrentActivityId(), merged.toString());
    execution.setVariable(CREDIT_ENTRY_ID, entry.id());
  }
}
