package cn.shudi.reliability;

import static cn.shudi.support.StaffUsers.DEMO_PASSWORD;
import cn.shudi.blueprint.ItemProcess;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.shudi.support.CaseDriver;
import cn.shudi.support.Http;
import cn.shudi.support.PlatformTest;
import cn.shudi.support.ProcessTestBase;

/**
 * The township and the market bureau finish their side-by-side inspections of one ZQ054 case at the same
 * instant, over real HTTP: neither user sees a failure (the join is asynchronous, so the two completions
 * touch no common row), and the case then goes on exactly once.
 */
@PlatformTest
class ParallelJoinRaceHttpTest extends ProcessTestBase {

  static final ItemProcess.Ids ZQ054 = ItemProcess.ids("ZQ054");
  static final ItemProcess.Element JOIN = ZQ054.join();
  static final ItemProcess.Element MARKET_1 = ZQ054.step("market", 1);
  static final ItemProcess.Element MARKET_2 = ZQ054.step("market", 2);
  static final ItemProcess.Element TOWNSHIP_1 = ZQ054.township(1);
  static final ItemProcess.Element TOWNSHIP_3 = ZQ054.township(3);

  static final int PAIRS = 50;
  static final String INSPECTED = "{\"variables\":{\"dutyResult\":{\"value\":\"符合要求\"},"
      + "\"dutyFindings\":{\"value\":\"未发现问题\"},\"hazardCount\":{\"value\":0,\"type\":\"Long\"},"
      + "\"hazardLevel\":{\"value\":\"none\"}}}";

  @LocalServerPort
  int port;

  @Test
  void townshipAndBureauCompletingTheirInspectionsAtTheSameInstantNeverFail() throws Exception {
    CaseDriver cases = new CaseDriver(engine);
    Http bureau = new Http(port).as("zhangqiu_market_staff", DEMO_PASSWORD);
    Http township = new Http(port).as("zhangqiu_mingshui_staff", DEMO_PASSWORD);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<String> failures = new ArrayList<>();
    int joinJobsRun = 0;
    try {
      for (int pair = 0; pair < PAIRS; pair++) {
        String caseId = cases.start("zq054", "zhangqiu", "mingshui", Map.of(ItemProcess.CASE_SUBJECT.name(), "章丘某食品有限公司")).getId();
        cases.completeAsStaff(task(caseId, MARKET_1.id()), CaseDriver.FORM_VALUES);
        String bureauTask = task(caseId, MARKET_2.id()).getId();
        String townshipTask = task(caseId, TOWNSHIP_1.id()).getId();

        CyclicBarrier together = new CyclicBarrier(2);
        Future<Http.Response> a = threads.submit(() -> {
          together.await();
          return bureau.postJson("/engine-rest/task/" + bureauTask + "/complete", INSPECTED);
        });
        Future<Http.Response> b = threads.submit(() -> {
          together.await();
          return township.postJson("/engine-rest/task/" + townshipTask + "/submit-form", INSPECTED);
        });
        for (Http.Response answer : List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS))) {
          if (answer.status() != 204) {
            failures.add("pair " + pair + ": " + answer);
          }
        }

        List<Job> joins = management.createJobQuery().processInstanceId(caseId).activityId(JOIN.id()).list();
        assertThat(joins).as("one job per arriving path").hasSize(2);
        for (Job join : joins) {
          management.executeJob(join.getId());
          joinJobsRun++;
        }
        assertThat(tasks.createTaskQuery().processInstanceId(caseId).list()).as("pair %d went on once", pair)
            .extracting(Task::getTaskDefinitionKey).containsExactly(TOWNSHIP_3.id());
        assertThat(management.createJobQuery().processInstanceId(caseId).activityId(JOIN.id()).count()).isZero();
      }
    } finally {
      threads.shutdownNow();
    }
    System.out.println("[reliability] ZQ054 join race: " + PAIRS + " pairs, " + failures.size() + " failed requests, "
        + joinJobsRun + " join jobs run");
    assertThat(failures).as("requests that failed").isEmpty();
  }

  Task task(String caseId, String step) {
    return tasks.createTaskQuery().processInstanceId(caseId).taskDefinitionKey(step).singleResult();
  }
}
