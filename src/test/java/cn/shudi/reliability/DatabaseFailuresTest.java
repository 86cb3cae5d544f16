package cn.shudi.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketException;
import java.sql.SQLException;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/** Which failures count as "database unavailable" (503): the cause chains seen when PostgreSQL went away. */
class DatabaseFailuresTest {

  @Test
  void aBrokenConnectionIsUnavailable() {
    SQLException broken = new SQLException("An I/O error occurred while sending to the backend.", "08006",
        new SocketException("Broken pipe"));
    assertThat(DatabaseFailures.isUnavailable(new ProcessEnginePersistenceException("persistence", broken))).isTrue();
  }

  @Test
  void aRollbackThatCannotReachTheDatabaseIsUnavailable() {
    // seen in CI: the login's query broke, then Spring's rollback met a closed connection without a SQL state
    TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
        new SQLException("Connection is closed"));
    assertThat(DatabaseFailures.isUnavailable(new ProcessEnginePersistenceException("persistence", rollback)))
        .isTrue();
  }

  @Test
  void theBrokenConnectionBehindAFailedRollbackCounts() {
    TransactionSystemException rollback = new TransactionSystemException("rollback failed");
    rollback.initApplicationException(new SQLException("I/O error", "08006"));
    assertThat(DatabaseFailures.isUnavailable(rollback)).isTrue();
  }

  @Test
  void otherFailuresAreNot() {
    assertThat(DatabaseFailures.isUnavailable(new ProcessEngineException("ENGINE-03005 task not found"))).isFalse();
    assertThat(DatabaseFailures.isUnavailable(new ProcessEnginePersistenceException("constraint",
        new SQLException("duplicate key", "23505")))).isFalse();
    assertThat(DatabaseFailures.isUnavailable(new TransactionSystemException("commit failed",
        new IllegalStateException("not a database problem")))).isFalse();
  }
}
