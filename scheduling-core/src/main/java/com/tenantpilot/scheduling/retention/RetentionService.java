package com.tenantpilot.scheduling.retention;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.schedule.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest {@code retentionKeepLast} backup sets created by a schedule and soft-deletes
 * the older ones.
 *
 * <p>Only the schedule's own live sets are candidates (the store's {@code listLive} and
 * {@code softDelete} are scoped by tenant and schedule, so sets made by hand or by other
 * schedules are never touched); the set just written is never deleted, even if clocks disagree
 * about its age. The deletion is one store statement, so a crash never leaves it half done.
 * A failure is reported in the result, never thrown: it must not change the run's status.
 *
 * <p>Thread-safe.
 */
public final class RetentionService {

  private static final Logger log = LoggerFactory.getLogger(RetentionService.class);

  private final BackupSetStore backupSets;
  private final AuditLog audit;

  /** Retention over the given store, auditing to {@code audit}. */
  public RetentionService(BackupSetStore backupSets, AuditLog audit) {
    this.backupSets = Objects.requireNonNull(backupSets, "backupSets");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * What retention did.
   *
   * @param deleted how many sets were soft-deleted
   * @param error why it failed, or {@code null}
   */
  public record Result(int deleted, String error) {}

  /** Applies the schedule's retention after it wrote {@code justWritten} at {@code at}. */
  public Result apply(Schedule schedule, long justWritten, Instant at) {
    try {
      List<BackupSet> live = backupSets.listLive(schedule.tenantId(), schedule.id());
      int keep = schedule.spec().retentionKeepLast();
      List<Long> doomed = new ArrayList<>();
      int kept = 0;
      for (BackupSet set : live) {
        if (set.id() == justWritten) {
          continue;
        }
        // the just-written set always counts as one of the kept
        if (++kept < keep) {
          continue;
        }
        doomed.add(set.id());
      }
      int deleted = doomed.isEmpty() ? 0 : backupSets.softDelete(schedule.tenantId(), schedule.id(), doomed, at);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("deleted", deleted);
      meta.put("keepLast", keep);
      meta.put("backupSetIds", doomed);
      audit.record(new AuditEvent(schedule.tenantId(), AuditAction.RETENTION_APPLIED.key(), AuditEvent.SYSTEM,
          "backup_schedule", String.valueOf(schedule.id()), at, meta));
      return new Result(deleted, null);
    } catch (RuntimeException e) {
      log.error("retention failed for schedule {} of tenant {}", schedule.id(), schedule.tenantId(), e);
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      audit.record(new AuditEvent(schedule.tenantId(), AuditAction.RETENTION_APPLIED.key(), AuditEvent.SYSTEM,
          "backup_schedule", String.valueOf(schedule.id()), at, Map.of("deleted", 0, "error", error)));
      return new Result(0, error);
    }
  }
}
