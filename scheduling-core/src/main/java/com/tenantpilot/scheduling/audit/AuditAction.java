package com.tenantpilot.scheduling.audit;

/** The audit actions the library writes; {@link #key()} is the stored name. */
public enum AuditAction {
  /** A schedule was created. */
  SCHEDULE_CREATED("backup_schedule.created"),
  /** A schedule was changed. */
  SCHEDULE_UPDATED("backup_schedule.updated"),
  /** A schedule was deleted. */
  SCHEDULE_DELETED("backup_schedule.deleted"),
  /** A schedule was enabled. */
  SCHEDULE_ENABLED("backup_schedule.enabled"),
  /** A schedule was disabled. */
  SCHEDULE_DISABLED("backup_schedule.disabled"),
  /** One dispatch cycle found due schedules (counts in metadata). */
  DISPATCH("backup_schedule.dispatch"),
  /** A stored schedule could not be read and was skipped by the dispatcher. */
  DISPATCH_SCHEDULE_INVALID("backup_schedule.dispatch_invalid"),
  /** A run started executing. */
  RUN_STARTED("backup_schedule.run_started"),
  /** A run reached a terminal state. */
  RUN_COMPLETED("backup_schedule.run_completed"),
  /** A user asked to run a schedule now. */
  RUN_NOW("backup_schedule.run_now"),
  /** A user asked to retry a run. */
  RETRY("backup_schedule.retry"),
  /** A user canceled a queued run. */
  RUN_CANCELED("backup_schedule.run_canceled"),
  /** Retention soft-deleted older backup sets. */
  RETENTION_APPLIED("backup_schedule.retention_applied"),
  /** A backup set was written. */
  BACKUP_CREATED("backup.created");

  private final String key;

  AuditAction(String key) {
    this.key = key;
  }

  /** The stored action name, e.g. {@code backup_schedule.run_started}. */
  public String key() {
    return key;
  }
}
