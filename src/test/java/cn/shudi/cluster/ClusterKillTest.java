package cn.shudi.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import cn.shudi.blueprint.ItemProcess;
import cn.shudi.evaluation.EvaluationProcess;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.shudi.credit.CreditCode;
import cn.shudi.support.Http;
import cn.shudi.support.PostgresServer;

/**
 * Two application nodes on one PostgreSQL database; one is killed with SIGKILL under load.
 *
 * <p>Load: a starter per node opens ZQ054 food-safety cases (食品生产经营企业日常安全监管) over REST; per node a
 * market-bureau worker and a township worker complete whatever tasks their group has, on their node. So
 * both nodes run the async parallel joins ({@code zq054_join}, {@code zq054_rectification_join}), the async
 * credit-file write ({@code zq054_market_4}) and the evaluation call. Timer cases wait at the first step;
 * their reminder (and for some the deadline) timers are moved to "now" over REST: the first batch just
 * before the kill, so the node that dies holds some of them, the second batch after it.
 *
 * <p>Node B is frozen (SIGSTOP) when it is seen holding job locks, and killed (SIGKILL) once the database
 * shows the locks it holds while frozen, so the kill always leaves locks behind. Then the load goes on against node A, which must
 * finish everything: the dead node's locked jobs come back after the lock time (20 s here), every load case
 * completes with exactly one credit entry, every timer made due fired exactly once (job log and its side
 * effect: the reminder's comment, the supervision process), nothing is left locked or failed, and A still
 * serves a new case from start to end. Figures go to stdout and {@code target/cluster/summary.txt}.
 */
@Tag("postgres")
class ClusterKillTest {

  static final String ADMIN_PASSWORD = "Cl#Root-" + Long.toString(System.nanoTime(), 36) + "9";
  static final String STAFF_PASSWORD = "Cl#Staff-2026x";
  static final String MARKET_USER = "cl_market";
  static final String TOWNSHIP_USER = "cl_township";
  static final String MARKET_GROUP = "zhangqiu_market";
  static final String TOWNSHIP_GROUP = "zhangqiu_mingshui";
  /** Short for the test (the shipped setting is in application.yaml): the dead node's locks expire soon. */
  static final int LOCK_TIME_MS = 20_000;
  static final int TIMER_CASES = 36;
  static final int STATE_SUCCESSFUL = 2;

  static final ObjectMapper JSON = new ObjectMapper();

  /** The flagship item every case here runs, and the steps the test drives or checks. */
  static final ItemProcess.Ids ZQ054 = ItemProcess.ids("ZQ054");
  static final ItemProcess.Element MARKET_1 = ZQ054.step("market", 1);
  static final ItemProcess.Element MARKET_2 = ZQ054.step("market", 2);
  static final ItemProcess.Element MARKET_3 = ZQ054.step("market", 3);
  static final ItemProcess.Element MARKET_4 = ZQ054.step("market", 4);
  static final ItemProcess.Element MARKET_REINSPECT = ZQ054.step("market", "reinspect");
  static final ItemProcess.Element TOWNSHIP_1 = ZQ054.township(1);
  static final String RATE = EvaluationProcess.Element.RATE.id();

  PostgresServer database;
  AppNode nodeA;
  AppNode nodeB;

  /** Cases of the load: id → business key. */
  final ConcurrentMap<String, String> loadCases = new ConcurrentHashMap<>();
  /** Cases that wait at their first step while their timers fire; the workers leave them alone. */
  final Set<String> timerCases = ConcurrentHashMap.newKeySet();
  final AtomicInteger caseNumbers = new AtomicInteger();
  final ConcurrentMap<String, LongAdder> outcomes = new ConcurrentSkipListMap<>();
  final List<Throwable> clientErrors = new CopyOnWriteArrayList<>();
  volatile boolean bDead;
  volatile boolean starting = true;
  volatile boolean working = true;

