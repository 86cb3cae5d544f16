package cn.shudi.governance;

import static cn.shudi.governance.GovernanceProcess.AGREE;
import static cn.shudi.governance.GovernanceProcess.APPROVE;
import static cn.shudi.governance.GovernanceProcess.LAWFUL;
import static cn.shudi.governance.GovernanceProcess.NO_OPINION;
import static cn.shudi.governance.GovernanceProcess.OBJECT;
import static cn.shudi.governance.GovernanceProcess.REJECT;
import static cn.shudi.governance.GovernanceProcess.UNLAWFUL;
import static cn.shudi.governance.GovernanceProcess.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

import cn.shudi.catalog.Item;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.organization.Unit;

/**
 * The business of the governance processes ({@link AdmissionProcess}, {@link AdjustmentProcess}), in typed values:
 * what {@link Governance}, the thin adapter the models call, hands over and writes back.
 * <ul>
 * <li>{@link #open}: checks the proposal against the list in force — a proposal the list would reject (unknown
 * unit, bad step line, step longer than the item's limit …) is refused with every problem and nothing is stored —
 * and names the groups, the consulted townships and the summary the forms show;</li>
 * <li>{@link #townshipGroups}: the collection of the written consultation (one task per township);</li>
 * <li>{@link #recordOpinion}, {@link #checkLegality}, {@link #checkDecision}: who said what;</li>
 * <li>{@link #closeConsultation}: a township that has not answered by the deadline is recorded as
 * 逾期未反馈视为无意见, and the opinions are summed up for the reviewers;</li>
 * <li>{@link #apply}: the approved proposal becomes the new version of the list with its blueprint
 * ({@link ListGovernance#approve}), or the office learns why not.</li>
 * </ul>
 */
@Component
class GovernanceCases {

  static final String JUSTICE_UNIT = "justice";

  private static final Set<String> OPINIONS = Set.of(AGREE, NO_OPINION, OBJECT);
  private static final Map<String, String> OPINION_LABELS = Map.of(AGREE, "同意", NO_OPINION, "无意见", OBJECT, "有异议",
      Consultations.SILENT, "逾期未反馈，视为无意见");

  /** Who acts: the logged-in user and their groups (empty when the engine runs without a login). */
  record Caller(Optional<String> user, List<String> groups) {
  }

  /**
   * What a case starts with.
   *
   * @param itemCode the item adjusted; null for an admission (its code is known when the list is updated)
   * @param consultedTownships the townships' groups, separated by commas
   */
  record Opening(String jurisdiction, String governanceType, String proposedBy, String proposerGroup,
      String justiceGroup, String bianbanGroup, String consultedTownships, int baseVersion, String itemCode,
      String itemName, String proposalSummary) {
  }

  /** The consultation summed up. */
  record ConsultationResult(String summary, long objections, long silent) {
  }

  /**
   * What an approval did: the list updated ({@code version} set) or the problems that kept it as it was.
   *
   * @param errors the problems as the office reads them; empty when the list was updated
   */
  record Applied(boolean listUpdated, String errors, String itemCode, String itemName, Integer catalogVersion,
      String catalogVersionLabel, String blueprintDeployment, String versionDiff) {
  }

  private final Organization organization;
  private final ListGovernance lists;
  private final Consultations consultations;

  GovernanceCases(Organization organization, ListGovernance lists, Consultations consultations) {
    this.organization = organization;
    this.lists = lists;
    this.consultations = consultations;
  }

  /** The county a case runs in: its tenant. */
  Jurisdiction jurisdiction(String tenant, String processDefinitionId) {
    return (tenant == null ? Optional.<Jurisdiction>empty() : organization.find(tenant))
        .orElseThrow(() -> new NotValidException(
            "流程「" + processDefinitionId + "」未部署在任何辖区（租户）下，不能调整清单"));
  }

  // --- start -------------------------------------------------------------------------------------

  Opening open(Jurisdiction jurisdiction, Proposal proposal, Caller caller) {
    boolean admission = proposal.admission();
    Amendment.Result checked = lists.check(jurisdiction, proposal);
    String what = admission ? "准入申请" : "调整申请";
    if (!checked.valid()) {
      throw new NotValidException(what + "未通过清单校验，未提交（共 " + checked.problems().size() + " 处）：\n"
          + numbered(checked.problems()));
    }
    Optional<Unit> proposer = proposerUnit(jurisdiction, caller);
    Item item = checked.item();
    String summary = admission ? admissionSummary(item, proposal, proposer, jurisdiction)
        : adjustmentSummary(lists.inForce(jurisdiction.code()).item(item.code()).orElseThrow(), item, proposal,
            proposer, jurisdiction);
    return new Opening(jurisdiction.code(), admission ? CatalogVersion.ADMISSION : CatalogVersion.ADJUSTMENT,
        caller.user().orElse(null), proposer.map(Unit::groupId).orElse(null), justice(jurisdiction).groupId(),
        jurisdiction.establishmentOffice().groupId(),
        jurisdiction.townships().stream().map(Unit::groupId).collect(Collectors.joining(",")),
        lists.servedVersion(jurisdiction.code()), admission ? null : item.code(), item.name(),
        fit(summary, "开始表单中的各项内容"));
  }

