package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.run.FailureClass;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Decides whether a failed attempt is tried again, and when.
 *
 * <ul>
 *   <li>Only throttled, transient and unknown failures are retried; auth (401) and permission
 *       (403) never are. Because an attempt re-reads every policy type, an attempt with any 401 or
 *       403 is not retried at all, even if another type failed transiently: the run ends with what
 *       that attempt backed up (PARTIAL or FAILED, error code 401/403).
 *   <li>A run gets {@code maxAttempts} attempts (default 4); if any failure of the attempt was
 *       unknown, {@code maxAttemptsUnknownError} (default 2, one more try).
 *   <li>The wait is {@code max(backoff(attempt), Retry-After)}, where backoff is
 *       {@code backoffBase * 2^(attempt-1)} capped at {@code backoffMax}, with "equal jitter": a
 *       random point in its upper half, so that many runs throttled together do not return
 *       together.
 *   <li>A retry never reaches into the schedule's next slot: if {@code notBefore} would fall at
 *       or after it, the run gives up and the next slot takes over.
 * </ul>
 *
 * Nothing sleeps: a retry is a QUEUED run with {@code notBefore}. Thread-safe if the random
 * source is.
 */
public final class RetryPolicy {

  private final SchedulingOptions options;
  private final DoubleSupplier random;

  /**
   * A policy with the given options and a source of uniform doubles in {@code [0, 1)} for jitter
   * (seed it for reproducible simulations).
   */
  public RetryPolicy(SchedulingOptions options, DoubleSupplier random) {
    this.options = Objects.requireNonNull(options, "options");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The verdict on one failed attempt. */
  public sealed interface Decision permits Retry, GiveUp {}

  /**
   * Try again, not before {@code notBefore}.
   *
   * @param notBefore the earliest time of the next attempt
   */
  public record Retry(Instant notBefore) implements Decision {}

  /**
   * Stop trying.
   *
   * @param reason why
   */
  public record GiveUp(Reason reason) implements Decision {}

  /** Why a run stops retrying. */
  public enum Reason {
    /** A failure that is never retried (401, 403). */
    NOT_RETRYABLE,
    /** The attempts are used up. */
    EXHAUSTED,
    /** The next attempt would fall at or after the schedule's next slot. */
    NEXT_SLOT
  }

  /**
   * Decides after attempt number {@code attempt} (1-based) failed with {@code failures}.
   *
   * @param nextSlot the schedule's next slot after this run's, or {@code null} if none
   */
  public Decision decide(int attempt, Collection<GraphFailure> failures, Instant now, Instant nextSlot) {
    boolean anyRetryable = false;
    boolean anyUnknown = false;
    Duration retryAfter = Duration.ZERO;
    for (GraphFailure f : failures) {
      FailureClass c = FailureClass.of(f);
      if (!c.errorCode().retryable()) {
        // a retry re-reads every type, so it would repeat the 401/403 request too
        return new GiveUp(Reason.NOT_RETRYABLE);
      }
      anyRetryable = true;
      anyUnknown |= c == FailureClass.UNKNOWN;
      if (f.retryAfter() != null && f.retryAfter().compareTo(retryAfter) > 0) {
        retryAfter = f.retryAfter();
      }
    }
    if (!anyRetryable) {
      return new GiveUp(Reason.NOT_RETRYABLE);
    }
    int limit = anyUnknown ? Math.min(options.maxAttempts(), options.maxAttemptsUnknownError()) : options.maxAttempts();
    if (attempt >= limit) {
      return new GiveUp(Reason.EXHAUSTED);
    }
    Duration wait = backoff(attempt);
    if (retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    Instant notBefore = now.plus(wait);
    if (nextSlot != null && !notBefore.isBefore(nextSlot)) {
      return new GiveUp(Reason.NEXT_SLOT);
    }
    return new Retry(notBefore);
  }

  /** The jittered backoff after attempt number {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    long base = options.backoffBase().toMillis();
    long max = options.backoffMax().toMillis();
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long full = base > (max >> shift) ? max : Math.min(max, base << shift);
    long half = full / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (full - half)));
  }
}
