package com.tenantpilot.scheduling.sample;

import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import com.tenantpilot.scheduling.run.RunTrigger;
import java.time.Instant;

/**
 * A run as the API returns it: everything an admin sees, without the worker's lease (its fencing
 * token is internal).
 *
 * @param id the run id
 * @param scheduleId its schedule
 * @param tenantId its tenant
 * @param scheduledFor the slot (UTC minute)
 * @param trigger what created it
 * @param status where it is in its lifecycle
 * @param attempts how many times a worker claimed it
 * @param notBefore earliest claim time
 * @param startedAt first attempt's start, or {@code null}
 * @param finishedAt when it finished, or {@code null}
 * @param errorCode the most significant problem, or {@code null}
 * @param errorMessage a short text for it, or {@code null}
 * @param summary per-type counts and the retention outcome
 * @param backupSetId the backup set written, or {@code null}
 * @param requestedBy the user behind a Run now or Retry, else {@code null}
 * @param retryOf the run a retry retries, else {@code null}
 * @param createdAt creation time
 */
public record RunView(
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
    Instant createdAt) {

  /**
   * The view of a run.
   *
   * @param r the run
   * @return its view
   */
  public static RunView of(Run r) {
    return new RunView(r.id(), r.scheduleId(), r.tenantId(), r.scheduledFor(), r.trigger(), r.status(), r.attempts(),
        r.notBefore(), r.startedAt(), r.finishedAt(), r.errorCode(), r.errorMessage(), r.summary(), r.backupSetId(),
        r.requestedBy(), r.retryOf(), r.createdAt());
  }
}
