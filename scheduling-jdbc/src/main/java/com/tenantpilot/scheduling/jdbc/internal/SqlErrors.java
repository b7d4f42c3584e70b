package com.tenantpilot.scheduling.jdbc.internal;

import com.tenantpilot.scheduling.jdbc.JdbcStoreException;
import com.tenantpilot.scheduling.jdbc.StoreConstraintException;
import com.tenantpilot.scheduling.jdbc.StoreUnavailableException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;

/**
 * Turns driver and Jdbi failures into the adapter's exceptions, by SQLSTATE class, never by
 * message text. The message names the operation and keeps the first line of the database's
 * message, which names the constraint or column; detail lines (PostgreSQL's "Failing row
 * contains ...") and H2's echoed SQL are dropped, from the message and from the chained cause,
 * so that no payload reaches a log.
 */
public final class SqlErrors {

  /** H2's SQLSTATEs for a closed or broken database or connection. */
  private static final Set<String> H2_GONE = Set.of("90067", "90098", "90121", "90007", "90028");
  /** SQLSTATEs for an object (table, sequence) that does not exist. */
  private static final Set<String> MISSING = Set.of("42P01", "42S02", "42102", "90036");

  private SqlErrors() {}

  /** The adapter's exception for a failure of {@code operation}. */
  public static JdbcStoreException translate(String operation, Throwable failure) {
    if (failure instanceof JdbcStoreException j) {
      return j;
    }
    SQLException sql = sqlException(failure);
    String state = sql == null ? null : state(sql);
    String detail = sql == null ? firstLine(failure.getMessage()) : firstLine(sql.getMessage());
    Throwable cause = sql == null ? failure : sanitized(sql, state, detail);
    if (failure instanceof ConnectionException || isGone(state)) {
      return new StoreUnavailableException(operation + " failed: the database is unavailable: " + detail, cause);
    }
    if (state != null && (state.startsWith("40") || state.equals("55P03") || state.equals("HYT00"))) {
      return new StoreUnavailableException(operation + " failed: lost a lock wait or deadlock; retry: " + detail, cause);
    }
    if (state != null && state.startsWith("23")) {
      return new StoreConstraintException(operation + " was rejected by the database (" + constraintKind(state) + "): "
          + detail, cause);
    }
    if (state != null && state.startsWith("22")) {
      return new StoreConstraintException(operation + " was rejected by the database (invalid value): " + detail, cause);
    }
    if (state != null && MISSING.contains(state)) {
      return new JdbcStoreException(operation + " failed: " + detail
          + " (is the schema installed? see SchemaInstaller)", cause);
    }
    return new JdbcStoreException(operation + " failed: " + detail, cause);
  }

  /** The driver's exception with only its first line, so that no detail line reaches a log. */
  private static SQLException sanitized(SQLException sql, String state, String detail) {
    SQLException copy = new SQLException(sql.getClass().getSimpleName() + ": " + detail, state, sql.getErrorCode());
    copy.setStackTrace(sql.getStackTrace());
    return copy;
  }

  private static boolean isGone(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
        || H2_GONE.contains(state));
  }

  private static String constraintKind(String state) {
    return switch (state) {
      case "23505" -> "unique key violated";
      case "23503", "23506" -> "foreign key violated";
      case "23502" -> "NOT NULL violated";
      case "23513", "23514" -> "CHECK constraint violated";
      default -> "integrity constraint violated";
    };
  }

  private static SQLException sqlException(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        // A batch failure's own message quotes the statement with its bound values (PgJDBC's
        // "Batch entry 1 INSERT ... was aborted"); the database's error is the next exception.
        while (s instanceof BatchUpdateException && s.getNextException() != null) {
          s = s.getNextException();
        }
        return s;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String state(SQLException sql) {
    for (SQLException s = sql; s != null; s = s.getNextException()) {
      if (s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    String line = message.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline);
    }
    int sql = line.indexOf("; SQL statement:");
    if (sql >= 0) {
      line = line.substring(0, sql);
    }
    if (line.startsWith("ERROR: ")) {
      line = line.substring("ERROR: ".length());
    }
    return line.strip();
  }
}
