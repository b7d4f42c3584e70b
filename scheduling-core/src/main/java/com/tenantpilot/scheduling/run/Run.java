package com.tenantpilot.scheduling.run;

import java.time.Instant;

/**
 * One execution of a schedule for one slot.
 *
 * @param id assigned by the store
 * @param scheduleId the schedule it belongs to
 * @param tenantId the tenant it runs for; every read and write is scoped by it
 * @param scheduledFor the slot (minute-aligned UTC); unique per schedule
 * @param trigger what created it
 * @param status where it is in the state machine ({@link RunStatus})
 * @param attempts how many times a worker has claimed it
 * @param notBefore earliest time a worker may claim it (retry backoff)
 * @param startedAt when the first attempt started, or {@code null}
 * @param finishedAt when it reached a terminal state, or {@code null}
 * @param errorCode the most significant problem, or {@code null}
 * @param errorMessage a short human text for the problem, never a token or a payload; or {@code null}
 * @param summary per-type report
 * @param backupSetId the backup set it wrote, or {@code null}
 * @param requestedBy the acting user for MANUAL and RETRY runs, else {@code null}
 * @param retryOf the run a RETRY run retries, else {@code null}
 * @param lease the current lease while RUNNING (and the last one after), or {@code null}
 * @param createdAt when the run was created
 */
public record Run(
    long id,
    long scheduleId,
    String tenantId,
    Instant scheduledFor,
    RunTrigger trigger,
    RunStatus status,
    int attempts,
    Instant notBefore,
    Instant startedAt,
    Instant finishedAt,
    ErrorCode errorCode,
    String errorMessage,
    RunSummary summary,
    Long backupSetId,
    String requestedBy,
    Long retryOf,
    Lease lease,
    Instant createdAt) {

  /**
   * A worker's claim on a RUNNING run. The token is a fencing token: it changes on every claim
   * and recovery, and every write to a claimed run compares it.
   *
   * @param owner the worker that holds it
   * @param token the fencing token
   * @param expiresAt when it lapses unless renewed (judged by the store's clock)
   */
  public record Lease(String owner, long token, Instant expiresAt) {}

  /** The lease reference a worker passes back on every write. */
  public LeaseRef leaseRef() {
    if (lease == null) {
      throw new IllegalStateException("run " + id + " has no lease");
    }
    return new LeaseRef(tenantId, id, lease.token());
  }
}
