package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.LeaseRef;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persists runs and arbitrates between workers.
 *
 * <p>Rules every implementation keeps (the contract test checks them):
 *
 * <ul>
 *   <li>At most one run per {@code (scheduleId, scheduledFor)}: creation is insert-if-absent.
 *   <li>{@link #claim} is atomic: a QUEUED run whose {@code notBefore} has passed goes to RUNNING
 *       for exactly one caller, with {@code attempts + 1} and a new lease whose token differs from
 *       every earlier token of that run.
 *   <li>Every write to a claimed run ({@link #renewLease}, {@link #requeue}, {@link #finish},
 *       {@link #recover}) is a compare-and-set on status RUNNING and the lease token; a stale
 *       token changes nothing and returns false.
 *   <li>Lease expiry is judged by the store's own clock (the database's, in the JDBC adapter).
 *   <li>Reads and writes that take a tenant id never touch another tenant's runs.
 * </ul>
 *
 * Implementations are thread-safe.
 */
public interface RunStore {

  /** Creates the run unless one exists for its slot; returns the stored one either way. */
  RunCreation createIfAbsent(NewRun run);

  /**
   * Creates each run unless one exists for its slot, in one batch.
   *
   * @return how many were created
   */
  int createAllIfAbsent(List<NewRun> runs);

  /** The run with that id, if it belongs to that tenant. */
  Optional<Run> find(String tenantId, long runId);

  /** The run of a schedule's slot, if any. */
  Optional<Run> findBySlot(String tenantId, long scheduleId, Instant scheduledFor);

  /** The schedule's runs, newest slot first, at most {@code limit}. */
  List<Run> history(String tenantId, long scheduleId, int limit);

  /** Claims up to {@code request.limit()} due QUEUED runs, oldest {@code notBefore} first. */
  List<Run> claim(ClaimRequest request);

  /** Extends the lease from the store's now. */
  boolean renewLease(LeaseRef lease, Duration leaseDuration);

  /** RUNNING to QUEUED for another attempt not before {@code notBefore}, keeping the last error. */
  boolean requeue(LeaseRef lease, Instant notBefore, ErrorCode errorCode, String errorMessage, RunSummary summary);

  /** RUNNING to a terminal status. */
  boolean finish(LeaseRef lease, RunOutcome outcome);

  /** RUNNING runs whose lease has expired by the store's clock, at most {@code limit}. */
  List<Run> findExpiredLeases(int limit);

  /**
   * Takes a run whose lease expired away from its worker: QUEUED again (with {@code notBefore}),
   * or FAILED (with {@code finishedAt} = {@code at}). Only if the lease is still the expired one,
   * so that a worker that renewed in time keeps its run. Changes the token.
   *
   * @param stale the expired lease
   * @param requeue true for QUEUED, false for FAILED
   */
  boolean recover(LeaseRef stale, boolean requeue, Instant at, ErrorCode errorCode, String errorMessage);

  /**
   * QUEUED to CANCELED.
   *
   * @return false if the run is not QUEUED (or not the tenant's)
   */
  boolean cancel(String tenantId, long runId, Instant at);
}
