package com.tenantpilot.scheduling.harness.simulation;

import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link BackupSetStore} decorator that checks every retention deletion against the state just
 * before and just after it ({@link InvariantChecker#RETENTION_SAFE}), and counts what was written.
 *
 * <p>Not thread-safe: a simulation is single-threaded.
 */
final class ObservedBackupSetStore implements BackupSetStore {

  private final BackupSetStore delegate;
  private final ScheduleStore schedules;
  private final Supplier<List<BackupSet>> allSets;
  private final InvariantChecker checker;
  private final Map<Long, Long> justWritten = new HashMap<>();
  private int created;
  private int deleted;

  ObservedBackupSetStore(BackupSetStore delegate, ScheduleStore schedules, Supplier<List<BackupSet>> allSets,
      InvariantChecker checker) {
    this.delegate = delegate;
    this.schedules = schedules;
    this.allSets = allSets;
    this.checker = checker;
  }

  int created() {
    return created;
  }

  int deleted() {
    return deleted;
  }

  @Override
  public BackupSet create(NewBackupSet set) {
    BackupSet written = delegate.create(set);
    created++;
    if (set.scheduleId() != null) {
      justWritten.put(set.scheduleId(), written.id());
    }
    return written;
  }

  @Override
  public Optional<BackupSet> find(String tenantId, long backupSetId) {
    return delegate.find(tenantId, backupSetId);
  }

  @Override
  public List<BackupItem> items(String tenantId, long backupSetId) {
    return delegate.items(tenantId, backupSetId);
  }

  @Override
  public List<BackupSet> listLive(String tenantId, long scheduleId) {
    return delegate.listLive(tenantId, scheduleId);
  }

  @Override
  public int softDelete(String tenantId, long scheduleId, Collection<Long> ids, Instant deletedAt) {
    List<BackupSet> live = delegate.listLive(tenantId, scheduleId);
    int keep = schedules.find(tenantId, scheduleId).map(StoredSchedule::retentionKeepLast).orElse(Integer.MAX_VALUE);
    List<BackupSet> before = allSets.get();
    int n = delegate.softDelete(tenantId, scheduleId, ids, deletedAt);
    deleted += n;
    checker.checkRetention(tenantId, scheduleId, ids, live, keep, justWritten.get(scheduleId), before, allSets.get());
    return n;
  }
}
