package cn.shudi.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;

/**
 * Timer lateness when many deadlines fall due at once: N instances wait at an intermediate timer
 * (far ahead when they start); then one SQL update moves every one of their timer jobs to the same due
 * date a few seconds ahead, and the job executor (as the application configured it) has to catch up.
 * Lateness = the timer event's end time in ACT_HI_ACTINST − the due date.
 */
final class TimerLateness {

  record Result(int timers, Stats lateMs, double drainSeconds) {
  }

  private TimerLateness() {
  }

  static Result run(ProcessEngine engine, DataSource dataSource, String tenant, int timers, String label)
      throws Exception {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("bench-timer")
        .addModelInstance(BareShapes.TIMER + ".bpmn", BareShapes.timer());
    (tenant == null ? deployment : deployment.tenantId(tenant)).deploy();
    Date far = new Date(System.currentTimeMillis() + 365L * 86_400_000L);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> starts = new ArrayList<>();
    int batch = Math.max(1, timers / 4);
    for (int from = 0; from < timers; from += batch) {
      int count = Math.min(batch, timers - from);
      starts.add(pool.submit(() -> {
        for (int i = 0; i < count; i++) {
          var start = engine.getRuntimeService().createProcessInstanceByKey(BareShapes.TIMER)
              .setVariables(Map.of("due", far));
          (tenant == null ? start : start.processDefinitionTenantId(tenant)).execute();
        }
        return null;
      }));
    }
    for (Future<?> start : starts) {
      start.get();
    }
    pool.shutdown();
    Bench.progress("%s: %d timers waiting; all fall due in 5 s", label, timers);
    long due = (System.currentTimeMillis() / 1000 + 5) * 1000;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(
            "update ACT_RU_JOB set DUEDATE_ = ? where TYPE_ = 'timer' and PROCESS_DEF_KEY_ = ?")) {
      update.setTimestamp(1, new Timestamp(due));
      update.setString(2, BareShapes.TIMER);
      int moved = update.executeUpdate();
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
      if (moved != timers) {
        throw new IllegalStateException("moved " + moved + " timers, expected " + timers);
      }
    }
    long deadline = System.currentTimeMillis() + 15 * 60_000L;
    long left;
    int lastReported = -1;
    while ((left = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(BareShapes.TIMER)
        .count()) > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(left + " timers still waiting after 15 min");
      }
      int tenth = (int) ((timers - left) * 10 / timers);
      if (tenth != lastReported && System.currentTimeMillis() > due) {
        Bench.progress("%s: %d of %d timers fired", label, timers - left, timers);
        lastReported = tenth;
      }
      Thread.sleep(500);
    }
    double drain = (System.currentTimeMillis() - due) / 1000.0;
    List<Double> late = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query = connection.prepareStatement(
            "select END_TIME_ from ACT_HI_ACTINST where ACT_ID_ = 'due' and PROC_DEF_KEY_ = ?")) {
      query.setString(1, BareShapes.TIMER);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          late.add((double) (rows.getTimestamp(1).getTime() - due));
        }
      }
    }
    return new Result(timers, Stats.of(late), drain);
  }
}
