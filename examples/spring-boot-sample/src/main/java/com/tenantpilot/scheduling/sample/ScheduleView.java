package com.tenantpilot.scheduling.sample;

import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleCodec;
import java.time.Instant;
import java.util.List;

/**
 * A schedule as the API returns it, the same shape for a single schedule and for the list.
 *
 * @param id the schedule id
 * @param tenantId its tenant
 * @param name display name
 * @param enabled whether the dispatcher fires it
 * @param frequency {@code daily} or {@code weekly}
 * @param timeOfDay {@code HH:MM}
 * @param daysOfWeek {@code MON..SUN}, empty for daily
 * @param timezone IANA zone id
 * @param policyTypes policy type keys
 * @param retentionKeepLast backup sets kept
 * @param nextRunAt the next slot (UTC), or {@code null} while disabled
 * @param lastRunAt when the newest finished run finished, or {@code null}
 * @param lastRunStatus that run's status, or {@code null}
 * @param createdAt creation time
 * @param updatedAt time of the last change
 */
public record ScheduleView(
    long id,
    String tenantId,
    String name,
    boolean enabled,
    String frequency,
    String timeOfDay,
    List<String> daysOfWeek,
    String timezone,
    List<String> policyTypes,
    int retentionKeepLast,
    Instant nextRunAt,
    Instant lastRunAt,
    String lastRunStatus,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * The view of a stored row, as the list returns it.
   *
   * @param s the row
   * @return its view
   */
  public static ScheduleView of(StoredSchedule s) {
    return new ScheduleView(s.id(), s.tenantId(), s.name(), s.enabled(), s.frequency(), s.timeOfDay(),
        s.daysOfWeek(), s.timezone(), s.policyTypes(), s.retentionKeepLast(), s.nextRunAt(), s.lastRunAt(),
        s.lastRunStatus(), s.createdAt(), s.updatedAt());
  }

  /**
   * The view of a decoded schedule, in the same shape as a stored row.
   *
   * @param s the schedule
   * @return its view
   */
  public static ScheduleView of(Schedule s) {
    return of(ScheduleCodec.encode(s));
  }
}
