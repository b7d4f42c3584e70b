package com.tenantpilot.scheduling.jdbc;

/**
 * The database could not be reached or went away during the operation (connection refused or
 * broken, server shut down, pool closed), or the operation lost a deadlock or lock wait. The
 * transaction was rolled back by the database; the same call may succeed once the database is
 * back.
 */
public class StoreUnavailableException extends JdbcStoreException {

  /** Creates the exception. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
