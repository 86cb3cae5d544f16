package cn.shudi.governance;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The process variables of the two governance processes ({@code shared_admission}, {@code shared_adjustment}).
 * Forms use the same names as field keys.
 */
public final class GovernanceVariables {

  // the proposal (start forms admission-proposal / adjustment-proposal)
  /** Adjustment: the item to adjust ({@code ZQ054}). Admission: set when the list is updated (the new code). */
  public static final String ITEM_CODE = "itemCode";
  public static final String ITEM_NAME = "itemName";
  public static final String DOMAIN = "domain";
  public static final String PRIMARY_UNIT = "primaryUnit";
  public static final String COOPERATING_UNITS = "cooperatingUnits";
  public static final String PRIMARY_DUTIES = "primaryDuties";
  public static final String COOPERATING_DUTIES = "cooperatingDuties";
  public static final String LEGAL_BASIS = "legalBasis";
  public static final String TIME_LIMIT = "timeLimit";
  public static final String CALL_RESPONSE_TIME = "callResponseTime";
  public static final String REASONS = "reasons";

  // set when the case starts (governance.open)
  public static final String JURISDICTION = "jurisdiction";
  /** {@code admission} or {@code adjustment}. */
  public static final String GOVERNANCE_TYPE = "governanceType";
  public static final String PROPOSED_BY = "proposedBy";
  public static final String PROPOSER_GROUP = "proposerGroup";
  public static final String JUSTICE_GROUP = "justiceGroup";
  public static final String BIANBAN_GROUP = "bianbanGroup";
  /** The townships consulted, their groups separated by commas (fixed when the case starts). */
  public static final String CONSULTED_TOWNSHIPS = "consultedTownships";
  /** What is proposed, as text for the consulted townships and the reviewers. */
  public static final String PROPOSAL_SUMMARY = "proposalSummary";
  /** The list version the proposal was checked against. */
  public static final String BASE_VERSION = "baseVersion";

  // the written consultation (one task per township, multi-instance; local to each instance)
  public static final String TOWNSHIP_GROUP = "townshipGroup";
  public static final String TOWNSHIP_OPINION = "townshipOpinion";
  public static final String TOWNSHIP_COMMENT = "townshipComment";
  public static final String CONSULTATION_SUMMARY = "consultationSummary";
  public static final String TOWNSHIP_OBJECTIONS = "townshipObjections";
  public static final String SILENT_TOWNSHIPS = "silentTownships";

  // legality review (司法局) and decision (编办)
  public static final String LEGALITY_RESULT = "legalityResult";
  public static final String LEGALITY_OPINION = "legalityOpinion";
  public static final String LEGALITY_REVIEWED_BY = "legalityReviewedBy";
  public static final String DECISION = "decision";
  public static final String DECISION_COMMENT = "decisionComment";
  public static final String DECIDED_BY = "decidedBy";

  // the result (governance.apply)
  public static final String LIST_UPDATED = "listUpdated";
  public static final String APPLY_ERRORS = "applyErrors";
  public static final String CATALOG_VERSION = "catalogVersion";
  public static final String CATALOG_VERSION_LABEL = "catalogVersionLabel";
  public static final String VERSION_DIFF = "versionDiff";
  public static final String BLUEPRINT_DEPLOYMENT = "blueprintDeployment";

  // option values the forms offer and the gateways compare
  public static final String AGREE = "agree";
  public static final String NO_OPINION = "no_opinion";
  public static final String OBJECT = "object";
  public static final String LAWFUL = "lawful";
  public static final String UNLAWFUL = "unlawful";
  public static final String APPROVE = "approve";
  public static final String REJECT = "reject";

  /** Camunda keeps a String variable in a varchar(4000) column. */
  static final int MAX_TEXT = 3900;

  private GovernanceVariables() {
  }

  static String text(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    return value == null ? "" : value.toString().strip();
  }

  /** Text cut to what a String variable holds, with a pointer to where the whole is. */
  static String fit(String text, String whole) {
    if (text.length() <= MAX_TEXT) {
      return text;
    }
    return text.substring(0, MAX_TEXT) + "\n……（内容过长已截断，全文见 " + whole + "）";
  }
}
