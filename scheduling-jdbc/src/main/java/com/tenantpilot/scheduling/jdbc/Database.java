package com.tenantpilot.scheduling.jdbc;

import java.util.Locale;

/** The databases the JDBC adapter supports. */
public enum Database {
  /** PostgreSQL 12 or later (tested on the versions the README lists). */
  POSTGRESQL("postgresql"),
  /** H2 2.x, in its native mode or its PostgreSQL compatibility mode. */
  H2("h2");

  private final String folder;

  Database(String folder) {
    this.folder = folder;
  }

  /** The classpath folder of this database's migrations, e.g. {@code db/migration/postgresql}. */
  public String migrationLocation() {
    return "db/migration/" + folder;
  }

  /**
   * The database behind a JDBC product name ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}).
   *
   * @throws IllegalArgumentException naming the product if it is not supported
   */
  public static Database fromProductName(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (name.equals("h2")) {
      return H2;
    }
    throw new IllegalArgumentException("database product '" + productName + "' is not supported; supported: PostgreSQL, H2");
  }
}
