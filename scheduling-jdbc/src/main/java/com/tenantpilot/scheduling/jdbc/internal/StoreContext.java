package com.tenantpilot.scheduling.jdbc.internal;

import com.tenantpilot.scheduling.jdbc.Database;
import com.tenantpilot.scheduling.jdbc.JdbcSchedulingOptions;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ObjectArgument;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * What every store shares: the Jdbi instance, the dialect, the time source, the JSON codec, and
 * the way operations open handles and translate failures.
 *
 * <p>Time: with the database clock (the default) "now" in SQL is {@code CURRENT_TIMESTAMP}, so
 * lease and lock expiry are judged by the one clock every node shares. With a {@link Clock} it
 * is the bound parameter {@code :now}, read once per operation. Instants are bound as
 * {@code OffsetDateTime} at UTC with an explicit SQL type and read back as {@code OffsetDateTime},
 * so neither the JVM's default zone nor the session's zone ever enters a conversion.
 *
 * <p>Thread-safe (immutable).
 */
public final class StoreContext {

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final Clock clock;
  private final Json json;
  private final Rows rows;
  private final int batchSize;

  private StoreContext(Jdbi jdbi, Dialect dialect, Clock clock, int batchSize) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.clock = clock;
    this.json = new Json();
    this.rows = new Rows(json);
    this.batchSize = batchSize;
  }

  /** A context over {@code jdbi}; detects the database unless the options name it. */
  public static StoreContext create(Jdbi jdbi, JdbcSchedulingOptions options) {
    Objects.requireNonNull(jdbi, "jdbi");
    Objects.requireNonNull(options, "options");
    Database database = options.database().orElseGet(() -> detect(jdbi));
    return new StoreContext(jdbi, Dialect.of(database), options.clock().orElse(null), options.batchSize());
  }

  /** The database behind {@code jdbi}, from the connection's metadata. */
  public static Database detect(Jdbi jdbi) {
    try {
      return jdbi.withHandle(h -> Database.fromProductName(h.getConnection().getMetaData().getDatabaseProductName()));
    } catch (SQLException | RuntimeException e) {
      throw SqlErrors.translate("detect the database", e);
    }
  }

  /** The Jdbi instance. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** The dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** The JSON codec. */
  public Json json() {
    return json;
  }

  /** The row mappers. */
  public Rows rows() {
    return rows;
  }

  /** Rows per statement or batch. */
  public int batchSize() {
    return batchSize;
  }

  /** Whether "now" is the database's clock. */
  public boolean databaseClock() {
    return clock == null;
  }

  /** SQL for "now": {@code CURRENT_TIMESTAMP}, or the typed parameter {@code :now} with a clock. */
  public String now() {
    return clock == null ? "CURRENT_TIMESTAMP" : "CAST(:now AS TIMESTAMP WITH TIME ZONE)";
  }

  /** SQL for "now" plus the milliseconds bound to {@code millisParam}. */
  public String nowPlus(String millisParam) {
    return dialect.plusMillis(now(), millisParam);
  }

  /** The clock's instant for one operation, or {@code null} with the database clock. */
  public Instant clockInstant() {
    return clock == null ? null : truncate(clock.instant());
  }

  /** Binds {@code :now} if the statement's SQL uses it (clock mode). */
  public <S extends SqlStatement<S>> S bindNow(S statement, String sql, Instant now) {
    if (clock != null && sql.contains(":now")) {
      statement.bind("now", instant(now));
    }
    return statement;
  }

  /** An instant as a {@code TIMESTAMP WITH TIME ZONE} argument at UTC; {@code null} binds a typed NULL. */
  public static Argument instant(Instant instant) {
    return ObjectArgument.of(instant == null ? null : truncate(instant).atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  /** The precision both databases store: microseconds. */
  public static Instant truncate(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * Runs {@code callback} on a handle in autocommit mode, translating failures: for reads and for
   * writes that are a single statement (atomic on their own).
   */
  public <R> R withHandle(String operation, HandleCallback<R, RuntimeException> callback) {
    try {
      return jdbi.withHandle(h -> callback.withHandle(quiet(h)));
    } catch (RuntimeException e) {
      throw SqlErrors.translate(operation, e);
    }
  }

  /**
   * Runs {@code callback} in one transaction, translating failures; the transaction rolls back on
   * any, so a multi-statement change is written whole or not at all.
   */
  public <R> R inTransaction(String operation, HandleCallback<R, RuntimeException> callback) {
    try {
      return jdbi.inTransaction(h -> callback.withHandle(quiet(h)));
    } catch (RuntimeException e) {
      throw SqlErrors.translate(operation, e);
    }
  }

  /** Statement exceptions on this handle carry no SQL and no bound values (payloads stay out of logs). */
  private static Handle quiet(Handle handle) {
    handle.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    return handle;
  }
}
