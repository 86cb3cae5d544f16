package cn.shudi.governance;

import static cn.shudi.governance.GovernanceVariables.AGREE;
import static cn.shudi.governance.GovernanceVariables.APPLY_ERRORS;
import static cn.shudi.governance.GovernanceVariables.APPROVE;
import static cn.shudi.governance.GovernanceVariables.BASE_VERSION;
import static cn.shudi.governance.GovernanceVariables.BIANBAN_GROUP;
import static cn.shudi.governance.GovernanceVariables.BLUEPRINT_DEPLOYMENT;
import static cn.shudi.governance.GovernanceVariables.CATALOG_VERSION;
import static cn.shudi.governance.GovernanceVariables.CATALOG_VERSION_LABEL;
import static cn.shudi.governance.GovernanceVariables.CONSULTATION_SUMMARY;
import static cn.shudi.governance.GovernanceVariables.CONSULTED_TOWNSHIPS;
import static cn.shudi.governance.GovernanceVariables.DECIDED_BY;
import static cn.shudi.governance.GovernanceVariables.DECISION;
import static cn.shudi.governance.GovernanceVariables.GOVERNANCE_TYPE;
import static cn.shudi.governance.GovernanceVariables.ITEM_CODE;
import static cn.shudi.governance.GovernanceVariables.ITEM_NAME;
import static cn.shudi.governance.GovernanceVariables.JURISDICTION;
import static cn.shudi.governance.GovernanceVariables.JUSTICE_GROUP;
import static cn.shudi.governance.GovernanceVariables.LAWFUL;
import static cn.shudi.governance.GovernanceVariables.LEGALITY_RESULT;
import static cn.shudi.governance.GovernanceVariables.LEGALITY_REVIEWED_BY;
import static cn.shudi.governance.GovernanceVariables.LIST_UPDATED;
import static cn.shudi.governance.GovernanceVariables.NO_OPINION;
import static cn.shudi.governance.GovernanceVariables.OBJECT;
import static cn.shudi.governance.GovernanceVariables.PROPOSAL_SUMMARY;
import static cn.shudi.governance.GovernanceVariables.PROPOSED_BY;
import static cn.shudi.governance.GovernanceVariables.PROPOSER_GROUP;
import static cn.shudi.governance.GovernanceVariables.REJECT;
import static cn.shudi.governance.GovernanceVariables.SILENT_TOWNSHIPS;
import static cn.shudi.governance.GovernanceVariables.TOWNSHIP_COMMENT;
import static cn.shudi.governance.GovernanceVariables.TOWNSHIP_GROUP;
import static cn.shudi.governance.GovernanceVariables.TOWNSHIP_OBJECTIONS;
import static cn.shudi.governance.GovernanceVariables.TOWNSHIP_OPINION;
import static cn.shudi.governance.GovernanceVariables.UNLAWFUL;
import static cn.shudi.governance.GovernanceVariables.VERSION_DIFF;
import static cn.shudi.governance.GovernanceVariables.fit;
import static cn.shudi.governance.GovernanceVariables.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * What the governance processes ({@code shared_admission} 新增事项准入, {@code shared_adjustment} 清单动态调整)
 * call by expression ({@code ${governance.…}}):
 * <ul>
 * <li>{@code open(execution)}, start listener: checks the proposal against the list in force — a proposal the
 * list would reject (unknown unit, bad step line, step longer than the item's limit …) is refused with every
 * problem and nothing is stored — and sets the groups, the consulted townships and the summary the forms show;</li>
 * <li>{@code townshipGroups(execution)}: the collection of the written consultation (one task per township);</li>
 * <li>{@code recordOpinion(task)}, {@code recordLegality(task)}, {@code recordDecision(task)}: complete listeners
 * that keep who said what;</li>
 * <li>{@code closeConsultation(execution)}: a township that has not answered by the deadline is recorded as
 * 逾期未反馈视为无意见, and the opinions are summed up for the reviewers;</li>
 * <li>{@code apply(execution)}: the approved proposal becomes the new version of the list with its blueprint
 * ({@link ListGovernance#approve}); when the list no longer accepts it, {@code listUpdated} is false and
 * {@code applyErrors} tells the office why.</li>
 * </ul>
 */
@Component("governance")
public class Governance {

  static final String ADMISSION_KEY = "shared_admission";
  static final String ADJUSTMENT_KEY = "shared_adjustment";
  static final String JUSTICE_UNIT = "justice";

  private static final Set<String> OPINIONS = Set.of(AGREE, NO_OPINION, OBJECT);
  private static final Map<String, String> OPINION_LABELS = Map.of(AGREE, "同意", NO_OPINION, "无意见", OBJECT, "有异议",
      Consultations.SILENT, "逾期未反馈，视为无意见");

  private final Organization organization;
  private final ListGovernance lists;
  private final Consultations consultations;
  private final IdentityService identity;

  Governance(Organization organization, ListGovernance lists, Consultations consultations, ProcessEngine engine) {
    this.organization = organization;
    this.lists = lists;
    this.consultations = consultations;
    this.identity = engine.getIdentityService();
  }

  // --- start -------------------------------------------------------------------------------------

  public void open(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    boolean admission = isAdmission(execution);
    Proposal proposal = Proposal.read(execution, admission);
    Amendment.Result checked = lists.check(jurisdiction, proposal);
    String what = admission ? "准入申请" : "调整申请";
    if (!checked.valid()) {
      throw new NotValidException(what + "未通过清单校验，未提交（共 " + checked.problems().size() + " 处）：\n"
          + numbered(checked.problems()));
    }
    Optional<Unit> proposer = proposerUnit(jurisdiction);
    execution.setVariable(JURISDICTION, jurisdiction.code());
    execution.setVariable(GOVERNANCE_TYPE, admission ? CatalogVersion.ADMISSION : CatalogVersion.ADJUSTMENT);
    execution.setVariable(PROPOSED_BY, user().orElse(null));
    execution.setVariable(PROPOSER_GROUP, proposer.map(Unit::groupId).orElse(null));
    execution.setVariable(JUSTICE_GROUP, justice(jurisdiction).groupId());
    execution.setVariable(BIANBAN_GROUP, jurisdiction.establishmentOffice().groupId());
    execution.setVariable(CONSULTED_TOWNSHIPS,
        jurisdiction.townships().stream().map(Unit::groupId).collect(Collectors.joining(",")));
    execution.setVariable(BASE_VERSION, lists.servedVersion(jurisdiction.code()));
    Item item = checked.item();
    if (!admission) {
      execution.setVariable(ITEM_CODE, item.code());
    }
    execution.setVariable(ITEM_NAME, item.name());
    String summary = admission ? admissionSummary(item, proposal, proposer, jurisdiction)
        : adjustmentSummary(lists.inForce(jurisdiction.code()).item(item.code()).orElseThrow(), item, proposal,
            proposer, jurisdiction);
    execution.setVariable(PROPOSAL_SUMMARY, fit(summary, "开始表单中的各项内容"));
  }

  // --- written consultation of the townships -------------------------------------------------------

  /** One element per township consulted: the collection of the multi-instance task. */
  public List<String> townshipGroups(DelegateExecution execution) {
    String consulted = text(execution, CONSULTED_TOWNSHIPS);
    if (consulted.isEmpty()) {
      return jurisdiction(execution).townships().stream().map(Unit::groupId).toList();
    }
    return Arrays.stream(consulted.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public void recordOpinion(DelegateTask task) {
    String opinion = text(task, TOWNSHIP_OPINION);
    String comment = text(task, TOWNSHIP_COMMENT);
    if (!OPINIONS.contains(opinion)) {
      throw new NotValidException("请选择意见：同意（agree）、无意见（no_opinion）或有异议（object），收到「" + opinion + "」");
    }
    if (opinion.equals(OBJECT) && comment.isEmpty()) {
      throw new NotValidException("有异议的，请在「意见说明」中写明理由");
    }
    String group = text(task, TOWNSHIP_GROUP);
    consultations.record(new Consultations.Opinion(task.getProcessInstanceId(), task.getTenantId(), group, opinion,
        comment.isEmpty() ? null : cut(comment, 2000), user().orElse(null), ListGovernance.now()));
  }

  /** Records the silence of every township that has not answered, then sums the opinions up. */
  public void closeConsultation(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    String caseId = execution.getProcessInstanceId();
    Set<String> answered = consultations.of(caseId).stream().map(Consultations.Opinion::townshipGroup)
        .collect(Collectors.toSet());
    for (String group : townshipGroups(execution)) {
      if (!answered.contains(group)) {
        consultations.record(new Consultations.Opinion(caseId, jurisdiction.code(), group, Consultations.SILENT,
            "逾期未反馈视为无意见", null, ListGovernance.now()));
      }
    }
    List<Consultations.Opinion> opinions = consultations.of(caseId);
    Map<String, Long> counts = opinions.stream()
        .collect(Collectors.groupingBy(Consultations.Opinion::opinion, Collectors.counting()));
    Function<String, Long> count = o -> counts.getOrDefault(o, 0L);
    StringBuilder summary = new StringBuilder();
    summary.append("书面征求 ").append(opinions.size()).append(" 个镇街意见：同意 ").append(count.apply(AGREE))
        .append("，无意见 ").append(count.apply(NO_OPINION) + count.apply(Consultations.SILENT))
        .append("（其中逾期未反馈视为无意见 ").append(count.apply(Consultations.SILENT)).append("），有异议 ")
        .append(count.apply(OBJECT)).append("。\n");
    for (Consultations.Opinion o : opinions) {
      if (!o.opinion().equals(Consultations.SILENT) && o.comment() != null) {
        summary.append(townshipName(jurisdiction, o.townshipGroup())).append("（").append(OPINION_LABELS.get(o.opinion()))
            .append("）：").append(o.comment()).append('\n');
      }
    }
    List<String> silent = opinions.stream().filter(o -> o.opinion().equals(Consultations.SILENT))
        .map(o -> townshipName(jurisdiction, o.townshipGroup())).toList();
    if (!silent.isEmpty()) {
      summary.append("逾期未反馈（视为无意见）：").append(String.join("、", silent)).append('\n');
    }
    execution.setVariable(CONSULTATION_SUMMARY, fit(summary.toString(), "表 shudi_governance_opinion"));
    execution.setVariable(TOWNSHIP_OBJECTIONS, count.apply(OBJECT));
    execution.setVariable(SILENT_TOWNSHIPS, count.apply(Consultations.SILENT));
  }

  // --- review and decision -----------------------------------------------------------------------

  public void recordLegality(DelegateTask task) {
    String result = text(task, LEGALITY_RESULT);
    if (!Set.of(LAWFUL, UNLAWFUL).contains(result)) {
      throw new NotValidException("请选择合法性审核结论：合法（lawful）或不合法（unlawful），收到「" + result + "」");
    }
    processInstance(task).setVariable(LEGALITY_REVIEWED_BY, user().orElse(null));
  }

  public void recordDecision(DelegateTask task) {
    String decision = text(task, DECISION);
    if (!Set.of(APPROVE, REJECT).contains(decision)) {
      throw new NotValidException("请选择审定结论：批准（approve）或不予批准（reject），收到「" + decision + "」");
    }
    processInstance(task).setVariable(DECIDED_BY, user().orElse(null));
  }

  /** The approved proposal becomes the list in force, with its blueprint; or the office learns why not. */
  public void apply(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    Proposal proposal = Proposal.read(execution, isAdmission(execution));
    String decidedBy = text(execution, DECIDED_BY);
    ListGovernance.Approval approval = lists.approve(jurisdiction, proposal, execution.getProcessInstanceId(),
        decidedBy.isEmpty() ? user().orElse(null) : decidedBy);
    if (!approval.applied()) {
      execution.setVariable(LIST_UPDATED, false);
      execution.setVariable(APPLY_ERRORS, fit("清单校验未通过，清单和施工图均未改变（共 " + approval.problems().size()
          + " 处）：\n" + numbered(approval.problems()), "流程历史"));
      return;
    }
    CatalogVersion version = approval.version();
    execution.setVariable(LIST_UPDATED, true);
    execution.setVariable(APPLY_ERRORS, "");
    execution.setVariable(ITEM_CODE, approval.item().code());
    execution.setVariable(ITEM_NAME, approval.item().name());
    execution.setVariable(CATALOG_VERSION, version.number());
    execution.setVariable(CATALOG_VERSION_LABEL, version.label());
    execution.setVariable(BLUEPRINT_DEPLOYMENT, version.deploymentId());
    execution.setVariable(VERSION_DIFF, fit(approval.diff().text(), "/api/governance/" + jurisdiction.code()
        + "/versions/" + (version.number() - 1) + "/diff/" + version.number()));
  }

  // --- helpers -----------------------------------------------------------------------------------

  private Jurisdiction jurisdiction(DelegateExecution execution) {
    String tenant = execution.getTenantId();
    return (tenant == null ? Optional.<Jurisdiction>empty() : organization.find(tenant))
        .orElseThrow(() -> new NotValidException(
            "流程「" + execution.getProcessDefinitionId() + "」未部署在任何辖区（租户）下，不能调整清单"));
  }

  private static boolean isAdmission(DelegateExecution execution) {
    String key = ((ExecutionEntity) execution).getProcessDefinition().getKey();
    return !ADJUSTMENT_KEY.equals(key);
  }

  static Unit justice(Jurisdiction jurisdiction) {
    return jurisdiction.unit(JUSTICE_UNIT)
        .or(() -> jurisdiction.departments().stream().filter(u -> u.name().contains("司法")).findFirst())
        .orElseThrow(() -> new NotValidException(jurisdiction.shortName() + "没有司法局（单位编码 " + JUSTICE_UNIT
            + "）：无法进行合法性审核"));
  }

  private Optional<String> user() {
    Authentication authentication = identity.getCurrentAuthentication();
    return Optional.ofNullable(authentication).map(Authentication::getUserId);
  }

  /** The proposer's unit: the first of the user's groups that is a unit of the county. */
  private Optional<Unit> proposerUnit(Jurisdiction jurisdiction) {
    Authentication authentication = identity.getCurrentAuthentication();
    if (authentication == null || authentication.getGroupIds() == null) {
      return Optional.empty();
    }
    for (String group : authentication.getGroupIds()) {
      Optional<Unit> unit = jurisdiction.units().stream().filter(u -> u.groupId().equals(group)).findFirst();
      if (unit.isPresent()) {
        return unit;
      }
    }
    return Optional.empty();
  }

  private static String townshipName(Jurisdiction jurisdiction, String group) {
    return jurisdiction.units().stream().filter(u -> u.groupId().equals(group)).map(Unit::shortName).findFirst()
        .orElse(group);
  }

  private static VariableScope processInstance(DelegateTask task) {
    return task.getExecution().getProcessInstance();
  }

  private static String admissionSummary(Item item, Proposal proposal, Optional<Unit> proposer, Jurisdiction j) {
    StringBuilder s = new StringBuilder();
    s.append("申请类型：新增事项准入（").append(j.shortName()).append("）\n");
    s.append("提出单位：").append(proposer.map(Unit::shortName).orElse("（未知）")).append('\n');
    s.append("事项名称：").append(item.name()).append('\n');
    s.append("领域：").append(item.domain()).append('\n');
    s.append("主体责任单位：").append(item.primary().party().name()).append('\n');
    s.append("主体责任：\n").append(indent(CatalogRows.primaryDuties(item)));
    String cooperating = CatalogRows.cooperatingUnits(item);
    s.append("配合责任单位：").append(cooperating.isEmpty() ? "（无）" : cooperating).append('\n');
    if (!cooperating.isEmpty()) {
      s.append("配合责任：\n").append(indent(CatalogRows.cooperatingDuties(item)));
    }
    s.append("依据：").append(item.legalBasis()).append('\n');
    s.append("办结时限：").append(item.timeLimit().label()).append("；呼叫响应时限：").append(item.callResponseTime().label())
        .append('\n');
    s.append("理由：").append(proposal.reasons()).append('\n');
    return s.toString();
  }

  private static String adjustmentSummary(Item before, Item adjusted, Proposal proposal, Optional<Unit> proposer,
      Jurisdiction j) {
    StringBuilder s = new StringBuilder();
    s.append("申请类型：清单动态调整（").append(j.shortName()).append("）\n");
    s.append("提出单位：").append(proposer.map(Unit::shortName).orElse("（未知）")).append('\n');
    s.append("事项：").append(adjusted.code()).append(' ').append(adjusted.name()).append('\n');
    s.append("调整内容：\n");
    s.append(indent(String.join("\n", changes(before, adjusted))));
    s.append("理由：").append(proposal.reasons()).append('\n');
    return s.toString();
  }

  /** The adjusted item against the same item in the list in force, one line per change. */
  private static List<String> changes(Item before, Item adjusted) {
    List<String> lines = new ArrayList<>();
    for (VersionDiff.FieldChange change : VersionDiff.changes(before, adjusted)) {
      if (change.field().equals("steps")) {
        lines.add(change.label() + "：");
        change.removed().forEach(l -> lines.add("  - " + l));
        change.added().forEach(l -> lines.add("  + " + l));
      } else {
        lines.add(change.label() + "：" + (change.before().isEmpty() ? "（无）" : change.before()) + " → "
            + (change.after().isEmpty() ? "（无）" : change.after()));
      }
    }
    return lines;
  }

  private static String indent(String lines) {
    if (lines.isEmpty()) {
      return "";
    }
    return Arrays.stream(lines.split("\n")).map(l -> "  " + l).collect(Collectors.joining("\n")) + "\n";
  }

  private static String numbered(List<String> problems) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < problems.size(); i++) {
      lines.add((i + 1) + ". " + problems.get(i));
    }
    return String.join("\n", lines);
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
