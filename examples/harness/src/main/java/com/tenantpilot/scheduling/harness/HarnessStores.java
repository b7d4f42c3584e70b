package com.tenantpilot.scheduling.harness;

import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.jdbc.JdbcSchedulingOptions;
import java.time.Clock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Opens the harness's store: the JDBC adapter on the given URL, H2 in memory by default, with the
 * schema installed if absent.
 */
public final class HarnessStores {

  /**
   * A small connection pool on {@code jdbcUrl}; the URL carries user and password (if any), as in
   * {@code jdbc:postgresql://host/db?user=postgres}. With {@code schema}, every connection uses it.
   */
  public static HikariDataSource pool(String jdbcUrl, String schema) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(8);
    config.setMinimumIdle(1);
    config.setPoolName("scheduling-harness");
    if (schema != null) {
      config.setSchema(schema);
    }
    return new HikariDataSource(config);
  }

  /** The embedded default: an in-memory H2 database that lives as long as the JVM. */
  public static final String DEFAULT_JDBC_URL = "jdbc:h2:mem:scheduling-harness;DB_CLOSE_DELAY=-1";

  private HarnessStores() {}

  /**
   * The JDBC adapter on {@code jdbcUrl} (user and password, if any, inside the URL), schema
   * installed. With a {@code clock} the stores read time from it (simulations); without, from the
   * database.
   */
  static JdbcScheduling open(String jdbcUrl, Clock clock) {
    JdbcSchedulingOptions.Builder options = JdbcSchedulingOptions.builder();
    if (clock != null) {
      options.clock(clock);
    }
    JdbcScheduling jdbc = JdbcScheduling.create(pool(jdbcUrl, null), options.build());
    jdbc.installSchema();
    return jdbc;
  }
}
