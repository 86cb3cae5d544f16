package cn.shudi.governance;

import java.util.Locale;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * The class of the two governance processes, {@code shared_admission} (新增事项准入: a department proposes a new
 * item) and {@code shared_adjustment} (清单动态调整: an item's units, duties, limits or basis change). They are one
 * model under two keys ({@link Kind}): townships are consulted in writing, the justice bureau reviews legality, the
 * establishment office decides, and an approval becomes a new version of the list with the item's blueprint. So
 * they share the steps ({@link Step}; an element's id is {@code <key>_<step>}, {@link Kind#element}), the variables
 * (forms use the same names as field keys), the option values and the bean ({@value #BEAN}, {@link Governance}).
 */
final class GovernanceProcess {

  /** The bean the models call ({@code ${governance.open(execution)}} …). */
  static final String BEAN = "governance";

  static final String ADMISSION_KEY = "shared_admission";
  static final String ADJUSTMENT_KEY = "shared_adjustment";

  /** The two processes. */
  enum Kind {
    ADMISSION(ADMISSION_KEY), ADJUSTMENT(ADJUSTMENT_KEY);

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    String key() {
      return key;
    }

    /** The step's element in this process. */
    Element element(Step step) {
      return new Element(this, step);
    }

    /** The process of a definition key; admission unless it is the adjustment's. */
    static Kind of(String key) {
      return ADJUSTMENT_KEY.equals(key) ? ADJUSTMENT : ADMISSION;
    }
  }

  /** The steps of both models. */
  enum Step {
    START, CONSULT, CONSULT_DEADLINE, SUMMARISE, LEGALITY, DECIDE, APPLY, ERRORS, END, REJECTED, UNLAWFUL,
    NOT_UPDATED
  }

  /** An element of one of the two models: id {@code <key>_<step>}, e.g. {@code shared_admission_consult}. */
  record Element(Kind kind, Step step) implements BpmnElement {
    @Override
    public String id() {
      return kind.key() + "_" + step.name().toLowerCase(Locale.ROOT);
    }
  }

  // the proposal (start forms admission-proposal / adjustment-proposal)
  /** Adjustment: the item to adjust ({@code ZQ054}). Admission: set when the list is updated (the new code). */
  static final Variable<String> ITEM_CODE = ItemProcess.ITEM_CODE;
  static final Variable<String> ITEM_NAME = ItemProcess.ITEM_NAME;
  static final Variable<String> DOMAIN = Variable.string("domain");
  static final Variable<String> PRIMARY_UNIT = Variable.string("primaryUnit");
  static final Variable<String> COOPERATING_UNITS = Variable.string("cooperatingUnits");
  static final Variable<String> PRIMARY_DUTIES = Variable.string("primaryDuties");
  static final Variable<String> COOPERATING_DUTIES = Variable.string("cooperatingDuties");
  static final Variable<String> LEGAL_BASIS = Variable.string("legalBasis");
  static final Variable<String> TIME_LIMIT = Variable.string("timeLimit");
  static final Variable<String> CALL_RESPONSE_TIME = Variable.string("callResponseTime");
  static final Variable<String> REASONS = Variable.string("reasons");

  // set when the case starts (governance.open)
  static final Variable<String> JURISDICTION = ItemProcess.JURISDICTION;
  /** {@code admission} or {@code adjustment}. */
  static final Variable<String> GOVERNANCE_TYPE = Variable.string("governanceType");
  static final Variable<String> PROPOSED_BY = Variable.string("proposedBy");
  static final Variable<String> PROPOSER_GROUP = Variable.string("proposerGroup");
  static final Variable<String> JUSTICE_GROUP = Variable.string("justiceGroup");
  static final Variable<String> BIANBAN_GROUP = Variable.string("bianbanGroup");
  /** The townships consulted, their groups separated by commas (fixed when the case starts). */
  static final Variable<String> CONSULTED_TOWNSHIPS = Variable.string("consultedTownships");
  /** What is proposed, as text for the consulted townships and the reviewers. */
  static final Variable<String> PROPOSAL_SUMMARY = Variable.string("proposalSummary");
  /** The list version the proposal was checked against. */
  static final Variable<Integer> BASE_VERSION = Variable.integer("baseVersion");

  // the written consultation (one task per township, multi-instance; local to each instance)
  static final Variable<String> TOWNSHIP_GROUP = ItemProcess.TOWNSHIP_GROUP;
  static final Variable<String> TOWNSHIP_OPINION = Variable.string("townshipOpinion");
  static final Variable<String> TOWNSHIP_COMMENT = Variable.string("townshipComment");
  static final Variable<String> CONSULTATION_SUMMARY = Variable.string("consultationSummary");
  static final Variable<Long> TOWNSHIP_OBJECTIONS = Variable.longValue("townshipObjections");
  static final Variable<Long> SILENT_TOWNSHIPS = Variable.longValue("silentTownships");

  // legality review (司法局) and decision (编办)
  static final Variable<String> LEGALITY_RESULT = Variable.string("legalityResult");
  static final Variable<String> LEGALITY_OPINION = Variable.string("legalityOpinion");
  static final Variable<String> LEGALITY_REVIEWED_BY = Variable.string("legalityReviewedBy");
  static final Variable<String> DECISION = Variable.string("decision");
  static final Variable<String> DECISION_COMMENT = Variable.string("decisionComment");
  static final Variable<String> DECIDED_BY = Variable.string("decidedBy");

  // the result (governance.apply), and the office's note when the list no longer accepts the proposal
  static final Variable<Boolean> LIST_UPDATED = Variable.bool("listUpdated");
  static final Variable<String> APPLY_ERRORS = Variable.string("applyErrors");
  static final Variable<Integer> CATALOG_VERSION = Variable.integer("catalogVersion");
  static final Variable<String> CATALOG_VERSION_LABEL = Variable.string("catalogVersionLabel");
  static final Variable<String> VERSION_DIFF = Variable.string("versionDiff");
  static final Variable<String> BLUEPRINT_DEPLOYMENT = Variable.string("blueprintDeployment");
  static final Variable<String> ERRORS_NOTE = Variable.string("errorsNote");

  // option values the forms offer and the gateways compare
  static final String AGREE = "agree";
  static final String NO_OPINION = "no_opinion";
  static final String OBJECT = "object";
  static final String LAWFUL = "lawful";
  static final String UNLAWFUL = "unlawful";
  static final String APPROVE = "approve";
  static final String REJECT = "reject";

  /** Camunda keeps a String variable in a varchar(4000) column. */
  static final int MAX_TEXT = 3900;

  private GovernanceProcess() {
  }

  /** Text cut to what a String variable holds, with a pointer to where the whole is. */
  static String fit(String text, String whole) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT) + "\n……（内容过长已截断，全文见 " + whole + "）";
  }
}
