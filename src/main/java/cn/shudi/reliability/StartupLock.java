package cn.shudi.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.event.EventListener;

/**
 * One node starts at a time on a shared PostgreSQL database. Nodes started together on an empty database
 * (a fresh install, a cluster restart after an upgrade) would all create Camunda's tables and the second
 * would fail ({@code duplicate key … pg_type_typname_nsp_index}); they would also deploy the blueprints,
 * provision the organization and write the Tasklist filters side by side.
 *
 * <p>So before the engine is built (a plugin's {@code preInit} runs before the schema is created) the
 * node takes a session-level PostgreSQL advisory lock on a connection of its own, and gives it back when
 * the application accepts traffic — after the blueprints, the organization, the filters and the Cockpit
 * indexes are done — or when the start-up fails. A node that dies while starting loses its session and
 * with it the lock. The next node then finds everything in place and only checks it. H2 (one node by
 * nature) takes no lock.
 */
class StartupLock extends AbstractProcessEnginePlugin implements DisposableBean {

  /** The advisory lock's key: "SHUDI" in ASCII; advisory keys are per database. */
  static final long KEY = 0x53_48_55_44_49L;

  private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);

  private final DataSource dataSource;
  private final Duration maxWait;
  private Connection held;

  StartupLock(DataSource dataSource, Duration maxWait) {
    this.dataSource = dataSource;
    this.maxWait = maxWait;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    acquire();
  }

  synchronized void acquire() {
    if (held != null) {
      return;
    }
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
        connection.close();
        return;
      }
      connection.setAutoCommit(true); // a session lock on an idle session: it holds no transaction open
      long started = System.nanoTime();
      long nextReport = 0;
      while (!tryLock(connection)) {
        long waited = System.nanoTime() - started;
        if (waited > maxWait.toNanos()) {
          throw new ProcessEngineException("另一节点的启动已超过 " + maxWait.toMinutes() + " 分钟仍未完成，本节点放弃启动（启动锁 "
              + KEY + "，见 docs/cluster.md）");
        }
        if (waited >= nextReport) {
          LOG.info("另一节点正在启动（建表、部署施工图、配置组织），本节点等待其完成（已等 {} 秒）", waited / 1_000_000_000L);
          nextReport = waited + Duration.ofSeconds(15).toNanos();
        }
        Thread.sleep(500);
      }
      held = connection;
      LOG.info("启动锁已取得：本节点独自完成启动");
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new ProcessEngineException("取启动锁失败：" + e.getMessage(), e);
    } catch (InterruptedException e) {
      closeQuietly(connection);
      Thread.currentThread().interrupt();
      throw new ProcessEngineException("等待启动锁时被中断", e);
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
      statement.setLong(1, KEY);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() && result.getBoolean(1);
      }
    }
  }

  /** The application accepts traffic: everything a start-up writes is written. */
  @EventListener
  void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
    if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
      release();
    }
  }

  synchronized void release() {
    if (held == null) {
      return;
    }
    try (PreparedStatement statement = held.prepareStatement("select pg_advisory_unlock(?)")) {
      statement.setLong(1, KEY);
      statement.execute();
      LOG.info("启动完成，启动锁已释放");
    } catch (SQLException e) {
      LOG.warn("释放启动锁失败（关闭连接即释放）：{}", e.getMessage());
    } finally {
      closeQuietly(held);
      held = null;
    }
  }

  /** The context closes (also when the start-up failed): the lock must not outlive it. */
  @Override
  public void destroy() {
    release();
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the session is gone, and with it the lock
      }
    }
  }
}
