package cn.shudi.shared;

import static cn.shudi.support.EngineClock.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import cn.shudi.evaluation.EvaluationProcess;
import cn.shudi.call.CallProcess;
import cn.shudi.call.JointMeetingProcess;

/** shared_evaluation 评价部门履职: the township rates, one after the other, every department that served the case. */
class SharedEvaluationTest extends SharedProcessTestBase {

  static final String KEY = EvaluationProcess.KEY;

  @Test
  void modelOpensInModelerWithACompleteDiagram() throws Exception {
    SharedModels.assertWellModelled(KEY, "评价部门履职");
    assertDeployedInEveryCounty(KEY);
  }

  @Test
  void theTownshipRatesEveryDepartmentAndEachRatingIsStored() {
    ProcessInstance instance = start(KEY, caseVariables(TWO_DEPARTMENT_ITEM, true));

    // the primary department first
    Task first = task(instance, EvaluationProcess.Element.RATE.id());
    assertThat(first.getName()).isEqualTo("评价部门履职");
    assertThat(candidateGroups(first)).containsExactly(MINGSHUI);
    assertThat(formOf(first)).isEqualTo("evaluation");
    assertThat(first.getDueDate()).as("5个工作日").isEqualTo(at(MONDAY_MORNING.plusDays(7)));
    assertThat(tasks.getVariable(first.getId(), JointMeetingProcess.DEPARTMENT_GROUP.name())).isEqualTo(AGRICULTURE);
    completeAs(MINGSHUI, first, Map.of(CallProcess.RATING.name(), "satisfied", CallProcess.RATING_COMMENT.name(), "响应及时"));

    // then the cooperating one, with a clean form: the first rating does not leak into the second
    Task second = task(instance, EvaluationProcess.Element.RATE.id());
    assertThat(second.getId()).isNotEqualTo(first.getId());
    assertThat(tasks.getVariable(second.getId(), JointMeetingProcess.DEPARTMENT_GROUP.name())).isEqualTo(MARKET);
    assertThat(tasks.getVariable(second.getId(), CallProcess.RATING.name())).isNull();
    assertThat(tasks.getVariable(second.getId(), CallProcess.RATING_COMMENT.name())).isNull();
    completeAs(MINGSHUI, second, Map.of(CallProcess.RATING.name(), "dissatisfied", CallProcess.RATING_COMMENT.name(), "未按时反馈"));

    assertThat(instance).isEnded().hasPassed(EvaluationProcess.Element.RECORD.id(), EvaluationProcess.Element.END.id());
    assertThat(historicVariable(instance, "evaluation_" + AGRICULTURE)).isEqualTo("satisfied");
    assertThat(historicVariable(instance, "evaluation_" + MARKET)).isEqualTo("dissatisfied");
  }

  @Test
  void aRatingOutsideTheScaleIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance instance = start(KEY, caseVariables(ONE_DEPARTMENT_ITEM, false));
    Task task = task(instance, EvaluationProcess.Element.RATE.id());

    assertThatThrownBy(() -> completeAs(MINGSHUI, task, Map.of(CallProcess.RATING.name(), "excellent")))
        .hasMessageContaining("评价结果应为")
        .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(NotValidException.class));
    assertThatThrownBy(() -> completeAs(MINGSHUI, task, Map.of(CallProcess.RATING_COMMENT.name(), "忘了选评价结果")))
        .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(NotValidException.class));

    assertThat(instance).isWaitingAt(EvaluationProcess.Element.RATE.id());
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isOne();
    assertThat(runtime.getVariable(instance.getId(), "evaluation_" + MARKET)).isNull();

    completeAs(MINGSHUI, task, Map.of(CallProcess.RATING.name(), "basically_satisfied"));
    assertThat(instance).isEnded();
    assertThat(historicVariable(instance, "evaluation_" + MARKET)).isEqualTo("basically_satisfied");
  }

  static List<Throwable> causes(Throwable e) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

  @Test
  void onlyTheCaseTownshipRates() {
    ProcessInstance instance = start(KEY, caseVariables(ONE_DEPARTMENT_ITEM, false));
    Task task = task(instance, EvaluationProcess.Element.RATE.id());
    assertThatThrownBy(() -> completeAs(MARKET, task, Map.of(CallProcess.RATING.name(), "satisfied")))
        .as("the rated department cannot rate itself")
        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    assertThatThrownBy(() -> completeAs("zhangqiu_shuangshan", task, Map.of(CallProcess.RATING.name(), "satisfied")))
        .as("another township").isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
    assertThat(instance).isWaitingAt(EvaluationProcess.Element.RATE.id());
  }
}
