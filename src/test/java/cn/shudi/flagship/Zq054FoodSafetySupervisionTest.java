package cn.shudi.flagship;

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
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import cn.shudi.casework.CaseRecords;
import cn.shudi.casework.Reminders;
import cn.shudi.credit.CreditCode;
import cn.shudi.credit.CreditFile;

/**
 * ZQ054 食品生产经营企业日常安全监管: 区市场监管局 plans, then the market-supervision bureau and the township
 * inspect the same enterprise side by side, rectify together until the re-inspection passes, share the
 * results, and the results go once into the enterprise's credit file.
 */
class Zq054FoodSafetySupervisionTest extends FlagshipTestBase {

  private static final AtomicInteger ENTERPRISES = new AtomicInteger();

  static final Map<String, Object> CLEAN =
      with(DONE, "dutyResult", "原料把关、生产过程和贮存条件符合要求", "hazardCount", 0L, "hazardLevel", "none");
  static final Map<String, Object> HAZARDS = with(DONE, "dutyResult", "检查发现问题", "hazardCount", 2L,
      "hazardLevel", "general", "dutyFindings", "原料库温湿度记录缺失；从业人员健康证过期");
  static final Map<String, Object> ORDER = with(DONE, "dutyResult", "已下达责令整改通知书", "rectificationDays", 10L,
      "rectificationRequirements", "补齐温湿度记录，从业人员体检换证");
  static final Map<String, Object> FOLLOWED_UP = with(DONE, "dutyResult", "企业已按通知整改，反馈整改情况");
  static final Map<String, Object> NOT_FIXED = with(DONE, "dutyResult", "健康证仍未办理", "rectified", "no");
  static final Map<String, Object> FIXED = with(DONE, "dutyResult", "复查合格", "rectified", "yes");
  static final Map<String, Object> SHARED = with(DONE, "dutyResult", "排查和整改结果已推送区市场监管局");

  @Autowired
  CreditFile creditFile;
  @MockitoSpyBean
  CaseRecords caseRecords;

  @Override
  String code() {
    return "ZQ054";
  }

  /** Each case its own enterprise (a valid code of GB 32100-2015, registered in 章丘 370181). */
  Map<String, Object> enterprise() {
    String creditCode = creditCode(ENTERPRISES.incrementAndGet());
    assertThat(CreditCode.isValid(creditCode)).as(creditCode).isTrue();
    return Map.of("caseSubject", "章丘某食品有限公司", "creditCode", creditCode);
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
    return (String) runtime.getVariable(instance.getId(), "creditCode");
  }

  @Test
  void modelFollowsTheListAndOpensInModeler() throws Exception {
    FlagshipModels.assertFollowsTheListAndOpensInModeler(item());
  }

