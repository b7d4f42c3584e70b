package com.tenantpilot.scheduling.harness;

import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.jdbc.JdbcSchedulingOptions;
import java.sql.DriverManager;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/**
 * Opens the harness's store: the JDBC adapter on the given URL, H2 in memory by default, with the
 * schema installed if absent.
 */
final class HarnessStores {

  /** The embedded default: an in-memory H2 database that lives as long as the JVM. */
  static final String DEFAULT_JDBC_URL = "jdbc:h2:mem:scheduling-harness;DB_CLOSE_DELAY=-1";

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
    // The URL carries user and password (if any), as in jdbc:postgresql://host/db?user=postgres.
    JdbcScheduling jdbc = JdbcScheduling.create(Jdbi.create(() -> DriverManager.getConnection(jdbcUrl)), options.build());
    jdbc.installSchema();
    return jdbc;
  }
}
