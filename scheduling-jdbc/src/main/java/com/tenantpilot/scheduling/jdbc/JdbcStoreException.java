package com.tenantpilot.scheduling.jdbc;

import com.tenantpilot.scheduling.SchedulingException;

/**
 * The root of the JDBC adapter's exceptions: a database operation failed. The message names the
 * operation and the problem, never a payload or a credential; the driver's exception is the cause.
 */
public class JdbcStoreException extends SchedulingException {

  /** Creates the exception. */
  public JdbcStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
