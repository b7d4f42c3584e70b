package com.tenantpilot.scheduling.lock;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.tenantpilot.scheduling.port.LockHandle;
import com.tenantpilot.scheduling.port.ScheduleLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An in-process {@link ScheduleLock} for a single node, on a Caffeine cache whose entries expire
 * with their time-to-live (read from the given clock), so an abandoned lock frees itself and the
 * map never grows without bound. For a cluster use the JDBC lock.
 *
 * <p>Thread-safe: acquisition, renewal and release are atomic per key.
 */
public final class CaffeineScheduleLock implements ScheduleLock {

  private final Clock clock;
  private final Cache<String, Held> locks;

  /** A lock whose expiry is judged by {@code clock}. */
  public CaffeineScheduleLock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.locks = Caffeine.newBuilder()
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .expireAfter(new Expiry<String, Held>() {
          @Override
          public long expireAfterCreate(String key, Held value, long currentTime) {
            return remaining(value);
          }

          @Override
          public long expireAfterUpdate(String key, Held value, long currentTime, long currentDuration) {
            return remaining(value);
          }

          @Override
          public long expireAfterRead(String key, Held value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
  }

  private long remaining(Held held) {
    return Math.max(0, Duration.between(clock.instant(), held.expiresAt()).toNanos());
  }

  @Override
  public Optional<LockHandle> tryAcquire(String key, String owner, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    Instant now = clock.instant();
    LockHandle mine = new LockHandle(key, owner, UUID.randomUUID().toString());
    Held result = locks.asMap().compute(key, (k, held) ->
        held == null || !held.expiresAt().isAfter(now) ? new Held(mine, now.plus(ttl)) : held);
    return result.handle().equals(mine) ? Optional.of(mine) : Optional.empty();
  }

  @Override
  public boolean renew(LockHandle handle, Duration ttl) {
    Instant now = clock.instant();
    boolean[] renewed = {false};
    locks.asMap().computeIfPresent(handle.key(), (k, held) -> {
      if (held.handle().equals(handle) && held.expiresAt().isAfter(now)) {
        renewed[0] = true;
        return new Held(handle, now.plus(ttl));
      }
      return held;
    });
    return renewed[0];
  }

  @Override
  public void release(LockHandle handle) {
    locks.asMap().computeIfPresent(handle.key(), (k, held) -> held.handle().equals(handle) ? null : held);
  }

  private record Held(LockHandle handle, Instant expiresAt) {}
}
