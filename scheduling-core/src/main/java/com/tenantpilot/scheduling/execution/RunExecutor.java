package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupCreator;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.LockHandle;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicySync;
import com.tenantpilot.scheduling.port.RunOutcome;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.port.SyncReport;
import com.tenantpilot.scheduling.retention.RetentionService;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.FailureClass;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import com.tenantpilot.scheduling.run.TypeSummary;
import com.tenantpilot.scheduling.schedule.CorruptScheduleException;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleCodec;
import com.tenantpilot.scheduling.schedule.SlotCalculator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one claimed (RUNNING, leased) run to its next state.
 *
 * <ol>
 *   <li>Load the schedule (deleted: CANCELED; unreadable: FAILED {@code UNEXPECTED_ERROR}).
 *   <li>Take {@code lock:backup_schedule:{id}} with the lease's duration; if another run of the
 *       schedule holds it, end SKIPPED {@code CONCURRENT_RUN} without executing in parallel.
 *   <li>Audit {@code run_started}; split the policy types into known and unknown. No known type:
 *       SKIPPED {@code UNKNOWN_POLICY_TYPE}, no backup set.
 *   <li>Sync the known types ({@link PolicySync}); renew the lease (a lost lease stops here).
 *   <li>If some types failed with a retryable failure and the {@link RetryPolicy} allows it,
 *       requeue the run with {@code notBefore} and stop. If the retry would reach into the next
 *       slot, end FAILED with the last failure's code.
 *   <li>Otherwise, if any type succeeded, write one backup set of those types
 *       ({@link BackupCreator}, after renewing the lease) and end SUCCESS (every type succeeded,
 *       none unknown) or PARTIAL; else FAILED. The error code is the most significant problem.
 *       A failed write is an unclassified failure ({@code UNEXPECTED_ERROR}) and is retried as
 *       the {@link RetryPolicy} allows.
 *   <li>After SUCCESS or PARTIAL apply retention; its failure is noted in the summary only.
 *   <li>Finish the run (compare-and-set on the lease token), record the schedule's last run,
 *       audit {@code run_completed}, release the lock, and notify the acting user of MANUAL and
 *       RETRY runs.
 * </ol>
 *
 * A renewal that fails at any point means another node recovered the run: the executor writes
 * nothing more and reports {@link RunResult.Kind#LEASE_LOST}.
 *
 * <p>Thread-safe: executions of different runs may proceed in parallel.
 */
public final class RunExecutor {

  private static final Logger log = LoggerFactory.getLogger(RunExecutor.class);
  private static final int MAX_MESSAGE = 500;

  private final ScheduleStore schedules;
  private final RunStore runs;
  private final ScheduleLock lock;
  private final PolicySync sync;
  private final BackupCreator backups;
  private final RetentionService retention;
  private final AuditLog audit;
  private final Notifier notifier;
  private final PolicyTypeCatalog catalog;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final SchedulingOptions options;
  private final Set<LeaseKeeper> active = ConcurrentHashMap.newKeySet();

  /** An executor over the given ports. */
  public RunExecutor(ScheduleStore schedules, RunStore runs, ScheduleLock lock, PolicySync sync, BackupCreator backups,
      RetentionService retention, AuditLog audit, Notifier notifier, PolicyTypeCatalog catalog, RetryPolicy retryPolicy,
      Clock clock, SchedulingOptions options) {
    this.schedules = Objects.requireNonNull(schedules, "schedules");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.sync = Objects.requireNonNull(sync, "sync");
    this.backups = Objects.requireNonNull(backups, "backups");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Renews the lease (and lock) of every run this executor is working on whose renewal interval
   * has passed. The runtime calls it on a timer so that long Graph calls keep their lease.
   *
   * @return how many leases are being worked on
   */
  public int renewActiveLeases() {
    for (LeaseKeeper keeper : active) {
      keeper.renew(false);
    }
    return active.size();
  }

  /** Executes a run this node claimed. */
  public RunResult execute(Run run) {
    if (run.status() != RunStatus.RUNNING || run.lease() == null) {
      throw new IllegalArgumentException("run must be RUNNING with a lease, was '" + run.status() + "'");
    }
    LeaseKeeper keeper = new LeaseKeeper(runs, lock, clock, options.leaseDuration(), options.leaseRenewInterval(), run.leaseRef());
    active.add(keeper);
    try {
      return executeLeased(run, keeper);
    } catch (LeaseKeeper.LeaseLostException e) {
      log.warn("run {} of tenant {}: {}; another node took it over, writing nothing more", run.id(), run.tenantId(), e.getMessage());
      return new RunResult(run.id(), RunResult.Kind.LEASE_LOST, null, null, null);
    } finally {
      active.remove(keeper);
      keeper.releaseLock();
    }
  }

  private RunResult executeLeased(Run run, LeaseKeeper keeper) {
    Instant started = clock.instant();
    Optional<StoredSchedule> row = schedules.find(run.tenantId(), run.scheduleId());
    if (row.isEmpty()) {
      return finish(run, keeper, started, RunStatus.CANCELED, null, "the schedule was deleted", RunSummary.EMPTY, null);
    }
    Schedule schedule;
    try {
      schedule = ScheduleCodec.decode(row.get());
    } catch (CorruptScheduleException e) {
      return finish(run, keeper, started, RunStatus.FAILED, ErrorCode.UNEXPECTED_ERROR, truncate(e.getMessage()), RunSummary.EMPTY, null);
    }

    Optional<LockHandle> held = lock.tryAcquire(ScheduleLock.keyFor(schedule.id()),
        options.nodeId() + "/run-" + run.id(), options.leaseDuration());
    if (held.isEmpty()) {
      return finish(run, keeper, started, RunStatus.SKIPPED, ErrorCode.CONCURRENT_RUN,
          "another run of this schedule is executing", RunSummary.EMPTY, null);
    }
    keeper.holdLock(held.get());
    // The lock was taken after the claim; extend the lease past the lock's expiry (see LeaseKeeper).
    keeper.renewOrThrow();

    Map<String, Object> startMeta = new LinkedHashMap<>();
    startMeta.put("scheduleId", schedule.id());
    startMeta.put("trigger", run.trigger().storedName());
    startMeta.put("attempt", run.attempts());
    startMeta.put("scheduledFor", run.scheduledFor().toString());
    audit.record(new AuditEvent(run.tenantId(), AuditAction.RUN_STARTED.key(), actor(run), "backup_schedule_run",
        String.valueOf(run.id()), started, startMeta));

    PolicyTypeCatalog.Split split = catalog.split(schedule.spec().policyTypes());
    Map<String, TypeSummary> types = new LinkedHashMap<>();
    if (split.known().isEmpty()) {
      for (String unknown : split.unknown()) {
        types.put(unknown, TypeSummary.unknownType());
      }
      return finish(run, keeper, started, RunStatus.SKIPPED, ErrorCode.UNKNOWN_POLICY_TYPE,
          "no supported policy type: " + split.unknown(), new RunSummary(types, null, null), null);
    }

    SyncReport report;
    try {
      report = sync.sync(run.tenantId(), split.known());
    } catch (RuntimeException e) {
      log.error("policy sync threw for run {} of tenant {}", run.id(), run.tenantId(), e);
      Map<String, SyncReport.TypeSync> failed = new LinkedHashMap<>();
      for (String type : split.known()) {
        failed.put(type, SyncReport.TypeSync.failed(GraphFailure.of(GraphFailure.Cause.OTHER, e.getClass().getSimpleName())));
      }
      report = new SyncReport(failed);
    }
    keeper.renewOrThrow();

    List<GraphFailure> failures = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<PolicySnapshot> backedUp = new ArrayList<>();
    ErrorCode code = null;
    int succeededTypes = 0;
    for (String type : split.known()) {
      SyncReport.TypeSync result = report.types().get(type);
      if (result == null) {
        result = SyncReport.TypeSync.failed(GraphFailure.of(GraphFailure.Cause.OTHER, "sync returned no result"));
      }
      if (result.succeeded()) {
        succeededTypes++;
        int incomplete = (int) result.policies().stream().filter(p -> !p.complete()).count();
        types.put(type, new TypeSummary(TypeSummary.Outcome.SUCCESS, result.policies().size(), result.policies().size(), incomplete, null));
        backedUp.addAll(result.policies());
      } else {
        ErrorCode typeCode = FailureClass.of(result.failure()).errorCode();
        types.put(type, new TypeSummary(TypeSummary.Outcome.FAILED, 0, 0, 0, typeCode));
        failures.add(result.failure());
        problems.add(type + ": " + describe(result.failure()));
        code = ErrorCode.mostSignificant(code, typeCode);
      }
    }
    for (String unknown : split.unknown()) {
      types.put(unknown, TypeSummary.unknownType());
      code = ErrorCode.mostSignificant(code, ErrorCode.UNKNOWN_POLICY_TYPE);
    }
    if (!split.unknown().isEmpty()) {
      problems.add("unknown policy types skipped: " + split.unknown());
    }
    String message = problems.isEmpty() ? null : truncate(String.join("; ", problems));
    RunSummary summary = new RunSummary(types, null, null);

    if (!failures.isEmpty()) {
      Instant now = clock.instant();
      Instant nextSlot = SlotCalculator.next(schedule.recurrence(), run.scheduledFor());
      RetryPolicy.Decision decision = retryPolicy.decide(run.attempts(), failures, now, nextSlot);
      if (decision instanceof RetryPolicy.Retry retry) {
        requeue(keeper, retry.notBefore(), code, message, summary);
        log.info("run {} of tenant {} attempt {} failed ({}); retrying not before {}", run.id(), run.tenantId(),
            run.attempts(), code, retry.notBefore());
        return new RunResult(run.id(), RunResult.Kind.RETRY_SCHEDULED, RunStatus.QUEUED, code, null);
      }
      if (((RetryPolicy.GiveUp) decision).reason() == RetryPolicy.Reason.NEXT_SLOT) {
        return finish(run, keeper, started, RunStatus.FAILED, code,
            truncate("retry would reach the next slot " + nextSlot + "; " + message), summary, null);
      }
    }

    if (succeededTypes == 0) {
      return finish(run, keeper, started, RunStatus.FAILED, code, message, summary, null);
    }
    keeper.renewOrThrow();
    BackupSet set;
    try {
      set = backups.createBackupSet(new BackupCreator.Request(run.tenantId(), schedule.id(), run.id(),
          schedule.spec().name() + " " + run.scheduledFor(), backedUp, actor(run), clock.instant()));
    } catch (RuntimeException e) {
      // An unclassified failure like any other: the retry policy gives it its limited retries.
      log.error("writing the backup set failed for run {} of tenant {}", run.id(), run.tenantId(), e);
      ErrorCode writeCode = ErrorCode.mostSignificant(code, ErrorCode.UNEXPECTED_ERROR);
      String writeMessage = truncate("backup set could not be written: " + e.getClass().getSimpleName()
          + (message == null ? "" : "; " + message));
      List<GraphFailure> all = new ArrayList<>(failures);
      all.add(GraphFailure.of(GraphFailure.Cause.OTHER, "backup set could not be written"));
      RetryPolicy.Decision decision = retryPolicy.decide(run.attempts(), all, clock.instant(),
          SlotCalculator.next(schedule.recurrence(), run.scheduledFor()));
      if (decision instanceof RetryPolicy.Retry retry) {
        requeue(keeper, retry.notBefore(), writeCode, writeMessage, summary);
        return new RunResult(run.id(), RunResult.Kind.RETRY_SCHEDULED, RunStatus.QUEUED, writeCode, null);
      }
      return finish(run, keeper, started, RunStatus.FAILED, writeCode, writeMessage, summary, null);
    }
    RunStatus status = failures.isEmpty() && split.unknown().isEmpty() ? RunStatus.SUCCESS : RunStatus.PARTIAL;
    RetentionService.Result kept = retention.apply(schedule, set.id(), clock.instant());
    summary = summary.withRetention(kept.deleted(), kept.error());
    return finish(run, keeper, started, status, code, message, summary, set.id());
  }

  /** RUNNING back to QUEUED for another attempt; a lost lease stops the execution. */
  private void requeue(LeaseKeeper keeper, Instant notBefore, ErrorCode code, String message, RunSummary summary) {
    if (!runs.requeue(keeper.lease(), notBefore, code, message, summary)) {
      throw new LeaseKeeper.LeaseLostException(keeper.lease());
    }
  }

  private RunResult finish(Run run, LeaseKeeper keeper, Instant started, RunStatus status, ErrorCode code,
      String message, RunSummary summary, Long backupSetId) {
    Instant finishedAt = clock.instant();
    if (!runs.finish(keeper.lease(), new RunOutcome(status, code, message, summary, backupSetId, finishedAt))) {
      throw new LeaseKeeper.LeaseLostException(keeper.lease());
    }
    RunLifecycle.completed(schedules, audit, notifier, run, status, code, summary, backupSetId, started, finishedAt);
    return new RunResult(run.id(), RunResult.Kind.FINISHED, status, code, backupSetId);
  }

  static String actor(Run run) {
    return run.requestedBy() != null ? run.requestedBy() : AuditEvent.SYSTEM;
  }

  private static String describe(GraphFailure f) {
    StringBuilder s = new StringBuilder(f.httpStatus() == 0 ? f.cause().name() : "HTTP " + f.httpStatus());
    if (f.graphErrorCode() != null) {
      s.append(' ').append(f.graphErrorCode());
    }
    if (f.requestId() != null) {
      s.append(" (request-id ").append(f.requestId()).append(')');
    }
    return s.toString();
  }

  private static String truncate(String s) {
    return s == null || s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
  }
}
