package com.tenantpilot.scheduling.backup;

import java.time.Instant;
import java.util.Map;

/**
 * A snapshot of a tenant's policies at one time: the header of a set; items are read separately.
 *
 * @param id assigned by the store
 * @param tenantId the tenant it belongs to
 * @param scheduleId the schedule that created it, or {@code null} for a set made by hand
 * @param runId the run that created it, or {@code null}
 * @param name a human label
 * @param itemCount how many policies it holds
 * @param countsByType policies per type key
 * @param createdAt when it was written
 * @param deletedAt when retention soft-deleted it, or {@code null}
 */
public record BackupSet(
    long id,
    String tenantId,
    Long scheduleId,
    Long runId,
    String name,
    int itemCount,
    Map<String, Integer> countsByType,
    Instant createdAt,
    Instant deletedAt) {

  /** Freezes the counts. */
  public BackupSet {
    countsByType = countsByType == null ? Map.of() : Map.copyOf(countsByType);
  }
}
