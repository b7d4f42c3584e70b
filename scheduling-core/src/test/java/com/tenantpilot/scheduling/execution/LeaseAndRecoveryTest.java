package com.tenantpilot.scheduling.execution;

import static com.tenantpilot.scheduling.engine.EngineFixture.DEVICE_CONFIG;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_A;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.engine.EngineFixture;
import com.tenantpilot.scheduling.engine.SchedulingEngine;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC section 6: the schedule lock, leases, recovery, fencing and the per-tenant cap. */
class LeaseAndRecoveryTest {

  private static final Instant SLOT = Instant.parse("2026-03-02T09:00:00Z");

  private final EngineFixture f = EngineFixture.create();

  @Test
  void a_held_schedule_lock_skips_the_run_with_concurrent_run_and_calls_graph_never() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.clock.set(SLOT);
    assertThat(f.lock.tryAcquire(ScheduleLock.keyFor(s.id()), "someone-else", Duration.ofMinutes(5))).isPresent();

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.CONCURRENT_RUN);
    assertThat(f.graph.totalCalls()).isZero();
    assertThat(f.stores.allBackupSets()).isEmpty();
  }

  @Test
  void the_lock_is_released_when_the_run_ends() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    f.fireNextSlot(s);

    assertThat(f.lock.tryAcquire(ScheduleLock.keyFor(s.id()), "next", Duration.ofMinutes(1))).isPresent();
  }

  @Test
  void a_working_node_renews_its_lease_and_lock_so_a_long_run_is_not_recovered() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.clock.set(SLOT);
    f.engine.dispatcher().dispatch();
    SchedulingEngine other = f.node("node-2");
    List<Instant> expiries = new ArrayList<>();
    f.graph.duringNextCall(() -> {
      for (int i = 0; i < 4; i++) { // two minutes of Graph, renewed every 30 s
        f.advance(Duration.ofSeconds(30));
        f.engine.worker().executor().renewActiveLeases();
        expiries.add(f.stores.allRuns().get(0).lease().expiresAt());
        assertThat(other.worker().recoverExpired()).isZero();
      }
      assertThat(f.lock.tryAcquire(ScheduleLock.keyFor(s.id()), "node-2", Duration.ofSeconds(90))).isEmpty();
    });

    f.engine.worker().runOnce();

    assertThat(expiries).containsExactly(SLOT.plusSeconds(120), SLOT.plusSeconds(150), SLOT.plusSeconds(180),
        SLOT.plusSeconds(210));
    assertThat(f.onlyRun(s).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void an_expired_lease_is_recovered_by_another_node_and_queued_again_while_attempts_remain() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.clock.set(SLOT);
    f.engine.dispatcher().dispatch();
    assertThat(f.engine.worker().claim(1)).hasSize(1); // node-1 claims, then dies
    SchedulingEngine other = f.node("node-2");

    f.advance(Duration.ofSeconds(89));
    assertThat(other.worker().recoverExpired()).as("lease still live").isZero();
    f.advance(Duration.ofSeconds(1));
    assertThat(other.worker().recoverExpired()).isEqualTo(1);
    assertThat(f.onlyRun(s).status()).isEqualTo(RunStatus.QUEUED);

    other.worker().runOnce();

    Run run = f.onlyRun(s);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.attempts()).isEqualTo(2);
    assertThat(run.lease().owner()).isEqualTo("node-2");
  }

  @Test
  void an_expired_lease_without_attempts_left_fails_with_run_abandoned() {
    EngineFixture g = EngineFixture.create(o -> o.maxAttempts(1));
    Schedule s = g.dailyUtc(TENANT_A, "09:00");
    g.clock.set(SLOT);
    Run manual = g.engine.schedules().runNow(TENANT_A, s.id(), "alice");
    assertThat(g.engine.worker().claim(1)).hasSize(1);

    g.advance(g.options.leaseDuration());
    g.node("node-2").worker().runOnce();

    Run run = g.run(manual);
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.RUN_ABANDONED);
    assertThat(g.schedule(s).lastRunStatus()).isEqualTo(RunStatus.FAILED);
    assertThat(g.audits(AuditAction.RUN_COMPLETED)).singleElement()
        .satisfies(e -> assertThat(e.metadata()).containsEntry("errorCode", "RUN_ABANDONED"));
    assertThat(g.stores.notifications()).singleElement()
        .satisfies(n -> assertThat(n.userId()).isEqualTo("alice"));
  }

  @Test
  void a_node_that_lost_its_lease_cannot_overwrite_the_recovered_runs_outcome() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.clock.set(SLOT);
    f.engine.dispatcher().dispatch();
    Run claimedByNode1 = f.engine.worker().claim(1).get(0);
    SchedulingEngine node2 = f.node("node-2");
    List<RunResult> node2Results = new ArrayList<>();
    // node-1 stalls inside its Graph call past its lease; node-2 recovers, re-claims and finishes
    f.graph.duringNextCall(() -> {
      f.advance(Duration.ofSeconds(91));
      node2Results.addAll(node2.worker().runOnce());
    });

    RunResult node1Result = f.engine.worker().executeSafely(claimedByNode1);

    assertThat(node1Result.kind()).isEqualTo(RunResult.Kind.LEASE_LOST);
    assertThat(node2Results).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCESS));
    Run run = f.onlyRun(s);
    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.lease().owner()).isEqualTo("node-2");
    assertThat(run.backupSetId()).isEqualTo(node2Results.get(0).backupSetId());
    assertThat(f.stores.allBackupSets()).as("node-1 wrote no backup set").hasSize(1);
    assertThat(f.audits(AuditAction.RUN_COMPLETED)).hasSize(1);
  }

  @Test
  void a_stale_node_cannot_requeue_a_recovered_run_either() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.clock.set(SLOT);
    f.engine.dispatcher().dispatch();
    Run claimedByNode1 = f.engine.worker().claim(1).get(0);
    f.graph.fails(TENANT_A, DEVICE_CONFIG, com.tenantpilot.scheduling.port.GraphFailure.status(503, "x"));
    SchedulingEngine node2 = f.node("node-2");
    f.graph.duringNextCall(() -> {
      f.advance(Duration.ofSeconds(91));
      assertThat(node2.worker().recoverExpired()).isEqualTo(1);
      assertThat(node2.worker().claim(1)).hasSize(1);
    });

    RunResult node1Result = f.engine.worker().executeSafely(claimedByNode1);

    assertThat(node1Result.kind()).isEqualTo(RunResult.Kind.LEASE_LOST);
    Run run = f.onlyRun(s);
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.lease().owner()).isEqualTo("node-2");
  }

  @Test
  void a_stale_claim_calls_graph_never_and_audits_nothing() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.clock.set(SLOT);
    f.engine.dispatcher().dispatch();
    Run staleClaim = f.engine.worker().claim(1).get(0);
    f.advance(Duration.ofSeconds(91)); // node-1 stalled before it even started
    SchedulingEngine node2 = f.node("node-2");
    assertThat(node2.worker().recoverExpired()).isEqualTo(1);
    Run node2Claim = node2.worker().claim(1).get(0);

    RunResult stale = f.engine.worker().executeSafely(staleClaim);

    assertThat(stale.kind()).isEqualTo(RunResult.Kind.LEASE_LOST);
    assertThat(f.graph.totalCalls()).isZero();
    assertThat(f.audits(AuditAction.RUN_STARTED)).isEmpty();
    assertThat(node2.worker().executeSafely(node2Claim).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(f.onlyRun(s).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void the_lock_of_a_dead_node_frees_itself_within_one_lease() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.clock.set(SLOT);
    f.engine.dispatcher().dispatch();
    Run claimed = f.engine.worker().claim(1).get(0);
    // the dead node took the lock with the lease's duration, as its executor does
    String key = ScheduleLock.keyFor(s.id());
    assertThat(f.lock.tryAcquire(key, "node-1/run-" + claimed.id(), f.options.leaseDuration())).isPresent();

    f.advance(f.options.leaseDuration().minusSeconds(1));
    assertThat(f.lock.tryAcquire(key, "probe", Duration.ofSeconds(1))).isEmpty();
    f.advance(Duration.ofSeconds(1));
    f.node("node-2").worker().runOnce();

    assertThat(f.onlyRun(s).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void a_recovered_run_is_not_skipped_because_the_dead_nodes_lock_outlived_its_lease() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.clock.set(SLOT);
    f.engine.dispatcher().dispatch();
    Run claimedByNode1 = f.engine.worker().claim(1).get(0);
    f.advance(Duration.ofSeconds(1)); // node-1 starts executing (and takes the lock) a moment after its claim
    SchedulingEngine node2 = f.node("node-2");
    List<RunResult> node2Results = new ArrayList<>();
    f.graph.duringNextCall(() -> { // node-1 stalls in Graph; node-2 polls every second
      for (int i = 0; i < 95; i++) {
        f.advance(Duration.ofSeconds(1));
        node2Results.addAll(node2.worker().runOnce());
      }
    });

    f.engine.worker().executeSafely(claimedByNode1);

    assertThat(node2Results).extracting(RunResult::errorCode).doesNotContain(ErrorCode.CONCURRENT_RUN);
    assertThat(f.onlyRun(s).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(f.onlyRun(s).lease().owner()).isEqualTo("node-2");
  }

  @Test
  void at_most_one_run_per_tenant_executes_at_once_across_nodes() {
    Schedule a1 = f.dailyUtc(TENANT_A, "09:00");
    Schedule a2 = f.dailyUtc(TENANT_A, "09:00");
    Schedule b = f.dailyUtc(TENANT_B, "09:00");
    f.clock.set(SLOT);
    f.engine.dispatcher().dispatch();

    List<Run> node1 = f.engine.worker().claim(4);
    List<Run> node2 = f.node("node-2").worker().claim(4);

    assertThat(node1).extracting(Run::tenantId).containsExactlyInAnyOrder(TENANT_A, TENANT_B);
    assertThat(node2).as("tenant A already has a run executing on node-1").isEmpty();
    assertThat(f.runs(a1).get(0).status() == RunStatus.QUEUED || f.runs(a2).get(0).status() == RunStatus.QUEUED).isTrue();
    assertThat(f.onlyRun(b).status()).isEqualTo(RunStatus.RUNNING);
  }

  @Test
  void the_per_tenant_cap_is_configurable() {
    EngineFixture g = EngineFixture.create(o -> o.maxRunningPerTenant(2));
    g.dailyUtc(TENANT_A, "09:00");
    g.dailyUtc(TENANT_A, "09:00");
    g.dailyUtc(TENANT_A, "09:00");
    g.clock.set(SLOT);
    g.engine.dispatcher().dispatch();

    assertThat(g.engine.worker().claim(4)).hasSize(2);
  }
}
