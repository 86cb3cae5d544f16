package cn.shudi.evaluation;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Start listener of shared_appeal ({@code camunda:executionListener delegateExpression="${appealOpening}"}):
 * {@link Evaluations#openAppeal}. A listener bean rather than a method expression, so a refusal reaches the
 * caller as the {@link org.camunda.bpm.engine.exception.NotValidException} it is (REST: 400 with the message),
 * not wrapped in an expression error.
 */
@Component("appealOpening")
public class AppealOpening implements ExecutionListener {

  private final Evaluations evaluations;

  AppealOpening(Evaluations evaluations) {
    this.evaluations = evaluations;
  }

  @Override
  public void notify(DelegateExecution execution) {
    evaluations.openAppeal(execution);
  }
}
