package com.tenantpilot.scheduling.schedule;

import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.RunStatus;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts between the typed {@link Schedule} and the plain {@link StoredSchedule} a store keeps.
 * Decoding applies the same field rules as {@link ScheduleValidator} (except the policy type
 * catalog: stored rows may hold types the catalog has since dropped, which runs skip).
 *
 * <p>Stateless and thread-safe.
 */
public final class ScheduleCodec {

  private ScheduleCodec() {}

  /** The stored form of a spec with the given derived fields ({@code id} 0 for a new row). */
  public static StoredSchedule encode(long id, ScheduleSpec spec, Instant nextRunAt, Instant lastRunAt,
      RunStatus lastRunStatus, Instant createdAt, Instant updatedAt) {
    Recurrence r = spec.recurrence();
    List<String> days = new ArrayList<>();
    for (DayOfWeek day : r.daysOfWeek()) {
      days.add(ScheduleValidator.dayName(day));
    }
    return new StoredSchedule(id, spec.tenantId(), spec.name(), spec.enabled(),
        r.frequency().name().toLowerCase(Locale.ROOT), formatTime(r), days, r.zone().getId(),
        spec.policyTypes(), spec.retentionKeepLast(), nextRunAt, lastRunAt,
        lastRunStatus == null ? null : lastRunStatus.storedName(), createdAt, updatedAt);
  }

  /** The stored form of a schedule. */
  public static StoredSchedule encode(Schedule s) {
    return encode(s.id(), s.spec(), s.nextRunAt(), s.lastRunAt(), s.lastRunStatus(), s.createdAt(), s.updatedAt());
  }

  /**
   * Reads a stored row.
   *
   * @throws CorruptScheduleException naming every bad field
   */
  public static Schedule decode(StoredSchedule row) {
    List<Violation> violations = new ArrayList<>();
    ScheduleValidator.Parsed parsed = ScheduleValidator.parse(row.tenantId(), row.name(), row.frequency(),
        row.timeOfDay(), row.daysOfWeek(), row.timezone(), row.policyTypes(), violations);
    if (row.retentionKeepLast() < 1 || row.retentionKeepLast() > ScheduleValidator.MAX_KEEP_LAST) {
      violations.add(new Violation("retentionKeepLast", String.valueOf(row.retentionKeepLast()),
          "must be an integer 1.." + ScheduleValidator.MAX_KEEP_LAST));
    }
    RunStatus lastStatus = null;
    if (row.lastRunStatus() != null) {
      try {
        lastStatus = RunStatus.fromStored(row.lastRunStatus());
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("lastRunStatus", row.lastRunStatus(), "is not a run status"));
      }
    }
    if (!violations.isEmpty()) {
      throw new CorruptScheduleException(row.id(), violations);
    }
    ScheduleSpec spec = new ScheduleSpec(row.tenantId(), parsed.name(), row.enabled(), parsed.recurrence(),
        parsed.policyTypes(), row.retentionKeepLast());
    return new Schedule(row.id(), spec, row.nextRunAt(), row.lastRunAt(), lastStatus, row.createdAt(), row.updatedAt());
  }

  /** {@code HH:MM}. */
  public static String formatTime(Recurrence r) {
    int h = r.timeOfDay().getHour();
    int m = r.timeOfDay().getMinute();
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }
}
