package com.tenantpilot.scheduling.jdbc;

/**
 * The database rejected the data: a foreign key (a run for a schedule that does not exist for
 * that tenant), a unique key, a NOT NULL or CHECK constraint, or a value it cannot store. The
 * operation's transaction was rolled back, so nothing of it was written. Retrying the same call
 * fails the same way.
 */
public class StoreConstraintException extends JdbcStoreException {

  /** Creates the exception. */
  public StoreConstraintException(String message, Throwable cause) {
    super(message, cause);
  }
}
