package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.Notification;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import com.tenantpilot.scheduling.run.TypeSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens after a run reaches a terminal status, wherever that happened (the executor, or
 * lease recovery): the schedule's last-run fields, the {@code run_completed} audit entry, and the
 * acting user's notification for MANUAL and RETRY runs. Scheduled runs notify nobody.
 */
final class RunLifecycle {

  private static final Logger log = LoggerFactory.getLogger(RunLifecycle.class);

  /** The notification type for a finished interactive run. */
  static final String NOTIFICATION_TYPE = "backup_schedule.run_finished";

  private RunLifecycle() {}

  static void completed(ScheduleStore schedules, AuditLog audit, Notifier notifier, Run run, RunStatus status,
      ErrorCode code, RunSummary summary, Long backupSetId, Instant started, Instant finishedAt) {
    try {
      schedules.recordLastRun(run.tenantId(), run.scheduleId(), finishedAt, status);
    } catch (RuntimeException e) {
      log.error("could not record the last run on schedule {} of tenant {}", run.scheduleId(), run.tenantId(), e);
    }
    int items = 0;
    int typesFailed = 0;
    int typesUnknown = 0;
    for (TypeSummary t : summary.types().values()) {
      items += t.backedUp();
      typesFailed += t.outcome() == TypeSummary.Outcome.FAILED ? 1 : 0;
      typesUnknown += t.outcome() == TypeSummary.Outcome.UNKNOWN_TYPE ? 1 : 0;
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("scheduleId", run.scheduleId());
    meta.put("trigger", run.trigger().storedName());
    meta.put("status", status.storedName());
    meta.put("errorCode", code == null ? null : code.name());
    meta.put("attempts", run.attempts());
    meta.put("items", items);
    meta.put("typesFailed", typesFailed);
    meta.put("typesUnknown", typesUnknown);
    meta.put("backupSetId", backupSetId);
    meta.put("durationMs", Duration.between(started, finishedAt).toMillis());
    if (summary.retentionDeleted() != null) {
      meta.put("retentionDeleted", summary.retentionDeleted());
    }
    audit.record(new AuditEvent(run.tenantId(), AuditAction.RUN_COMPLETED.key(), RunExecutor.actor(run),
        "backup_schedule_run", String.valueOf(run.id()), finishedAt, meta));
    if (run.trigger().notifiesUser() && run.requestedBy() != null) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("runId", run.id());
      data.put("scheduleId", run.scheduleId());
      data.put("trigger", run.trigger().storedName());
      data.put("status", status.storedName());
      data.put("errorCode", code == null ? null : code.name());
      data.put("backupSetId", backupSetId);
      try {
        notifier.notify(new Notification(run.tenantId(), run.requestedBy(), NOTIFICATION_TYPE, data, finishedAt));
      } catch (RuntimeException e) {
        log.error("could not notify {} about run {}", run.requestedBy(), run.id(), e);
      }
    }
  }
}
