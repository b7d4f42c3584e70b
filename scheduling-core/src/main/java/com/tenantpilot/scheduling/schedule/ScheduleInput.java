package com.tenantpilot.scheduling.schedule;

import java.util.List;

/**
 * A schedule as an admin enters it, before validation: plain strings, as a form or an API
 * request gives them. {@link ScheduleValidator} turns it into a {@link ScheduleSpec} or reports
 * every problem.
 *
 * @param tenantId the host's tenant key
 * @param name display name; trimmed; 1..120 characters
 * @param enabled whether the dispatcher fires it; {@code null} is rejected
 * @param frequency {@code DAILY} or {@code WEEKLY} (case-insensitive)
 * @param timeOfDay {@code HH:MM}, 00:00..23:59
 * @param daysOfWeek ISO day names {@code MON..SUN} (case-insensitive); empty for DAILY
 * @param timezone an IANA region id known to the JDK
 * @param policyTypes keys from the supported catalog; duplicates collapse
 * @param retentionKeepLast 1..1000
 */
public record ScheduleInput(
    String tenantId,
    String name,
    Boolean enabled,
    String frequency,
    String timeOfDay,
    List<String> daysOfWeek,
    String timezone,
    List<String> policyTypes,
    Integer retentionKeepLast) {}
