package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.RunStatus;

/**
 * What one execution of a claimed run ended in.
 *
 * @param runId the run
 * @param kind how this execution ended
 * @param status the run's status afterwards (QUEUED after a retry is scheduled)
 * @param errorCode the run's error code afterwards, or {@code null}
 * @param backupSetId the backup set written, or {@code null}
 */
public record RunResult(long runId, Kind kind, RunStatus status, ErrorCode errorCode, Long backupSetId) {

  /** How an execution ended. */
  public enum Kind {
    /** The run reached a terminal status. */
    FINISHED,
    /** The attempt failed and the run is QUEUED for another one. */
    RETRY_SCHEDULED,
    /** The lease was lost (the run was recovered by another node); nothing more was written. */
    LEASE_LOST,
    /**
     * The execution threw unexpectedly; the run stays RUNNING until its lease expires and any node
     * recovers it (QUEUED again while attempts remain).
     */
    CRASHED
  }
}
