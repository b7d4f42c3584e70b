package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Persists backup sets and their items. Every method is scoped by tenant; thread-safe. */
public interface BackupSetStore {

  /** Writes the set and all its items atomically and returns the set's header. */
  BackupSet create(NewBackupSet set);

  /** The set with that id, if it belongs to that tenant (soft-deleted sets included). */
  Optional<BackupSet> find(String tenantId, long backupSetId);

  /** The set's items, if it belongs to that tenant. */
  List<BackupItem> items(String tenantId, long backupSetId);

  /** The schedule's sets that are not soft-deleted, newest first (by creation time, then id). */
  List<BackupSet> listLive(String tenantId, long scheduleId);

  /**
   * Soft-deletes those of {@code ids} that belong to that tenant and schedule and are live, in one
   * statement.
   *
   * @return how many were deleted
   */
  int softDelete(String tenantId, long scheduleId, Collection<Long> ids, Instant deletedAt);
}
