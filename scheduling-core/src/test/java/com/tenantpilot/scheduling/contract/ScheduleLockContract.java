package com.tenantpilot.scheduling.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.port.LockHandle;
import com.tenantpilot.scheduling.port.ScheduleLock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The contract of {@link ScheduleLock}, for every adapter. */
public abstract class ScheduleLockContract extends ContractSupport {

  private static final Duration TTL = Duration.ofSeconds(90);
  private static final String KEY = ScheduleLock.keyFor(42);

  @Test
  void the_key_names_the_schedule() {
    assertThat(KEY).isEqualTo("lock:backup_schedule:42");
  }

  @Test
  void only_one_holder_at_a_time() {
    Optional<LockHandle> first = stores.lock().tryAcquire(KEY, "node-1", TTL);

    assertThat(first).isPresent();
    assertThat(stores.lock().tryAcquire(KEY, "node-2", TTL)).isEmpty();
    assertThat(stores.lock().tryAcquire(KEY, "node-1", TTL)).isEmpty();
    assertThat(stores.lock().tryAcquire(ScheduleLock.keyFor(43), "node-2", TTL)).isPresent();
  }

  @Test
  void release_frees_the_lock() {
    LockHandle held = stores.lock().tryAcquire(KEY, "node-1", TTL).orElseThrow();
    stores.lock().release(held);

    assertThat(stores.lock().tryAcquire(KEY, "node-2", TTL)).isPresent();
  }

  @Test
  void a_dead_holders_lock_frees_itself_after_its_ttl() {
    LockHandle dead = stores.lock().tryAcquire(KEY, "node-1", TTL).orElseThrow();
    clock.advance(TTL.minusSeconds(1));
    assertThat(stores.lock().tryAcquire(KEY, "node-2", TTL)).isEmpty();
    clock.advance(Duration.ofSeconds(1));

    LockHandle next = stores.lock().tryAcquire(KEY, "node-2", TTL).orElseThrow();

    assertThat(stores.lock().renew(dead, TTL)).isFalse();
    stores.lock().release(dead);
    assertThat(stores.lock().tryAcquire(KEY, "node-3", TTL)).isEmpty();
    assertThat(stores.lock().renew(next, TTL)).isTrue();
  }

  @Test
  void renew_pushes_the_expiry_forward() {
    LockHandle held = stores.lock().tryAcquire(KEY, "node-1", TTL).orElseThrow();
    clock.advance(Duration.ofSeconds(60));
    assertThat(stores.lock().renew(held, TTL)).isTrue();
    clock.advance(Duration.ofSeconds(60));

    assertThat(stores.lock().tryAcquire(KEY, "node-2", TTL)).isEmpty();
    clock.advance(Duration.ofSeconds(30));
    assertThat(stores.lock().tryAcquire(KEY, "node-2", TTL)).isPresent();
  }
}
