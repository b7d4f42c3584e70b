package com.tenantpilot.scheduling.graph.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a duration; the seam that lets tests drive the {@link TenantBudget} with a fake clock.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /** Parks the calling thread for {@code duration}, the way {@link Thread#sleep} does. */
  Sleeper PARK = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
