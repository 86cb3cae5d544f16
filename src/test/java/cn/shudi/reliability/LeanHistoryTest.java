package cn.shudi.reliability;

import cn.shudi.blueprint.ItemProcess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * The history level {@code full-lean} ({@link LeanHistoryLevel}): what a case leaves in the history with
 * it, row kind by row kind, on the platform as configured.
 */
@PlatformTest
class LeanHistoryTest extends ProcessTestBase {

  static final String KEY = "test_lean_history";


  @Test
  void thePlatformRunsTheLeanLevelUnderFullsIdSoADatabaseOfEitherStarts() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
        .getProcessEngineConfiguration();
    assertThat(configuration.getHistoryLevel()).isInstanceOf(LeanHistoryLevel.class);
    assertThat(configuration.getHistory()).isEqualTo("full-lean");
    assertThat(management.getHistoryLevel()).as("the id the database keeps").isEqualTo(
        HistoryLevel.HISTORY_LEVEL_FULL.getId());
  }

  @Test
  void writesEveryKindOfFullExceptDetailsOfVariablesAndFormFieldsAndTheLogOfCreatedOrDeletedJobs() {
    HistoryLevel lean = new LeanHistoryLevel();
    for (var type : List.of(HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, HistoryEventTypes.JOB_CREATE,
        HistoryEventTypes.JOB_DELETE, HistoryEventTypes.FORM_PROPERTY_UPDATE)) {
      assertThat(lean.isHistoryEventProduced(type, null)).as("%s", type).isFalse();
    }
    for (var type : List.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE, HistoryEventTypes.VARIABLE_INSTANCE_UPDATE,
        HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_FAIL, HistoryEventTypes.IDENTITY_LINK_ADD,
        HistoryEventTypes.USER_OPERATION_LOG, HistoryEventTypes.INCIDENT_CREATE, HistoryEventTypes.TASK_INSTANCE_COMPLETE,
        HistoryEventTypes.ACTIVITY_INSTANCE_END)) {
      assertThat(lean.isHistoryEventProduced(type, null)).as("%s", type).isTrue();
    }
  }

  @Test
  void aTasksCardVariablesLeaveNoHistoryWhileTheCaseKeepsItsOwn() {
    String id = engine.getRuntimeService().createProcessInstanceByKey(deployLeanModel())
        .processDefinitionTenantId("zhangqiu").setVariable("cardLike", "案件自身的变量").execute().getId();
    String task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
    engine.getTaskService().setVariableLocal(task, ItemProcess.CARD.name(), "某食品有限公司");
    engine.getTaskService().setVariableLocal(task, "dutyNote", "任务自身的变量");

    assertThat(engine.getTaskService().getVariableLocal(task, ItemProcess.CARD.name()))
        .as("on the card while the task is open").isEqualTo("某食品有限公司");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).list())
        .extracting(v -> v.getName()).as("a task's card copy has no history; the case's variables and the task's "
            + "other variables have").containsExactlyInAnyOrder("cardLike", "dutyNote");
    engine.getRuntimeService().deleteProcessInstance(id, "测试结束");
  }

  @Test
  void aPrivateVariableLeavesNoHistoryWhileTheProcessHoldsIt() {
    String id = engine.getRuntimeService().createProcessInstanceByKey(deployLeanModel())
        .processDefinitionTenantId("zhangqiu").setVariable("privateContactPhone", "13800000000")
        .setVariable("caseNote", "案件自身的变量").execute().getId();

    assertThat(engine.getRuntimeService().getVariable(id, "privateContactPhone")).isEqualTo("13800000000");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).list())
        .extracting(v -> v.getName()).containsExactly("caseNote");
    engine.getRuntimeService().deleteProcessInstance(id, "测试结束");
  }

  @Test
  void theTasksCardIsNamedSoItsHistoryIsLeftOut() {
    assertThat(ItemProcess.CARD.name()).startsWith(LeanHistoryLevel.CARD_PREFIX);
    assertThat(ItemProcess.CASE_SUBJECT.name()).as("a case variable keeps its history")
        .doesNotStartWith(LeanHistoryLevel.CARD_PREFIX);
  }

  /** The test model's key, deployed once. */
  String deployLeanModel() {
    if (engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      cn.shudi.support.TestForms.add(engine.getRepositoryService().createDeployment().tenantId("zhangqiu")
          .name("lean-history-test"), KEY + ".bpmn", Bpmn.createExecutableProcess(KEY).name("测试精简历史")
              .camundaHistoryTimeToLive(30).startEvent()
              .userTask("test_lean_step").name("办理").camundaCandidateGroups("zhangqiu_market")
              .boundaryEvent("test_lean_deadline").timerWithDuration("P5D").endEvent("test_lean_overdue")
              .moveToActivity("test_lean_step")
              .serviceTask("test_lean_record").camundaAsyncBefore().camundaExpression("${true}")
              .endEvent("test_lean_end").done())
          .deploy();
    }
    return KEY;
  }

  @Test
  void aCaseKeepsWhatThePlatformReadsAndLeavesOutTheRest() {
    String id = engine.getRuntimeService().createProcessInstanceByKey(deployLeanModel()).processDefinitionTenantId("zhangqiu")
        .setVariable(ItemProcess.DUTY_RESULT.name(), "受理").execute().getId();
    engine.getRuntimeService().setVariable(id, ItemProcess.DUTY_RESULT.name(), "检查中");
    String task = engine.getTaskService().createTaskQuery().processInstanceId(id).singleResult().getId();
    engine.getIdentityService().setAuthentication("zhangqiu_market_staff", List.of("zhangqiu_market"),
        List.of("zhangqiu"));
    try {
      engine.getTaskService().complete(task, Map.of(ItemProcess.DUTY_RESULT.name(), "检查完毕"));
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
    String job = management.createJobQuery().processInstanceId(id).singleResult().getId();
    management.executeJob(job);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(id).singleResult().getState())
        .isEqualTo("COMPLETED");

    // left out: each intermediate value, and the job log of the timer that never fired
    assertThat(history.createHistoricDetailQuery().processInstanceId(id).variableUpdates().count())
        .as("variable update details").isZero();
    assertThat(history.createHistoricJobLogQuery().processInstanceId(id).creationLog().count()).as("created").isZero();
    assertThat(history.createHistoricJobLogQuery().processInstanceId(id).deletionLog().count()).as("deleted").isZero();

    // kept: the job that ran, the last value, who was asked and who did it
    assertThat(history.createHistoricJobLogQuery().processInstanceId(id).successLog().list())
        .extracting(log -> log.getJobId()).containsExactly(job);
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(id).variableName(ItemProcess.DUTY_RESULT.name())
        .singleResult().getValue()).isEqualTo("检查完毕");
    assertThat(history.createHistoricIdentityLinkLogQuery().taskId(task).type(IdentityLinkType.CANDIDATE).list())
        .extracting(link -> link.getGroupId()).contains("zhangqiu_market");
    assertThat(history.createUserOperationLogQuery().taskId(task)
        .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list())
        .extracting(UserOperationLogEntry::getUserId).contains("zhangqiu_market_staff");
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(id).finished().count()).isOne();
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(id).activityId("test_lean_record")
        .finished().count()).isOne();
  }
}
