package com.tenantpilot.scheduling.graph.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * One tenant's request budget: at most {@code limit} requests in any sliding {@code window}, and
 * at most {@code maxInFlight} requests at once.
 *
 * <p>The rate part is a sliding-window log: the start times of the last {@code limit} requests
 * sit in a ring buffer; a request may start when the oldest of them is at least {@code window}
 * old, otherwise the caller sleeps until it will be (Intune's documented limit per app and tenant
 * is phrased this way, e.g. 1,000 requests per 20 seconds). A sleep is one wait for the computed
 * time through the {@link Sleeper}, never a spin; time is read from the injected {@link Clock}.
 * The concurrency part is a fair semaphore, so a tenant's queued requests go in arrival order.
 * Each tenant has its own budget, so a large tenant waits on its own budget, never on another's.
 *
 * <p>Thread-safe.
 */
public final class TenantBudget {

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Semaphore inFlight;
  private final Instant[] starts;
  private int next;

  /**
   * A budget of {@code limit} requests per {@code window} and {@code maxInFlight} concurrent
   * requests.
   */
  public TenantBudget(int limit, Duration window, int maxInFlight, Clock clock, Sleeper sleeper) {
    if (limit < 1) {
      throw new IllegalArgumentException("rateLimitRequests must be at least 1, was '" + limit + "'");
    }
    if (window == null || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("rateLimitWindow must be positive, was '" + window + "'");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxConcurrentRequestsPerTenant must be at least 1, was '" + maxInFlight + "'");
    }
    this.limit = limit;
    this.window = window;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.inFlight = new Semaphore(maxInFlight, true);
    this.starts = new Instant[limit];
  }

  /**
   * Waits until this tenant may start one more request and returns the permit to close when the
   * request is done.
   *
   * @throws InterruptedException if the thread is interrupted while waiting; nothing is held then
   */
  public Permit acquire() throws InterruptedException {
    inFlight.acquire();
    try {
      while (true) {
        Duration wait = tryStart();
        if (wait.isZero()) {
          return new Permit();
        }
        sleeper.sleep(wait);
      }
    } catch (InterruptedException | RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  /** Requests currently waiting for a concurrency slot (for tests and metrics). */
  public int queued() {
    return inFlight.getQueueLength();
  }

  /** Concurrency slots free right now (for tests and metrics). */
  public int freeSlots() {
    return inFlight.availablePermits();
  }

  /** Records a start and returns zero, or returns how long to wait before a start is allowed. */
  private synchronized Duration tryStart() {
    Instant now = clock.instant();
    Instant oldest = starts[next];
    if (oldest != null) {
      Instant free = oldest.plus(window);
      if (now.isBefore(free)) {
        return Duration.between(now, free);
      }
    }
    starts[next] = now;
    next = (next + 1) % limit;
    return Duration.ZERO;
  }

  /** A started request's concurrency slot; closing it twice releases once. Not thread-safe. */
  public final class Permit implements AutoCloseable {
    private boolean closed;

    private Permit() {}

    /** Frees the concurrency slot. */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        inFlight.release();
      }
    }
  }

  @Override
  public String toString() {
    return "TenantBudget[" + limit + " per " + window + ", in flight " + inFlight.availablePermits() + " free]";
  }
}