  @Test
  void theBureauPlansThenBothInspectSideBySideAndTheResultGoesOnceIntoTheCreditFile() {
    ProcessInstance instance = startCase(enterprise());
    assertThat(startFormOf(instance)).isEqualTo("case-start");
    assertThat(instance).isWaitingAtExactly("zq054_market_1");
    Task plan = task(instance, "zq054_market_1");
    assertThat(plan.getName()).isEqualTo("制定计划");
    assertThat(plan.getDueDate()).as("10个工作日").isEqualTo(at(MONDAY_MORNING.plusDays(14)));
    assertThat(formOf(plan)).isEqualTo("duty-step");
    assertThatThrownBy(() -> completeAs(MINGSHUI, plan, DONE)).as("the township cannot do the bureau's step")
        .isInstanceOf(AuthorizationException.class);
    complete(instance, "zq054_market_1", MARKET, with(DONE, "dutyResult", "风险等级B级，每季度检查一次"));

    // 两点划线: both inspect the same enterprise at the same time
    assertThat(openSteps(instance)).containsExactly("zq054_market_2", "zq054_township_1");
    assertThat(formOf(task(instance, "zq054_market_2"))).isEqualTo("inspection");
    assertThat(formOf(task(instance, "zq054_township_1"))).isEqualTo("inspection");
    assertThat(candidateGroups(task(instance, "zq054_township_1"))).containsExactly(MINGSHUI);
    complete(instance, "zq054_township_1", MINGSHUI, CLEAN);
    complete(instance, "zq054_market_2", MARKET, CLEAN);
    assertThat(instance).as("the join runs as a job").isWaitingAt("zq054_join");
    runAsyncJobs(instance);

    assertThat(instance).isWaitingAtExactly("zq054_township_3");
    complete(instance, "zq054_township_3", MINGSHUI, SHARED);
    assertThat(instance).as("the credit write runs as a job").isWaitingAt("zq054_market_4");
    assertThat(creditFile.entriesOf(creditCode(instance))).isEmpty();
    runAsyncJobs(instance);

    assertThat(creditFile.entriesOf(creditCode(instance))).singleElement().satisfies(entry -> {
      assertThat(entry.caseId()).isEqualTo(instance.getId());
      assertThat(entry.stepId()).isEqualTo("zq054_market_4");
      assertThat(entry.itemCode()).isEqualTo("ZQ054");
      assertThat(entry.hazardCount()).isZero();
      assertThat(entry.contributions()).extracting(CreditFile.Contribution::unitGroup).contains(MARKET, MINGSHUI);
      assertThat(entry.content()).contains("原料把关、生产过程和贮存条件符合要求", "排查和整改结果已推送");
    });
    assertThat(rateDepartments(instance)).containsExactly(MARKET);
    assertThat(instance).isEnded().hasPassed("zq054_market_4", "zq054_record", "zq054_evaluate", "zq054_end")
        .hasNotPassed("zq054_market_3", "zq054_township_2", "zq054_market_reinspect");
    assertThat(historicVariable(instance, "zq054_market_2_hazards")).isEqualTo(0L);
    assertThat(historicVariable(instance, "caseResult").toString()).contains("风险等级B级", "排查和整改结果已推送");
    String evaluation = history.createHistoricProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .processDefinitionKey("shared_evaluation").singleResult().getId();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(evaluation)
        .variableName("evaluation_zhangqiu_market").singleResult().getValue()).isEqualTo("satisfied");
  }

  @Test
  void hazardsAreRectifiedTogetherAndReinspectedUntilTheyAreFixed() {
    ProcessInstance instance = startCase(enterprise());
    complete(instance, "zq054_market_1", MARKET, DONE);
    complete(instance, "zq054_market_2", MARKET, HAZARDS);
    complete(instance, "zq054_township_1", MINGSHUI, CLEAN);
    runAsyncJobs(instance);

    // the bureau's hazards alone are enough: both rectify, side by side
    assertThat(instance).hasPassed("zq054_hazards_found").isWaitingAtExactly("zq054_market_3", "zq054_township_2");
    assertThat(formOf(task(instance, "zq054_market_3"))).isEqualTo("rectification-order");
    complete(instance, "zq054_market_3", MARKET, ORDER);
    complete(instance, "zq054_township_2", MINGSHUI, FOLLOWED_UP);
    runAsyncJobs(instance);
    assertThat(formOf(task(instance, "zq054_market_reinspect"))).isEqualTo("reinspection");
    complete(instance, "zq054_market_reinspect", MARKET, NOT_FIXED);

    // not fixed: a new round of rectification by both
    assertThat(instance).isWaitingAtExactly("zq054_market_3", "zq054_township_2");
    complete(instance, "zq054_township_2", MINGSHUI, FOLLOWED_UP);
    complete(instance, "zq054_market_3", MARKET, ORDER);
    runAsyncJobs(instance);
    complete(instance, "zq054_market_reinspect", MARKET, FIXED);

    assertThat(instance).isWaitingAtExactly("zq054_township_3");
    complete(instance, "zq054_township_3", MINGSHUI, SHARED);
    runAsyncJobs(instance);
    assertThat(creditFile.entriesOf(creditCode(instance))).singleElement().satisfies(entry -> {
      assertThat(entry.hazardCount()).isEqualTo(2);
      assertThat(entry.content()).contains("原料库温湿度记录缺失", "已下达责令整改通知书", "复查合格",
          "补齐温湿度记录");
    });
    rateDepartments(instance);
    assertThat(instance).isEnded().hasPassed("zq054_end");
    assertThat(completedTimes(instance, "zq054_market_3")).isEqualTo(2);
    assertThat(completedTimes(instance, "zq054_township_2")).isEqualTo(2);
    assertThat(completedTimes(instance, "zq054_market_reinspect")).isEqualTo(2);
    assertThat(historicVariable(instance, "zq054_rectification_days")).isEqualTo(10L);
  }

  @Test
  void theCreditEntryIsWrittenOnceEvenWhenItsJobRunsAgain() {
    ProcessInstance instance = startCase(enterprise());
    complete(instance, "zq054_market_1", MARKET, DONE);
    complete(instance, "zq054_market_2", MARKET, CLEAN);
    complete(instance, "zq054_township_1", MINGSHUI, CLEAN);
    runAsyncJobs(instance);
    complete(instance, "zq054_township_3", MINGSHUI, SHARED);
    Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId("zq054_market_4")
        .singleResult();

    // the entry is written, then the transaction fails further on: the job rolls back and will run again
    doThrow(new IllegalStateException("记录办理结果时数据库连接中断")).doCallRealMethod().when(caseRecords)
        .recordResult(any());
    assertThatThrownBy(() -> management.executeJob(job.getId())).hasStackTraceContaining("数据库连接中断");
    assertThat(creditFile.entriesOf(creditCode(instance))).as("rolled back with the job").isEmpty();
    Job failed = management.createJobQuery().jobId(job.getId()).singleResult();
    assertThat(failed.getRetries()).as("R5/PT10M: four retries left").isEqualTo(4);
    assertThat(failed.getExceptionMessage()).contains("数据库连接中断");
    assertThat(instance).isWaitingAt("zq054_market_4");

    management.executeJob(job.getId());
    List<CreditFile.Entry> entries = creditFile.entriesOf(creditCode(instance));
    assertThat(entries).hasSize(1);
    assertThat(runtime.getVariable(instance.getId(), CreditFile.CREDIT_ENTRY_ID)).isEqualTo(entries.get(0).id());

    // the step runs a second time (restarted in Cockpit): the case's entry is returned, none is added
    runtime.createProcessInstanceModification(instance.getId()).startBeforeActivity("zq054_market_4").execute();
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
    Task plan = task(instance, "zq054_market_1");
    assertThat(plan.getPriority()).isEqualTo(50);
    // 10 working days = 14 calendar days; the reminder comes when 80% of the time is used up
    assertThat(timer(instance, "zq054_market_1_reminder").getDuedate())
        .isEqualTo(at(LocalDateTime.of(2025, 3, 14, 13, 48)));
    assertThat(timer(instance, "zq054_market_1_deadline").getDuedate()).isEqualTo(plan.getDueDate());

    fire(instance, "zq054_market_1_reminder");
    assertThat(tasks.createTaskQuery().taskId(plan.getId()).singleResult().getPriority())
        .isEqualTo(Reminders.REMINDED_PRIORITY);
    assertThat(tasks.getTaskComments(plan.getId())).extracting(Comment::getFullMessage)
        .anySatisfy(m -> assertThat(m).contains("即将到期", "制定计划"));
    assertThat(calledCount(instance, "shared_supervision")).isZero();

    fire(instance, "zq054_market_1_deadline");
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("制定计划");
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(MARKET);
    Task supervise = tasks.createTaskQuery().processInstanceId(supervision.getId()).singleResult();
    assertThat(supervise.getName()).isEqualTo("督办超期事项");
    assertThat(candidateGroups(supervise)).containsExactly(COMMAND);
    assertThat(formOf(supervise)).isEqualTo("supervision");
    assertThat(supervise.getDueDate()).as("2个工作日").isEqualTo(at(LocalDateTime.of(2025, 3, 19, 9, 0)));
    assertThat(instance).isWaitingAt("zq054_market_1", "zq054_market_1_supervise");

    completeAs(COMMAND, supervise, with(SUPERVISED, "supervisionOutcome", "escalate"));
    assertThat(runtime.getVariable(instance.getId(), "severalDepartments")).isEqualTo(false);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(supervision.getId()).count())
        .as("one department: the command centre's supervision is the last rung").isZero();
    assertThat(history.createHistoricProcessInstanceQuery().superProcessInstanceId(supervision.getId()).count())
        .as("no joint meeting").isZero();

    complete(instance, "zq054_market_1", MARKET, DONE);
    assertThat(instance).isWaitingAtExactly("zq054_market_2", "zq054_township_1");
  }

  @Test
  void aLateTownshipIsSupervisedUnderItsOwnGroup() {
    ProcessInstance instance = startCase(enterprise());
    complete(instance, "zq054_market_1", MARKET, DONE);
    fire(instance, "zq054_township_1_deadline");
    ProcessInstance supervision = called(instance, "shared_supervision");
    assertThat(runtime.getVariable(supervision.getId(), "overdueStep")).isEqualTo("排查隐患");
    assertThat(runtime.getVariable(supervision.getId(), "overdueGroup")).isEqualTo(MINGSHUI);
    assertThat(runtime.getVariable(supervision.getId(), "caseSubject")).isEqualTo("章丘某食品有限公司");
  }

  @Test
  void everyStepThatRunsLateIsRemindedAndSupervised() {
    ProcessInstance instance = startCase(enterprise());
    runsLate(instance, "zq054_market_1", MARKET);
    complete(instance, "zq054_market_1", MARKET, DONE);
    runsLate(instance, "zq054_market_2", MARKET);
    runsLate(instance, "zq054_township_1", MINGSHUI);
    complete(instance, "zq054_market_2", MARKET, HAZARDS);
    complete(instance, "zq054_township_1", MINGSHUI, HAZARDS);
    runAsyncJobs(instance);
    runsLate(instance, "zq054_market_3", MARKET);
    runsLate(instance, "zq054_township_2", MINGSHUI);
    complete(instance, "zq054_market_3", MARKET, ORDER);
    complete(instance, "zq054_township_2", MINGSHUI, FOLLOWED_UP);
    runAsyncJobs(instance);
    runsLate(instance, "zq054_market_reinspect", MARKET);
    complete(instance, "zq054_market_reinspect", MARKET, FIXED);
    runsLate(instance, "zq054_township_3", MINGSHUI);
    complete(instance, "zq054_township_3", MINGSHUI, SHARED);
    runAsyncJobs(instance);
    rateDepartments(instance);
    assertThat(instance).isEnded();
    assertThat(history.createHistoricProcessInstanceQuery().superProcessInstanceId(instance.getId())
        .processDefinitionKey("shared_supervision").count()).isEqualTo(7);
  }
}
