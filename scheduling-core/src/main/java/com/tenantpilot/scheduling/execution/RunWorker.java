package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's worker: claims due runs with a lease, executes them with the {@link RunExecutor},
 * and recovers runs whose lease expired on any node.
 *
 * <p>Recovery: a RUNNING run whose lease expired by the store's clock (its node died or stalled)
 * goes back to QUEUED if it has attempts left, else ends FAILED with {@code RUN_ABANDONED}. The
 * store changes the fencing token, so the stalled node can no longer write the run's outcome.
 *
 * <p>Thread-safe; the runtime calls {@link #claim} and {@link #recoverExpired} from its timers and
 * {@link RunExecutor#execute} on its worker threads. Simulations call {@link #runOnce} to do it
 * all on the calling thread.
 */
public final class RunWorker {

  private static final Logger log = LoggerFactory.getLogger(RunWorker.class);

  private final RunStore runs;
  private final ScheduleStore schedules;
  private final RunExecutor executor;
  private final AuditLog audit;
  private final Notifier notifier;
  private final Clock clock;
  private final SchedulingOptions options;

  /** A worker over the given ports. */
  public RunWorker(RunStore runs, ScheduleStore schedules, RunExecutor executor, AuditLog audit, Notifier notifier,
      Clock clock, SchedulingOptions options) {
    this.runs = Objects.requireNonNull(runs, "runs");
    this.schedules = Objects.requireNonNull(schedules, "schedules");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** The executor this worker runs claims with. */
  public RunExecutor executor() {
    return executor;
  }

  /** Claims up to {@code max} due runs for this node. */
  public List<Run> claim(int max) {
    if (max < 1) {
      return List.of();
    }
    return runs.claim(new ClaimRequest(options.nodeId(), max, options.leaseDuration(), options.maxRunningPerTenant()));
  }

  /**
   * Recovers expired leases, then claims up to {@code workerConcurrency} runs and executes them
   * one after another on the calling thread. A failure in one run never stops the others.
   */
  public List<RunResult> runOnce() {
    recoverExpired();
    List<RunResult> results = new ArrayList<>();
    for (Run run : claim(options.workerConcurrency())) {
      results.add(executeSafely(run));
    }
    return results;
  }

  /** Executes a claimed run, turning an unexpected exception into a logged failure of that run only. */
  public RunResult executeSafely(Run run) {
    try {
      return executor.execute(run);
    } catch (RuntimeException e) {
      log.error("run {} of tenant {} failed unexpectedly; its lease will expire and it will be recovered",
          run.id(), run.tenantId(), e);
      return new RunResult(run.id(), RunResult.Kind.CRASHED, RunStatus.RUNNING, ErrorCode.UNEXPECTED_ERROR, null);
    }
  }

  /**
   * Recovers every RUNNING run whose lease has expired.
   *
   * @return how many runs were recovered (requeued or failed)
   */
  public int recoverExpired() {
    int recovered = 0;
    List<Run> expired = runs.findExpiredLeases(500);
    for (Run run : expired) {
      try {
        Instant now = clock.instant();
        boolean requeue = run.attempts() < options.maxAttempts();
        String message = requeue
            ? "lease expired (node " + run.lease().owner() + " died or stalled); queued again"
            : "lease expired (node " + run.lease().owner() + " died or stalled) after " + run.attempts() + " attempts";
        if (!runs.recover(run.leaseRef(), requeue, now, ErrorCode.RUN_ABANDONED, message)) {
          continue;
        }
        recovered++;
        log.warn("run {} of tenant {}: {}", run.id(), run.tenantId(), message);
        if (!requeue) {
          Instant started = run.startedAt() == null ? now : run.startedAt();
          RunLifecycle.completed(schedules, audit, notifier, run, RunStatus.FAILED, ErrorCode.RUN_ABANDONED,
              run.summary(), null, started, now);
        }
      } catch (RuntimeException e) {
        log.error("recovering run {} of tenant {} failed", run.id(), run.tenantId(), e);
      }
    }
    return recovered;
  }
}
