package com.tenantpilot.scheduling.port;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock with a time-to-live, so a dead holder's lock frees itself. The engine takes
 * {@code lock:backup_schedule:{scheduleId}} around a run and renews it with the run's lease.
 * Expiry is judged by the implementation's clock (the database's, for the JDBC lock).
 * Thread-safe.
 */
public interface ScheduleLock {

  /** Takes the lock if it is free or expired. */
  Optional<LockHandle> tryAcquire(String key, String owner, Duration ttl);

  /** Extends the lock if {@code handle} still holds it. */
  boolean renew(LockHandle handle, Duration ttl);

  /** Frees the lock if {@code handle} still holds it; otherwise does nothing. */
  void release(LockHandle handle);

  /** The key the engine uses for a schedule. */
  static String keyFor(long scheduleId) {
    return "lock:backup_schedule:" + scheduleId;
  }
}
