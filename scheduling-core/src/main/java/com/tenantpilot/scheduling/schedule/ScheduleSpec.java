package com.tenantpilot.scheduling.schedule;

import java.util.List;
import java.util.Objects;

/**
 * The admin-defined part of a schedule, validated and typed.
 *
 * @param tenantId the host's tenant key
 * @param name trimmed display name
 * @param enabled whether the dispatcher fires it
 * @param recurrence when it fires
 * @param policyTypes the policy type keys to back up, in the given order, without duplicates
 * @param retentionKeepLast how many of this schedule's backup sets to keep
 */
public record ScheduleSpec(
    String tenantId,
    String name,
    boolean enabled,
    Recurrence recurrence,
    List<String> policyTypes,
    int retentionKeepLast) {

  /** Freezes the type list. */
  public ScheduleSpec {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(recurrence, "recurrence");
    policyTypes = List.copyOf(policyTypes);
  }

  /** This spec with {@code enabled} changed. */
  public ScheduleSpec withEnabled(boolean value) {
    return new ScheduleSpec(tenantId, name, value, recurrence, policyTypes, retentionKeepLast);
  }
}
