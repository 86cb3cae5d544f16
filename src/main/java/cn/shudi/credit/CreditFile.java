package cn.shudi.credit;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.casework.StepOutcomes;
import cn.shudi.organization.Organization;
import cn.shudi.process.Variable;

/**
 * The enterprises' shared credit files (信用档案), keyed by the unified social credit code and kept in
 * {@code shudi_credit_entry} / {@code shudi_credit_contribution} (Flyway V2).
 *
 * <ul>
 * <li>One entry per case (process instance) and step (activity id): writing again — a retried job, a
 * second node, a second call — returns the entry already there (unique constraint, insert-or-return-existing,
 * see {@link CreditEntryStore}).</li>
 * <li>Append-only: nothing is updated or deleted. A correction is a new entry whose
 * {@link Entry#correctsEntryId()} names the entry it corrects ({@link #correct}).</li>
 * <li>An entry holds the joint result — inspection, findings, rectification, result, hazard count — and the
 * contribution of each unit: which unit recorded what in which step, and who.</li>
 * <li>Codes are checked per GB 32100-2015 ({@link CreditCode}); a bad code is refused with the reason.</li>
 * </ul>
 *
 * BPMN: {@code ${creditFile.recordInspection(execution)}}; read access over HTTP: {@link CreditFileController}.
 */
@Component(ItemProcess.CREDIT_FILE)
public class CreditFile {

  /** Variable holding the id of the entry the case wrote. */
  public static final Variable<String> CREDIT_ENTRY_ID = Variable.string("creditEntryId");
  /** Variable explaining why a case wrote no entry (a subject without a credit code). */
  public static final Variable<String> CREDIT_FILE_NOTE = Variable.string("creditFileNote");
  static final String NO_CODE_NOTE = "监管对象没有统一社会信用代码（非企业对象），本案件不写入信用档案";

  private static final Logger LOG = LoggerFactory.getLogger(CreditFile.class);

  /**
   * One entry of an enterprise's file.
   *
   * @param jurisdiction the case's tenant; null only when the engine did not know the case (legacy
   *     {@link CreditFile#record(String, String, String, String)} with a foreign id)
   * @param townshipGroup the candidate group of the case's township
   * @param hazardCount the joint inspection's hazard count: the largest any unit reported
   * @param correctsEntryId the entry this one corrects, or null
   * @param recordedBy the logged-in user whose action wrote the entry; null when a job did
   */
  public record Entry(String id, String creditCode, String jurisdiction, String caseId, String stepId,
      String itemCode, String itemName, String subject, String townshipGroup, String inspection, String findings,
      String rectification, String result, Integer hazardCount, String correctsEntryId, String recordedBy,
      Instant recordedAt, List<Contribution> contributions) {

    public Entry {
      contributions = List.copyOf(contributions);
    }

    /** The entry as one readable text: inspection, findings, rectification and result. */
    public String content() {
      StringJoiner text = new StringJoiner("\n");
      label(text, "检查", inspection);
      label(text, "发现问题", findings);
      label(text, "整改", rectification);
      label(text, "结果", result);
      return text.toString();
    }

    public boolean isCorrection() {
      return correctsEntryId != null;
    }

    Entry withContributions(List<Contribution> all) {
      return new Entry(id, creditCode, jurisdiction, caseId, stepId, itemCode, itemName, subject, townshipGroup,
          inspection, findings, rectification, result, hazardCount, correctsEntryId, recordedBy, recordedAt, all);
    }

    private static void label(StringJoiner text, String label, String value) {
      if (value != null && !value.isBlank()) {
        text.add(label + "：" + value);
      }
    }
  }

  /**
   * What one unit recorded in one step of the case.
   *
   * @param unitGroup the unit's group (candidate group of the step), e.g. {@code zhangqiu_market}
   * @param hazardLevel {@code none} / {@code general} / {@code major} as the inspection form stores it
   * @param recordedBy who completed the step
   * @param recordedAt when the step was completed
   */
  public record Contribution(String stepId, String stepName, String unitGroup, String unitName, String findings,
      String result, Integer hazardCount, String hazardLevel, String rectification, String recordedBy,
      Instant recordedAt) {
  }

  /** What is written: the joint result and each unit's contribution (each step at most once). */
  public record Content(String inspection, String findings, String rectification, String result,
      Integer hazardCount, List<Contribution> contributions) {

    public Content {
      contributions = contributions == null ? List.of() : List.copyOf(contributions);
      Set<String> steps = new HashSet<>();
      for (Contribution c : contributions) {
        if (c.stepId() == null || !steps.add(c.stepId())) {
          throw new IllegalArgumentException("每个环节只能有一条单位记录，环节「" + c.stepId() + "」重复或为空");
        }
      }
    }

    /** Free text without structure: kept as the result. */
    public static Content text(String text) {
      return new Content(null, null, null, text, null, List.of());
    }
  }

