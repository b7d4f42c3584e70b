package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.run.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persists schedules. Every method but {@link #findDue} is scoped by tenant: a schedule of
 * tenant A is invisible to a call for tenant B. Implementations are thread-safe.
 */
public interface ScheduleStore {

  /** Inserts a new schedule (its id is ignored) and returns it with the id the store assigned. */
  StoredSchedule insert(StoredSchedule schedule);

  /**
   * Replaces every admin-defined field, {@code nextRunAt} and {@code updatedAt} of the schedule
   * with the row's id and tenant. Derived last-run fields are left alone.
   *
   * @return false if no such schedule exists for that tenant
   */
  boolean update(StoredSchedule schedule);

  /**
   * Deletes a schedule and all its runs (a worker still executing one loses its lease writes).
   * Its backup sets are kept: they are the tenant's data, not the schedule's.
   *
   * @return false if no such schedule exists for that tenant
   */
  boolean delete(String tenantId, long scheduleId);

  /** The schedule with that id, if it belongs to that tenant. */
  Optional<StoredSchedule> find(String tenantId, long scheduleId);

  /** The tenant's schedules, by id. */
  List<StoredSchedule> list(String tenantId);

  /**
   * Enabled schedules of every tenant whose {@code nextRunAt <= now}, oldest first, at most
   * {@code limit}. This is the dispatcher's query: its cost must grow with the number of due
   * schedules, not the total (an index on {@code nextRunAt}).
   */
  List<StoredSchedule> findDue(Instant now, int limit);

  /**
   * Applies each update whose {@code expected} still matches, in one batch.
   *
   * @return how many schedules were moved
   */
  int advance(List<NextRunUpdate> updates);

  /**
   * Records the newest finished run on the schedule, unless a run that finished later is
   * already recorded.
   */
  void recordLastRun(String tenantId, long scheduleId, Instant finishedAt, RunStatus status);
}
