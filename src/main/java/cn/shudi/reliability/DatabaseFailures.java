package cn.shudi.reliability;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

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
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException) {
        return true;
      }
      if (t instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConnectionState(String state) {
    return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
        || state.equals("57P03"));
  }
}
