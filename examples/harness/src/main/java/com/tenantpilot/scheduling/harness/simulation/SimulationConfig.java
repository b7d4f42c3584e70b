package com.tenantpilot.scheduling.harness.simulation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What a {@link Simulation} simulates. Immutable; build with {@link #builder()}. A rejected value's
 * message names the field and quotes the value.
 *
 * @param seed drives every random choice; the same seed gives the same result, byte for byte
 * @param days length of the simulated window (default 30)
 * @param nodes engine nodes sharing the stores (default 3)
 * @param schedules schedules created at the start (default 20)
 * @param faults whether to inject node crashes, stalls, outages of every node, Graph failures and
 *     slow Graph calls
 * @param start the first simulated minute, UTC, minute-aligned (default 2024-03-09T00:00Z, so a
 *     30-day window crosses the DST changes of New York, Berlin, Lord Howe and Santiago)
 * @param stores builds the shared stores and the cluster lock over the simulation's clock
 *     (default: {@link SimulationStores#inMemory})
 */
public record SimulationConfig(
    long seed,
    int days,
    int nodes,
    int schedules,
    boolean faults,
    Instant start,
    SimulationStores.Factory stores) {

  /** The default first minute. */
  public static final Instant DEFAULT_START = Instant.parse("2024-03-09T00:00:00Z");

  /** Checks every field. */
  public SimulationConfig {
    atLeast("days", days, 1, 3660);
    atLeast("nodes", nodes, 1, 64);
    atLeast("schedules", schedules, 1, 10_000);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(stores, "stores");
    if (!start.truncatedTo(ChronoUnit.MINUTES).equals(start)) {
      throw new IllegalArgumentException("start must be a whole minute, was '" + start + "'");
    }
  }

  private static void atLeast(String field, int value, int min, int max) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be at least " + min + ", was '" + value + "'");
    }
    if (value > max) {
      throw new IllegalArgumentException(field + " must be at most " + max + ", was '" + value + "'");
    }
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder().seed(seed).days(days).nodes(nodes).schedules(schedules).faults(faults).start(start).stores(stores);
  }

  /** Builds a {@link SimulationConfig}; not thread-safe. */
  public static final class Builder {
    private long seed = 1;
    private int days = 30;
    private int nodes = 3;
    private int schedules = 20;
    private boolean faults;
    private Instant start = DEFAULT_START;
    private SimulationStores.Factory stores = SimulationStores::inMemory;

    private Builder() {}

    /** The seed. */
    public Builder seed(long v) { seed = v; return this; }
    /** Simulated days. */
    public Builder days(int v) { days = v; return this; }
    /** Engine nodes. */
    public Builder nodes(int v) { nodes = v; return this; }
    /** Schedules. */
    public Builder schedules(int v) { schedules = v; return this; }
    /** Fault injection on or off. */
    public Builder faults(boolean v) { faults = v; return this; }
    /** The first simulated minute. */
    public Builder start(Instant v) { start = v; return this; }
    /** The store factory (the seam for JDBC stores). */
    public Builder stores(SimulationStores.Factory v) { stores = v; return this; }

    /** Checks and builds. */
    public SimulationConfig build() {
      return new SimulationConfig(seed, days, nodes, schedules, faults, start, stores);
    }
  }
}
