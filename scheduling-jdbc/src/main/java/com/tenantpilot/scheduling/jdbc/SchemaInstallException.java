package com.tenantpilot.scheduling.jdbc;

/** The {@link SchemaInstaller} could not bring the schema up to date; the message says why. */
public class SchemaInstallException extends JdbcStoreException {

  /** Creates the exception. */
  public SchemaInstallException(String message, Throwable cause) {
    super(message, cause);
  }
}
