package cn.shudi.governance;

import static cn.shudi.governance.GovernanceProcess.APPLY_ERRORS;
import static cn.shudi.governance.GovernanceProcess.BASE_VERSION;
import static cn.shudi.governance.GovernanceProcess.BIANBAN_GROUP;
import static cn.shudi.governance.GovernanceProcess.BLUEPRINT_DEPLOYMENT;
import static cn.shudi.governance.GovernanceProcess.CALL_RESPONSE_TIME;
import static cn.shudi.governance.GovernanceProcess.CATALOG_VERSION;
import static cn.shudi.governance.GovernanceProcess.CATALOG_VERSION_LABEL;
import static cn.shudi.governance.GovernanceProcess.CONSULTATION_SUMMARY;
import static cn.shudi.governance.GovernanceProcess.CONSULTED_TOWNSHIPS;
import static cn.shudi.governance.GovernanceProcess.COOPERATING_DUTIES;
import static cn.shudi.governance.GovernanceProcess.COOPERATING_UNITS;
import static cn.shudi.governance.GovernanceProcess.DECIDED_BY;
import static cn.shudi.governance.GovernanceProcess.DECISION;
import static cn.shudi.governance.GovernanceProcess.DOMAIN;
import static cn.shudi.governance.GovernanceProcess.GOVERNANCE_TYPE;
import static cn.shudi.governance.GovernanceProcess.ITEM_CODE;
import static cn.shudi.governance.GovernanceProcess.ITEM_NAME;
import static cn.shudi.governance.GovernanceProcess.JURISDICTION;
import static cn.shudi.governance.GovernanceProcess.JUSTICE_GROUP;
import static cn.shudi.governance.GovernanceProcess.LEGALITY_RESULT;
import static cn.shudi.governance.GovernanceProcess.LEGALITY_REVIEWED_BY;
import static cn.shudi.governance.GovernanceProcess.LEGAL_BASIS;
import static cn.shudi.governance.GovernanceProcess.LIST_UPDATED;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_DUTIES;
import static cn.shudi.governance.GovernanceProcess.PRIMARY_UNIT;
import static cn.shudi.governance.GovernanceProcess.PROPOSAL_SUMMARY;
import static cn.shudi.governance.GovernanceProcess.PROPOSED_BY;
import static cn.shudi.governance.GovernanceProcess.PROPOSER_GROUP;
import static cn.shudi.governance.GovernanceProcess.REASONS;
import static cn.shudi.governance.GovernanceProcess.SILENT_TOWNSHIPS;
import static cn.shudi.governance.GovernanceProcess.TIME_LIMIT;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_COMMENT;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_GROUP;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_OBJECTIONS;
import static cn.shudi.governance.GovernanceProcess.TOWNSHIP_OPINION;
import static cn.shudi.governance.GovernanceProcess.VERSION_DIFF;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import cn.shudi.organization.Jurisdiction;
import cn.shudi.process.Variable;

/**
 * The thin adapter the governance models call by expression ({@code ${governance.…}}, bean
 * {@value GovernanceProcess#BEAN}; the methods are on the expression allow-list): it reads the typed variables
 * ({@link GovernanceProcess}), calls the business method of {@link GovernanceCases} and writes the results back.
 * <ul>
 * <li>{@code open(execution)}: start listener;</li>
 * <li>{@code townshipGroups(execution)}: the collection of the written consultation;</li>
 * <li>{@code recordOpinion(task)}, {@code recordLegality(task)}, {@code recordDecision(task)}: complete
 * listeners;</li>
 * <li>{@code closeConsultation(execution)}, {@code apply(execution)}: service tasks.</li>
 * </ul>
 */
@Component(GovernanceProcess.BEAN)
public class Governance {

  private final GovernanceCases cases;
  private final IdentityService identity;

  Governance(GovernanceCases cases, ProcessEngine engine) {
    this.cases = cases;
    this.identity = engine.getIdentityService();
  }

