package com.tenantpilot.scheduling.harness.simulation;

import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.RunCreation;
import com.tenantpilot.scheduling.port.RunOutcome;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.LeaseRef;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RunStore} decorator that shows every write to the {@link InvariantChecker}: the run's
 * state after each successful write is observed, and a lease write that succeeds although the
 * token was stale (or a recovery of a live lease) is a fencing violation.
 *
 * <p>Not thread-safe: a simulation is single-threaded.
 */
final class ObservedRunStore implements RunStore {

  private final RunStore delegate;
  private final InvariantChecker checker;
  private final Clock clock;

  ObservedRunStore(RunStore delegate, InvariantChecker checker, Clock clock) {
    this.delegate = delegate;
    this.checker = checker;
    this.clock = clock;
  }

  @Override
  public RunCreation createIfAbsent(NewRun run) {
    RunCreation c = delegate.createIfAbsent(run);
    checker.observe(c.run());
    return c;
  }

  @Override
  public int createAllIfAbsent(List<NewRun> runs) {
    int n = delegate.createAllIfAbsent(runs);
    for (NewRun r : runs) {
      delegate.findBySlot(r.tenantId(), r.scheduleId(), r.scheduledFor()).ifPresent(checker::observe);
    }
    return n;
  }

  @Override
  public Optional<Run> find(String tenantId, long runId) {
    return delegate.find(tenantId, runId);
  }

  @Override
  public Optional<Run> findBySlot(String tenantId, long scheduleId, Instant scheduledFor) {
    return delegate.findBySlot(tenantId, scheduleId, scheduledFor);
  }

  @Override
  public List<Run> history(String tenantId, long scheduleId, int limit) {
    return delegate.history(tenantId, scheduleId, limit);
  }

  @Override
  public List<Run> claim(ClaimRequest request) {
    List<Run> claimed = delegate.claim(request);
    for (Run r : claimed) {
      checker.observe(delegate.find(r.tenantId(), r.id()).orElse(r));
    }
    return claimed;
  }

  @Override
  public boolean renewLease(LeaseRef lease, Duration leaseDuration) {
    Run before = current(lease);
    return fenced("renewLease", lease, before, delegate.renewLease(lease, leaseDuration));
  }

  @Override
  public boolean requeue(LeaseRef lease, Instant notBefore, ErrorCode errorCode, String errorMessage, RunSummary summary) {
    Run before = current(lease);
    return fenced("requeue", lease, before, delegate.requeue(lease, notBefore, errorCode, errorMessage, summary));
  }

  @Override
  public boolean finish(LeaseRef lease, RunOutcome outcome) {
    Run before = current(lease);
    return fenced("finish " + outcome.status(), lease, before, delegate.finish(lease, outcome));
  }

  @Override
  public List<Run> findExpiredLeases(int limit) {
    return delegate.findExpiredLeases(limit);
  }

  @Override
  public boolean recover(LeaseRef stale, boolean requeue, Instant at, ErrorCode errorCode, String errorMessage) {
    Run before = current(stale);
    boolean ok = delegate.recover(stale, requeue, at, errorCode, errorMessage);
    if (ok && before != null && before.lease() != null && before.lease().expiresAt() != null
        && before.lease().expiresAt().isAfter(clock.instant())) {
      checker.fail(InvariantChecker.STALE_WRITES_FENCED, "run " + stale.runId() + " was recovered at " + clock.instant()
          + " although its lease ran until " + before.lease().expiresAt());
    }
    return fenced("recover", stale, before, ok);
  }

  @Override
  public boolean cancel(String tenantId, long runId, Instant at) {
    boolean ok = delegate.cancel(tenantId, runId, at);
    delegate.find(tenantId, runId).ifPresent(checker::observe);
    return ok;
  }

  private Run current(LeaseRef lease) {
    return delegate.find(lease.tenantId(), lease.runId()).orElse(null);
  }

  private boolean fenced(String write, LeaseRef lease, Run before, boolean ok) {
    if (ok && (before == null || before.status() != RunStatus.RUNNING || before.lease() == null
        || before.lease().token() != lease.token())) {
      checker.fail(InvariantChecker.STALE_WRITES_FENCED, write + " of run " + lease.runId() + " with token "
          + lease.token() + " succeeded although the run was " + (before == null ? "gone" : before.status()
          + " with lease " + before.lease()));
    }
    if (ok) {
      delegate.find(lease.tenantId(), lease.runId()).ifPresent(checker::observe);
    }
    return ok;
  }
}
