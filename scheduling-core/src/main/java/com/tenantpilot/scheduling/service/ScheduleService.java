package com.tenantpilot.scheduling.service;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.RunCreation;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunTrigger;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleCodec;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import com.tenantpilot.scheduling.schedule.ScheduleSpec;
import com.tenantpilot.scheduling.schedule.ScheduleValidator;
import com.tenantpilot.scheduling.schedule.SlotCalculator;
import com.tenantpilot.scheduling.schedule.SlotPreview;
import com.tenantpilot.scheduling.schedule.ValidationException;
import com.tenantpilot.scheduling.schedule.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an admin (or the host's API on their behalf) does with schedules and runs: create, edit,
 * enable, disable, delete, preview, Run now, Retry and Cancel. Every action is validated first
 * (bad input changes nothing), scoped by tenant, and audited with the acting user.
 *
 * <p>{@code nextRunAt} is recomputed from "now" whenever frequency, time, days, zone or enabled
 * change, so there is never catch-up for slots before the change; a disabled schedule has none.
 *
 * <p>Thread-safe.
 */
public final class ScheduleService {

  /** How many minutes from now a Retry looks for a slot not taken by a finished run. */
  private static final int MAX_RETRY_SLOT_PROBES = 60;

  private final ScheduleStore schedules;
  private final RunStore runs;
  private final AuditLog audit;
  private final ScheduleValidator validator;
  private final Clock clock;

  /** A service over the given ports, validating policy types with {@code validator}. */
  public ScheduleService(ScheduleStore schedules, RunStore runs, AuditLog audit, ScheduleValidator validator, Clock clock) {
    this.schedules = Objects.requireNonNull(schedules, "schedules");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.validator = Objects.requireNonNull(validator, "validator");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Validates and stores a new schedule.
   *
   * @throws com.tenantpilot.scheduling.schedule.ValidationException listing every violation
   */
  public Schedule create(ScheduleInput input, String actor) {
    ScheduleSpec spec = validator.validate(input);
    Instant now = clock.instant();
    Instant next = spec.enabled() ? SlotCalculator.next(spec.recurrence(), now) : null;
    StoredSchedule inserted = schedules.insert(ScheduleCodec.encode(0, spec, next, null, null, now, now));
    // read back what the store kept (a database may keep microseconds where the clock gave nanoseconds)
    Schedule created = ScheduleCodec.decode(schedules.find(spec.tenantId(), inserted.id()).orElse(inserted));
    audit(created, AuditAction.SCHEDULE_CREATED, actor, now, describe(spec));
    return created;
  }

  /**
   * Validates and replaces the admin-defined fields of a schedule.
   *
   * @throws NotFoundException if the tenant has no such schedule
   * @throws com.tenantpilot.scheduling.schedule.ValidationException listing every violation
   */
  public Schedule update(String tenantId, long scheduleId, ScheduleInput input, String actor) {
    if (!Objects.equals(input.tenantId(), tenantId)) {
      throw new ValidationException(List.of(
          new Violation("tenantId", String.valueOf(input.tenantId()),
              "must match the schedule's tenant '" + tenantId + "'")));
    }
    ScheduleSpec spec = validator.validate(input);
    StoredSchedule old = schedules.find(tenantId, scheduleId).orElseThrow(() -> new NotFoundException("schedule", tenantId, scheduleId));
    return replace(old, spec, actor);
  }

  /** Enables or disables a schedule; enabling computes the next slot from now. */
  public Schedule setEnabled(String tenantId, long scheduleId, boolean enabled, String actor) {
    StoredSchedule old = schedules.find(tenantId, scheduleId).orElseThrow(() -> new NotFoundException("schedule", tenantId, scheduleId));
    ScheduleSpec spec = ScheduleCodec.decode(old).spec().withEnabled(enabled);
    return replace(old, spec, actor);
  }

  private Schedule replace(StoredSchedule old, ScheduleSpec spec, String actor) {
    Instant now = clock.instant();
    boolean timingChanged = !sameTiming(old, spec, now);
    Instant next = !spec.enabled() ? null : timingChanged || old.nextRunAt() == null
        ? SlotCalculator.next(spec.recurrence(), now) : old.nextRunAt();
    StoredSchedule row = ScheduleCodec.encode(old.id(), spec, next, old.lastRunAt(),
        null, old.createdAt(), now);
    if (!schedules.update(row)) {
      throw new NotFoundException("schedule", old.tenantId(), old.id());
    }
    Schedule updated = ScheduleCodec.decode(schedules.find(old.tenantId(), old.id())
        .orElseThrow(() -> new NotFoundException("schedule", old.tenantId(), old.id())));
    Map<String, Object> meta = describe(spec);
    meta.put("timingChanged", timingChanged);
    audit(updated, AuditAction.SCHEDULE_UPDATED, actor, now, meta);
    if (old.enabled() != spec.enabled()) {
      audit(updated, spec.enabled() ? AuditAction.SCHEDULE_ENABLED : AuditAction.SCHEDULE_DISABLED, actor, now,
          Map.of("nextRunAt", String.valueOf(next)));
    }
    return updated;
  }

  private static boolean sameTiming(StoredSchedule old, ScheduleSpec spec, Instant now) {
    StoredSchedule encoded = ScheduleCodec.encode(0, spec, null, null, null, now, now);
    return encoded.frequency().equalsIgnoreCase(old.frequency())
        && encoded.timeOfDay().equals(old.timeOfDay())
        && encoded.daysOfWeek().stream().sorted().toList().equals(old.daysOfWeek().stream().sorted().toList())
        && encoded.timezone().equals(old.timezone())
        && encoded.enabled() == old.enabled();
  }

  /** Deletes a schedule and its runs; its backup sets are kept. */
  public void delete(String tenantId, long scheduleId, String actor) {
    StoredSchedule old = schedules.find(tenantId, scheduleId).orElseThrow(() -> new NotFoundException("schedule", tenantId, scheduleId));
    if (!schedules.delete(tenantId, scheduleId)) {
      throw new NotFoundException("schedule", tenantId, scheduleId);
    }
    audit.record(new AuditEvent(tenantId, AuditAction.SCHEDULE_DELETED.key(), actor, "backup_schedule",
        String.valueOf(scheduleId), clock.instant(), Map.of("name", old.name())));
  }

  /**
   * The schedule.
   *
   * @throws NotFoundException if the tenant has no such schedule
   * @throws com.tenantpilot.scheduling.schedule.CorruptScheduleException if its stored row is invalid
   */
  public Schedule get(String tenantId, long scheduleId) {
    return ScheduleCodec.decode(schedules.find(tenantId, scheduleId)
        .orElseThrow(() -> new NotFoundException("schedule", tenantId, scheduleId)));
  }

  /** The tenant's schedules as stored (rows that cannot be decoded are included as they are). */
  public List<StoredSchedule> list(String tenantId) {
    return schedules.list(tenantId);
  }

  /** The next {@code count} slots of a schedule from now, with notes on DST gaps and overlaps. */
  public List<SlotPreview> preview(String tenantId, long scheduleId, int count) {
    return SlotCalculator.preview(get(tenantId, scheduleId).recurrence(), clock.instant(), count);
  }

  /**
   * The schedule's run history, newest first.
   *
   * @throws NotFoundException if the tenant has no such schedule
   */
  public List<Run> history(String tenantId, long scheduleId, int limit) {
    schedules.find(tenantId, scheduleId).orElseThrow(() -> new NotFoundException("schedule", tenantId, scheduleId));
    return runs.history(tenantId, scheduleId, limit);
  }

  /**
   * "Run now": a MANUAL run for the current minute, queued at once. A second click in the same
   * minute, or a minute that already has a run of any trigger, returns that run.
   */
  public Run runNow(String tenantId, long scheduleId, String actingUser) {
    requireUser(actingUser);
    Schedule schedule = get(tenantId, scheduleId);
    Instant now = clock.instant();
    Instant slot = now.truncatedTo(ChronoUnit.MINUTES);
    RunCreation creation = runs.createIfAbsent(new NewRun(schedule.id(), tenantId, slot, RunTrigger.MANUAL,
        RunStatus.QUEUED, null, null, now, actingUser, null));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("runId", creation.run().id());
    meta.put("scheduledFor", slot.toString());
    meta.put("created", creation.created());
    audit.record(new AuditEvent(tenantId, AuditAction.RUN_NOW.key(), actingUser, "backup_schedule",
        String.valueOf(schedule.id()), now, meta));
    return creation.run();
  }

  /**
   * "Retry" of a FAILED or PARTIAL run: a RETRY run with {@code retryOf} set, claimable at once.
   * Its slot is the current minute; if the minute already has a run of the schedule that is still
   * QUEUED or RUNNING (a second click, or a run about to do the same work), that run is returned.
   * If the minute holds a finished run (typically the very run being retried, when it failed within
   * the minute), the retry takes the next free minute instead, so a retry is never swallowed by
   * the run it retries.
   *
   * @throws RunActionException if the run is not FAILED or PARTIAL
   */
  public Run retry(String tenantId, long runId, String actingUser) {
    requireUser(actingUser);
    Run original = runs.find(tenantId, runId).orElseThrow(() -> new NotFoundException("run", tenantId, runId));
    if (original.status() != RunStatus.FAILED && original.status() != RunStatus.PARTIAL) {
      throw new RunActionException("run " + runId + " is " + original.status()
          + "; only FAILED and PARTIAL runs can be retried");
    }
    Schedule schedule = get(tenantId, original.scheduleId());
    Instant now = clock.instant();
    Instant slot = now.truncatedTo(ChronoUnit.MINUTES);
    RunCreation creation = null;
    for (int i = 0; i < MAX_RETRY_SLOT_PROBES; i++, slot = slot.plus(1, ChronoUnit.MINUTES)) {
      creation = runs.createIfAbsent(new NewRun(schedule.id(), tenantId, slot, RunTrigger.RETRY,
          RunStatus.QUEUED, null, null, now, actingUser, original.id()));
      if (creation.created() || !creation.run().status().isTerminal()) {
        break;
      }
    }
    if (!creation.created() && creation.run().status().isTerminal()) {
      throw new RunActionException("run " + runId + " could not be retried: the next " + MAX_RETRY_SLOT_PROBES
          + " minutes of schedule " + schedule.id() + " already have finished runs; try again later");
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("retryOf", original.id());
    meta.put("runId", creation.run().id());
    meta.put("created", creation.created());
    audit.record(new AuditEvent(tenantId, AuditAction.RETRY.key(), actingUser, "backup_schedule_run",
        String.valueOf(original.id()), now, meta));
    return creation.run();
  }

  /**
   * Cancels a QUEUED run.
   *
   * @throws RunActionException if the run is not QUEUED
   */
  public Run cancel(String tenantId, long runId, String actingUser) {
    requireUser(actingUser);
    Run run = runs.find(tenantId, runId).orElseThrow(() -> new NotFoundException("run", tenantId, runId));
    Instant now = clock.instant();
    if (!runs.cancel(tenantId, runId, now)) {
      throw new RunActionException("run " + runId + " is " + runs.find(tenantId, runId).map(Run::status).orElse(run.status())
          + "; only QUEUED runs can be canceled");
    }
    audit.record(new AuditEvent(tenantId, AuditAction.RUN_CANCELED.key(), actingUser, "backup_schedule_run",
        String.valueOf(runId), now, Map.of("scheduleId", run.scheduleId())));
    return runs.find(tenantId, runId).orElseThrow(() -> new NotFoundException("run", tenantId, runId));
  }

  private static void requireUser(String actingUser) {
    if (actingUser == null || actingUser.isBlank()) {
      throw new IllegalArgumentException("actingUser must name the user, was '" + actingUser + "'");
    }
  }

  private void audit(Schedule s, AuditAction action, String actor, Instant at, Map<String, Object> meta) {
    audit.record(new AuditEvent(s.tenantId(), action.key(), actor, "backup_schedule", String.valueOf(s.id()), at, meta));
  }

  private static Map<String, Object> describe(ScheduleSpec spec) {
    StoredSchedule e = ScheduleCodec.encode(0, spec, null, null, null, Instant.EPOCH, Instant.EPOCH);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", spec.name());
    meta.put("enabled", spec.enabled());
    meta.put("frequency", e.frequency());
    meta.put("timeOfDay", e.timeOfDay());
    meta.put("daysOfWeek", e.daysOfWeek());
    meta.put("timezone", e.timezone());
    meta.put("policyTypes", spec.policyTypes());
    meta.put("retentionKeepLast", spec.retentionKeepLast());
    return meta;
  }
}
