package com.tenantpilot.scheduling.schedule;

import com.tenantpilot.scheduling.run.RunStatus;
import java.time.Instant;

/**
 * A stored schedule: its id, the admin-defined spec and the fields the engine derives.
 *
 * @param id assigned by the store
 * @param spec what the admin defined
 * @param nextRunAt the next slot strictly after the time it was computed; {@code null} while disabled
 * @param lastRunAt when the newest finished run finished, or {@code null}
 * @param lastRunStatus the newest finished run's status, or {@code null}
 * @param createdAt when the schedule was created
 * @param updatedAt when it was last changed by an admin
 */
public record Schedule(
    long id,
    ScheduleSpec spec,
    Instant nextRunAt,
    Instant lastRunAt,
    RunStatus lastRunStatus,
    Instant createdAt,
    Instant updatedAt) {

  /** Shortcut for {@code spec().tenantId()}. */
  public String tenantId() {
    return spec.tenantId();
  }

  /** Shortcut for {@code spec().recurrence()}. */
  public Recurrence recurrence() {
    return spec.recurrence();
  }

  /** Shortcut for {@code spec().enabled()}. */
  public boolean enabled() {
    return spec.enabled();
  }
}