  public void open(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    GovernanceCases.Opening opening = cases.open(jurisdiction, proposal(execution), caller());
    JURISDICTION.set(execution, opening.jurisdiction());
    GOVERNANCE_TYPE.set(execution, opening.governanceType());
    PROPOSED_BY.set(execution, opening.proposedBy());
    PROPOSER_GROUP.set(execution, opening.proposerGroup());
    JUSTICE_GROUP.set(execution, opening.justiceGroup());
    BIANBAN_GROUP.set(execution, opening.bianbanGroup());
    CONSULTED_TOWNSHIPS.set(execution, opening.consultedTownships());
    BASE_VERSION.set(execution, opening.baseVersion());
    if (opening.itemCode() != null) {
      ITEM_CODE.set(execution, opening.itemCode());
    }
    ITEM_NAME.set(execution, opening.itemName());
    PROPOSAL_SUMMARY.set(execution, opening.proposalSummary());
  }

  public List<String> townshipGroups(DelegateExecution execution) {
    return cases.townshipGroups(jurisdiction(execution), text(execution, CONSULTED_TOWNSHIPS));
  }

  public void recordOpinion(DelegateTask task) {
    cases.recordOpinion(task.getProcessInstanceId(), jurisdiction(task.getExecution()), text(task, TOWNSHIP_GROUP),
        text(task, TOWNSHIP_OPINION), text(task, TOWNSHIP_COMMENT), caller());
  }

  public void closeConsultation(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    GovernanceCases.ConsultationResult result = cases.closeConsultation(execution.getProcessInstanceId(),
        jurisdiction, cases.townshipGroups(jurisdiction, text(execution, CONSULTED_TOWNSHIPS)));
    CONSULTATION_SUMMARY.set(execution, result.summary());
    TOWNSHIP_OBJECTIONS.set(execution, result.objections());
    SILENT_TOWNSHIPS.set(execution, result.silent());
  }

  public void recordLegality(DelegateTask task) {
    cases.checkLegality(text(task, LEGALITY_RESULT));
    LEGALITY_REVIEWED_BY.set(processInstance(task), caller().user().orElse(null));
  }

  public void recordDecision(DelegateTask task) {
    cases.checkDecision(text(task, DECISION));
    DECIDED_BY.set(processInstance(task), caller().user().orElse(null));
  }

  public void apply(DelegateExecution execution) {
    GovernanceCases.Applied applied = cases.apply(jurisdiction(execution), proposal(execution),
        execution.getProcessInstanceId(), text(execution, DECIDED_BY), caller());
    LIST_UPDATED.set(execution, applied.listUpdated());
    APPLY_ERRORS.set(execution, applied.errors());
    if (!applied.listUpdated()) {
      return;
    }
    ITEM_CODE.set(execution, applied.itemCode());
    ITEM_NAME.set(execution, applied.itemName());
    CATALOG_VERSION.set(execution, applied.catalogVersion());
    CATALOG_VERSION_LABEL.set(execution, applied.catalogVersionLabel());
    BLUEPRINT_DEPLOYMENT.set(execution, applied.blueprintDeployment());
    VERSION_DIFF.set(execution, applied.versionDiff());
  }

  // --- reading the case --------------------------------------------------------------------------

  /** The proposal as typed on the start form, of the kind the process's key says. */
  private static Proposal proposal(DelegateExecution execution) {
    String key = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    return Proposal.of(GovernanceProcess.Kind.of(key) == GovernanceProcess.Kind.ADMISSION, text(execution, ITEM_CODE), text(execution, ITEM_NAME),
        text(execution, DOMAIN), text(execution, PRIMARY_UNIT), text(execution, COOPERATING_UNITS),
        text(execution, PRIMARY_DUTIES), text(execution, COOPERATING_DUTIES), text(execution, LEGAL_BASIS),
        text(execution, TIME_LIMIT), text(execution, CALL_RESPONSE_TIME), text(execution, REASONS));
  }

  private Jurisdiction jurisdiction(DelegateExecution execution) {
    return cases.jurisdiction(execution.getTenantId(), execution.getProcessDefinitionId());
  }

  private GovernanceCases.Caller caller() {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null) {
      return new GovernanceCases.Caller(Optional.empty(), List.of());
    }
    return new GovernanceCases.Caller(Optional.ofNullable(authentication.getUserId()),
        authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds());
  }

  private static VariableScope processInstance(DelegateTask task) {
    return task.getExecution().getProcessInstance();
  }

  /** A text variable, stripped; empty when not set. */
  private static String text(VariableScope scope, Variable<String> variable) {
    return variable.find(scope).map(String::strip).orElse("");
  }
}
