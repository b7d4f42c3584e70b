package com.tenantpilot.scheduling.jdbc;

import com.tenantpilot.scheduling.SchedulingException;
import java.sql.SQLException;

/**
 * The root of the JDBC adapter's exceptions: a database operation failed. The message names the
 * operation and the problem, never a payload or a credential. The cause is the driver's exception
 * reduced to its first line (its SQLSTATE, vendor code and stack trace kept), because detail lines
 * such as PostgreSQL's "Failing row contains ..." can quote row data.
 */
public class JdbcStoreException extends SchedulingException {

  /** Creates the exception. */
  public JdbcStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The SQLSTATE the database reported, or {@code null} if the failure was not an SQL error. */
  public String sqlState() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }
}
