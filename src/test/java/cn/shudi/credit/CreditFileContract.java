package cn.shudi.credit;

import cn.shudi.blueprint.ItemProcess;

import static cn.shudi.credit.CreditCases.CLOSE_STEP;
import static cn.shudi.credit.CreditCases.MARKET_STEP;
import static cn.shudi.credit.CreditCases.RECORD_STEP;
import static cn.shudi.credit.CreditCases.TOWNSHIP_STEP;
import static cn.shudi.credit.CreditCases.newCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.shudi.credit.CreditCases.FailingStep;
import cn.shudi.credit.CreditFile.CaseStep;
import cn.shudi.credit.CreditFile.Content;
import cn.shudi.credit.CreditFile.Contribution;
import cn.shudi.credit.CreditFile.Entry;

/**
 * What the credit file promises, on whichever database the subclass runs: one entry per case and step
 * however often or however concurrently it is written, nothing changed or deleted, bad codes refused.
 */
abstract class CreditFileContract {

  abstract ProcessEngine engine();

  abstract CreditFile creditFile();

  abstract PlatformTransactionManager transactions();

  abstract JdbcClient jdbc();

  CreditCases cases;

  @BeforeEach
  void deployTheJointInspection() {
    cases = new CreditCases(engine());
    cases.deploy("zhangqiu", "zhangqiu_market");
  }

  @Test
  void aJointInspectionIsEnteredOnceWithWhatEachUnitRecorded() {
    String code = newCode();
    String caseId = cases.start("zhangqiu", "mingshui", code, Map.of(ItemProcess.ITEM_CODE.name(), "ZQ054", ItemProcess.ITEM_NAME.name(), "食品生产经营企业日常安全监管"));
    cases.inspectAndRecord(caseId);

    List<Entry> file = creditFile().entriesOf(code);
    assertThat(file).hasSize(1);
    Entry entry = file.get(0);
    assertThat(entry.creditCode()).isEqualTo(code);
    assertThat(entry.jurisdiction()).isEqualTo("zhangqiu");
    assertThat(entry.caseId()).isEqualTo(caseId);
    assertThat(entry.stepId()).isEqualTo(RECORD_STEP);
    assertThat(entry.townshipGroup()).isEqualTo("zhangqiu_mingshui");
    assertThat(entry.itemCode()).isEqualTo("ZQ054");
    assertThat(entry.subject()).isEqualTo("某食品有限公司");
    assertThat(entry.correctsEntryId()).isNull();
    assertThat(entry.recordedBy()).as("written by the job, not by a user").isNull();
    assertThat(entry.recordedAt()).isNotNull();
    assertThat(entry.hazardCount()).as("the largest count a unit reported").isEqualTo(2);
    assertThat(entry.inspection()).contains("ZQ054 食品生产经营企业日常安全监管", "某食品有限公司", "区市场监管局", "明水街道");
    assertThat(entry.findings()).contains("发现隐患 2 处，一般隐患", "区市场监管局·排查隐患：发现隐患 2 处，一般隐患；原料库温湿度记录缺失")
        .contains("明水街道·排查隐患：未发现隐患");
    assertThat(entry.rectification()).contains("整改要求：7日内补齐温湿度记录", "整改期限：7日", "复查：已整改到位");
    assertThat(entry.result()).contains("区市场监管局·排查隐患：已下达责令整改通知书", "明水街道·排查隐患：协管员同步检查，结果已共享");
    assertThat(entry.content()).contains("原料库温湿度记录缺失", "已下达责令整改通知书", "已整改到位");

    assertThat(entry.contributions()).extracting(Contribution::stepId).containsExactlyInAnyOrder(MARKET_STEP, TOWNSHIP_STEP);
    Contribution market = contribution(entry, MARKET_STEP);
    assertThat(market.unitGroup()).isEqualTo("zhangqiu_market");
    assertThat(market.unitName()).isEqualTo("区市场监管局");
    assertThat(market.stepName()).isEqualTo("排查隐患");
    assertThat(market.recordedBy()).isEqualTo("zhangqiu_market_staff");
    assertThat(market.hazardCount()).isEqualTo(2);
    assertThat(market.hazardLevel()).isEqualTo("general");
    assertThat(market.findings()).isEqualTo("原料库温湿度记录缺失；冷藏柜温度超标");
    assertThat(market.result()).isEqualTo("已下达责令整改通知书");
    assertThat(market.recordedAt()).isNotNull();
    Contribution township = contribution(entry, TOWNSHIP_STEP);
    assertThat(township.unitGroup()).isEqualTo("zhangqiu_mingshui");
    assertThat(township.unitName()).isEqualTo("明水街道");
    assertThat(township.recordedBy()).isEqualTo("zhangqiu_mingshui_staff");
    assertThat(township.hazardCount()).isZero();
    assertThat(township.findings()).isNull();

    assertThat(cases.variable(caseId, CreditFile.CREDIT_ENTRY_ID)).isEqualTo(entry.id());
    assertThat(creditFile().entry(entry.id())).contains(entry);
    assertThat(creditFile().entriesOf(" " + code.toLowerCase())).as("codes are normalized").containsExactly(entry);
  }

