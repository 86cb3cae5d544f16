package cn.shudi.evaluation;

import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import cn.shudi.call.CallProcess;
import cn.shudi.organization.Jurisdiction;
import cn.shudi.organization.Organization;
import cn.shudi.process.Variable;

/**
 * The process adapter of the two-way evaluation (双向互评): reads the variables the models give, calls
 * {@link Ratings} and writes the results back.
 * <ul>
 * <li>{@code ${evaluations.record(execution)}}: the township's rating of a department that served a case
 * (shared_evaluation, after the form {@code evaluation}; shared_call's 评价办理结果);</li>
 * <li>{@code ${evaluations.recordCallRating(execution)}}: the department's rating of a township's call
 * (form {@code call-rating}: justified, complete, within the list);</li>
 * <li>{@code ${evaluations.decideAppeal(execution)}}: the command centre's decision of an appeal
 * (shared_appeal; the appeal itself is opened by {@link AppealOpening}).</li>
 * </ul>
 */
@Component(EvaluationProcess.EVALUATIONS_BEAN)
public class Evaluations {

  private final Ratings ratings;
  private final Organization organization;
  private final IdentityService identity;

  Evaluations(Ratings ratings, Organization organization, @Lazy IdentityService identity) {
    this.ratings = ratings;
    this.organization = organization;
    this.identity = identity;
  }

  /**
   * Stores the township's rating of the department {@code departmentGroup} (or, in a call,
   * {@code calledDepartmentGroup}) for the case: once per case and department. Also keeps
   * {@code evaluation_<group>} (the rating) and {@code evaluation_<group>_id} (the id an appeal names) on the
   * process instance.
   */
  public void record(DelegateExecution execution) {
    String value = EvaluationProcess.RATING.get(execution);
    Rating rating = Rating.of(value).orElseThrow(() -> new NotValidException(
        "评价结果应为 " + String.join(" / ", Ratings.RATINGS.values()) + "，收到：" + value));
    Ratings.Occasion occasion = occasion(execution, EvaluationProcess.ITEM_CODE, CallProcess.CALL_ITEM_CODE);
    StoredRating stored = ratings.rateDepartment(occasion, first(execution, EvaluationProcess.TOWNSHIP_GROUP),
        first(execution, EvaluationProcess.DEPARTMENT_GROUP, CallProcess.CALLED_DEPARTMENT_GROUP), rating,
        EvaluationProcess.RATING_COMMENT.get(execution));
    EvaluationProcess.ratingOf(stored.ratedGroup()).set(execution.getProcessInstance(), stored.rating().value());
    EvaluationProcess.ratingIdOf(stored.ratedGroup()).set(execution.getProcessInstance(), stored.id());
  }

  /**
   * Stores the called department's rating of the township's call: {@code callJustified},
   * {@code callComplete}, {@code callWithinList} (yes/no), {@code callRatingComment}. Once per call and
   * department; sets {@code callRatingId}.
   */
  public void recordCallRating(DelegateExecution execution) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    Ratings.CallAnswers answers = new Ratings.CallAnswers(
        yesNo(execution, CallProcess.CALL_JUSTIFIED, "呼叫是否确有必要"),
        yesNo(execution, CallProcess.CALL_COMPLETE, "呼叫信息是否完整"),
        yesNo(execution, CallProcess.CALL_WITHIN_LIST, "呼叫事项是否属于清单内事项"),
        CallProcess.CALL_RATING_COMMENT.get(execution));
    Ratings.Occasion occasion = new Ratings.Occasion(jurisdiction, caseId(execution),
        execution.getProcessInstanceId(), first(execution, CallProcess.CALL_ITEM_CODE, EvaluationProcess.ITEM_CODE),
        currentUser());
    CallRating stored = ratings.rateCall(occasion,
        first(execution, CallProcess.CALLED_DEPARTMENT_GROUP, EvaluationProcess.DEPARTMENT_GROUP),
        first(execution, CallProcess.TOWNSHIP_GROUP), answers);
    CallProcess.CALL_RATING_ID.set(execution, stored.id());
  }

  /**
   * After the command centre's task 裁决申诉: {@code appealDecision} upheld (申诉成立: the rating no longer
   * counts) or rejected (申诉不成立), with {@code appealDecisionNote}. The first decision stands.
   */
  public void decideAppeal(DelegateExecution execution) {
    ratings.decideAppeal(first(execution, AppealProcess.APPEAL_ID), first(execution, AppealProcess.APPEAL_DECISION),
        AppealProcess.APPEAL_DECISION_NOTE.get(execution), currentUser());
  }

  // --- reading the process -------------------------------------------------------------------------

  private Ratings.Occasion occasion(DelegateExecution execution, Variable<String> itemCode,
      Variable<String> otherItemCode) {
    Jurisdiction jurisdiction = jurisdiction(execution);
    return new Ratings.Occasion(jurisdiction, caseId(execution), execution.getProcessInstanceId(),
        first(execution, itemCode, otherItemCode), currentUser());
  }

  /** The county: the process's tenant, else its {@code jurisdiction} variable. */
  Jurisdiction jurisdiction(DelegateExecution execution) {
    String code = execution.getTenantId() != null ? execution.getTenantId()
        : first(execution, AppealProcess.JURISDICTION);
    return Optional.ofNullable(code).flatMap(organization::find).orElseThrow(() -> new NotValidException(
        "流程「" + execution.getProcessDefinitionId() + "」未部署在任何辖区（租户）下，不能评价"));
  }

  /** The case: the process instance at the top of the call chain (the blueprint or the call). */
  private static String caseId(DelegateExecution execution) {
    if (execution instanceof ExecutionEntity entity && entity.getRootProcessInstanceId() != null) {
      return entity.getRootProcessInstanceId();
    }
    return execution.getProcessInstanceId();
  }

  private String currentUser() {
    Authentication user = identity.getCurrentAuthentication();
    return user == null ? null : user.getUserId();
  }

  /** The first of the variables that holds a non-blank value. */
  @SafeVarargs
  static String first(DelegateExecution execution, Variable<String>... variables) {
    for (Variable<String> variable : variables) {
      String value = variable.get(execution);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  /** A yes/no answer of a form (yes/no or true/false). */
  private static boolean yesNo(DelegateExecution execution, Variable<String> variable, String question) {
    String value = variable.get(execution);
    String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default -> throw new NotValidException("请回答：" + question + "（" + variable.name() + "，是/否），收到：" + value);
    };
  }
}
