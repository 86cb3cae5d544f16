package cn.shudi.evaluation;

import java.util.Locale;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * shared_appeal (评价申诉), {@code processes/shared/shared_appeal.bpmn}: the rated unit appeals a rating once,
 * the command centre decides. Its start listener is {@code ${appealOpening}} ({@link AppealOpening}), the
 * decision is recorded by {@code ${evaluations.decideAppeal(execution)}}.
 */
public final class AppealProcess {

  public static final String KEY = "shared_appeal";

  /** The start listener's bean. */
  public static final String APPEAL_OPENING_BEAN = "appealOpening";

  /** The model's elements; an element's id is the key, "_" and its name in lower case. */
  public enum Element implements BpmnElement {
    START,
    DECIDE,
    RECORD,
    GATEWAY,
    /** 原评价已撤销: the appeal was upheld. */
    ANNULLED,
    /** 原评价维持: the appeal was rejected. */
    KEPT;

    @Override
    public String id() {
      return KEY + "_" + name().toLowerCase(Locale.ROOT);
    }
  }

  // --- form appeal (start) ---
  /** The rating appealed against (its id). */
  public static final Variable<String> RATING_ID = Variable.string("ratingId");
  public static final Variable<String> APPEAL_REASON = Variable.string("appealReason");

  // --- set by the start listener ---
  public static final Variable<String> APPEAL_ID = Variable.string("appealId");
  /** The county's code (also set when the process has no tenant). */
  public static final Variable<String> JURISDICTION = ItemProcess.JURISDICTION;
  public static final Variable<String> COMMAND_CENTRE_GROUP = ItemProcess.COMMAND_CENTRE_GROUP;
  public static final Variable<String> RATED_GROUP = Variable.string("ratedGroup");
  public static final Variable<String> RATED_UNIT_NAME = Variable.string("ratedUnitName");
  public static final Variable<String> RATER_UNIT_NAME = Variable.string("raterUnitName");
  public static final Variable<String> RATED_CASE_ID = Variable.string("ratedCaseId");
  public static final Variable<String> ITEM_CODE = EvaluationProcess.ITEM_CODE;
  /** The label of the rating appealed against (满意 …). */
  public static final Variable<String> ORIGINAL_RATING = Variable.string("originalRating");
  public static final Variable<String> ORIGINAL_RATING_COMMENT = Variable.string("originalRatingComment");

  // --- form appeal-decision ---
  /** {@link Appeal#UPHELD} or {@link Appeal#REJECTED}. */
  public static final Variable<String> APPEAL_DECISION = Variable.string("appealDecision");
  public static final Variable<String> APPEAL_DECISION_NOTE = Variable.string("appealDecisionNote");

  private AppealProcess() {
  }
}