  @Test
  void aFailedAttemptLeavesNoEntryAndTheRetryWritesExactlyOne() {
    String code = newCode();
    String caseId = cases.start("zhangqiu", "mingshui", code, Map.of());
    cases.inspect(caseId);
    Job job = cases.recordJob(caseId);
    FailingStep.arm(caseId, 1);

    assertThatThrownBy(() -> engine().getManagementService().executeJob(job.getId()))
        .hasStackTraceContaining("数据库连接中断");
    assertThat(creditFile().entriesOf(code)).as("the entry is rolled back with the job").isEmpty();
    assertThat(engine().getManagementService().createJobQuery().jobId(job.getId()).singleResult().getRetries())
        .isEqualTo(2);

    engine().getManagementService().executeJob(job.getId());
    List<Entry> file = creditFile().entriesOf(code);
    assertThat(file).hasSize(1);
    assertThat(cases.variable(caseId, CreditFile.CREDIT_ENTRY_ID)).isEqualTo(file.get(0).id());
  }

  @Test
  void runningTheStepAgainReturnsTheEntryAlreadyThere() {
    String code = newCode();
    String caseId = cases.start("zhangqiu", "mingshui", code, Map.of());
    cases.inspectAndRecord(caseId);
    Entry first = creditFile().entriesOf(code).get(0);

    // restarted in Cockpit, or recordInspection called a second time: the same entry, nothing added
    engine().getRuntimeService().createProcessInstanceModification(caseId).startBeforeActivity(RECORD_STEP).execute();
    assertThat(engine().getTaskService().createTaskQuery().processInstanceId(caseId).taskDefinitionKey(CLOSE_STEP)
        .count()).as("the step really ran again").isEqualTo(2);
    assertThat(creditFile().entriesOf(code)).containsExactly(first);
    assertThat(cases.variable(caseId, CreditFile.CREDIT_ENTRY_ID)).isEqualTo(first.id());

    // and through the Java API: the entry of (case, step) wins over the new content
    Entry again = creditFile().record(code, new CaseStep("zhangqiu", caseId, RECORD_STEP, null, null, null, null),
        Content.text("另一份内容"));
    assertThat(again).isEqualTo(first);
    assertThat(creditFile().entriesOf(code)).hasSize(1);
  }

