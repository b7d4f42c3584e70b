package com.tenantpilot.scheduling.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A backup set to write, with all its items, in one transaction.
 *
 * @param tenantId the tenant
 * @param scheduleId the schedule creating it, or {@code null}
 * @param runId the run creating it, or {@code null}
 * @param name a human label
 * @param items the policies
 * @param createdAt when it is written
 */
public record NewBackupSet(String tenantId, Long scheduleId, Long runId, String name, List<BackupItem> items, Instant createdAt) {

  /** Checks and freezes. */
  public NewBackupSet {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    items = List.copyOf(items);
  }
}
