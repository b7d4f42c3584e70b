package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import java.time.Instant;
import java.util.Objects;

/**
 * How a claimed run ends.
 *
 * @param status a terminal status
 * @param errorCode the most significant problem, or {@code null}
 * @param errorMessage short text for the problem, without tokens or payloads; or {@code null}
 * @param summary the per-type report
 * @param backupSetId the backup set written, or {@code null}
 * @param finishedAt when it ended
 */
public record RunOutcome(
    RunStatus status,
    ErrorCode errorCode,
    String errorMessage,
    RunSummary summary,
    Long backupSetId,
    Instant finishedAt) {

  /** Checks that the status is terminal. */
  public RunOutcome {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(finishedAt, "finishedAt");
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("status must be terminal, was '" + status + "'");
    }
    summary = summary == null ? RunSummary.EMPTY : summary;
  }
}
