package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes one backup set from synced policies. The library's default writes through
 * {@link BackupSetStore} and audits {@code backup.created}; a host with its own backup service
 * implements this port instead.
 */
public interface BackupCreator {

  /** Writes the set atomically and returns its header. */
  BackupSet createBackupSet(Request request);

  /**
   * What to back up.
   *
   * @param tenantId the tenant
   * @param scheduleId the schedule, or {@code null}
   * @param runId the run, or {@code null}
   * @param name a label for the set
   * @param policies the policies to write
   * @param actor who asked for it ({@code system} for scheduled runs)
   * @param at the time of the run
   */
  record Request(String tenantId, Long scheduleId, Long runId, String name, List<PolicySnapshot> policies, String actor, Instant at) {

    /** Checks and freezes. */
    public Request {
      Objects.requireNonNull(tenantId, "tenantId");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(at, "at");
      policies = List.copyOf(policies);
    }
  }
}