  /**
   * Where an entry comes from: the case (process instance id) and step (activity id), and the case's facts.
   *
   * @param jurisdiction the case's tenant
   * @param townshipGroup candidate group of the case's township ({@code townshipGroup} variable)
   */
  public record CaseStep(String jurisdiction, String caseId, String stepId, String itemCode, String itemName,
      String subject, String townshipGroup) {

    public CaseStep {
      if (caseId == null || caseId.isBlank() || stepId == null || stepId.isBlank()) {
        throw new IllegalArgumentException("信用档案记录须注明来源案件和环节（caseId、stepId）");
      }
    }
  }

  private final CreditEntryStore store;
  private final StepOutcomes outcomes;
  private final HistoryService history;
  private final IdentityService identity;

  CreditFile(JdbcClient jdbc, PlatformTransactionManager transactions, Organization organization,
      StepOutcomes outcomes, @Lazy HistoryService history, @Lazy IdentityService identity) {
    this.store = new CreditEntryStore(jdbc, transactions, organization);
    this.outcomes = outcomes;
    this.history = history;
    this.identity = identity;
  }

  /**
   * Records free text for a case step; idempotent on (case, step). The case's jurisdiction, item, subject
   * and township are read from the engine's history; a case the engine does not know gives an entry without
   * jurisdiction, which only administrators see.
   *
   * @throws InvalidCreditCodeException when the code is not valid (the message says why)
   */
  public Entry record(String creditCode, String caseId, String stepId, String content) {
    CreditCode code = CreditCode.parse(creditCode);
    return record(code.value(), caseStepOf(caseId, stepId), Content.text(content));
  }

  /**
   * Records one entry; idempotent on (case, step): when the step already wrote an entry, that entry is
   * returned and nothing is written.
   *
   * @throws InvalidCreditCodeException when the code is not valid (the message says why)
   */
  public Entry record(String creditCode, CaseStep step, Content content) {
    CreditCode code = CreditCode.parse(creditCode);
    Entry entry = store.insertOrGet(code.value(), step, content, null, currentUser(), now());
    if (!entry.creditCode().equals(code.value())) {
      LOG.warn("案件 {} 环节 {} 已按统一社会信用代码 {} 写入信用档案，本次的 {} 未写入", step.caseId(), step.stepId(),
          entry.creditCode(), code.value());
    }
    return entry;
  }

  /**
   * Corrects an entry: a new entry in the same file (same code, jurisdiction, item, subject and township)
   * that points to the corrected one; the corrected entry stays as it was. Idempotent on (case, step) of
   * the correction — the case and step where the correction was decided (for a correction outside any
   * process, a unique reference such as the correction notice's number as {@code caseId}).
   *
   * @throws IllegalArgumentException when the entry does not exist, or (case, step) already wrote another entry
   */
  public Entry correct(String correctedEntryId, String caseId, String stepId, Content content) {
    Entry corrected = store.byId(correctedEntryId)
        .orElseThrow(() -> new IllegalArgumentException("要更正的信用档案记录「" + correctedEntryId + "」不存在"));
    CaseStep step = new CaseStep(corrected.jurisdiction(), caseId, stepId, corrected.itemCode(), corrected.itemName(),
        corrected.subject(), corrected.townshipGroup());
    Entry entry = store.insertOrGet(corrected.creditCode(), step, content, corrected.id(), currentUser(), now());
    if (!corrected.id().equals(entry.correctsEntryId())) {
      throw new IllegalArgumentException("案件「" + caseId + "」环节「" + stepId + "」已写入另一条信用档案记录（"
          + entry.id() + "），不能再用作对「" + correctedEntryId + "」的更正");
    }
    return entry;
  }

  /**
   * The whole file of an enterprise, oldest entry first, corrections included (each names what it corrects).
   * Lenient: a code that is not valid has no entries (nothing is ever recorded under one), so the list is
   * empty; callers that must tell a bad code apart use {@link CreditCode#parse(String)}.
   */
  public List<Entry> entriesOf(String creditCode) {
    String code = CreditCode.normalize(creditCode);
    if (CreditCode.problem(code) != null) {
      return List.of();
    }
    return store.byCreditCode(code);
  }

  public Optional<Entry> entry(String id) {
    return store.byId(id);
  }

  /** The time zone of the entry's county, in which it is shown. */
  java.time.ZoneId zone(Entry entry) {
    return store.zone(entry.jurisdiction());
  }