  @Test
  void twoTransactionsRacingForTheSameCaseAndStepLeaveOneEntry() throws Exception {
    String code = newCode();
    CaseStep step = new CaseStep("zhangqiu", "race-" + UUID.randomUUID(), "race_record", "ZQ054", "食品生产经营企业日常安全监管",
        "某食品有限公司", "zhangqiu_mingshui");
    TransactionTemplate transaction = new TransactionTemplate(transactions());
    CountDownLatch firstWrote = new CountDownLatch(1);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      // node 1 writes and holds its transaction open; node 2 writes meanwhile: it cannot see node 1's row yet
      Future<Entry> first = nodes.submit(() -> transaction.execute(status -> {
        Entry written = creditFile().record(code, step, Content.text("第一个节点"));
        firstWrote.countDown();
        sleep(800);
        return written;
      }));
      assertThat(firstWrote.await(20, TimeUnit.SECONDS)).isTrue();
      Future<Entry> second = nodes.submit(() -> transaction.execute(status ->
          creditFile().record(code, step, Content.text("第二个节点"))));
      Entry one = first.get(30, TimeUnit.SECONDS);
      Entry two = second.get(30, TimeUnit.SECONDS);
      assertThat(two.id()).as("the loser returns the winner's entry").isEqualTo(one.id());
      assertThat(two.result()).isEqualTo("第一个节点");
    } finally {
      nodes.shutdownNow();
    }
    assertThat(creditFile().entriesOf(code)).hasSize(1);
  }

  @Test
  void manyThreadsWritingTheSameCaseAndStepAtOnceLeaveOneEntry() throws Exception {
    String code = newCode();
    CaseStep step = new CaseStep("zhangqiu", "burst-" + UUID.randomUUID(), "burst_record", null, null, null, null);
    int threads = 6;
    CyclicBarrier start = new CyclicBarrier(threads);
    TransactionTemplate transaction = new TransactionTemplate(transactions());
    ExecutorService nodes = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Entry>> written = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        written.add(nodes.submit(() -> {
          start.await(20, TimeUnit.SECONDS);
          return transaction.execute(status -> creditFile().record(code, step, Content.text("线程 " + n)));
        }));
      }
      List<String> ids = new ArrayList<>();
      for (Future<Entry> f : written) {
        ids.add(f.get(60, TimeUnit.SECONDS).id());
      }
      assertThat(ids).as("every writer gets the one entry").containsOnly(ids.get(0));
    } finally {
      nodes.shutdownNow();
    }
    assertThat(creditFile().entriesOf(code)).hasSize(1);
  }

  @Test
  void twoNodesExecutingTheSameJobLeaveOneEntry() throws Exception {
    String code = newCode();
    String caseId = cases.start("zhangqiu", "mingshui", code, Map.of());
    cases.inspect(caseId);
    String jobId = cases.recordJob(caseId).getId();
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    List<Throwable> failures = new ArrayList<>();
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        runs.add(nodes.submit(() -> {
          start.await(20, TimeUnit.SECONDS);
          engine().getManagementService().executeJob(jobId);
          return null;
        }));
      }
      for (Future<?> run : runs) {
        try {
          run.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause()); // the loser: optimistic locking on the job, or the job is gone
        }
      }
    } finally {
      nodes.shutdownNow();
    }
    assertThat(failures).as("at most one of the two runs may fail").hasSizeLessThanOrEqualTo(1);
    if (engine().getManagementService().createJobQuery().jobId(jobId).count() > 0) {
      engine().getManagementService().executeJob(jobId); // the job's retry, as the job executor would
    }
    assertThat(creditFile().entriesOf(code)).hasSize(1);
    assertThat(engine().getTaskService().createTaskQuery().processInstanceId(caseId).taskDefinitionKey(CLOSE_STEP)
        .count()).isOne();
  }

  @Test
  void theDatabaseItselfRefusesASecondEntryForTheSameCaseAndStep() {
    String code = newCode();
    Entry entry = creditFile().record(code, new CaseStep("zhangqiu", "db-" + UUID.randomUUID(), "db_record", null, null,
        null, null), Content.text("一次"));
    assertThatThrownBy(() -> jdbc().sql("insert into shudi_credit_entry (id, credit_code, case_id, step_id, recorded_at)"
        + " values (:id, :code, :caseId, :stepId, :at)").param("id", UUID.randomUUID().toString()).param("code", code)
        .param("caseId", entry.caseId()).param("stepId", entry.stepId()).param("at", LocalDateTime.now()).update())
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void aCorrectionIsANewEntryPointingToTheEntryItCorrects() {
    String code = newCode();
    String caseId = cases.start("zhangqiu", "mingshui", code, Map.of(ItemProcess.ITEM_CODE.name(), "ZQ054"));
    cases.inspectAndRecord(caseId);
    Entry original = creditFile().entriesOf(code).get(0);

    String review = "review-" + UUID.randomUUID();
    Content fixed = new Content(null, "经复核，冷藏柜温度超标系测量误差，不计入隐患", null, "更正：隐患 1 处", 1, List.of());
    Entry correction = creditFile().correct(original.id(), review, "review_decide", fixed);
    assertThat(correction.id()).isNotEqualTo(original.id());
    assertThat(correction.correctsEntryId()).isEqualTo(original.id());
    assertThat(correction.isCorrection()).isTrue();
    assertThat(correction.creditCode()).isEqualTo(code);
    assertThat(correction.jurisdiction()).isEqualTo("zhangqiu");
    assertThat(correction.townshipGroup()).isEqualTo("zhangqiu_mingshui");
    assertThat(correction.itemCode()).isEqualTo("ZQ054");
    assertThat(correction.hazardCount()).isEqualTo(1);
    assertThat(correction.caseId()).isEqualTo(review);

    assertThat(creditFile().entriesOf(code)).extracting(Entry::id).containsExactly(original.id(), correction.id());
    assertThat(creditFile().entry(original.id())).as("the corrected entry is unchanged").contains(original);
    assertThat(creditFile().correctionsOf(List.of(original.id()))).containsEntry(original.id(), List.of(correction.id()));
    assertThat(creditFile().correct(original.id(), review, "review_decide", fixed)).as("idempotent as well")
        .isEqualTo(correction);
    assertThat(creditFile().entriesOf(code)).hasSize(2);
    assertThatThrownBy(() -> creditFile().correct(original.id(), caseId, RECORD_STEP, fixed))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("已写入另一条信用档案记录");
    assertThatThrownBy(() -> creditFile().correct("no-such-entry", review, "x", fixed))
        .hasMessage("要更正的信用档案记录「no-such-entry」不存在");
    Integer rows = jdbc().sql("select count(*) from shudi_credit_entry where credit_code = :code").param("code", code)
        .query(Integer.class).single();
    assertThat(rows).isEqualTo(2);
  }

  @Test
  void aBadCodeIsRefusedWithWhatIsWrong() {
    CaseStep step = new CaseStep("zhangqiu", "bad-" + UUID.randomUUID(), "bad_record", null, null, null, null);
    assertThatThrownBy(() -> creditFile().record("91350100M000100Y44", step, Content.text("x")))
        .isInstanceOf(InvalidCreditCodeException.class)
        .hasMessage("统一社会信用代码「91350100M000100Y44」有误：第18位校验码应为「3」，实为「4」");
    assertThatThrownBy(() -> creditFile().record("9135010", step.caseId(), step.stepId(), "x"))
        .hasMessage("统一社会信用代码「9135010」有误：应为18位，实为7位");
    assertThat(jdbc().sql("select count(*) from shudi_credit_entry where case_id = :id").param("id", step.caseId())
        .query(Integer.class).single()).isZero();
    assertThat(creditFile().entriesOf("91350100M000100Y44")).isEmpty();

    // in a case: the step fails with the reason (an incident once retries are used up), nothing is written
    String caseId = cases.start("zhangqiu", "mingshui", "91350100M0001O0Y43", Map.of());
    cases.inspect(caseId);
    Job job = cases.recordJob(caseId);
    assertThatThrownBy(() -> engine().getManagementService().executeJob(job.getId()))
        .hasMessageContaining("不能写入信用档案：统一社会信用代码「91350100M0001O0Y43」有误：第14位「O」不是合法字符")
        .hasMessageContaining("更正流程变量 creditCode 后重试");
    assertThat(engine().getManagementService().createJobQuery().jobId(job.getId()).singleResult()
        .getExceptionMessage()).contains("第14位「O」不是合法字符");

    // corrected in Cockpit, the retry writes the entry
    String fixed = newCode();
    engine().getRuntimeService().setVariable(caseId, ItemProcess.CREDIT_CODE.name(), fixed);
    engine().getManagementService().executeJob(job.getId());
    assertThat(creditFile().entriesOf(fixed)).hasSize(1);
  }

  @Test
  void aCaseWithoutACodeWritesNothingAndSaysWhy() {
    String caseId = cases.start("zhangqiu", "mingshui", null, Map.of(ItemProcess.CASE_SUBJECT.name(), "明水街道某自建房"));
    cases.inspectAndRecord(caseId);
    assertThat(cases.variable(caseId, CreditFile.CREDIT_FILE_NOTE)).isEqualTo(CreditFile.NO_CODE_NOTE);
    assertThat(cases.variable(caseId, CreditFile.CREDIT_ENTRY_ID)).isNull();
    assertThat(jdbc().sql("select count(*) from shudi_credit_entry where case_id = :id").param("id", caseId)
        .query(Integer.class).single()).isZero();
    assertThat(creditFile().entriesOf("明水街道某自建房")).isEmpty();
  }

  @Test
  void theShortApiFindsTheCasesJurisdictionInTheEngine() {
    String code = newCode();
    String caseId = cases.start("zhangqiu", "mingshui", code, Map.of(ItemProcess.ITEM_CODE.name(), "ZQ054"));
    Entry entry = creditFile().record(code, caseId, "manual_note", "现场检查记录（补录）");
    assertThat(entry.jurisdiction()).isEqualTo("zhangqiu");
    assertThat(entry.townshipGroup()).isEqualTo("zhangqiu_mingshui");
    assertThat(entry.itemCode()).isEqualTo("ZQ054");
    assertThat(entry.result()).isEqualTo("现场检查记录（补录）");
    assertThat(creditFile().record(code, caseId, "manual_note", "又一次")).isEqualTo(entry);
    assertThat(creditFile().entriesOf(code)).hasSize(1);
  }

  static Contribution contribution(Entry entry, String stepId) {
    return entry.contributions().stream().filter(c -> c.stepId().equals(stepId)).findFirst().orElseThrow();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
