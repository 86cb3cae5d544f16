package cn.shudi.assessment;

import java.util.Locale;

import cn.shudi.process.BpmnElement;
import cn.shudi.process.Variable;

/**
 * shared_monthly_assessment (月度评价排名), {@code processes/shared/shared_monthly_assessment.bpmn}: a timer on
 * the 1st of every month starts it in every county's tenant; {@code ${assessment.runMonthly(execution)}}
 * ranks the previous month ({@link Assessment}) and leaves the outcome in the variables below.
 */
public final class MonthlyAssessmentProcess {

  public static final String KEY = "shared_monthly_assessment";

  /** The bean of {@code ${assessment.runMonthly(execution)}}. */
  public static final String ASSESSMENT_BEAN = "assessment";

  /** The model's elements; an element's id is the key, "_" and its name in lower case. */
  public enum Element implements BpmnElement {
    START,
    RANK,
    END;

    @Override
    public String id() {
      return KEY + "_" + name().toLowerCase(Locale.ROOT);
    }
  }

  /** Optional at the start: the month to assess (yyyy-MM) instead of the previous one; set to the month assessed. */
  public static final Variable<String> PERIOD = Variable.string("assessmentPeriod");
  public static final Variable<String> FORMULA_VERSION = Variable.string("formulaVersion");
  /** Unit names joined by 、. */
  public static final Variable<String> COMMENDED_DEPARTMENTS = Variable.string("commendedDepartments");
  public static final Variable<String> SUMMONED_DEPARTMENTS = Variable.string("summonedDepartments");
  public static final Variable<String> SUMMONED_TOWNSHIPS = Variable.string("summonedTownships");
  /** The exported .xlsx. */
  public static final Variable<String> ASSESSMENT_FILE = Variable.string("assessmentFile");
  public static final Variable<String> SUPERVISORS_GROUP = Variable.string("supervisorsGroup");

  private MonthlyAssessmentProcess() {
  }
}
