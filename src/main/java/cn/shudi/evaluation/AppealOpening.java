package cn.shudi.evaluation;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import cn.shudi.organization.Jurisdiction;

/**
 * Start listener of shared_appeal ({@code camunda:executionListener delegateExpression="${appealOpening}"}):
 * files the appeal ({@link Ratings#openAppeal}) and sets what the command centre's task shows. A listener
 * bean rather than a method expression, so a refusal reaches the caller as the
 * {@link org.camunda.bpm.engine.exception.NotValidException} it is (REST: 400 with the message), not wrapped
 * in an expression error; the start fails and nothing is stored.
 */
@Component(AppealProcess.APPEAL_OPENING_BEAN)
class AppealOpening implements ExecutionListener {

  private final Evaluations evaluations;
  private final Ratings ratings;
  private final IdentityService identity;

  AppealOpening(Evaluations evaluations, Ratings ratings, @Lazy IdentityService identity) {
    this.evaluations = evaluations;
    this.ratings = ratings;
    this.identity = identity;
  }

  @Override
  public void notify(DelegateExecution execution) {
    Jurisdiction jurisdiction = evaluations.jurisdiction(execution);
    Authentication user = identity.getCurrentAuthentication();
    Ratings.OpenedAppeal opened = ratings.openAppeal(jurisdiction, execution.getProcessInstanceId(),
        Evaluations.first(execution, AppealProcess.RATING_ID), AppealProcess.APPEAL_REASON.get(execution),
        user == null ? null : new Ratings.Appellant(user.getUserId(), user.getGroupIds()));
    StoredRating rating = opened.rating();
    AppealProcess.RATING_ID.set(execution, rating.id());
    AppealProcess.APPEAL_ID.set(execution, opened.appeal().id());
    AppealProcess.JURISDICTION.set(execution, jurisdiction.code());
    AppealProcess.COMMAND_CENTRE_GROUP.set(execution, jurisdiction.commandCentre().groupId());
    AppealProcess.RATED_GROUP.set(execution, rating.ratedGroup());
    AppealProcess.RATED_UNIT_NAME.set(execution, Ratings.unitName(jurisdiction, rating.ratedGroup()));
    AppealProcess.RATER_UNIT_NAME.set(execution, Ratings.unitName(jurisdiction, rating.raterGroup()));
    AppealProcess.RATED_CASE_ID.set(execution, rating.caseId());
    AppealProcess.ITEM_CODE.set(execution, rating.itemCode());
    AppealProcess.ORIGINAL_RATING.set(execution, rating.rating().label());
    AppealProcess.ORIGINAL_RATING_COMMENT.set(execution, rating.comment());
  }
}
