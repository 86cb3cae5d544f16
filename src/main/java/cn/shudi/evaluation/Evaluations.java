package cn.shudi.evaluation;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * The township's rating of a department that served a case (双向互评, the township's side):
 * {@code ${evaluations.record(execution)}} after the evaluation form.
 */
@Component("evaluations")
public class Evaluations {

  public static final String RATING = "rating";
  public static final String RATING_COMMENT = "ratingComment";
  /** The multi-instance element: the department being rated. */
  public static final String DEPARTMENT_GROUP = "departmentGroup";
  public static final Map<String, String> RATINGS =
      Map.of("satisfied", "满意", "basically_satisfied", "基本满意", "dissatisfied", "不满意");

  public void record(DelegateExecution execution) {
    Object rating = execution.getVariable(RATING);
    if (rating == null || !RATINGS.containsKey(rating.toString())) {
      throw new NotValidException("评价结果应为 " + String.join(" / ", List.copyOf(RATINGS.values())) + "，收到：" + rating);
    }
    Object department = execution.getVariable(DEPARTMENT_GROUP);
    execution.getProcessInstance().setVariable("evaluation_" + department, rating.toString());
  }
}