  /** Ids of the entries correcting each of the given entries (only those that have corrections). */
  public Map<String, List<String>> correctionsOf(List<String> entryIds) {
    return store.corrections(entryIds);
  }

  /**
   * BPMN: {@code ${creditFile.recordInspection(execution)}}, after the units' parallel steps: the adapter. Reads
   * the case's facts ({@code creditCode}, {@code caseSubject}, {@code itemCode}/{@code itemName},
   * {@code townshipGroup}) and the outcomes its steps recorded as they completed, seals them
   * ({@link #recordInspection(String, CaseStep)}) and sets {@code creditEntryId} or {@code creditFileNote}.
   */
  public void recordInspection(DelegateExecution execution) {
    CaseStep step = new CaseStep(execution.getTenantId(), execution.getProcessInstanceId(),
        execution.getCurrentActivityId(), ItemProcess.ITEM_CODE.get(execution), ItemProcess.ITEM_NAME.get(execution),
        ItemProcess.CASE_SUBJECT.get(execution), ItemProcess.TOWNSHIP_GROUP.get(execution));
    Optional<Entry> entry = recordInspection(ItemProcess.CREDIT_CODE.get(execution), step);
    if (entry.isPresent()) {
      CREDIT_ENTRY_ID.set(execution, entry.get().id());
    } else {
      CREDIT_FILE_NOTE.set(execution, NO_CODE_NOTE);
    }
  }

  /**
   * The joint result of a case entered once into the subject's credit file (一体录入), with each unit's
   * contribution, under the case and the step that seals it: what the case's steps recorded as they completed
   * (casework's {@link StepOutcomes}: which unit, who, when, the form's facts), nothing read from history.
   *
   * <p>Subjects without a credit code: many cases are about a place, a building or a person, not an
   * enterprise, and the start form makes the code optional. Such a case records nothing (empty result) — an
   * entry under the subject's name would be a credit file nobody can find by code and could merge two
   * enterprises of the same name — and the case goes on; {@code creditFileNote} says why for Cockpit and
   * the record. A code that is present but not valid is different: the subject is an enterprise whose file
   * must get the entry, so the step fails with the reason (as an async job: an incident in Cockpit; correct the
   * {@code creditCode} variable there and retry — nothing is written under a wrong code, nothing is lost).
   *
   * @throws NotValidException when the code is not valid (the message says why and what to do)
   */
  Optional<Entry> recordInspection(String rawCode, CaseStep step) {
    if (rawCode == null || rawCode.isBlank()) {
      LOG.info("案件 {} 无统一社会信用代码，不写入信用档案", step.caseId());
      return Optional.empty();
    }
    CreditCode code;
    try {
      code = CreditCode.parse(rawCode);
    } catch (InvalidCreditCodeException e) {
      throw new NotValidException("不能写入信用档案：" + e.getMessage()
          + "。请核对监管对象的统一社会信用代码，在 Cockpit 中更正流程变量 " + ItemProcess.CREDIT_CODE.name() + " 后重试。");
    }
    Content content = JointInspection.of(new JointInspection.Case(step.itemCode(), step.itemName(), step.subject(),
        outcomes.ofCase(step.caseId())));
    return Optional.of(record(code.value(), step, content));
  }

  private CaseStep caseStepOf(String caseId, String stepId) {
    return withoutAuthorization(() -> {
      HistoricProcessInstance process = caseId == null ? null
          : history.createHistoricProcessInstanceQuery().processInstanceId(caseId).singleResult();
      if (process == null) {
        return new CaseStep(null, caseId, stepId, null, null, null, null);
      }
      Map<String, Object> facts = new java.util.HashMap<>();
      for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().processInstanceIdIn(caseId)
          .variableNameIn(ItemProcess.ITEM_CODE.name(), ItemProcess.ITEM_NAME.name(), ItemProcess.CASE_SUBJECT.name(),
              ItemProcess.TOWNSHIP_GROUP.name()).list()) {
        if (v.getValue() != null) {
          facts.put(v.getName(), v.getValue());
        }
      }
      return new CaseStep(process.getTenantId(), caseId, stepId, ItemProcess.ITEM_CODE.from(facts),
          ItemProcess.ITEM_NAME.from(facts), ItemProcess.CASE_SUBJECT.from(facts), ItemProcess.TOWNSHIP_GROUP.from(facts));
    });
  }

  private String currentUser() {
    Authentication authentication = identity.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  private static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  /**
   * History is read as the platform, not as the user whose action runs the step: a township's staff member
   * completing the last task may not read the department's history, but the entry must name every unit.
   */
  static <T> T withoutAuthorization(java.util.concurrent.Callable<T> read) {
    CommandContext context = Context.getCommandContext();
    try {
      return context == null ? read.call() : context.runWithoutAuthorization(read);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
