package com.tenantpilot.scheduling.sample;

import com.tenantpilot.scheduling.schedule.ScheduleInput;
import java.util.List;

/**
 * The JSON body of {@code POST /tenants/{tenantId}/schedules}: the admin-defined fields of a
 * schedule as plain values, validated by the library (every problem is reported at once). The
 * tenant comes from the path, never from the body.
 *
 * @param name display name, 1..120 characters
 * @param enabled whether the dispatcher fires it
 * @param frequency {@code DAILY} or {@code WEEKLY}
 * @param timeOfDay {@code HH:MM}
 * @param daysOfWeek {@code MON..SUN} for WEEKLY; empty or absent for DAILY
 * @param timezone an IANA zone id such as {@code Europe/Berlin}
 * @param policyTypes keys of supported policy types
 * @param retentionKeepLast how many backup sets to keep, 1..1000
 */
public record ScheduleRequest(
    String name,
    Boolean enabled,
    String frequency,
    String timeOfDay,
    List<String> daysOfWeek,
    String timezone,
    List<String> policyTypes,
    Integer retentionKeepLast) {

  /**
   * The library's input for this request.
   *
   * @param tenantId the tenant from the request path
   * @return the unvalidated input
   */
  public ScheduleInput toInput(String tenantId) {
    return new ScheduleInput(tenantId, name, enabled, frequency, timeOfDay,
        daysOfWeek == null ? List.of() : daysOfWeek, timezone, policyTypes, retentionKeepLast);
  }
}
