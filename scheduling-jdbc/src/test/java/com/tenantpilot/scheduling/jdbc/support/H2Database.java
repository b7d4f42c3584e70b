package com.tenantpilot.scheduling.jdbc.support;

import com.tenantpilot.scheduling.jdbc.SchemaInstaller;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database with the schema installed; native mode or PostgreSQL mode. */
public final class H2Database implements TestDatabase {

  private final String name;
  private final JdbcDataSource dataSource;

  private H2Database(String name, String url) {
    this.name = name;
    this.dataSource = new JdbcDataSource();
    dataSource.setURL(url);
    dataSource.setUser("sa");
    dataSource.setPassword("");
  }

  /** A native-mode database. */
  public static H2Database create() {
    return create(false, true);
  }

  /** A database in native mode or PostgreSQL mode, with or without the schema. */
  public static H2Database create(boolean postgresMode, boolean install) {
    String name = "h2_" + UUID.randomUUID().toString().replace("-", "");
    String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + (postgresMode ? ";MODE=PostgreSQL" : "");
    H2Database db = new H2Database(name, url);
    if (install) {
      SchemaInstaller.forDataSource(db.dataSource()).install();
    }
    return db;
  }

  @Override
  public JdbcDataSource dataSource() {
    return dataSource;
  }

  @Override
  public String label() {
    return "h2:" + name;
  }

  @Override
  public String toString() {
    return label();
  }

  @Override
  public void close() {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException e) {
      throw new IllegalStateException("H2 did not shut down", e);
    }
  }
}
