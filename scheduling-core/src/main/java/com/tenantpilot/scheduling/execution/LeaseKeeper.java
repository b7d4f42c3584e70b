package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.port.LockHandle;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.run.LeaseRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps one claimed run's lease and its schedule lock alive together, so that a dead node's lock
 * frees itself within one lease. The lock is always renewed (and first taken) before the lease is
 * extended, so the lock never outlives the lease: whoever recovers an expired lease finds the lock
 * free. Renewed by the executing thread at step boundaries and by the
 * runtime's renewal timer during long steps. Once a renewal fails the keeper is lost for good and
 * the run must not write anything more.
 *
 * <p>Thread-safe.
 */
final class LeaseKeeper {

  private final RunStore runs;
  private final ScheduleLock lock;
  private final Clock clock;
  private final Duration leaseDuration;
  private final Duration renewInterval;
  private final LeaseRef lease;
  private LockHandle lockHandle;
  private Instant lastRenewal;
  private boolean lost;

  LeaseKeeper(RunStore runs, ScheduleLock lock, Clock clock, Duration leaseDuration, Duration renewInterval, LeaseRef lease) {
    this.runs = runs;
    this.lock = lock;
    this.clock = clock;
    this.leaseDuration = leaseDuration;
    this.renewInterval = renewInterval;
    this.lease = lease;
    this.lastRenewal = clock.instant();
  }

  LeaseRef lease() {
    return lease;
  }

  synchronized void holdLock(LockHandle handle) {
    this.lockHandle = handle;
  }

  /** Renews if the interval has passed (or always, when {@code force}); false once lost. */
  synchronized boolean renew(boolean force) {
    if (lost) {
      return false;
    }
    Instant now = clock.instant();
    if (!force && Duration.between(lastRenewal, now).compareTo(renewInterval) < 0) {
      return true;
    }
    // Lock first, lease second: the lease then always expires no earlier than the lock, so a run
    // recovered from an expired lease never finds its dead worker's lock still held.
    boolean ok = lockHandle == null || lock.renew(lockHandle, leaseDuration);
    if (ok) {
      ok = runs.renewLease(lease, leaseDuration);
    }
    if (ok) {
      lastRenewal = now;
    } else {
      lost = true;
    }
    return ok;
  }

  /** Throws {@link LeaseLostException} unless a renewal (forced) succeeds. */
  void renewOrThrow() {
    if (!renew(true)) {
      throw new LeaseLostException(lease);
    }
  }

  synchronized void releaseLock() {
    if (lockHandle != null) {
      lock.release(lockHandle);
      lockHandle = null;
    }
  }

  /** Thrown inside the executor when the run's lease was taken away. */
  static final class LeaseLostException extends RuntimeException {
    LeaseLostException(LeaseRef lease) {
      super("lease lost for run " + lease.runId() + " (token " + lease.token() + ")", null, false, false);
    }
  }
}
