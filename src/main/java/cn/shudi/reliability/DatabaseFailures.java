package cn.shudi.reliability;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Tells a lost or refused database connection apart from every other failure, by the cause chain. */
final class DatabaseFailures {

  private DatabaseFailures() {
  }

  /**
   * True when the failure (or one of its causes) says the database could not be reached or dropped the
   * connection: no connection from the pool in time (Hikari), SQL state class 08 (connection exception),
   * 57P01–57P03 (PostgreSQL: administrator/crash shutdown, cannot connect now), or Spring's
   * resource-failure exceptions.
   */
  static boolean isUnavailable(Throwable failure) {
    // walk causes, suppressed exceptions and the application exception a failed rollback hides: when the
    // connection breaks mid-command, Spring reports "JDBC rollback failed" (a closed connection without a
    // SQL state) and keeps the real cause, the broken connection, as its application exception
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.add(failure);
    while (!pending.isEmpty()) {
      Throwable t = pending.poll();
      if (seen.put(t, Boolean.TRUE) != null) {
        continue;
      }
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
        return true;
      }
      if (t instanceof TransactionSystemException rollback) {
        if (rollback.getCause() instanceof SQLException) {
          return true; // the rollback itself could not reach the database
        }
        if (rollback.getApplicationException() != null) {
          pending.add(rollback.getApplicationException());
        }
      }
      if (t.getCause() != null) {
        pending.add(t.getCause());
      }
      pending.addAll(Arrays.asList(t.getSuppressed()));
    }
    return false;
  }

  private static boolean isConnectionState(String state) {
    return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
        || state.equals("57P03"));
  }
}
