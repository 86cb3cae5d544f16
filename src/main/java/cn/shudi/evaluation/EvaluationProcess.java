package cn.shudi.evaluation;

import java.util.Locale;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;
import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * shared_evaluation (评价部门履职), {@code processes/shared/shared_evaluation.bpmn}: after a case, its township
 * rates every department that served it, one after the other; {@code ${evaluations.record(execution)}}
 * stores each rating ({@link Evaluations}). The caller passes {@link #TOWNSHIP_GROUP} and {@link #ITEM_CODE}.
 */
public final class EvaluationProcess {

  public static final String KEY = ItemProcess.EVALUATION_KEY;

  /** The bean of {@code ${evaluations.record(execution)}}, {@code recordCallRating} and {@code decideAppeal}. */
  public static final String EVALUATIONS_BEAN = "evaluations";

  /** The model's elements; an element's id is the key, "_" and its name in lower case. */
  public enum Element implements BpmnElement {
    START,
    EACH,
    EACH_START,
    RATE,
    RECORD,
    EACH_END,
    END;

    @Override
    public String id() {
      return KEY + "_" + name().toLowerCase(Locale.ROOT);
    }
  }

  // --- received from the case ---
  /** The case's township: it rates, candidate group of 评价部门履职. */
  public static final Variable<String> TOWNSHIP_GROUP = ItemProcess.TOWNSHIP_GROUP;
  public static final Variable<String> ITEM_CODE = ItemProcess.ITEM_CODE;

  /** The multi-instance element: the department being rated. */
  public static final Variable<String> DEPARTMENT_GROUP = JointMeetingProcess.DEPARTMENT_GROUP;

  // --- form evaluation (local to each department's round) ---
  public static final Variable<String> RATING = CallProcess.RATING;
  public static final Variable<String> RATING_COMMENT = CallProcess.RATING_COMMENT;

  private static final String RATING_PREFIX = "evaluation_";

  /** Kept on the process instance: the rating ({@code Rating} value) the department got. */
  public static Variable<String> ratingOf(String departmentGroup) {
    return Variable.string(RATING_PREFIX + departmentGroup);
  }

  /** Kept on the process instance: the id of that rating (the one an appeal names). */
  public static Variable<String> ratingIdOf(String departmentGroup) {
    return Variable.string(RATING_PREFIX + departmentGroup + "_id");
  }

  private EvaluationProcess() {
  }
}
