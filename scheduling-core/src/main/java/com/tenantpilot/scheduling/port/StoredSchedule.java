package com.tenantpilot.scheduling.port;

import java.time.Instant;
import java.util.List;

/**
 * A schedule as a store keeps it: the admin-defined fields as plain strings, exactly as persisted,
 * plus the derived fields. Stores do not interpret the strings; the core parses them (see
 * {@link com.tenantpilot.scheduling.schedule.ScheduleCodec}), so that one corrupt row (an unknown
 * zone, an unparsable time) is reported for that schedule alone and never breaks a query.
 *
 * @param id assigned by the store on insert ({@code 0} before)
 * @param tenantId the host's tenant key
 * @param name trimmed display name
 * @param enabled whether the dispatcher fires it
 * @param frequency {@code daily} or {@code weekly}
 * @param timeOfDay {@code HH:MM}
 * @param daysOfWeek ISO day names ({@code MON}..{@code SUN}); empty for daily
 * @param timezone IANA region id
 * @param policyTypes policy type keys
 * @param retentionKeepLast how many backup sets to keep
 * @param nextRunAt the next slot, or {@code null} while disabled
 * @param lastRunAt when the newest finished run finished, or {@code null}
 * @param lastRunStatus that run's status in lowercase, or {@code null}
 * @param createdAt creation time
 * @param updatedAt time of the last admin change
 */
public record StoredSchedule(
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

  /** Freezes the lists; {@code null} lists become empty. */
  public StoredSchedule {
    daysOfWeek = daysOfWeek == null ? List.of() : List.copyOf(daysOfWeek);
    policyTypes = policyTypes == null ? List.of() : List.copyOf(policyTypes);
  }

  /** This row with another id (what a store returns from insert). */
  public StoredSchedule withId(long newId) {
    return new StoredSchedule(newId, tenantId, name, enabled, frequency, timeOfDay, daysOfWeek, timezone,
        policyTypes, retentionKeepLast, nextRunAt, lastRunAt, lastRunStatus, createdAt, updatedAt);
  }
}
