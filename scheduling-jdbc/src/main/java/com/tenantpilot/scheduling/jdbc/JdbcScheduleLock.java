package com.tenantpilot.scheduling.jdbc;

import com.tenantpilot.scheduling.jdbc.internal.Dialect.Mutex;
import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import com.tenantpilot.scheduling.port.LockHandle;
import com.tenantpilot.scheduling.port.ScheduleLock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A cluster-wide {@link ScheduleLock} on table {@code scheduler_locks}: one row per held key,
 * with the holder's random token and an expiry.
 *
 * <p>Taking the lock is one statement that inserts the row or takes over an expired one
 * ({@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expires_at <= now} on PostgreSQL; a
 * {@code MERGE} on H2, where acquisitions take turns). Renewal and release compare the token, so
 * a holder whose lock expired and was taken over cannot renew or free the new holder's lock.
 * Expiry is judged by the database's clock unless a {@link java.time.Clock} was configured, so
 * a node with a skewed clock cannot take a live lock. Released locks are deleted; an expired row
 * stays until the key is taken again.
 *
 * <p>Thread-safe.
 */
public final class JdbcScheduleLock implements ScheduleLock {

  private final StoreContext ctx;
  private final String acquireSql;
  private final String renewSql;

  /** A lock over {@code ctx}; see {@link JdbcScheduling} for the usual way to build one. */
  public JdbcScheduleLock(StoreContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    String expires = ctx.nowPlus(":ttlMillis");
    this.acquireSql = ctx.dialect().acquireLock(ctx.now(), expires);
    this.renewSql = "UPDATE scheduler_locks SET expires_at = " + expires
        + " WHERE lock_key = :key AND token = :token AND expires_at > " + ctx.now();
  }

  @Override
  public Optional<LockHandle> tryAcquire(String key, String owner, Duration ttl) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(owner, "owner");
    checkTtl(ttl);
    LockHandle mine = new LockHandle(key, owner, UUID.randomUUID().toString());
    Instant now = ctx.clockInstant();
    boolean taken = ctx.inTransaction("take lock '" + key + "'", h -> {
      ctx.dialect().takeTurn(h, Mutex.LOCKS);
      return ctx.bindNow(h.createUpdate(acquireSql), acquireSql, now)
          .bind("key", key)
          .bind("owner", owner)
          .bind("token", mine.token())
          .bind("ttlMillis", ttl.toMillis())
          .execute() == 1;
    });
    return taken ? Optional.of(mine) : Optional.empty();
  }

  @Override
  public boolean renew(LockHandle handle, Duration ttl) {
    checkTtl(ttl);
    Instant now = ctx.clockInstant();
    return ctx.withHandle("renew lock '" + handle.key() + "'", h -> ctx.bindNow(h.createUpdate(renewSql), renewSql, now)
        .bind("key", handle.key())
        .bind("token", handle.token())
        .bind("ttlMillis", ttl.toMillis())
        .execute() == 1);
  }

  @Override
  public void release(LockHandle handle) {
    ctx.withHandle("release lock '" + handle.key() + "'", h -> h
        .createUpdate("DELETE FROM scheduler_locks WHERE lock_key = :key AND token = :token")
        .bind("key", handle.key())
        .bind("token", handle.token())
        .execute());
  }

  private static void checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was '" + ttl + "'");
    }
  }
}
