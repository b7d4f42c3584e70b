package com.tenantpilot.scheduling.run;

import java.time.Instant;
import java.util.Objects;

/**
 * A run to create if no run exists yet for {@code (scheduleId, scheduledFor)}.
 *
 * @param scheduleId the schedule
 * @param tenantId the schedule's tenant
 * @param scheduledFor the slot
 * @param trigger what creates it
 * @param status QUEUED, or SKIPPED for a missed slot
 * @param errorCode {@code MISSED_SLOT} for a missed slot, else {@code null}
 * @param errorMessage a short text for the error code, else {@code null}
 * @param notBefore earliest claim time (usually the slot or now)
 * @param requestedBy acting user for MANUAL and RETRY runs
 * @param retryOf the retried run for RETRY runs
 */
public record NewRun(
    long scheduleId,
    String tenantId,
    Instant scheduledFor,
    RunTrigger trigger,
    RunStatus status,
    ErrorCode errorCode,
    String errorMessage,
    Instant notBefore,
    String requestedBy,
    Long retryOf) {

  /** Checks the creation rule: QUEUED, or SKIPPED. */
  public NewRun {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(scheduledFor, "scheduledFor");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(status, "status");
    if (status != RunStatus.QUEUED && status != RunStatus.SKIPPED) {
      throw new IllegalTransitionException(null, status);
    }
  }

  /** A QUEUED scheduled run for a slot. */
  public static NewRun scheduled(long scheduleId, String tenantId, Instant slot) {
    return new NewRun(scheduleId, tenantId, slot, RunTrigger.SCHEDULED, RunStatus.QUEUED, null, null, slot, null, null);
  }

  /** A SKIPPED {@code MISSED_SLOT} record for a slot the dispatcher missed. */
  public static NewRun missed(long scheduleId, String tenantId, Instant slot) {
    return new NewRun(scheduleId, tenantId, slot, RunTrigger.SCHEDULED, RunStatus.SKIPPED, ErrorCode.MISSED_SLOT,
        "slot missed: no dispatcher ran within the misfire grace; not caught up", slot, null, null);
  }
}
