package cn.shudi.flagship;

import static cn.shudi.support.EngineClock.at;
import cn.shudi.blueprint.ItemProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.shudi.casework.CaseRecords;
import cn.shudi.support.OneCountyProcessTest;
import cn.shudi.casework.Reminders;
import cn.shudi.credit.CreditCode;
import cn.shudi.credit.CreditFile;

/**
 * ZQ054 食品生产经营企业日常安全监管: 区市场监管局 plans, then the market-supervision bureau and the township
 * inspect the same enterprise side by side, rectify together until the re-inspection passes, share the
 * results, and the results go once into the enterprise's credit file.
 */
class Zq054FoodSafetySupervisionTest extends FlagshipTestBase {

  static final ItemProcess.Ids ZQ054 = ItemProcess.ids("ZQ054");
  static final ItemProcess.Element END = ZQ054.end();
  static final ItemProcess.Element EVALUATE = ZQ054.evaluate();
  static final ItemProcess.Element HAZARDS_FOUND = ZQ054.element("hazards_found");
  static final ItemProcess.Element JOIN = ZQ054.join();
  static final ItemProcess.Element MARKET_1 = ZQ054.step("market", 1);
  static final ItemProcess.Element MARKET_2 = ZQ054.step("market", 2);
  static final ItemProcess.Element MARKET_3 = ZQ054.step("market", 3);
  static final ItemProcess.Element MARKET_4 = ZQ054.step("market", 4);
  static final ItemProcess.Element MARKET_REINSPECT = ZQ054.step("market", "reinspect");
  static final ItemProcess.Element RECORD = ZQ054.record();
  static final ItemProcess.Element RECTIFICATION_DAYS = ZQ054.element("rectification_days");
  static final ItemProcess.Element TOWNSHIP_1 = ZQ054.township(1);
  static final ItemProcess.Element TOWNSHIP_2 = ZQ054.township(2);
  static final ItemProcess.Element TOWNSHIP_3 = ZQ054.township(3);

  private static final AtomicInteger ENTERPRISES = new AtomicInteger();

  static final Map<String, Object> CLEAN =
      with(DONE, ItemProcess.DUTY_RESULT.name(), "原料把关、生产过程和贮存条件符合要求", ItemProcess.HAZARD_COUNT.name(), 0L, ItemProcess.HAZARD_LEVEL.name(), "none");
  static final Map<String, Object> HAZARDS = with(DONE, ItemProcess.DUTY_RESULT.name(), "检查发现问题", ItemProcess.HAZARD_COUNT.name(), 2L,
      ItemProcess.HAZARD_LEVEL.name(), "general", ItemProcess.DUTY_FINDINGS.name(), "原料库温湿度记录缺失；从业人员健康证过期");
  static final Map<String, Object> ORDER = with(DONE, ItemProcess.DUTY_RESULT.name(), "已下达责令整改通知书", ItemProcess.RECTIFICATION_DAYS.name(), 10L,
      ItemProcess.RECTIFICATION_REQUIREMENTS.name(), "补齐温湿度记录，从业人员体检换证");
  static final Map<String, Object> FOLLOWED_UP = with(DONE, ItemProcess.DUTY_RESULT.name(), "企业已按通知整改，反馈整改情况");
  static final Map<String, Object> NOT_FIXED = with(DONE, ItemProcess.DUTY_RESULT.name(), "健康证仍未办理", ItemProcess.RECTIFIED.name(), "no");
  static final Map<String, Object> FIXED = with(DONE, ItemProcess.DUTY_RESULT.name(), "复查合格", ItemProcess.RECTIFIED.name(), "yes");
  static final Map<String, Object> SHARED = with(DONE, ItemProcess.DUTY_RESULT.name(), "排查和整改结果已推送区市场监管局");

  @Autowired
  CreditFile creditFile;
  /** A spy in {@link OneCountyProcessTest}'s context. */
  @Autowired
  CaseRecords caseRecords;

  @Override
  String code() {
    return "ZQ054";
  }

  /** Each case its own enterprise (a valid code of GB 32100-2015, registered in 章丘 370181). */
  Map<String, Object> enterprise() {
    String creditCode = creditCode(ENTERPRISES.incrementAndGet());
    assertThat(CreditCode.isValid(creditCode)).as(creditCode).isTrue();
    return Map.of(ItemProcess.CASE_SUBJECT.name(), "章丘某食品有限公司", ItemProcess.CREDIT_CODE.name(), creditCode);
  }