  @AfterEach
  void stopNodesAndDropDatabase() throws Exception {
    AppNode.stopAndDrop(database, nodeA, nodeB);
  }

  @Test
  void aNodeKilledUnderLoadLeavesEveryCaseValidAndTheOtherNodeFinishesTheWork() throws Exception {
    long t0 = System.nanoTime();
    Map<String, Object> figures = new LinkedHashMap<>() {
      @Override
      public Object put(String key, Object value) {
        System.out.println("[cluster] " + key + ": " + value);
        return super.put(key, value);
      }
    };
    figures.put("loadavg before", loadavg());
    database = PostgresServer.freshDatabase("shudi_cluster");
    Map<String, String> properties = Map.of("camunda.bpm.job-execution.lock-time-in-millis", "" + LOCK_TIME_MS);
    nodeA = AppNode.launch("node-a", database, ADMIN_PASSWORD, properties).awaitUp(Duration.ofMinutes(3));
    figures.put("node A up (s)", seconds(t0));
    createUser(nodeA.admin(), MARKET_USER, MARKET_GROUP);
    createUser(nodeA.admin(), TOWNSHIP_USER, TOWNSHIP_GROUP);
    // B starts on the database A has deployed: it finds the blueprints there and deploys nothing new
    nodeB = AppNode.launch("node-b", database, ADMIN_PASSWORD, properties).awaitUp(Duration.ofMinutes(3));
    figures.put("node B up (s)", seconds(t0));

    try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password())) {
      assertThat(count(db, "select count(*) from act_re_procdef where key_ = ?", ZQ054.key()))
          .as("two nodes starting one after the other deploy the blueprints once").isOne();

      // timer cases: half opened on each node, left waiting at zq054_market_1
      List<TimerCase> timers = new ArrayList<>();
      for (int i = 0; i < TIMER_CASES; i++) {
        AppNode node = i % 2 == 0 ? nodeA : nodeB;
        String id = startCase(node.http(TOWNSHIP_USER, STAFF_PASSWORD), "timer-" + i);
        timerCases.add(id);
        timers.add(new TimerCase(id, jobOf(node.admin(), id, MARKET_1.reminder().id()),
            i % 2 == 0 ? jobOf(node.admin(), id, MARKET_1.deadline().id()) : null));
      }
      List<TimerCase> beforeKill = timers.subList(0, TIMER_CASES * 2 / 3);
      List<TimerCase> afterKill = timers.subList(TIMER_CASES * 2 / 3, TIMER_CASES);

      long loadStart = System.nanoTime();
      ExecutorService clients = Executors.newFixedThreadPool(6);
      for (int n = 0; n < 2; n++) {
        int node = n;
        clients.submit(() -> starter(node));
        clients.submit(() -> worker(node, MARKET_USER));
        clients.submit(() -> worker(node, TOWNSHIP_USER));
      }

      Thread.sleep(20_000);
      figures.put("cases started before the kill", loadCases.size());
      figures.put("loadavg under load", loadavg());
      // the first batch of timers falls due now, on both nodes' watch; B dies as soon as it holds a lock
      for (TimerCase timer : beforeKill) {
        timer.dueNow(nodeA.admin(), 0);
      }
      // B is frozen (SIGSTOP) the moment it is seen holding locks, its locks are read while it cannot change
      // them, and it is killed in that state; a look at a running node races its next commit
      long lookFrom = System.nanoTime();
      Set<String> ownersSeen = new java.util.TreeSet<>();
      int polls = 0;
      int freezes = 0;
      List<String> heldByDeadNode = List.of();
      while (System.nanoTime() - lookFrom < TimeUnit.SECONDS.toNanos(60)) {
        List<String> owners = strings(db, "select distinct lock_owner_ from act_ru_job where lock_owner_ is not null");
        ownersSeen.addAll(owners);
        polls++;
        if (owners.contains("node-b")) {
          nodeB.freeze();
          freezes++;
          Thread.sleep(300); // what B had sent before the stop reaches the database
          heldByDeadNode = strings(db, "select id_ from act_ru_job where lock_owner_ = 'node-b'");
          if (!heldByDeadNode.isEmpty()) {
            break;
          }
          nodeB.thaw();
        }
      }
      figures.put("lock owners seen while waiting to kill B (polls, freezes)",
          ownersSeen + " (" + polls + ", " + freezes + ")");
      int exit = nodeB.kill();
      bDead = true;
      long killedAt = System.nanoTime();
      figures.put("B killed after load (s)", (killedAt - loadStart) / 1e9);
      figures.put("B exit status", exit);
      figures.put("jobs B held locked when killed", heldByDeadNode.size());
      figures.put("client outcomes at the kill", snapshot(outcomes));
      assertThat(exit).as("SIGKILL: a process ended by signal 9 exits with 128 + 9").isEqualTo(137);
      assertThat(heldByDeadNode).as("the dead node held job locks when it died (else this test tests nothing); %s",
          figures).isNotEmpty();

      // the second batch falls due after the kill: only A is left to fire it
      for (TimerCase timer : afterKill) {
        timer.dueNow(nodeA.admin(), 5);
      }
      Thread.sleep(10_000);
      starting = false;
      figures.put("cases started in all", loadCases.size());

      // A works off the rest: every load case to its end, every job, B's locked ones after their lock expired
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
      while (System.nanoTime() < deadline && !(openLoadCases(db) == 0 && pendingJobs(db) == 0
          && count(db, "select count(*) from act_ru_job where lock_owner_ is not null") == 0)) {
        Thread.sleep(500);
      }
      working = false;
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      figures.put("all load cases finished, s after the kill", (System.nanoTime() - killedAt) / 1e9);
      figures.put("client outcomes", snapshot(outcomes));
      figures.put("open tasks by step", groups(db, "select task_def_key_, count(*) from act_ru_task group by task_def_key_"));
      figures.put("jobs run per node (ACT_HI_JOB_LOG successful)",
          groups(db, "select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_"));
      figures.put("job failures logged (OLE or error)",
          count(db, "select count(*) from act_hi_job_log where job_state_ = 1"));
      assertThat(clientErrors).as("the clients themselves").isEmpty();

      // the survivor finished the work
      assertThat(openLoadCases(db)).as("load cases not finished").isZero();
      assertThat(pendingJobs(db)).as("jobs due and not executed").isZero();
      assertThat(strings(db, "select id_ || ' ' || lock_owner_ from act_ru_job where lock_owner_ is not null"))
          .as("no job is left locked, by the dead node or anyone").isEmpty();
      assertThat(strings(db, "select incident_type_ || ': ' || incident_msg_ from act_ru_incident"))
          .as("incidents").isEmpty();
      assertThat(strings(db, "select id_ from act_ru_job where retries_ = 0")).as("jobs out of retries").isEmpty();
      for (String job : heldByDeadNode) {
        assertThat(strings(db, "select hostname_ from act_hi_job_log where job_state_ = 2 and job_id_ = ?", job))
            .as("job %s the dead node held: run once, by the survivor, after the lock expired", job)
            .containsExactly("node-a");
      }

      // exactly once: no job has two successful executions. Camunda's history cleanup is one job that reschedules
      // itself under the same id all through its nightly window (application.yaml: 01:00-05:00 Beijing time, 17:00-21:00
      // UTC), so it runs many times by design whenever the test runs in that window
      assertThat(strings(db, "select job_id_ from act_hi_job_log where job_state_ = 2"
          + " and coalesce(job_def_type_, '') <> 'history-cleanup' group by job_id_ having count(*) > 1"))
          .as("jobs that ran twice").isEmpty();

      // every case in a valid state
      for (String caseId : loadCases.keySet()) {
        assertThat(strings(db, "select state_ from act_hi_procinst where id_ = ?", caseId)).as(caseId)
            .containsExactly("COMPLETED");
        // the join: one activity instance per arriving branch (2); after it, each step once
        assertThat(count(db, "select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ ="
            + " ? and end_time_ is not null", caseId, ZQ054.join().id())).as("branches of case %s joined", caseId).isEqualTo(2);
        for (String step : List.of(ZQ054.element("hazards_found").id(), MARKET_4.id(), ZQ054.record().id(),
            ZQ054.evaluate().id(), ZQ054.end().id())) {
          assertThat(count(db, "select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ = ?"
              + " and end_time_ is not null", caseId, step)).as("case %s passed %s once", caseId, step).isOne();
        }
        assertThat(count(db, "select count(*) from shudi_credit_entry where case_id = ?", caseId))
            .as("credit entries of case %s", caseId).isOne();
      }
      assertThat(count(db, "select count(*) from shudi_credit_entry")).as("one credit entry per finished case")
          .isEqualTo(loadCases.size());
      assertThat(strings(db, "select case_id from shudi_credit_entry group by case_id, step_id having count(*) > 1"))
          .as("duplicated credit entries").isEmpty();
      assertThat(strings(db, "select e.case_id from shudi_credit_entry e where not exists (select 1 from"
          + " act_hi_varinst v where v.proc_inst_id_ = e.case_id and v.name_ = 'creditEntryId' and v.text_ = e.id)"))
          .as("entries that are not the one their case points to").isEmpty();
      assertThat(strings(db, "select e.case_id from shudi_credit_entry e where (select count(distinct unit_group)"
          + " from shudi_credit_contribution c where c.entry_id = e.id) < 2"))
          .as("entries without both units' contributions").isEmpty();
      assertThat(openActivities(db)).as("activities still open: only waits in user tasks and called processes")
          .isSubsetOf("userTask", "callActivity", "subProcess", "multiInstanceBody");
      assertThat(strings(db, "select p.proc_inst_id_ from act_ru_execution p where p.id_ = p.proc_inst_id_"
          + " and not exists (select 1 from act_ru_task t where t.proc_inst_id_ = p.id_)"
          + " and not exists (select 1 from act_ru_execution c where c.super_exec_ is not null"
          + " and c.super_exec_ in (select id_ from act_ru_execution x where x.proc_inst_id_ = p.id_))"))
          .as("running processes that wait for nothing a person can do").isEmpty();

      // every timer made due fired exactly once, with its side effect once
      for (TimerCase timer : timers) {
        timer.assertFiredOnce(db);
      }
      figures.put("timers made due / fired once", timers.stream().mapToInt(TimerCase::dueCount).sum());
      figures.put("timer lateness, batch due before the kill, ms (median, max)", lateness(db, beforeKill));
      figures.put("timer lateness, batch due after the kill, ms (median, max)", lateness(db, afterKill));

      // and the survivor keeps serving: a new case from start to end on node A
      long newCase = System.nanoTime();
      String fresh = startCase(nodeA.http(TOWNSHIP_USER, STAFF_PASSWORD), "after-kill");
      loadCases.put(fresh, "after-kill");
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (openLoadCases(db) > 0 && System.nanoTime() < until) {
        workOnce(nodeA.http(MARKET_USER, STAFF_PASSWORD), -1);
        workOnce(nodeA.http(TOWNSHIP_USER, STAFF_PASSWORD), -1);
        Thread.sleep(100);
      }
      assertThat(strings(db, "select state_ from act_hi_procinst where id_ = ?", fresh)).as("a case after the kill")
          .containsExactly("COMPLETED");
      assertThat(count(db, "select count(*) from shudi_credit_entry where case_id = ?", fresh)).isOne();
      figures.put("new case on the survivor, start to end (s)", seconds(newCase));
      figures.put("test runtime (s)", seconds(t0));
      report(figures);
    }
  }

  // --- the clients -------------------------------------------------------------------------------------

  AppNode node(int preferred) {
    return preferred == 1 && !bDead ? nodeB : nodeA;
  }

  void starter(int preferredNode) {
    while (starting) {
      try {
        AppNode node = node(preferredNode);
        String key = "load-" + caseNumbers.incrementAndGet();
        String id = startCase(node.http(TOWNSHIP_USER, STAFF_PASSWORD), key);
        loadCases.put(id, key);
        count("start 200 on " + node.name);
        Thread.sleep(1000);
      } catch (IllegalStateException | AssertionError e) {
        count(bDead ? "start failed (node died)" : "start failed");
        if (!bDead && !(e.getCause() instanceof IOException)) {
          clientErrors.add(e);
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void worker(int preferredNode, String user) {
    while (working) {
      try {
        AppNode node = node(preferredNode);
        if (workOnce(node.http(user, STAFF_PASSWORD), bDead ? -1 : preferredNode) == 0) {
          Thread.sleep(200);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // the node died under the request: the next round goes to the survivor
        count("request failed (" + e.getClass().getSimpleName() + ")");
      }
    }
  }

  /**
   * Completes the open tasks the user sees (other than the timer cases'); returns how many. While both nodes
   * live, the group's two workers share the tasks by id ({@code share} 0 or 1; -1: all).
   */
  int workOnce(Http http, int share) {
    Http.Response listed = http.get("/engine-rest/task?processDefinitionKeyIn=" + ZQ054.key() + "," + EvaluationProcess.KEY
        + "&sortBy=created&sortOrder=asc&maxResults=100");
    if (listed.status() != 200) {
      count("task list " + listed.status());
      return 0;
    }
    List<JsonNode> tasks = new ArrayList<>();
    read(listed.body()).forEach(tasks::add);
    Collections.shuffle(tasks);
    int done = 0;
    for (JsonNode task : tasks) {
      if (timerCases.contains(task.get("processInstanceId").asText())
          || share >= 0 && Math.floorMod(task.get("id").asText().hashCode(), 2) != share) {
        continue;
      }
      if (done >= 10) {
        break;
      }
      Http.Response completed = http.postJson("/engine-rest/task/" + task.get("id").asText() + "/complete",
          variables(task.get("taskDefinitionKey").asText(), task.get("processInstanceId").asText()).toString());
      count("complete " + completed.status() + (completed.status() == 204 ? "" : " " + errorType(completed)));
      if (completed.status() == 204) {
        done++;
      }
    }
    return done;
  }

  /** What the staff enter in each step; one case in four finds hazards and goes through rectification. */
  static ObjectNode variables(String step, String processInstanceId) {
    ObjectNode variables = JSON.createObjectNode();
    boolean hazards = Math.floorMod(processInstanceId.hashCode(), 4) == 0;
    boolean inspection = step.equals(MARKET_2.id()) || step.equals(TOWNSHIP_1.id());
    if (inspection) {
      boolean found = hazards && step.equals(MARKET_2.id());
      put(variables, ItemProcess.DUTY_RESULT.name(), "检查完毕", "String");
      put(variables, ItemProcess.DUTY_FINDINGS.name(), found ? "健康证过期" : "未发现问题", "String");
      put(variables, ItemProcess.HAZARD_COUNT.name(), found ? 1 : 0, "Long");
      put(variables, ItemProcess.HAZARD_LEVEL.name(), found ? "general" : "none", "String");
    } else if (step.equals(MARKET_3.id())) {
      put(variables, ItemProcess.DUTY_RESULT.name(), "已下达整改通知", "String");
      put(variables, ItemProcess.RECTIFICATION_DAYS.name(), 10, "Long");
      put(variables, ItemProcess.RECTIFICATION_REQUIREMENTS.name(), "限期整改", "String");
    } else if (step.equals(MARKET_REINSPECT.id())) {
      put(variables, ItemProcess.DUTY_RESULT.name(), "复查合格", "String");
      put(variables, ItemProcess.RECTIFIED.name(), "yes", "String");
    } else if (step.equals(RATE)) {
      put(variables, EvaluationProcess.RATING.name(), "satisfied", "String");
      put(variables, EvaluationProcess.RATING_COMMENT.name(), "响应及时", "String");
    } else {
      put(variables, ItemProcess.DUTY_RESULT.name(), "已按要求办理", "String");
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", variables);
    return body;
  }

  static void put(ObjectNode variables, String name, Object value, String type) {
    ObjectNode variable = variables.putObject(name);
    variable.putPOJO("value", value);
    variable.put("type", type);
  }

  String startCase(Http http, String businessKey) {
    ObjectNode body = JSON.createObjectNode();
    body.put("businessKey", businessKey);
    ObjectNode variables = body.putObject("variables");
    put(variables, "township", "mingshui", "String");
    put(variables, "caseSubject", "章丘某食品有限公司（" + businessKey + "）", "String");
    put(variables, "caseDescription", "日常监督检查", "String");
    put(variables, "creditCode", creditCode(caseNumbers.incrementAndGet()), "String");
    Http.Response started = http.postJson("/engine-rest/process-definition/key/" + ZQ054.key() + "/tenant-id/zhangqiu/start",
        body.toString());
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    return read(started.body()).get("id").asText();
  }

  static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> values = new TreeMap<>();
    counters.forEach((k, v) -> values.put(k, v.sum()));
    return values;
  }

  /** The engine's exception type in an error answer, e.g. OptimisticLockingException. */
  static String errorType(Http.Response response) {
    try {
      return JSON.readTree(response.body()).path("type").asText("?");
    } catch (IOException e) {
      return "?";
    }
  }

  void count(String outcome) {
    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
  }

  // --- timers --------------------------------------------------------------------------------------------

  /** A case waiting at zq054_market_1 with its reminder timer and (for half of them) its deadline timer. */
  record TimerCase(String caseId, String reminderJob, String deadlineJob) {

    void dueNow(Http admin, int inSeconds) {
      SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
      format.setTimeZone(TimeZone.getTimeZone("UTC"));
      String due = format.format(new Date(System.currentTimeMillis() + inSeconds * 1000L));
      for (String job : jobs()) {
        Http.Response set = admin.putJson("/engine-rest/job/" + job + "/duedate", "{\"duedate\":\"" + due + "\"}");
        assertThat(set.status()).as(set.toString()).isEqualTo(204);
      }
    }

    List<String> jobs() {
      return deadlineJob == null ? List.of(reminderJob) : List.of(reminderJob, deadlineJob);
    }

    int dueCount() {
      return jobs().size();
    }

    void assertFiredOnce(Connection db) throws SQLException {
      assertThat(strings(db, "select state_ from act_hi_procinst where id_ = ?", caseId)).containsExactly("ACTIVE");
      for (String job : jobs()) {
        assertThat(count(db, "select count(*) from act_ru_job where id_ = ?", job)).as("timer %s gone", job).isZero();
        assertThat(count(db, "select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 2", job))
            .as("timer %s of case %s fired exactly once", job, caseId).isOne();
      }
      assertThat(count(db, "select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ = ?"
          + " and end_time_ is not null", caseId, MARKET_1.reminded().id())).as("reminder path of %s", caseId).isOne();
      assertThat(count(db, "select count(*) from act_hi_comment c join act_ru_task t on t.id_ = c.task_id_"
          + " where t.proc_inst_id_ = ? and t.task_def_key_ = ? and c.message_ like '即将到期%'", caseId, MARKET_1.id()))
          .as("the reminder's comment on case %s's task, once", caseId).isOne();
      assertThat(count(db, "select count(*) from act_ru_task where proc_inst_id_ = ? and task_def_key_ ="
          + " ? and priority_ = 80", caseId, MARKET_1.id())).as("reminded task of %s", caseId).isOne();
      assertThat(count(db, "select count(*) from act_hi_procinst where super_process_instance_id_ = ?", caseId))
          .as("supervisions of %s (deadline timer due: one, else none)", caseId)
          .isEqualTo(deadlineJob == null ? 0 : 1);
    }
  }

  static String jobOf(Http admin, String caseId, String activityId) {
    Http.Response jobs = admin.get("/engine-rest/job?processInstanceId=" + caseId + "&activityId=" + activityId);
    JsonNode list = read(jobs.body());
    assertThat(list.size()).as(jobs.toString()).isOne();
    return list.get(0).get("id").asText();
  }

  // --- the database --------------------------------------------------------------------------------------

  int openLoadCases(Connection db) throws SQLException {
    List<String> open = strings(db, "select id_ from act_hi_procinst where end_time_ is null"
        + " and super_process_instance_id_ is null");
    open.retainAll(loadCases.keySet());
    return open.size();
  }

  /** Jobs due (async continuations have no due date) that are neither running nor out of retries. */
  static long pendingJobs(Connection db) throws SQLException {
    return count(db, "select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <="
        + " current_timestamp)");
  }

  /** Median and largest time from due date to the end of the successful run, over the timers' jobs. */
  static List<Long> lateness(Connection db, List<TimerCase> timers) throws SQLException {
    List<Long> values = new ArrayList<>();
    for (TimerCase timer : timers) {
      for (String job : timer.jobs()) {
        values.add(count(db, "select (extract(epoch from (timestamp_ - job_duedate_)) * 1000)::bigint"
            + " from act_hi_job_log where job_id_ = ? and job_state_ = 2", job));
      }
    }
    Collections.sort(values);
    return List.of(values.get(values.size() / 2), values.get(values.size() - 1));
  }

  static List<String> openActivities(Connection db) throws SQLException {
    return strings(db, "select distinct act_type_ from act_hi_actinst where end_time_ is null");
  }

  static long count(Connection db, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(db, sql, parameters); ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  static List<String> strings(Connection db, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(db, sql, parameters); ResultSet rows = statement.executeQuery()) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  static Map<String, Long> groups(Connection db, String sql) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
      Map<String, Long> values = new TreeMap<>();
      while (rows.next()) {
        values.put(rows.getString(1), rows.getLong(2));
      }
      return values;
    }
  }

  static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = db.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  // --- helpers --------------------------------------------------------------------------------------------

  static void createUser(Http admin, String id, String group) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("profile").put("id", id).put("firstName", "集群").put("lastName", "测试")
        .put("email", id + "@shudi.local");
    body.putObject("credentials").put("password", STAFF_PASSWORD);
    Http.Response created = admin.postJson("/engine-rest/user/create", body.toString());
    assertThat(created.status()).as(created.toString()).isEqualTo(204);
    Http.Response member = admin.putJson("/engine-rest/group/" + group + "/members/" + id, "");
    assertThat(member.status()).as(member.toString()).isEqualTo(204);
  }

  /**
   * A valid unified social credit code (GB 32100-2015) of an enterprise registered in 章丘 (370181): the two
   * check characters are found by asking {@link CreditCode#isValid} (at most 11 × 31 tries).
   */
  static String creditCode(int n) {
    String first16 = "91370181" + String.format("MA7%05d", n);
    for (char organizationCheck : "0123456789X".toCharArray()) {
      for (char check : "0123456789ABCDEFGHJKLMNPQRTUWXY".toCharArray()) {
        String code = first16 + organizationCheck + check;
        if (CreditCode.isValid(code)) {
          return code;
        }
      }
    }
    throw new IllegalStateException("no valid code for " + first16);
  }

  static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException(json, e);
    }
  }

  static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e8) / 10.0;
  }

  static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }

  static void report(Map<String, Object> figures) throws IOException {
    StringBuilder text = new StringBuilder("ClusterKillTest figures\n");
    figures.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
    System.out.print(text);
    Files.createDirectories(Path.of("target", "cluster"));
    Files.writeString(Path.of("target", "cluster", "summary.txt"), text, StandardCharsets.UTF_8);
  }
}
