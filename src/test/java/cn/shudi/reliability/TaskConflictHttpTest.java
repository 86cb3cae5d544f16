package cn.shudi.reliability;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.shudi.support.Http;
import cn.shudi.support.WebappSession;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * Two members of one unit complete the same task at the same moment, over real HTTP: one succeeds, the other
 * gets 409 with a Chinese message in Camunda's error format, never a 500 or a stack trace; the task is
 * completed once. Over the REST API ({@code /complete}, {@code /submit-form}) and Tasklist's own API.
 */
@PlatformTest
class TaskConflictHttpTest extends ProcessTestBase {

  static final String KEY = "test_conflict";
  static final String STEP = "test_conflict_inspect";
  static final String WEBAPP_TASK = "/camunda/api/engine/engine/default/task/";
  static final int ROUNDS = 30;

  @LocalServerPort
  int port;
  @Autowired
  ReliabilityTestBeans.CompletionGate gate;

  final ObjectMapper json = new ObjectMapper();
  static ExecutorService threads;
  static ListAppender<ILoggingEvent> conflictLog;

  static BpmnModelInstance model() {
    return Bpmn.createExecutableProcess(KEY).name("测试同时办理").camundaHistoryTimeToLive(30)
        .startEvent().userTask(STEP).name("排查隐患").camundaCandidateGroups("zhangqiu_market")
        .camundaTaskListenerExpression("complete", "${completionGate.pause()}")
        .userTask("test_conflict_next").name("确认办结").camundaCandidateGroups("zhangqiu_market")
        .endEvent().done();
  }

  @BeforeAll
  static void start() {
    threads = Executors.newFixedThreadPool(2);
    conflictLog = new ListAppender<>();
    conflictLog.start();
    ((Logger) LoggerFactory.getLogger(FailureInterceptor.class)).addAppender(conflictLog);
  }

  @AfterAll
  static void stop() {
    threads.shutdownNow();
    ((Logger) LoggerFactory.getLogger(FailureInterceptor.class)).detachAppender(conflictLog);
  }

  @BeforeEach
  void deployOnce() {
    if (repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count() == 0) {
      cn.shudi.support.TestForms.add(repository.createDeployment().tenantId("zhangqiu").name("conflict-test"),
          KEY + ".bpmn", model()).deploy();
    }
  }

  Http rest(String user) {
    return new Http(port).as(user, DEMO_PASSWORD);
  }

  String newTask() {
    String id = runtime.createProcessInstanceByKey(KEY).processDefinitionTenantId("zhangqiu").execute().getId();
    return tasks.createTaskQuery().processInstanceId(id).taskDefinitionKey(STEP).singleResult().getId();
  }

  static final String VARIABLES = "{\"variables\":{\"dutyResult\":{\"value\":\"已排查\"}}}";

  // --- the loser of a race ------------------------------------------------------------------------

  @Test
  void theLoserOfAnOptimisticLockingRaceGets409AndTheTaskIsCompletedOnce() throws Exception {
    String taskId = newTask();
    gate.arm();
    Future<Http.Response> first = threads.submit(
        () -> rest("zhangqiu_market_staff").postJson("/engine-rest/task/" + taskId + "/complete", VARIABLES));
    assertThat(gate.entered.await(20, TimeUnit.SECONDS)).as("the first completion reached its listener").isTrue();
    // the first completion has read the task and waits; the second completes it and commits
    Http.Response second = rest("zhangqiu_market_lead").postJson("/engine-rest/task/" + taskId + "/complete", VARIABLES);
    gate.release.countDown();
    Http.Response loser = first.get(30, TimeUnit.SECONDS);

    assertThat(second.status()).as(second.toString()).isEqualTo(204);
    assertConflict(loser, "TaskAlreadyCompletedException");
    assertThat(conflictLog.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(taskId)
        .containsIgnoringCase("updated by another transaction concurrently"));
    assertCompletedOnce(taskId);
  }

  @Test
  void twoUsersCompletingTheSameTaskAtOnceOverRestGetOneSuccessAndOne409() throws Exception {
    Outcomes outcomes = race(taskId -> () -> rest("zhangqiu_market_staff")
        .postJson("/engine-rest/task/" + taskId + "/complete", VARIABLES),
        taskId -> () -> rest("zhangqiu_market_lead").postJson("/engine-rest/task/" + taskId + "/complete", VARIABLES));
    System.out.println("[reliability] REST complete × REST complete: " + outcomes);
  }

  @Test
  void restSubmitFormAgainstTasklistSubmitFormGetOneSuccessAndOne409() throws Exception {
    WebappSession tasklist = WebappSession.login(port, "zhangqiu_market_lead", DEMO_PASSWORD, "tasklist");
    Outcomes outcomes = race(taskId -> () -> rest("zhangqiu_market_staff")
        .postJson("/engine-rest/task/" + taskId + "/submit-form", VARIABLES),
        taskId -> () -> tasklist.postJson(WEBAPP_TASK + taskId + "/submit-form", VARIABLES));
    System.out.println("[reliability] REST submit-form × Tasklist submit-form: " + outcomes);
  }

  // --- a second click after the first one finished -------------------------------------------------

