package com.tenantpilot.scheduling.jdbc;

import static com.tenantpilot.scheduling.jdbc.internal.StoreContext.instant;

import com.tenantpilot.scheduling.jdbc.internal.Dialect;
import com.tenantpilot.scheduling.jdbc.internal.Dialect.Column;
import com.tenantpilot.scheduling.jdbc.internal.Dialect.Column.Type;
import com.tenantpilot.scheduling.jdbc.internal.Dialect.Mutex;
import com.tenantpilot.scheduling.jdbc.internal.Rows;
import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import com.tenantpilot.scheduling.port.NextRunUpdate;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link ScheduleStore} on table {@code backup_schedules}.
 *
 * <p>Strings are stored and returned verbatim, never validated (the core parses them, so a
 * corrupt row is reported for that schedule alone). {@link #findDue} is served by the index on
 * {@code next_run_at} (partial, {@code WHERE is_enabled}, on PostgreSQL). {@link #advance} is a
 * set-based compare-and-set per {@link JdbcSchedulingOptions#batchSize()} schedules, in one
 * transaction, locking rows in id order so that concurrent dispatchers never deadlock. Deleting
 * a schedule deletes its runs through the foreign key's {@code ON DELETE CASCADE}; its backup
 * sets stay.
 *
 * <p>Thread-safe.
 */
public final class JdbiScheduleStore implements ScheduleStore {

  private static final String SELECT = "SELECT " + Rows.SCHEDULE_COLUMNS + " FROM backup_schedules ";
  private static final List<Column> ADVANCE_COLUMNS = List.of(new Column("id", Type.BIGINT),
      new Column("tenant_id", Type.TEXT), new Column("expected", Type.TIMESTAMP), new Column("next", Type.TIMESTAMP));

  private final StoreContext ctx;
  private final String insertSql;
  private final String updateSql;
  private final String findDueSql;
  private final Map<Integer, String> advanceSql = new ConcurrentHashMap<>();

  /** A store over {@code ctx}; see {@link JdbcScheduling} for the usual way to build one. */
  public JdbiScheduleStore(StoreContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    Dialect d = ctx.dialect();
    this.insertSql = d.returning("INSERT INTO backup_schedules (tenant_id, name, is_enabled, frequency, time_of_day, "
        + "days_of_week, timezone, policy_types, retention_keep_last, next_run_at, last_run_at, last_run_status, "
        + "created_at, updated_at) VALUES (:tenant, :name, :enabled, :frequency, :timeOfDay, " + d.json(":days")
        + ", :timezone, " + d.json(":types") + ", :keep, :nextRunAt, :lastRunAt, :lastRunStatus, :createdAt, :updatedAt)",
        "id");
    this.updateSql = "UPDATE backup_schedules SET name = :name, is_enabled = :enabled, frequency = :frequency, "
        + "time_of_day = :timeOfDay, days_of_week = " + d.json(":days") + ", timezone = :timezone, policy_types = "
        + d.json(":types") + ", retention_keep_last = :keep, next_run_at = :nextRunAt, updated_at = :updatedAt "
        + "WHERE id = :id AND tenant_id = :tenant";
    this.findDueSql = SELECT + "WHERE is_enabled = TRUE AND next_run_at <= :now ORDER BY next_run_at, id LIMIT :limit";
  }

  @Override
  public StoredSchedule insert(StoredSchedule s) {
    return ctx.withHandle("insert a schedule of tenant '" + s.tenantId() + "'", h -> {
      long id = h.createQuery(insertSql)
          .bind("tenant", s.tenantId())
          .bind("name", s.name())
          .bind("enabled", s.enabled())
          .bind("frequency", s.frequency())
          .bind("timeOfDay", s.timeOfDay())
          .bind("days", ctx.json().strings(s.daysOfWeek()))
          .bind("timezone", s.timezone())
          .bind("types", ctx.json().strings(s.policyTypes()))
          .bind("keep", s.retentionKeepLast())
          .bind("nextRunAt", instant(s.nextRunAt()))
          .bind("lastRunAt", instant(s.lastRunAt()))
          .bind("lastRunStatus", s.lastRunStatus())
          .bind("createdAt", instant(s.createdAt()))
          .bind("updatedAt", instant(s.updatedAt()))
          .mapTo(Long.class)
          .one();
      return s.withId(id);
    });
  }

  @Override
  public boolean update(StoredSchedule s) {
    return ctx.withHandle("update schedule " + s.id() + " of tenant '" + s.tenantId() + "'", h -> h.createUpdate(updateSql)
        .bind("id", s.id())
        .bind("tenant", s.tenantId())
        .bind("name", s.name())
        .bind("enabled", s.enabled())
        .bind("frequency", s.frequency())
        .bind("timeOfDay", s.timeOfDay())
        .bind("days", ctx.json().strings(s.daysOfWeek()))
        .bind("timezone", s.timezone())
        .bind("types", ctx.json().strings(s.policyTypes()))
        .bind("keep", s.retentionKeepLast())
        .bind("nextRunAt", instant(s.nextRunAt()))
        .bind("updatedAt", instant(s.updatedAt()))
        .execute() == 1);
  }

  @Override
  public boolean delete(String tenantId, long scheduleId) {
    return ctx.withHandle("delete schedule " + scheduleId + " of tenant '" + tenantId + "'", h -> h
        .createUpdate("DELETE FROM backup_schedules WHERE id = :id AND tenant_id = :tenant")
        .bind("id", scheduleId)
        .bind("tenant", tenantId)
        .execute() == 1);
  }

  @Override
  public Optional<StoredSchedule> find(String tenantId, long scheduleId) {
    return ctx.withHandle("find schedule " + scheduleId + " of tenant '" + tenantId + "'", h -> h
        .createQuery(SELECT + "WHERE id = :id AND tenant_id = :tenant")
        .bind("id", scheduleId)
        .bind("tenant", tenantId)
        .map(ctx.rows().schedule())
        .findOne());
  }

  @Override
  public List<StoredSchedule> list(String tenantId) {
    return ctx.withHandle("list schedules of tenant '" + tenantId + "'", h -> h
        .createQuery(SELECT + "WHERE tenant_id = :tenant ORDER BY id")
        .bind("tenant", tenantId)
        .map(ctx.rows().schedule())
        .list());
  }

  @Override
  public List<StoredSchedule> findDue(Instant now, int limit) {
    Objects.requireNonNull(now, "now");
    return ctx.withHandle("find due schedules", h -> h.createQuery(findDueSql)
        .bind("now", instant(now))
        .bind("limit", limit)
        .map(ctx.rows().schedule())
        .list());
  }

  @Override
  public int advance(List<NextRunUpdate> updates) {
    if (updates.isEmpty()) {
      return 0;
    }
    Map<Long, NextRunUpdate> unique = new TreeMap<>();
    updates.forEach(u -> unique.putIfAbsent(u.scheduleId(), u));
    List<NextRunUpdate> sorted = List.copyOf(unique.values());
    return ctx.inTransaction("advance " + updates.size() + " schedules", h -> {
      ctx.dialect().takeTurn(h, Mutex.RUNS);
      int moved = 0;
      for (int from = 0; from < sorted.size(); from += ctx.batchSize()) {
        List<NextRunUpdate> chunk = sorted.subList(from, Math.min(sorted.size(), from + ctx.batchSize()));
        String sql = advanceSql.computeIfAbsent(chunk.size(),
            n -> ctx.dialect().advanceNextRuns(ctx.dialect().rows(ADVANCE_COLUMNS, n)));
        Update update = h.createUpdate(sql);
        ctx.dialect().bindRows(update, ADVANCE_COLUMNS, chunk.stream()
            .map(u -> new Object[] {u.scheduleId(), u.tenantId(), u.expected(), u.next()})
            .toList());
        moved += update.execute();
      }
      return moved;
    });
  }

  @Override
  public void recordLastRun(String tenantId, long scheduleId, Instant finishedAt, RunStatus status) {
    ctx.withHandle("record last run of schedule " + scheduleId + " of tenant '" + tenantId + "'", h -> h
        .createUpdate("UPDATE backup_schedules SET last_run_at = :at, last_run_status = :status "
            + "WHERE id = :id AND tenant_id = :tenant AND (last_run_at IS NULL OR last_run_at <= :at)")
        .bind("at", instant(finishedAt))
        .bind("status", status.storedName())
        .bind("id", scheduleId)
        .bind("tenant", tenantId)
        .execute());
  }
}
