package com.tenantpilot.scheduling.jdbc;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of the JDBC adapter. Immutable; build one with {@link #builder()}.
 *
 * <table>
 *   <caption>options</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code clock}</td><td>none: the database's clock</td><td>where the stores' "now" comes
 *       from: lease and lock expiry, claim eligibility, creation stamps</td></tr>
 *   <tr><td>{@code database}</td><td>detected from the connection</td><td>which SQL dialect to speak</td></tr>
 *   <tr><td>{@code batchSize}</td><td>1000</td><td>rows per statement when creating runs and
 *       per JDBC batch when advancing schedules</td></tr>
 * </table>
 *
 * <p>Thread-safe (immutable).
 */
public final class JdbcSchedulingOptions {

  /** The default number of rows per batch. */
  public static final int DEFAULT_BATCH_SIZE = 1000;

  private static final JdbcSchedulingOptions DEFAULTS = builder().build();

  private final Clock clock;
  private final Database database;
  private final int batchSize;

  private JdbcSchedulingOptions(Builder b) {
    this.clock = b.clock;
    this.database = b.database;
    this.batchSize = b.batchSize;
  }

  /** Database clock, dialect detected, default batch size. */
  public static JdbcSchedulingOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The clock the stores read "now" from, or empty when the database's clock
   * ({@code CURRENT_TIMESTAMP}) is used, which is the default and what a cluster should use.
   */
  public Optional<Clock> clock() {
    return Optional.ofNullable(clock);
  }

  /** The database to speak to, or empty to detect it from the connection's metadata. */
  public Optional<Database> database() {
    return Optional.ofNullable(database);
  }

  /** Rows per statement or JDBC batch for bulk writes. */
  public int batchSize() {
    return batchSize;
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.clock = clock;
    b.database = database;
    b.batchSize = batchSize;
    return b;
  }

  @Override
  public String toString() {
    return "JdbcSchedulingOptions[clock=" + (clock == null ? "database" : clock) + ", database="
        + (database == null ? "detect" : database) + ", batchSize=" + batchSize + "]";
  }

  /** Builds {@link JdbcSchedulingOptions}. Not thread-safe. */
  public static final class Builder {

    private Clock clock;
    private Database database;
    private int batchSize = DEFAULT_BATCH_SIZE;

    private Builder() {}

    /**
     * Judges time (lease and lock expiry, claim eligibility, creation stamps) by {@code clock}
     * instead of the database. For deterministic tests and simulations on one node: in a cluster,
     * nodes with skewed clocks would disagree about expiry.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Judges time by the database's clock (the default). */
    public Builder databaseClock() {
      this.clock = null;
      return this;
    }

    /** Speaks this database's dialect instead of detecting it. */
    public Builder database(Database database) {
      this.database = Objects.requireNonNull(database, "database");
      return this;
    }

    /**
     * Rows per statement or batch for bulk writes, 1 to 5000.
     *
     * @throws IllegalArgumentException naming the field and quoting the value if out of range
     */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 5000) {
        throw new IllegalArgumentException("batchSize must be between 1 and 5000, was '" + batchSize + "'");
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The options. */
    public JdbcSchedulingOptions build() {
      return new JdbcSchedulingOptions(this);
    }
  }
}