  // --- written consultation of the townships -------------------------------------------------------

  /**
   * One element per township consulted: the collection of the multi-instance task.
   *
   * @param consulted the groups fixed when the case started, separated by commas; empty: every township
   */
  List<String> townshipGroups(Jurisdiction jurisdiction, String consulted) {
    if (consulted.isEmpty()) {
      return jurisdiction.townships().stream().map(Unit::groupId).toList();
    }
    return Arrays.stream(consulted.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** Keeps one township's opinion on the case; an objection needs its reasons. */
  void recordOpinion(String caseId, Jurisdiction jurisdiction, String townshipGroup, String opinion, String comment,
      Caller caller) {
    if (!OPINIONS.contains(opinion)) {
      throw new NotValidException("请选择意见：同意（agree）、无意见（no_opinion）或有异议（object），收到「" + opinion + "」");
    }
    if (opinion.equals(OBJECT) && comment.isEmpty()) {
      throw new NotValidException("有异议的，请在「意见说明」中写明理由");
    }
    consultations.record(new Consultations.Opinion(caseId, jurisdiction.code(), townshipGroup, opinion,
        comment.isEmpty() ? null : cut(comment, 2000), caller.user().orElse(null), jurisdiction.now()));
  }

  /** Records the silence of every township that has not answered, then sums the opinions up. */
  ConsultationResult closeConsultation(String caseId, Jurisdiction jurisdiction, List<String> townshipGroups) {
    Set<String> answered = consultations.of(caseId).stream().map(Consultations.Opinion::townshipGroup)
        .collect(Collectors.toSet());
    for (String group : townshipGroups) {
      if (!answered.contains(group)) {
        consultations.record(new Consultations.Opinion(caseId, jurisdiction.code(), group, Consultations.SILENT,
            "逾期未反馈视为无意见", null, jurisdiction.now()));
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
    return new ConsultationResult(fit(summary.toString(), "表 shudi_governance_opinion"), count.apply(OBJECT),
        count.apply(Consultations.SILENT));
  }

  // --- review and decision -----------------------------------------------------------------------

  /** The justice bureau's conclusion must be one the gateway knows. */
  void checkLegality(String result) {
    if (!Set.of(LAWFUL, UNLAWFUL).contains(result)) {
      throw new NotValidException("请选择合法性审核结论：合法（lawful）或不合法（unlawful），收到「" + result + "」");
    }
  }

  /** The establishment office's decision must be one the gateway knows. */
  void checkDecision(String decision) {
    if (!Set.of(APPROVE, REJECT).contains(decision)) {
      throw new NotValidException("请选择审定结论：批准（approve）或不予批准（reject），收到「" + decision + "」");
    }
  }

  /**
   * The approved proposal becomes the list in force, with its blueprint; or the office learns why not.
   *
   * @param decidedBy who approved it; empty: the caller
   */
  Applied apply(Jurisdiction jurisdiction, Proposal proposal, String caseId, String decidedBy, Caller caller) {
    ListGovernance.Approval approval = lists.approve(jurisdiction, proposal, caseId,
        decidedBy.isEmpty() ? caller.user().orElse(null) : decidedBy);
    if (!approval.applied()) {
      return new Applied(false, fit("清单校验未通过，清单和施工图均未改变（共 " + approval.problems().size()
          + " 处）：\n" + numbered(approval.problems()), "流程历史"), null, null, null, null, null, null);
    }
    CatalogVersion version = approval.version();
    return new Applied(true, "", approval.item().code(), approval.item().name(), version.number(), version.label(),
        version.deploymentId(), fit(approval.diff().text(), "/api/governance/" + jurisdiction.code()
            + "/versions/" + (version.number() - 1) + "/diff/" + version.number()));
  }

  // --- helpers -----------------------------------------------------------------------------------

  static Unit justice(Jurisdiction jurisdiction) {
    return jurisdiction.unit(JUSTICE_UNIT)
        .or(() -> jurisdiction.departments().stream().filter(u -> u.name().contains("司法")).findFirst())
        .orElseThrow(() -> new NotValidException(jurisdiction.shortName() + "没有司法局（单位编码 " + JUSTICE_UNIT
            + "）：无法进行合法性审核"));
  }

  /** The proposer's unit: the first of the caller's groups that is a unit of the county. */
  private static Optional<Unit> proposerUnit(Jurisdiction jurisdiction, Caller caller) {
    for (String group : caller.groups()) {
      Optional<Unit> unit = jurisdiction.unitOfGroup(group);
      if (unit.isPresent()) {
        return unit;
      }
    }
    return Optional.empty();
  }

  private static String townshipName(Jurisdiction jurisdiction, String group) {
    return jurisdiction.unitOfGroup(group).map(Unit::shortName).orElse(group);
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
