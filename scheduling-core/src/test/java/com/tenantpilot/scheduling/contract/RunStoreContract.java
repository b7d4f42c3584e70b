package com.tenantpilot.scheduling.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantpilot.scheduling.SchedulingException;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.RunCreation;
import com.tenantpilot.scheduling.port.RunOutcome;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.LeaseRef;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import com.tenantpilot.scheduling.run.RunTrigger;
import com.tenantpilot.scheduling.run.TypeSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract of {@link com.tenantpilot.scheduling.port.RunStore}, for every adapter. */
public abstract class RunStoreContract extends ContractSupport {

  private static final Duration LEASE = Duration.ofSeconds(90);

  private long scheduleA;
  private long scheduleB;

  private void schedules() {
    scheduleA = insert("tenant-a", "a", T0).id();
    scheduleB = insert("tenant-b", "b", T0).id();
  }

  private ClaimRequest claimAll(String owner) {
    return new ClaimRequest(owner, 100, LEASE, 100);
  }

  private Run queued(long scheduleId, String tenant, Instant slot) {
    return stores.runs().createIfAbsent(NewRun.scheduled(scheduleId, tenant, slot)).run();
  }

  @Test
  void create_if_absent_creates_once_per_schedule_and_slot() {
    schedules();
    RunCreation first = stores.runs().createIfAbsent(NewRun.scheduled(scheduleA, "tenant-a", T0));
    RunCreation again = stores.runs().createIfAbsent(new NewRun(scheduleA, "tenant-a", T0, RunTrigger.MANUAL,
        RunStatus.QUEUED, null, null, T0, "user-1", null));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.run()).isEqualTo(first.run());
    Run run = first.run();
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.trigger()).isEqualTo(RunTrigger.SCHEDULED);
    assertThat(run.attempts()).isZero();
    assertThat(run.scheduledFor()).isEqualTo(T0);
    assertThat(run.notBefore()).isEqualTo(T0);
    assertThat(run.createdAt()).isEqualTo(T0);
    assertThat(run.finishedAt()).isNull();
  }

  @Test
  void a_missed_slot_is_created_skipped_and_finished() {
    schedules();
    Run run = stores.runs().createIfAbsent(NewRun.missed(scheduleA, "tenant-a", T0.minusSeconds(3600))).run();

    assertThat(run.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.MISSED_SLOT);
    assertThat(run.errorMessage()).contains("missed");
    assertThat(run.finishedAt()).isEqualTo(T0);
    assertThat(stores.runs().claim(claimAll("w"))).isEmpty();
  }

  @Test
  void batch_creation_counts_only_new_runs() {
    schedules();
    queued(scheduleA, "tenant-a", T0);
    int created = stores.runs().createAllIfAbsent(List.of(
        NewRun.scheduled(scheduleA, "tenant-a", T0),
        NewRun.scheduled(scheduleA, "tenant-a", T0.plusSeconds(60)),
        NewRun.scheduled(scheduleB, "tenant-b", T0),
        NewRun.missed(scheduleB, "tenant-b", T0.minusSeconds(86_400))));

    assertThat(created).isEqualTo(3);
    assertThat(stores.runs().createAllIfAbsent(List.of(NewRun.scheduled(scheduleA, "tenant-a", T0)))).isZero();
    assertThat(stores.runs().history("tenant-b", scheduleB, 10)).hasSize(2);
  }

  @Test
  void a_run_for_another_tenants_or_a_missing_schedule_is_rejected_and_nothing_is_written() {
    schedules();

    assertThatThrownBy(() -> stores.runs().createIfAbsent(NewRun.scheduled(scheduleA, "tenant-b", T0)))
        .isInstanceOf(SchedulingException.class);
    assertThatThrownBy(() -> stores.runs().createIfAbsent(NewRun.scheduled(987_654, "tenant-a", T0)))
        .isInstanceOf(SchedulingException.class);
    assertThatThrownBy(() -> stores.runs().createAllIfAbsent(List.of(NewRun.scheduled(scheduleA, "tenant-a", T0),
        NewRun.scheduled(scheduleB, "tenant-a", T0)))).isInstanceOf(SchedulingException.class);

    assertThat(stores.runs().history("tenant-a", scheduleA, 10)).isEmpty();
    assertThat(stores.runs().history("tenant-b", scheduleA, 10)).isEmpty();
    assertThat(stores.runs().history("tenant-b", scheduleB, 10)).isEmpty();
  }

  @Test
  void reads_are_scoped_by_tenant() {
    schedules();
    Run a = queued(scheduleA, "tenant-a", T0);

    assertThat(stores.runs().find("tenant-a", a.id())).contains(a);
    assertThat(stores.runs().find("tenant-b", a.id())).isEmpty();
    assertThat(stores.runs().findBySlot("tenant-b", scheduleA, T0)).isEmpty();
    assertThat(stores.runs().history("tenant-b", scheduleA, 10)).isEmpty();
    assertThat(stores.runs().cancel("tenant-b", a.id(), T0)).isFalse();
  }

  @Test
  void history_is_newest_slot_first_and_limited() {
    schedules();
    for (int i = 0; i < 5; i++) {
      queued(scheduleA, "tenant-a", T0.plus(Duration.ofDays(i)));
    }
    assertThat(stores.runs().history("tenant-a", scheduleA, 3)).extracting(Run::scheduledFor)
        .containsExactly(T0.plus(Duration.ofDays(4)), T0.plus(Duration.ofDays(3)), T0.plus(Duration.ofDays(2)));
  }

  @Test
  void claim_takes_due_queued_runs_oldest_first_and_starts_a_lease() {
    schedules();
    Run later = queued(scheduleA, "tenant-a", T0.minusSeconds(60));
    Run earlier = queued(scheduleB, "tenant-b", T0.minusSeconds(120));
    queued(scheduleA, "tenant-a", T0.plusSeconds(60));

    List<Run> claimed = stores.runs().claim(claimAll("node-1"));

    assertThat(claimed).extracting(Run::id).containsExactly(earlier.id(), later.id());
    Run run = claimed.get(0);
    assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(run.startedAt()).isEqualTo(T0);
    assertThat(run.lease().owner()).isEqualTo("node-1");
    assertThat(run.lease().expiresAt()).isEqualTo(T0.plus(LEASE));
    assertThat(stores.runs().find("tenant-b", run.id())).contains(run);
    assertThat(stores.runs().claim(claimAll("node-2"))).isEmpty();
  }

  @Test
  void claim_respects_the_limit_and_the_per_tenant_cap() {
    schedules();
    long a2 = insert("tenant-a", "a2", T0).id();
    queued(scheduleA, "tenant-a", T0.minusSeconds(30));
    queued(a2, "tenant-a", T0.minusSeconds(20));
    Run b = queued(scheduleB, "tenant-b", T0.minusSeconds(10));

    List<Run> first = stores.runs().claim(new ClaimRequest("w", 10, LEASE, 1));
    assertThat(first).extracting(Run::tenantId).containsExactly("tenant-a", "tenant-b");
    assertThat(stores.runs().claim(new ClaimRequest("w", 10, LEASE, 1))).isEmpty();

    assertThat(stores.runs().finish(first.get(0).leaseRef(),
        new RunOutcome(RunStatus.SUCCESS, null, null, RunSummary.EMPTY, null, T0))).isTrue();
    assertThat(stores.runs().claim(new ClaimRequest("w", 10, LEASE, 1))).extracting(Run::scheduleId).containsExactly(a2);
    assertThat(b.tenantId()).isEqualTo("tenant-b");
  }

  @Test
  void a_run_is_claimed_by_exactly_one_of_many_concurrent_workers() throws Exception {
    schedules();
    int runs = 200;
    for (int i = 0; i < runs; i++) {
      queued(scheduleA, "tenant-a", T0.minusSeconds(runs - i));
    }
    int workers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    CountDownLatch start = new CountDownLatch(1);
    Map<Long, String> claimedBy = new ConcurrentHashMap<>();
    List<Long> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> futures = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      String owner = "worker-" + w;
      futures.add(pool.submit(() -> {
        start.await();
        List<Run> got;
        do {
          got = stores.runs().claim(new ClaimRequest(owner, 7, LEASE, 1_000));
          for (Run r : got) {
            if (claimedBy.putIfAbsent(r.id(), owner) != null) {
              duplicates.add(r.id());
            }
          }
        } while (!got.isEmpty());
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    assertThat(duplicates).isEmpty();
    assertThat(claimedBy).hasSize(runs);
  }

  @Test
  void every_claim_gets_a_new_fencing_token() {
    schedules();
    Run run = queued(scheduleA, "tenant-a", T0);
    Run first = stores.runs().claim(claimAll("w1")).get(0);
    assertThat(stores.runs().requeue(first.leaseRef(), T0, ErrorCode.GRAPH_THROTTLED, "429", RunSummary.EMPTY)).isTrue();
    Run second = stores.runs().claim(claimAll("w2")).get(0);

    assertThat(second.id()).isEqualTo(run.id());
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.lease().token()).isNotEqualTo(first.lease().token());
    assertThat(stores.runs().finish(first.leaseRef(),
        new RunOutcome(RunStatus.SUCCESS, null, null, RunSummary.EMPTY, null, T0))).isFalse();
  }

  @Test
  void renew_extends_the_lease_only_for_the_current_token() {
    schedules();
    queued(scheduleA, "tenant-a", T0);
    Run run = stores.runs().claim(claimAll("w")).get(0);
    clock.advance(Duration.ofSeconds(30));

    assertThat(stores.runs().renewLease(run.leaseRef(), LEASE)).isTrue();
    assertThat(stores.runs().find("tenant-a", run.id()).orElseThrow().lease().expiresAt())
        .isEqualTo(T0.plusSeconds(30).plus(LEASE));
    assertThat(stores.runs().renewLease(new LeaseRef("tenant-a", run.id(), run.lease().token() + 1000), LEASE)).isFalse();
    assertThat(stores.runs().renewLease(new LeaseRef("tenant-b", run.id(), run.lease().token()), LEASE)).isFalse();
  }

  @Test
  void requeue_waits_for_not_before_and_keeps_the_last_error() {
    schedules();
    queued(scheduleA, "tenant-a", T0);
    Run run = stores.runs().claim(claimAll("w")).get(0);
    Instant notBefore = T0.plusSeconds(45);

    assertThat(stores.runs().requeue(run.leaseRef(), notBefore, ErrorCode.GRAPH_UNAVAILABLE, "HTTP 503", RunSummary.EMPTY)).isTrue();
    Run waiting = stores.runs().find("tenant-a", run.id()).orElseThrow();
    assertThat(waiting.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(waiting.notBefore()).isEqualTo(notBefore);
    assertThat(waiting.errorCode()).isEqualTo(ErrorCode.GRAPH_UNAVAILABLE);
    assertThat(waiting.errorMessage()).isEqualTo("HTTP 503");
    assertThat(waiting.attempts()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(44));
    assertThat(stores.runs().claim(claimAll("w"))).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(stores.runs().claim(claimAll("w"))).extracting(Run::id).containsExactly(run.id());
  }

  @Test
  void finish_records_the_outcome_with_its_summary() {
    schedules();
    queued(scheduleA, "tenant-a", T0);
    Run run = stores.runs().claim(claimAll("w")).get(0);
    Map<String, TypeSummary> types = new LinkedHashMap<>();
    types.put("settingsCatalogPolicy", new TypeSummary(TypeSummary.Outcome.SUCCESS, 30, 29, 1, null));
    types.put("deviceConfiguration", new TypeSummary(TypeSummary.Outcome.FAILED, 0, 0, 0, ErrorCode.GRAPH_FORBIDDEN));
    types.put("legacyType", TypeSummary.unknownType());
    RunSummary summary = new RunSummary(types, 2, null);
    Instant done = T0.plusSeconds(12);

    assertThat(stores.runs().finish(run.leaseRef(),
        new RunOutcome(RunStatus.PARTIAL, ErrorCode.GRAPH_FORBIDDEN, "403 on deviceConfiguration", summary, 77L, done))).isTrue();

    Run read = stores.runs().find("tenant-a", run.id()).orElseThrow();
    assertThat(read.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(read.errorCode()).isEqualTo(ErrorCode.GRAPH_FORBIDDEN);
    assertThat(read.finishedAt()).isEqualTo(done);
    assertThat(read.backupSetId()).isEqualTo(77L);
    assertThat(read.summary()).isEqualTo(summary);
    assertThat(read.summary().types().keySet()).containsExactly("settingsCatalogPolicy", "deviceConfiguration", "legacyType");
    assertThat(stores.runs().finish(run.leaseRef(),
        new RunOutcome(RunStatus.FAILED, null, null, RunSummary.EMPTY, null, done))).isFalse();
  }

  @Test
  void expired_leases_are_found_by_the_stores_clock_and_recovered_once() {
    schedules();
    queued(scheduleA, "tenant-a", T0);
    Run run = stores.runs().claim(claimAll("dead-node")).get(0);

    clock.advance(LEASE.minusSeconds(1));
    assertThat(stores.runs().findExpiredLeases(10)).isEmpty();
    assertThat(stores.runs().recover(run.leaseRef(), true, clock.instant(), ErrorCode.RUN_ABANDONED, "lease expired")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(stores.runs().findExpiredLeases(10)).extracting(Run::id).containsExactly(run.id());

    assertThat(stores.runs().recover(run.leaseRef(), true, clock.instant(), ErrorCode.RUN_ABANDONED, "lease expired")).isTrue();
    assertThat(stores.runs().recover(run.leaseRef(), true, clock.instant(), ErrorCode.RUN_ABANDONED, "lease expired")).isFalse();
    Run recovered = stores.runs().find("tenant-a", run.id()).orElseThrow();
    assertThat(recovered.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(recovered.lease().token()).isNotEqualTo(run.lease().token());

    // the dead node wakes up: its writes are fenced off
    assertThat(stores.runs().finish(run.leaseRef(),
        new RunOutcome(RunStatus.SUCCESS, null, null, RunSummary.EMPTY, null, clock.instant()))).isFalse();
    assertThat(stores.runs().renewLease(run.leaseRef(), LEASE)).isFalse();
    assertThat(stores.runs().find("tenant-a", run.id()).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void recovery_can_fail_a_run_that_has_no_attempts_left() {
    schedules();
    queued(scheduleA, "tenant-a", T0);
    Run run = stores.runs().claim(claimAll("w")).get(0);
    clock.advance(LEASE.plusSeconds(5));

    assertThat(stores.runs().recover(run.leaseRef(), false, clock.instant(), ErrorCode.RUN_ABANDONED, "lease expired")).isTrue();
    Run failed = stores.runs().find("tenant-a", run.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.errorCode()).isEqualTo(ErrorCode.RUN_ABANDONED);
    assertThat(failed.finishedAt()).isEqualTo(clock.instant());
    assertThat(stores.runs().findExpiredLeases(10)).isEmpty();
  }

  @Test
  void a_renewed_lease_is_not_recovered() {
    schedules();
    queued(scheduleA, "tenant-a", T0);
    Run run = stores.runs().claim(claimAll("w")).get(0);
    clock.advance(Duration.ofSeconds(60));
    stores.runs().renewLease(run.leaseRef(), LEASE);
    clock.advance(Duration.ofSeconds(60));

    assertThat(stores.runs().findExpiredLeases(10)).isEmpty();
    assertThat(stores.runs().recover(run.leaseRef(), true, clock.instant(), ErrorCode.RUN_ABANDONED, "x")).isFalse();
  }

  @Test
  void cancel_moves_only_queued_runs() {
    schedules();
    Run queued = queued(scheduleA, "tenant-a", T0.plusSeconds(600));
    queued(scheduleB, "tenant-b", T0);
    Run running = stores.runs().claim(claimAll("w")).get(0);

    assertThat(stores.runs().cancel("tenant-a", queued.id(), T0)).isTrue();
    assertThat(stores.runs().find("tenant-a", queued.id()).orElseThrow().status()).isEqualTo(RunStatus.CANCELED);
    assertThat(stores.runs().find("tenant-a", queued.id()).orElseThrow().finishedAt()).isEqualTo(T0);
    assertThat(stores.runs().cancel("tenant-a", queued.id(), T0)).isFalse();
    assertThat(stores.runs().cancel("tenant-b", running.id(), T0)).isFalse();
  }

  @Test
  void manual_and_retry_runs_keep_who_asked_and_what_they_retry() {
    schedules();
    Run original = queued(scheduleA, "tenant-a", T0);
    Run retry = stores.runs().createIfAbsent(new NewRun(scheduleA, "tenant-a", T0.plusSeconds(60), RunTrigger.RETRY,
        RunStatus.QUEUED, null, null, T0.plusSeconds(60), "admin@contoso", original.id())).run();

    Run read = stores.runs().find("tenant-a", retry.id()).orElseThrow();
    assertThat(read.trigger()).isEqualTo(RunTrigger.RETRY);
    assertThat(read.requestedBy()).isEqualTo("admin@contoso");
    assertThat(read.retryOf()).isEqualTo(original.id());
    Set<Long> ids = new HashSet<>(List.of(original.id(), retry.id()));
    assertThat(ids).hasSize(2);
  }
}