  @Test
  void completingAnAlreadyCompletedTaskAnswers409OnEveryPath() {
    String taskId = newTask();
    assertThat(rest("zhangqiu_market_staff").postJson("/engine-rest/task/" + taskId + "/complete", VARIABLES).status())
        .isEqualTo(204);
    assertConflict(rest("zhangqiu_market_lead").postJson("/engine-rest/task/" + taskId + "/complete", VARIABLES),
        "TaskAlreadyCompletedException");
    assertConflict(rest("zhangqiu_market_staff").postJson("/engine-rest/task/" + taskId + "/submit-form", VARIABLES),
        "TaskAlreadyCompletedException");
    WebappSession tasklist = WebappSession.login(port, "zhangqiu_market_lead", DEMO_PASSWORD, "tasklist");
    assertConflict(tasklist.postJson(WEBAPP_TASK + taskId + "/submit-form", VARIABLES), "TaskAlreadyCompletedException");
    assertCompletedOnce(taskId);
  }

  @Test
  void whoCouldNotHaveWorkedOnTheTaskLearnsNothingNew() {
    String taskId = newTask();
    assertThat(rest("zhangqiu_market_staff").postJson("/engine-rest/task/" + taskId + "/complete", VARIABLES).status())
        .isEqualTo(204);
    for (String outsider : List.of("yunxi_market_staff", "zhangqiu_mingshui_staff")) {
      Http.Response answer = rest(outsider).postJson("/engine-rest/task/" + taskId + "/complete", VARIABLES);
      assertNotFound(answer);
    }
    assertNotFound(rest("zhangqiu_market_staff").postJson("/engine-rest/task/no-such-task/complete", VARIABLES));
    WebappSession tasklist = WebappSession.login(port, "zhangqiu_market_lead", DEMO_PASSWORD, "tasklist");
    assertNotFound(tasklist.postJson(WEBAPP_TASK + "no-such-task/submit-form", VARIABLES));
  }

  // --- helpers -------------------------------------------------------------------------------------

  /**
   * How the rounds went: who won, and what the loser met in the engine: an optimistic-locking failure, a
   * permission check failing on the task the winner just completed, or the task already gone.
   */
  record Outcomes(int rounds, int firstWon, int secondWon, int optimisticLocking, int authorization, int alreadyGone) {
  }

  interface Request extends java.util.function.Function<String, Supplier<Http.Response>> {
  }

  /** {@link #ROUNDS} fresh tasks, each completed by both requests released at the same instant. */
  Outcomes race(Request first, Request second) throws Exception {
    int firstWon = 0;
    int secondWon = 0;
    int logged = conflictLog.list.size();
    List<String> taskIds = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      String taskId = newTask();
      taskIds.add(taskId);
      CyclicBarrier together = new CyclicBarrier(2);
      Supplier<Http.Response> a = first.apply(taskId);
      Supplier<Http.Response> b = second.apply(taskId);
      Future<Http.Response> fa = threads.submit(() -> {
        together.await();
        return a.get();
      });
      Future<Http.Response> fb = threads.submit(() -> {
        together.await();
        return b.get();
      });
      Http.Response ra = fa.get(30, TimeUnit.SECONDS);
      Http.Response rb = fb.get(30, TimeUnit.SECONDS);
      boolean aWon = ra.status() / 100 == 2;
      boolean bWon = rb.status() / 100 == 2;
      assertThat(aWon ^ bWon).as("round %d: exactly one success: %s | %s", round, ra, rb).isTrue();
      assertConflict(aWon ? rb : ra, "TaskAlreadyCompletedException");
      assertCompletedOnce(taskId);
      if (aWon) {
        firstWon++;
      } else {
        secondWon++;
      }
    }
    List<String> messages = conflictLog.list.subList(logged, conflictLog.list.size()).stream()
        .map(ILoggingEvent::getFormattedMessage).toList();
    int ole = (int) messages.stream().filter(m -> m.contains("concurrently")).count();
    int authorization = (int) messages.stream().filter(m -> m.contains("permission")).count();
    assertThat(messages).as("one conflict logged per round").hasSize(ROUNDS);
    return new Outcomes(ROUNDS, firstWon, secondWon, ole, authorization, ROUNDS - ole - authorization);
  }

  void assertConflict(Http.Response answer, String type) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
    assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    JsonNode body = read(answer);
    assertThat(body.get("type").asText()).isEqualTo(type);
    assertThat(body.get("message").asText()).isEqualTo("该任务已由他人办理完毕，请刷新待办列表");
    assertThat(answer.body()).doesNotContain("Exception:", "\tat ", "ENGINE-");
  }

  void assertNotFound(Http.Response answer) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
    JsonNode body = read(answer);
    assertThat(body.get("type").asText()).isEqualTo("TaskNotFoundException");
    assertThat(body.get("message").asText()).isEqualTo("任务不存在或已结束，请刷新待办列表");
  }

  void assertCompletedOnce(String taskId) {
    HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
    assertThat(done.getEndTime()).isNotNull();
    assertThat(done.getDeleteReason()).isEqualTo("completed");
    String caseId = done.getProcessInstanceId();
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(caseId).taskDefinitionKey(STEP).count())
        .isOne();
    List<Task> next = tasks.createTaskQuery().processInstanceId(caseId).list();
    assertThat(next).as("the case went on exactly once").extracting(Task::getTaskDefinitionKey)
        .containsExactly("test_conflict_next");
  }

  JsonNode read(Http.Response response) {
    try {
      return json.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response, e);
    }
  }
}
