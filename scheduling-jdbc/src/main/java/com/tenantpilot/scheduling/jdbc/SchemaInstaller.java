package com.tenantpilot.scheduling.jdbc;

import com.tenantpilot.scheduling.jdbc.internal.Dialect;
import com.tenantpilot.scheduling.jdbc.internal.SqlErrors;
import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the library's SQL migrations ({@code db/migration/<database>/V<n>__<name>.sql} on the
 * classpath) that a database does not have yet, and records each in
 * {@code backup_scheduling_schema_version} with a checksum. Running it again does nothing; a
 * recorded migration whose script has since changed is an error.
 *
 * <p>On PostgreSQL the whole installation is one transaction holding an advisory lock, so of
 * several nodes starting together one installs and the others wait and then find the schema
 * current; a failure leaves nothing behind. H2 commits DDL at once, so there installers of one JVM
 * take turns on a JVM-wide lock and a failed migration may leave part of its tables (H2 is the
 * embedded, single-node default).
 *
 * <p>Hosts that use Flyway or Liquibase can apply the same files with their tool instead (see
 * the README); use one or the other for a database, not both.
 *
 * <p>Thread-safe.
 */
public final class SchemaInstaller {

  /** The table that records applied migrations. */
  public static final String VERSION_TABLE = "backup_scheduling_schema_version";

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInstaller.class);
  private static final Object H2_INSTALLS = new Object();

  /** The migrations, oldest first; the file names follow Flyway's convention. */
  private static final List<Migration> MIGRATIONS = List.of(new Migration(1, "backup scheduling", "V1__backup_scheduling.sql"));

  private final Jdbi jdbi;
  private final Database database;

  /** An installer for {@code database} through {@code jdbi}. */
  public SchemaInstaller(Jdbi jdbi, Database database) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.database = Objects.requireNonNull(database, "database");
  }

  /** An installer for the database behind {@code dataSource}, detected from its metadata. */
  public static SchemaInstaller forDataSource(DataSource dataSource) {
    Jdbi jdbi = Jdbi.create(Objects.requireNonNull(dataSource, "dataSource"));
    return new SchemaInstaller(jdbi, StoreContext.detect(jdbi));
  }

  /** The classpath resources of {@code database}'s migrations, oldest first. */
  public static List<String> scripts(Database database) {
    return MIGRATIONS.stream().map(m -> database.migrationLocation() + "/" + m.script()).toList();
  }

  /** The newest migration version this library ships. */
  public static int latestVersion() {
    return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
  }

  /**
   * Applies the migrations the database lacks.
   *
   * @return the versions this call applied, oldest first; empty if the schema was current
   * @throws SchemaInstallException if a migration fails, a recorded script changed, or the tables
   *     exist but were installed by another tool
   */
  public List<Integer> install() {
    Dialect dialect = Dialect.of(database);
    try {
      if (dialect.transactionalDdl()) {
        return jdbi.inTransaction(h -> {
          dialect.lockSchemaInstall(h);
          return applyMissing(h);
        });
      }
      synchronized (H2_INSTALLS) {
        return jdbi.withHandle(this::applyMissing);
      }
    } catch (SchemaInstallException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SchemaInstallException("installing the backup scheduling schema on " + database + " failed: "
          + SqlErrors.translate("apply migrations", e).getMessage(), e);
    }
  }

  /** The newest applied version, or 0 if the schema is not installed. */
  public int installedVersion() {
    try {
      return jdbi.withHandle(h -> exists(h, VERSION_TABLE)
          ? h.createQuery("SELECT COALESCE(MAX(version), 0) FROM " + VERSION_TABLE).mapTo(Integer.class).one()
          : 0);
    } catch (RuntimeException e) {
      throw SqlErrors.translate("read the schema version", e);
    }
  }

  private List<Integer> applyMissing(Handle h) {
    if (!exists(h, VERSION_TABLE) && exists(h, "backup_schedules")) {
      throw new SchemaInstallException("table backup_schedules exists but " + VERSION_TABLE + " does not: the schema "
          + "was installed by another tool (Flyway?); keep using that tool for this database", null);
    }
    h.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INTEGER PRIMARY KEY, "
        + "description VARCHAR(200) NOT NULL, script VARCHAR(200) NOT NULL, checksum BIGINT NOT NULL, "
        + "installed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
    Map<Integer, Long> applied = new HashMap<>();
    h.createQuery("SELECT version, checksum FROM " + VERSION_TABLE)
        .map((rs, c) -> Map.entry(rs.getInt("version"), rs.getLong("checksum")))
        .forEach(e -> applied.put(e.getKey(), e.getValue()));
    List<Integer> done = new ArrayList<>();
    for (Migration m : MIGRATIONS) {
      String resource = database.migrationLocation() + "/" + m.script();
      String script = read(resource);
      long checksum = checksum(script);
      Long recorded = applied.get(m.version());
      if (recorded != null) {
        if (recorded != checksum) {
          throw new SchemaInstallException("migration " + m.version() + " (" + resource + ") was applied with checksum "
              + recorded + " but the script now has checksum " + checksum + "; migrations must never change", null);
        }
        continue;
      }
      for (String statement : statements(script)) {
        h.execute(statement);
      }
      h.createUpdate("INSERT INTO " + VERSION_TABLE + " (version, description, script, checksum) "
              + "VALUES (:version, :description, :script, :checksum)")
          .bind("version", m.version())
          .bind("description", m.description())
          .bind("script", m.script())
          .bind("checksum", checksum)
          .execute();
      LOG.info("applied backup scheduling schema version {} ({}) on {}", m.version(), m.script(), database);
      done.add(m.version());
    }
    return done;
  }

  private static boolean exists(Handle h, String table) {
    return h.createQuery("SELECT COUNT(*) FROM information_schema.tables WHERE UPPER(table_name) = UPPER(:table) "
            + "AND UPPER(table_schema) = UPPER(CURRENT_SCHEMA)")
        .bind("table", table)
        .mapTo(Integer.class)
        .one() > 0;
  }

  private static String read(String resource) {
    try (InputStream in = SchemaInstaller.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new SchemaInstallException("migration " + resource + " is missing from the classpath", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** CRC32 of the script with normalised line ends. */
  static long checksum(String script) {
    CRC32 crc = new CRC32();
    crc.update(script.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }

  /**
   * The statements of a script: full-line {@code --} comments dropped, split where a line ends
   * with a semicolon (the migrations keep to that form).
   */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private record Migration(int version, String description, String script) {}
}
