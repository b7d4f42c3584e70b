package com.tenantpilot.scheduling.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the engine, with the spec's defaults. Immutable; build with {@link #builder()}.
 * A rejected value's message names the field and quotes the value.
 *
 * @param nodeId this node's name, used as lease and lock owner
 * @param misfireGrace how late a slot may still be run (default 15 min); later it is recorded as MISSED_SLOT
 * @param dispatchBatchSize due schedules read per query in a dispatch cycle (default 1000)
 * @param leaseDuration how long a claimed run's lease (and its schedule lock) lasts (default 90 s)
 * @param leaseRenewInterval how often a working node renews it (default 30 s)
 * @param maxAttempts attempts of a run for throttled and transient failures (default 4)
 * @param maxAttemptsUnknownError attempts of a run when an unclassified failure happened (default 2: one more)
 * @param backoffBase the first retry delay; doubled per attempt (default 30 s)
 * @param backoffMax the longest retry delay before Retry-After (default 15 min)
 * @param workerConcurrency runs one node executes at once (default 4)
 * @param maxRunningPerTenant runs of one tenant executing at once, cluster-wide (default 1)
 * @param invalidScheduleRetry how long a stored schedule that cannot be read waits before the dispatcher looks at it again (default 1 h)
 */
public record SchedulingOptions(
    String nodeId,
    Duration misfireGrace,
    int dispatchBatchSize,
    Duration leaseDuration,
    Duration leaseRenewInterval,
    int maxAttempts,
    int maxAttemptsUnknownError,
    Duration backoffBase,
    Duration backoffMax,
    int workerConcurrency,
    int maxRunningPerTenant,
    Duration invalidScheduleRetry) {

  /** Checks every field. */
  public SchedulingOptions {
    Objects.requireNonNull(nodeId, "nodeId");
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("nodeId must not be blank, was '" + nodeId + "'");
    }
    positive("misfireGrace", misfireGrace);
    positive("leaseDuration", leaseDuration);
    positive("leaseRenewInterval", leaseRenewInterval);
    positive("backoffBase", backoffBase);
    positive("backoffMax", backoffMax);
    positive("invalidScheduleRetry", invalidScheduleRetry);
    if (leaseRenewInterval.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException("leaseRenewInterval must be shorter than leaseDuration (" + leaseDuration + "), was '" + leaseRenewInterval + "'");
    }
    atLeast("dispatchBatchSize", dispatchBatchSize, 1);
    atLeast("maxAttempts", maxAttempts, 1);
    atLeast("maxAttemptsUnknownError", maxAttemptsUnknownError, 1);
    atLeast("workerConcurrency", workerConcurrency, 1);
    atLeast("maxRunningPerTenant", maxRunningPerTenant, 1);
  }

  private static void positive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was '" + value + "'");
    }
  }

  private static void atLeast(String field, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(field + " must be at least " + min + ", was '" + value + "'");
    }
  }

  /** The spec's defaults for a node. */
  public static SchedulingOptions defaults(String nodeId) {
    return builder().nodeId(nodeId).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.nodeId = nodeId;
    b.misfireGrace = misfireGrace;
    b.dispatchBatchSize = dispatchBatchSize;
    b.leaseDuration = leaseDuration;
    b.leaseRenewInterval = leaseRenewInterval;
    b.maxAttempts = maxAttempts;
    b.maxAttemptsUnknownError = maxAttemptsUnknownError;
    b.backoffBase = backoffBase;
    b.backoffMax = backoffMax;
    b.workerConcurrency = workerConcurrency;
    b.maxRunningPerTenant = maxRunningPerTenant;
    b.invalidScheduleRetry = invalidScheduleRetry;
    return b;
  }

  /** Builds {@link SchedulingOptions}; not thread-safe. */
  public static final class Builder {
    private String nodeId = "node-1";
    private Duration misfireGrace = Duration.ofMinutes(15);
    private int dispatchBatchSize = 1000;
    private Duration leaseDuration = Duration.ofSeconds(90);
    private Duration leaseRenewInterval = Duration.ofSeconds(30);
    private int maxAttempts = 4;
    private int maxAttemptsUnknownError = 2;
    private Duration backoffBase = Duration.ofSeconds(30);
    private Duration backoffMax = Duration.ofMinutes(15);
    private int workerConcurrency = 4;
    private int maxRunningPerTenant = 1;
    private Duration invalidScheduleRetry = Duration.ofHours(1);

    private Builder() {}

    /** This node's name. */
    public Builder nodeId(String v) { nodeId = v; return this; }
    /** How late a slot may still be run. */
    public Builder misfireGrace(Duration v) { misfireGrace = v; return this; }
    /** Due schedules read per query. */
    public Builder dispatchBatchSize(int v) { dispatchBatchSize = v; return this; }
    /** Lease (and lock) duration. */
    public Builder leaseDuration(Duration v) { leaseDuration = v; return this; }
    /** Lease renewal interval. */
    public Builder leaseRenewInterval(Duration v) { leaseRenewInterval = v; return this; }
    /** Attempts for throttled and transient failures. */
    public Builder maxAttempts(int v) { maxAttempts = v; return this; }
    /** Attempts when an unclassified failure happened. */
    public Builder maxAttemptsUnknownError(int v) { maxAttemptsUnknownError = v; return this; }
    /** First retry delay. */
    public Builder backoffBase(Duration v) { backoffBase = v; return this; }
    /** Longest retry delay before Retry-After. */
    public Builder backoffMax(Duration v) { backoffMax = v; return this; }
    /** Runs a node executes at once. */
    public Builder workerConcurrency(int v) { workerConcurrency = v; return this; }
    /** Runs of one tenant executing at once. */
    public Builder maxRunningPerTenant(int v) { maxRunningPerTenant = v; return this; }
    /** Wait before an unreadable stored schedule is looked at again. */
    public Builder invalidScheduleRetry(Duration v) { invalidScheduleRetry = v; return this; }

    /** Checks and builds. */
    public SchedulingOptions build() {
      return new SchedulingOptions(nodeId, misfireGrace, dispatchBatchSize, leaseDuration, leaseRenewInterval,
          maxAttempts, maxAttemptsUnknownError, backoffBase, backoffMax, workerConcurrency, maxRunningPerTenant,
          invalidScheduleRetry);
    }
  }
}
