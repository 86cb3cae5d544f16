package cn.shudi.reliability;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.support.CaseDriver;
import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * Expected refusals (another county's record: 404; a task someone else completed first: 409; a form rule: 400)
 * are logged as one line without a stack trace; an unexpected failure keeps its stack trace.
 */
@PlatformTest
class RefusalLogTest extends ProcessTestBase {

  @LocalServerPort
  int port;

  final ListAppender<ILoggingEvent> log = new ListAppender<>();
  final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

  @BeforeEach
  void listen() {
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void stopListening() {
    root.detachAppender(log);
  }

  List<ILoggingEvent> withStackTrace() {
    return log.list.stream().filter(e -> e.getThrowableProxy() != null).toList();
  }

  List<ILoggingEvent> refusalLines() {
    return log.list.stream().filter(e -> e.getFormattedMessage().startsWith("已拒绝")).toList();
  }

  @Test
  void anotherCountysRecordAndATaskCompletedTwiceAreOneLineEach() {
    String caseId = cases().start("zq054", TENANT, "mingshui", Map.of(ItemProcess.CASE_SUBJECT.name(), "章丘日志测试企业"))
        .getId();
    String taskId = tasks.createTaskQuery().processInstanceId(caseId).singleResult().getId();

    Http foreign = new Http(port).as("yunxi_market_staff", DEMO_PASSWORD);
    assertThat(foreign.postJson("/engine-rest/task/" + taskId + "/complete", "{}").status()).isEqualTo(404);
    Http market = new Http(port).as("zhangqiu_market_staff", DEMO_PASSWORD);
    String body = "{\"variables\":{\"dutyResult\":{\"value\":\"已制定计划\"}}}";
    assertThat(market.postJson("/engine-rest/task/" + taskId + "/submit-form", body).status()).isEqualTo(204);
    assertThat(market.postJson("/engine-rest/task/" + taskId + "/submit-form", body).status()).isEqualTo(409);

    System.out.println("[refusal-log] " + log.list.stream().map(e -> e.getLoggerName() + " " + e.getLevel() + " "
        + e.getFormattedMessage().lines().findFirst().orElse("") + (e.getThrowableProxy() != null ? " +trace" : ""))
        .toList());
    assertThat(withStackTrace()).as("no stack trace for an expected refusal").isEmpty();
    assertThat(refusalLines()).hasSize(2);
    assertThat(refusalLines().get(0).getFormattedMessage()).contains("404", "任务不存在或已结束");
    assertThat(refusalLines().get(1).getFormattedMessage()).contains("409", "该任务已由他人办理完毕");
  }

  @Test
  void anUnexpectedFailureKeepsItsStackTrace() {
    // a form rule broken through the API: expected, one line
    Http.Response refused = new Http(port).as("zhangqiu_market_staff", DEMO_PASSWORD).postJson(
        "/engine-rest/process-definition/key/zq054/tenant-id/zhangqiu/submit-form",
        "{\"variables\":{\"township\":{\"value\":\"mingshui\"},\"caseSubject\":{\"value\":\"x\"},"
            + "\"caseDescription\":{\"value\":\"x\"},\"creditCode\":{\"value\":\"91350100M000100Y44\"}}}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(withStackTrace()).isEmpty();
    assertThat(refusalLines()).hasSize(1);

    // a job that fails for a reason nobody expected (a credit code broken after the start) keeps its stack trace
    ItemProcess.Ids zq054 = ItemProcess.ids("ZQ054");
    CaseDriver cases = cases();
    String caseId = cases.start("zq054", TENANT, "mingshui", Map.of(ItemProcess.CASE_SUBJECT.name(), "章丘日志测试企业",
        ItemProcess.CREDIT_CODE.name(), "91350100M000100Y43")).getId();
    for (ItemProcess.Element step : List.of(zq054.step("market", 1), zq054.step("market", 2), zq054.township(1))) {
      cases.completeAsStaff(cases.task(caseId, step.id()), CaseDriver.FORM_VALUES);
    }
    management.createJobQuery().processInstanceId(caseId).activityId(zq054.join().id()).list()
        .forEach(j -> management.executeJob(j.getId()));
    cases.completeAsStaff(cases.task(caseId, zq054.township(3).id()), CaseDriver.FORM_VALUES);
    runtime.setVariable(caseId, ItemProcess.CREDIT_CODE.name(), "91350100M000100Y44");
    String job = management.createJobQuery().processInstanceId(caseId).activityId(zq054.step("market", 4).id())
        .singleResult().getId();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> management.executeJob(job))
        .hasMessageContaining("不能写入信用档案");
    assertThat(withStackTrace()).as("the engine's report with its stack trace").isNotEmpty();
    assertThat(refusalLines()).hasSize(1);
  }
}
