package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tenantpilot.scheduling.jdbc.support.Fixtures;
import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.LockHandle;
import com.tenantpilot.scheduling.port.RunOutcome;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default time source is the database's clock: a node whose own clock is wrong cannot make
 * a live lease or lock look expired. The Clock option, by contrast, judges by the clock it is
 * given, which is why it is for tests and single-node simulations only.
 */
class DatabaseClockTest {

  private static final Duration SKEW = Duration.ofHours(2);

  private static PostgresServer.Schema db;
  private JdbcScheduling live;
  private JdbcScheduling skewedClockOption;
  private Clock skewedClock;

  @BeforeAll
  static void start() {
    db = PostgresServer.newSchema("dbclock");
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @BeforeEach
  void adapters() {
    db.clean();
    live = db.adapter();
    skewedClock = Clock.offset(Clock.systemUTC(), SKEW);
    skewedClockOption = db.adapter(skewedClock);
  }

  private Run claimedRun(Duration lease) {
    Instant slot = Instant.parse("2026-03-02T01:30:00Z");
    StoredSchedule s = live.schedules().insert(Fixtures.schedule("tenant-a", "s", slot));
    live.runs().createIfAbsent(NewRun.scheduled(s.id(), "tenant-a", slot));
    return live.runs().claim(new ClaimRequest("node-a", 1, lease, 10)).get(0);
  }

  @Test
  void a_node_with_a_skewed_clock_cannot_make_a_live_lease_look_expired() {
    Run run = claimedRun(Duration.ofMinutes(1));
    Instant skewedNow = skewedClock.instant();

    // The database-clock store judges by the database, whatever instants the skewed node passes.
    assertThat(live.runs().findExpiredLeases(10)).isEmpty();
    assertThat(live.runs().recover(run.leaseRef(), true, skewedNow, ErrorCode.RUN_ABANDONED, "lease expired")).isFalse();
    assertThat(live.runs().find("tenant-a", run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);

    // A store built with the skewed Clock option believes its clock: this is the hazard the
    // default avoids, shown here so the option's meaning is pinned down.
    assertThat(skewedClockOption.runs().findExpiredLeases(10)).extracting(Run::id).containsExactly(run.id());

    // The owner finishes normally; finishedAt is the caller's value, expiry was never affected.
    assertThat(live.runs().finish(run.leaseRef(),
        new RunOutcome(RunStatus.SUCCESS, null, null, RunSummary.EMPTY, null, skewedNow))).isTrue();
    assertThat(live.runs().find("tenant-a", run.id()).orElseThrow().finishedAt()).isEqualTo(StoreSkew.micros(skewedNow));
  }

  @Test
  void a_lease_expires_when_the_database_says_so() {
    Run run = claimedRun(Duration.ofSeconds(1));

    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
        .until(() -> !live.runs().findExpiredLeases(10).isEmpty());
    OffsetDateTime dbNow = dbNow();
    assertThat(dbNow.toInstant()).isAfterOrEqualTo(run.lease().expiresAt());
    assertThat(live.runs().recover(run.leaseRef(), false, dbNow.toInstant(), ErrorCode.RUN_ABANDONED, "lease expired")).isTrue();
    assertThat(live.runs().find("tenant-a", run.id()).orElseThrow().errorCode()).isEqualTo(ErrorCode.RUN_ABANDONED);
  }

  @Test
  void stamps_come_from_the_database_clock() {
    Instant before = dbNow().toInstant();
    Run run = claimedRun(Duration.ofSeconds(90));
    Instant after = dbNow().toInstant();

    assertThat(run.createdAt()).isBetween(before, after);
    assertThat(run.startedAt()).isBetween(before, after);
    assertThat(Duration.between(run.startedAt(), run.lease().expiresAt())).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void a_lock_is_judged_by_the_database_clock() {
    LockHandle held = live.lock().tryAcquire("lock:backup_schedule:1", "node-a", Duration.ofMinutes(1)).orElseThrow();

    assertThat(live.lock().tryAcquire("lock:backup_schedule:1", "node-b", Duration.ofMinutes(1))).isEmpty();
    assertThat(skewedClockOption.lock().tryAcquire("lock:backup_schedule:1", "skewed", Duration.ofMinutes(1))).isPresent();
    assertThat(live.lock().renew(held, Duration.ofMinutes(1))).isFalse();

    LockHandle shortLived = live.lock().tryAcquire("lock:backup_schedule:2", "node-a", Duration.ofSeconds(1)).orElseThrow();
    Map<String, Object> row = db.rows("SELECT acquired_at, expires_at FROM scheduler_locks WHERE lock_key = ?",
        "lock:backup_schedule:2").get(0);
    assertThat(Duration.between(((java.sql.Timestamp) row.get("acquired_at")).toInstant(),
        ((java.sql.Timestamp) row.get("expires_at")).toInstant())).isEqualTo(Duration.ofSeconds(1));
    Optional<LockHandle> next = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
        .until(() -> live.lock().tryAcquire("lock:backup_schedule:2", "node-b", Duration.ofMinutes(1)), Optional::isPresent);
    assertThat(next.orElseThrow().owner()).isEqualTo("node-b");
    assertThat(live.lock().renew(shortLived, Duration.ofMinutes(1))).isFalse();
  }

  private OffsetDateTime dbNow() {
    return db.jdbi().withHandle(h -> h.createQuery("SELECT clock_timestamp() AS now")
        .map((rs, ctx) -> rs.getObject("now", OffsetDateTime.class)).one());
  }

  /** Instants as the database stores them. */
  private static final class StoreSkew {
    static Instant micros(Instant i) {
      return i.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
  }
}
