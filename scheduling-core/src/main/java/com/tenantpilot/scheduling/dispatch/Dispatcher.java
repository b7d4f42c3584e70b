package com.tenantpilot.scheduling.dispatch;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.NextRunUpdate;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.schedule.CorruptScheduleException;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleCodec;
import com.tenantpilot.scheduling.schedule.SlotCalculator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds due schedules and creates their runs; meant to be called once a minute on every node.
 *
 * <p>One cycle at {@code now}:
 *
 * <ol>
 *   <li>Read enabled schedules with {@code nextRunAt <= now}, in batches (the store's index makes
 *       the cost follow the number of due schedules, not the total).
 *   <li>For each, take the latest slot {@code <= now}. A slot before the schedule's
 *       {@code nextRunAt} was already handled (or predates an edit) and creates nothing. If
 *       {@code now - slot <= misfireGrace}, create a QUEUED SCHEDULED run; otherwise record one
 *       SKIPPED run with {@code MISSED_SLOT} for that latest slot only: there is no catch-up.
 *   <li>Move {@code nextRunAt} to the first slot strictly after {@code now}, compare-and-set on
 *       the value read, after the runs are written (a crash in between re-reads the schedule and
 *       the insert-if-absent makes the retry harmless).
 * </ol>
 *
 * Run creation is insert-if-absent on {@code (scheduleId, scheduledFor)}, so two nodes (or one
 * node twice) dispatching the same minute create exactly one run. A stored schedule that cannot
 * be read is logged, audited and moved {@code invalidScheduleRetry} ahead, without stopping the
 * others. One aggregated {@code backup_schedule.dispatch} audit entry is written per tenant that
 * had anything due.
 *
 * <p>Thread-safe; cycles may run concurrently on several nodes.
 */
public final class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final ScheduleStore schedules;
  private final RunStore runs;
  private final AuditLog audit;
  private final Clock clock;
  private final SchedulingOptions options;

  /** A dispatcher over the given ports. */
  public Dispatcher(ScheduleStore schedules, RunStore runs, AuditLog audit, Clock clock, SchedulingOptions options) {
    this.schedules = Objects.requireNonNull(schedules, "schedules");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** One cycle at the clock's current minute. */
  public DispatchResult dispatch() {
    return dispatch(clock.instant().truncatedTo(ChronoUnit.MINUTES));
  }

  /** One cycle at {@code now}. */
  public DispatchResult dispatch(Instant now) {
    Objects.requireNonNull(now, "now");
    Map<String, int[]> perTenant = new LinkedHashMap<>();
    int due = 0;
    int created = 0;
    int present = 0;
    int missed = 0;
    int invalid = 0;
    // Each batch advances every schedule it read, so the next query sees only the rest. A batch
    // that moves nothing (another node got there first) ends the cycle rather than spinning.
    while (true) {
      List<StoredSchedule> batch = schedules.findDue(now, options.dispatchBatchSize());
      if (batch.isEmpty()) {
        break;
      }
      List<NewRun> toCreate = new ArrayList<>(batch.size());
      List<NextRunUpdate> moves = new ArrayList<>(batch.size());
      for (StoredSchedule row : batch) {
        due++;
        int[] counts = perTenant.computeIfAbsent(row.tenantId(), t -> new int[4]);
        counts[0]++;
        try {
          Schedule schedule = ScheduleCodec.decode(row);
          Instant slot = SlotCalculator.latestAtOrBefore(schedule.recurrence(), now);
          if (slot != null && !slot.isBefore(row.nextRunAt())) {
            boolean inGrace = Duration.between(slot, now).compareTo(options.misfireGrace()) <= 0;
            toCreate.add(inGrace ? NewRun.scheduled(row.id(), row.tenantId(), slot) : NewRun.missed(row.id(), row.tenantId(), slot));
            counts[inGrace ? 1 : 2]++;
            if (!inGrace) {
              missed++;
              log.info("schedule {} of tenant {} missed slot {} (now {}); recorded as MISSED_SLOT", row.id(), row.tenantId(), slot, now);
            }
          }
          moves.add(new NextRunUpdate(row.tenantId(), row.id(), row.nextRunAt(), SlotCalculator.next(schedule.recurrence(), now)));
        } catch (CorruptScheduleException e) {
          invalid++;
          counts[3]++;
          log.warn("skipping schedule {} of tenant {}: {}", row.id(), row.tenantId(), e.getMessage());
          audit.record(new AuditEvent(row.tenantId(), AuditAction.DISPATCH_SCHEDULE_INVALID.key(), AuditEvent.SYSTEM,
              "backup_schedule", String.valueOf(row.id()), now,
              Map.of("problems", e.violations().stream().map(v -> v.field() + ": " + v.reason()).toList(),
                  "retryAt", now.plus(options.invalidScheduleRetry()).toString())));
          moves.add(new NextRunUpdate(row.tenantId(), row.id(), row.nextRunAt(), now.plus(options.invalidScheduleRetry())));
        } catch (RuntimeException e) {
          invalid++;
          counts[3]++;
          log.error("skipping schedule {} of tenant {} after an unexpected error", row.id(), row.tenantId(), e);
          moves.add(new NextRunUpdate(row.tenantId(), row.id(), row.nextRunAt(), now.plus(options.invalidScheduleRetry())));
        }
      }
      int made = toCreate.isEmpty() ? 0 : runs.createAllIfAbsent(toCreate);
      created += made;
      present += toCreate.size() - made;
      int moved = schedules.advance(moves);
      if (moved == 0 || batch.size() < options.dispatchBatchSize()) {
        break;
      }
    }
    DispatchResult result = new DispatchResult(now, due, created, present, missed, invalid);
    if (due > 0) {
      List<AuditEvent> events = new ArrayList<>(perTenant.size());
      for (Map.Entry<String, int[]> e : perTenant.entrySet()) {
        int[] c = e.getValue();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("due", c[0]);
        meta.put("queued", c[1]);
        meta.put("missed", c[2]);
        meta.put("invalid", c[3]);
        meta.put("node", options.nodeId());
        events.add(new AuditEvent(e.getKey(), AuditAction.DISPATCH.key(), AuditEvent.SYSTEM, "backup_schedule", null, now, meta));
      }
      audit.recordAll(events);
      log.debug("dispatch at {}: {} due, {} runs created, {} already present, {} invalid", now, due, created, present, invalid);
    }
    return result;
  }
}