  /** 91 (enterprise) 370181 (章丘) + organization code MA3C4nnn and its check + the code's check character. */
  static String creditCode(int n) {
    String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    String body = String.format("MA3C4%03d", n);
    int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * weights[i];
    }
    int organizationCheck = 11 - sum % 11;
    String first17 = "91370181" + body
        + (organizationCheck == 10 ? 'X' : organizationCheck == 11 ? '0' : (char) ('0' + organizationCheck));
    int total = 0;
    for (int i = 0, weight = 1; i < first17.length(); i++, weight = weight * 3 % 31) {
      total += charset.indexOf(first17.charAt(i)) * weight;
    }
    int check = 31 - total % 31;
    return first17 + charset.charAt(check == 31 ? 0 : check);
  }

  String creditCode(ProcessInstance instance) {
    return (String) runtime.getVariable(instance.getId(), ItemProcess.CREDIT_CODE.name());
  }

  @Test
  void theBureauPlansThenBothInspectSideBySideAndTheResultGoesOnceIntoTheCreditFile() {
    ProcessInstance instance = startCase(enterprise());
    assertThat(startFormOf(instance)).isEqualTo("case-start");
    assertThat(instance).isWaitingAtExactly(MARKET_1.id());
    Task plan = task(instance, MARKET_1.id());
    assertThat(plan.getName()).isEqualTo("制定计划");
    assertThat(plan.getDueDate()).as("10个工作日").isEqualTo(at(MONDAY_MORNING.plusDays(14)));
    assertThat(formOf(plan)).isEqualTo("duty-step");
    assertThatThrownBy(() -> completeAs(MINGSHUI, plan, DONE)).as("the township cannot do the bureau's step")
        .isInstanceOf(AuthorizationException.class);
    complete(instance, MARKET_1.id(), MARKET, with(DONE, ItemProcess.DUTY_RESULT.name(), "风险等级B级，每季度检查一次"));

    // 两点划线: both inspect the same enterprise at the same time
    assertThat(openSteps(instance)).containsExactly(MARKET_2.id(), TOWNSHIP_1.id());
    assertThat(formOf(task(instance, MARKET_2.id()))).isEqualTo("inspection");
    assertThat(formOf(task(instance, TOWNSHIP_1.id()))).isEqualTo("inspection");
    assertThat(candidateGroups(task(instance, TOWNSHIP_1.id()))).containsExactly(MINGSHUI);
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, CLEAN);
    complete(instance, MARKET_2.id(), MARKET, CLEAN);
    assertThat(instance).as("the join runs as a job").isWaitingAt(JOIN.id());
    runAsyncJobs(instance);

    assertThat(instance).isWaitingAtExactly(TOWNSHIP_3.id());
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, SHARED);
    assertThat(instance).as("the credit write runs as a job").isWaitingAt(MARKET_4.id());
    assertThat(creditFile.entriesOf(creditCode(instance))).isEmpty();
    runAsyncJobs(instance);

    assertThat(creditFile.entriesOf(creditCode(instance))).singleElement().satisfies(entry -> {
      assertThat(entry.caseId()).isEqualTo(instance.getId());
      assertThat(entry.stepId()).isEqualTo(MARKET_4.id());
      assertThat(entry.itemCode()).isEqualTo("ZQ054");
      assertThat(entry.hazardCount()).isZero();
      assertThat(entry.contributions()).extracting(CreditFile.Contribution::unitGroup).contains(MARKET, MINGSHUI);
      assertThat(entry.content()).contains("原料把关、生产过程和贮存条件符合要求", "排查和整改结果已推送");
    });
    assertThat(rateDepartments(instance)).containsExactly(MARKET);
    assertThat(instance).isEnded().hasPassed(MARKET_4.id(), RECORD.id(), EVALUATE.id(), END.id())
        .hasNotPassed(MARKET_3.id(), TOWNSHIP_2.id(), MARKET_REINSPECT.id());
    assertThat(historicVariable(instance, MARKET_2.variable("hazards"))).isEqualTo(0L);
    assertThat(historicVariable(instance, ItemProcess.CASE_RESULT.name()).toString()).contains("风险等级B级", "排查和整改结果已推送");
    String evaluation = history.createHistoricProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .processDefinitionKey("shared_evaluation").singleResult().getId();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(evaluation)
        .variableName("evaluation_zhangqiu_market").singleResult().getValue()).isEqualTo("satisfied");
  }

  @Test
  void hazardsAreRectifiedTogetherAndReinspectedUntilTheyAreFixed() {
    ProcessInstance instance = startCase(enterprise());
    complete(instance, MARKET_1.id(), MARKET, DONE);
    complete(instance, MARKET_2.id(), MARKET, HAZARDS);
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, CLEAN);
    runAsyncJobs(instance);

    // the bureau's hazards alone are enough: both rectify, side by side
    assertThat(instance).hasPassed(HAZARDS_FOUND.id()).isWaitingAtExactly(MARKET_3.id(), TOWNSHIP_2.id());
    assertThat(formOf(task(instance, MARKET_3.id()))).isEqualTo("rectification-order");
    complete(instance, MARKET_3.id(), MARKET, ORDER);
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, FOLLOWED_UP);
    runAsyncJobs(instance);
    assertThat(formOf(task(instance, MARKET_REINSPECT.id()))).isEqualTo("reinspection");
    complete(instance, MARKET_REINSPECT.id(), MARKET, NOT_FIXED);

    // not fixed: a new round of rectification by both
    assertThat(instance).isWaitingAtExactly(MARKET_3.id(), TOWNSHIP_2.id());
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, FOLLOWED_UP);
    complete(instance, MARKET_3.id(), MARKET, ORDER);
    runAsyncJobs(instance);
    complete(instance, MARKET_REINSPECT.id(), MARKET, FIXED);

    assertThat(instance).isWaitingAtExactly(TOWNSHIP_3.id());
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, SHARED);
    runAsyncJobs(instance);
    assertThat(creditFile.entriesOf(creditCode(instance))).singleElement().satisfies(entry -> {
      assertThat(entry.hazardCount()).isEqualTo(2);
      assertThat(entry.content()).contains("原料库温湿度记录缺失", "已下达责令整改通知书", "复查合格",
          "补齐温湿度记录");
    });
    rateDepartments(instance);
    assertThat(instance).isEnded().hasPassed(END.id());
    assertThat(completedTimes(instance, MARKET_3.id())).isEqualTo(2);
    assertThat(completedTimes(instance, TOWNSHIP_2.id())).isEqualTo(2);
    assertThat(completedTimes(instance, MARKET_REINSPECT.id())).isEqualTo(2);
    assertThat(historicVariable(instance, RECTIFICATION_DAYS.id())).isEqualTo(10L);
  }

  @Test
  void theCreditEntryIsWrittenOnceEvenWhenItsJobRunsAgain() {
    ProcessInstance instance = startCase(enterprise());
    complete(instance, MARKET_1.id(), MARKET, DONE);
    complete(instance, MARKET_2.id(), MARKET, CLEAN);
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, CLEAN);
    runAsyncJobs(instance);
    complete(instance, TOWNSHIP_3.id(), MINGSHUI, SHARED);
    Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId(MARKET_4.id())
        .singleResult();

    // the entry is written, then the transaction fails further on: the job rolls back and will run again
    doThrow(new IllegalStateException("记录办理结果时数据库连接中断")).doCallRealMethod().when(caseRecords)
        .recordResult(any());
    assertThatThrownBy(() -> management.executeJob(job.getId())).hasStackTraceContaining("数据库连接中断");
    assertThat(creditFile.entriesOf(creditCode(instance))).as("rolled back with the job").isEmpty();
    Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed.getRetries()).as("R3/PT1M: two retries left").isEqualTo(2);
    assertThat(failed.getExceptionMessage()).contains("数据库连接中断");
    assertThat(instance).isWaitingAt(MARKET_4.id());

    management.executeJob(job.getId());
    List<CreditFile.Entry> entries = creditFile.entriesOf(creditCode(instance));
    assertThat(entries).hasSize(1);
    assertThat(runtime.getVariable(instance.getId(), CreditFile.CREDIT_ENTRY_ID.name())).isEqualTo(entries.get(0).id());

    // the step runs a second time (restarted in Cockpit): the case's entry is returned, none is added
    runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity(MARKET_4.id()).execute();
    runAsyncJobs(instance);
    assertThat(creditFile.entriesOf(creditCode(instance))).as("one entry for the case, however often the step ran")
        .extracting(CreditFile.Entry::id).containsExactly(entries.get(0).id());
    verify(caseRecords, times(3)).recordResult(any());
    assertThat(rateDepartments(instance)).containsExactly(MARKET, MARKET);
    assertThat(instance).isEnded();
  }

  @Test
  void aLateStepIsRemindedThenSupervisedByTheCommandCentreWhileTheWorkGoesOn() {
    ProcessInstance instance = startCase(enterprise());
    Task plan = task(instance, MARKET_1.id());
    assertThat(plan.getPriority()).isEqualTo(50);
    // 10 working days = 14 calendar days; the reminder comes when 80% of the time is used up
    assertThat(timer(instance, MARKET_1.reminder().id()).getDuedate())
        .isEqualTo(at(LocalDateTime.of(2025, 3, 14, 13, 48)));
    assertThat(timer(instance, MARKET_1.deadline().id()).getDuedate()).isEqualTo(plan.getDueDate());

    fire(instance, MARKET_1.reminder().id());
    assertThat(tasks.createTaskQuery().taskId(plan.getId()).singleResult().getPriority())
        .isEqualTo(Reminders.REMINDED_PRIORITY);
    assertThat(tasks.getTaskComments(plan.getId())).extracting(Comment::getFullMessage)
        .anySatisfy(m -> assertThat(m).contains("即将到期", "制定计划"));
    assertThat(calledCount(instance, "shared_supervision")).isZero();

    fire(instance, MARKET_1.deadline().id());
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("制定计划");
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(MARKET);
    Task supervise = tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult();
    assertThat(supervise.getName()).isEqualTo("督办超期事项");
    assertThat(candidateGroups(supervise)).containsExactly(COMMAND);
    assertThat(formOf(supervise)).isEqualTo("supervision");
    assertThat(supervise.getDueDate()).as("2个工作日").isEqualTo(at(LocalDateTime.of(2025, 3, 19, 9, 0)));
    assertThat(instance).isWaitingAt(MARKET_1.id(), MARKET_1.supervise().id());

    completeAs(COMMAND, supervise, SUPERVISED);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(supervision.getId()).count())
        .as("the dispatcher urged: the supervision ends").isZero();
    assertThat(history.createHistoricProcessInstanceQuery().superProcessInstanceId(supervision.getId()).count())
        .as("no joint meeting").isZero();

    complete(instance, MARKET_1.id(), MARKET, DONE);
    assertThat(instance).isWaitingAtExactly(MARKET_2.id(), TOWNSHIP_1.id());
  }

  @Test
  void aLateTownshipIsSupervisedUnderItsOwnGroup() {
    ProcessInstance instance = startCase(enterprise());
    complete(instance, MARKET_1.id(), MARKET, DONE);
    fire(instance, TOWNSHIP_1.deadline().id());
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("排查隐患");
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(MINGSHUI);
    assertThat(runtime.getVariable(supervision.getId(), ItemProcess.CASE_SUBJECT.name())).isEqualTo("章丘某食品有限公司");
  }

  @Test
  void everyStepThatRunsLateIsRemindedAndSupervised() {
    ProcessInstance instance = startCase(enterprise());
    lateThenDone(instance, MARKET_1, MARKET, DONE);
    runsLate(instance, MARKET_2, MARKET);
    runsLate(instance, TOWNSHIP_1, MINGSHUI);
    complete(instance, MARKET_2.id(), MARKET, HAZARDS);
    complete(instance, TOWNSHIP_1.id(), MINGSHUI, HAZARDS);
    runAsyncJobs(instance);
    runsLate(instance, MARKET_3, MARKET);
    runsLate(instance, TOWNSHIP_2, MINGSHUI);
    complete(instance, MARKET_3.id(), MARKET, ORDER);
    complete(instance, TOWNSHIP_2.id(), MINGSHUI, FOLLOWED_UP);
    runAsyncJobs(instance);
    lateThenDone(instance, MARKET_REINSPECT, MARKET, FIXED);
    lateThenDone(instance, TOWNSHIP_3, MINGSHUI, SHARED);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded();
    assertThat(history.createHistoricProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .processDefinitionKey("shared_supervision").count()).isEqualTo(7);
  }
}
