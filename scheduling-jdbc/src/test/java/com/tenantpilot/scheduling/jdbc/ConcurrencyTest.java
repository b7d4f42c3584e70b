package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tenantpilot.scheduling.jdbc.support.Fixtures;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import com.tenantpilot.scheduling.jdbc.support.Race;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.LockHandle;
import com.tenantpilot.scheduling.port.NextRunUpdate;
import com.tenantpilot.scheduling.port.RunOutcome;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several nodes on one database, each with its own connection pool and its own adapter, all in
 * database-clock mode: what the cluster guarantees rest on. Run against real PostgreSQL and
 * against H2 (whose writers take turns on a mutex row instead of SKIP LOCKED).
 */
abstract class ConcurrencyTest {

  private static final int NODES = 4;
  private static final Instant SLOT = Instant.parse("2026-03-02T02:30:00Z");

  private final List<HikariDataSource> pools = new ArrayList<>();
  private List<JdbcScheduling> nodes;
  private TestDatabase db;

  /** The database of the test class. */
  abstract TestDatabase database();

  /** The JDBC URL and user a node's own pool connects with. */
  abstract String[] urlAndUser();

  @BeforeEach
  void nodes() {
    db = database();
    db.clean();
    nodes = IntStream.range(0, NODES).mapToObj(i -> JdbcScheduling.create(pool(i))).toList();
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  private HikariDataSource pool(int node) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(urlAndUser()[0]);
    config.setUsername(urlAndUser()[1]);
    config.setMaximumPoolSize(2);
    config.setPoolName("node-" + node);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  @Test
  void four_dispatchers_create_exactly_one_run_per_slot_and_advance_each_schedule_once() throws Exception {
    int schedules = 1_000;
    List<StoredSchedule> rows = new ArrayList<>();
    for (int i = 0; i < schedules; i++) {
      rows.add(Fixtures.schedule("tenant-" + (i % 20), "s" + i, SLOT));
    }
    JdbcScheduling setup = nodes.get(0);
    rows.forEach(setup.schedules()::insert);

    for (int minute = 0; minute < 3; minute++) {
      Instant slot = SLOT.plus(Duration.ofDays(minute));
      Instant next = slot.plus(Duration.ofDays(1));
      List<int[]> results = Race.run(NODES, node -> {
        JdbcScheduling me = nodes.get(node);
        List<StoredSchedule> due = new ArrayList<>(me.schedules().findDue(slot, 10_000));
        Collections.shuffle(due, new Random(node));
        List<NewRun> runs = due.stream().map(s -> NewRun.scheduled(s.id(), s.tenantId(), slot)).toList();
        int created = me.runs().createAllIfAbsent(runs);
        int moved = me.schedules().advance(due.stream()
            .map(s -> new NextRunUpdate(s.tenantId(), s.id(), s.nextRunAt(), next)).toList());
        return new int[] {created, moved};
      });
      assertThat(results.stream().mapToInt(r -> r[0]).sum()).as("runs created for %s", slot).isEqualTo(schedules);
      assertThat(results.stream().mapToInt(r -> r[1]).sum()).as("schedules advanced for %s", slot).isEqualTo(schedules);
      assertThat(db.count("SELECT COUNT(*) FROM backup_schedule_runs WHERE scheduled_for = ?", slot.atOffset(ZoneOffset.UTC)))
          .isEqualTo(schedules);
      assertThat(db.count("SELECT COUNT(*) FROM backup_schedules WHERE next_run_at = ?", next.atOffset(ZoneOffset.UTC)))
          .isEqualTo(schedules);
    }
    assertThat(db.count("SELECT COUNT(*) FROM (SELECT backup_schedule_id, scheduled_for FROM backup_schedule_runs "
        + "GROUP BY backup_schedule_id, scheduled_for HAVING COUNT(*) > 1) d")).isZero();
  }

  @Test
  void four_workers_claim_each_of_5000_queued_runs_exactly_once() throws Exception {
    JdbcScheduling setup = nodes.get(0);
    List<NewRun> runs = new ArrayList<>();
    for (int s = 0; s < 100; s++) {
      StoredSchedule schedule = setup.schedules().insert(Fixtures.schedule("tenant-" + (s % 10), "s" + s, SLOT));
      for (int slot = 0; slot < 50; slot++) {
        runs.add(NewRun.scheduled(schedule.id(), schedule.tenantId(), SLOT.minus(Duration.ofMinutes(slot + 1))));
      }
    }
    assertThat(setup.runs().createAllIfAbsent(runs)).isEqualTo(5_000);

    Map<Long, String> claimedBy = new ConcurrentHashMap<>();
    List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
    List<Integer> perWorker = Race.run(NODES, node -> {
      int mine = 0;
      List<Run> got;
      do {
        got = nodes.get(node).runs().claim(new ClaimRequest("worker-" + node, 25, Duration.ofMinutes(5), 10_000));
        for (Run r : got) {
          if (claimedBy.putIfAbsent(r.id(), "worker-" + node) != null) {
            duplicates.add(r.id());
          }
        }
        mine += got.size();
      } while (!got.isEmpty());
      return mine;
    });

    assertThat(duplicates).isEmpty();
    assertThat(claimedBy).hasSize(5_000);
    assertThat(perWorker.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5_000);
    assertThat(perWorker).allSatisfy(n -> assertThat(n).as("every worker got work").isPositive());
    assertThat(db.count("SELECT COUNT(*) FROM backup_schedule_runs WHERE status = 'running' AND attempts = 1")).isEqualTo(5_000);
    assertThat(db.count("SELECT COUNT(DISTINCT lease_token) FROM backup_schedule_runs")).isEqualTo(5_000);
  }

  @Test
  void concurrent_claims_never_exceed_the_per_tenant_cap() throws Exception {
    JdbcScheduling setup = nodes.get(0);
    List<NewRun> runs = new ArrayList<>();
    for (int t = 0; t < 10; t++) {
      StoredSchedule schedule = setup.schedules().insert(Fixtures.schedule("tenant-" + t, "s" + t, SLOT));
      for (int slot = 0; slot < 30; slot++) {
        runs.add(NewRun.scheduled(schedule.id(), schedule.tenantId(), SLOT.minus(Duration.ofMinutes(slot + 1))));
      }
    }
    setup.runs().createAllIfAbsent(runs);

    List<Integer> claimed = Race.run(NODES, node -> {
      int mine = 0;
      for (int round = 0; round < 20; round++) {
        mine += nodes.get(node).runs().claim(new ClaimRequest("worker-" + node, 3, Duration.ofMinutes(5), 2)).size();
      }
      return mine;
    });

    Map<String, Object> worst = db.rows("SELECT tenant_id, COUNT(*) AS running FROM backup_schedule_runs "
        + "WHERE status = 'running' GROUP BY tenant_id ORDER BY COUNT(*) DESC LIMIT 1").get(0);
    assertThat(((Number) worst.get("running")).intValue()).as("most running runs of one tenant").isEqualTo(2);
    assertThat(claimed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(20);
    assertThat(db.count("SELECT COUNT(*) FROM backup_schedule_runs WHERE status = 'running'")).isEqualTo(20);
  }

  @Test
  void a_worker_whose_lease_expired_cannot_overwrite_the_recovered_run() {
    JdbcScheduling a = nodes.get(0);
    JdbcScheduling b = nodes.get(1);
    StoredSchedule schedule = a.schedules().insert(Fixtures.schedule("tenant-a", "s", SLOT));
    a.runs().createIfAbsent(NewRun.scheduled(schedule.id(), "tenant-a", SLOT));
    Run stalled = a.runs().claim(new ClaimRequest("node-a", 1, Duration.ofSeconds(1), 10)).get(0);

    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
        .until(() -> b.runs().findExpiredLeases(10).stream().anyMatch(r -> r.id() == stalled.id()));
    assertThat(b.runs().recover(stalled.leaseRef(), true, SLOT, ErrorCode.RUN_ABANDONED, "lease expired")).isTrue();
    Run retried = b.runs().claim(new ClaimRequest("node-b", 1, Duration.ofMinutes(5), 10)).get(0);

    RunOutcome stale = new RunOutcome(RunStatus.FAILED, ErrorCode.UNEXPECTED_ERROR, "from the past", RunSummary.EMPTY, null, SLOT);
    assertThat(a.runs().renewLease(stalled.leaseRef(), Duration.ofMinutes(5))).isFalse();
    assertThat(a.runs().finish(stalled.leaseRef(), stale)).isFalse();
    assertThat(a.runs().requeue(stalled.leaseRef(), SLOT, ErrorCode.GRAPH_UNAVAILABLE, "x", RunSummary.EMPTY)).isFalse();
    assertThat(a.runs().recover(stalled.leaseRef(), false, SLOT, ErrorCode.RUN_ABANDONED, "x")).isFalse();
    assertThat(b.runs().finish(retried.leaseRef(),
        new RunOutcome(RunStatus.SUCCESS, null, null, RunSummary.EMPTY, 7L, SLOT.plusSeconds(30)))).isTrue();

    Run done = a.runs().find("tenant-a", stalled.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(done.attempts()).isEqualTo(2);
    assertThat(done.lease().owner()).isEqualTo("node-b");
    assertThat(done.lease().token()).isNotEqualTo(stalled.lease().token());
    assertThat(done.backupSetId()).isEqualTo(7L);
  }

  @Test
  void lock_contention_gives_exactly_one_holder() throws Exception {
    for (int round = 0; round < 20; round++) {
      String key = "lock:backup_schedule:" + (round % 3);
      List<Optional<LockHandle>> attempts = Race.run(NODES * 2, i ->
          nodes.get(i % NODES).lock().tryAcquire(key, "node-" + i, Duration.ofMinutes(1)));

      List<LockHandle> holders = attempts.stream().flatMap(Optional::stream).toList();
      assertThat(holders).as("holders in round %d", round).hasSize(1);
      assertThat(db.rows("SELECT lock_owner, token FROM scheduler_locks WHERE lock_key = ?", key))
          .containsExactly(Map.of("lock_owner", holders.get(0).owner(), "token", holders.get(0).token()));
      nodes.get(round % NODES).lock().release(holders.get(0));
    }
    assertThat(db.count("SELECT COUNT(*) FROM scheduler_locks")).isZero();
  }

  @Test
  void an_expired_lock_is_taken_over_by_exactly_one_contender() throws Exception {
    String key = "lock:backup_schedule:7";
    LockHandle dead = nodes.get(0).lock().tryAcquire(key, "dead-node", Duration.ofSeconds(1)).orElseThrow();
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
        .until(() -> db.count("SELECT COUNT(*) FROM scheduler_locks WHERE expires_at <= CURRENT_TIMESTAMP") == 1);

    List<Optional<LockHandle>> attempts = Race.run(NODES * 2, i ->
        nodes.get(i % NODES).lock().tryAcquire(key, "node-" + i, Duration.ofMinutes(1)));

    assertThat(attempts.stream().filter(Optional::isPresent).count()).isEqualTo(1);
    assertThat(nodes.get(0).lock().renew(dead, Duration.ofMinutes(1))).isFalse();
    nodes.get(0).lock().release(dead);
    Map<String, Integer> owners = new HashMap<>();
    db.rows("SELECT lock_owner FROM scheduler_locks").forEach(r -> owners.merge((String) r.get("lock_owner"), 1, Integer::sum));
    assertThat(owners).hasSize(1).doesNotContainKey("dead-node");
  }
}
