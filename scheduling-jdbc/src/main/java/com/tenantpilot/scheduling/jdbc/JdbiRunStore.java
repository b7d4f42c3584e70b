package com.tenantpilot.scheduling.jdbc;

import static com.tenantpilot.scheduling.jdbc.internal.StoreContext.instant;

import com.tenantpilot.scheduling.jdbc.internal.Dialect;
import com.tenantpilot.scheduling.jdbc.internal.Dialect.Column;
import com.tenantpilot.scheduling.jdbc.internal.Dialect.Column.Type;
import com.tenantpilot.scheduling.jdbc.internal.Dialect.Mutex;
import com.tenantpilot.scheduling.jdbc.internal.Rows;
import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.RunCreation;
import com.tenantpilot.scheduling.port.RunOutcome;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.LeaseRef;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link RunStore} on table {@code backup_schedule_runs}.
 *
 * <p>Creation is insert-if-absent on the unique key {@code (backup_schedule_id, scheduled_for)}:
 * {@code INSERT ... ON CONFLICT DO NOTHING} on PostgreSQL, {@code MERGE ... WHEN NOT MATCHED} on
 * H2. A batch is sorted by that key and written as set-based statements of
 * {@link JdbcSchedulingOptions#batchSize()} rows each (one array per column on PostgreSQL), in
 * one transaction; concurrent dispatchers of the same minute insert in the same order, wait for
 * each other instead of deadlocking, and create each run once.
 *
 * <p>A claim is one transaction: pick the oldest due QUEUED runs ({@code FOR UPDATE SKIP LOCKED}
 * on PostgreSQL, so concurrent workers pick disjoint runs without waiting), leaving out runs of
 * tenants that already have {@code maxRunningPerTenant} runs RUNNING under a live lease (a probe
 * of at most that many index entries per candidate); lock the
 * candidates' tenants (transaction-scoped advisory locks on PostgreSQL, so two workers never
 * judge one tenant's cap at the same time); count those tenants' live RUNNING runs again; then
 * set the chosen runs RUNNING with {@code attempts + 1}, a lease, and a fresh fencing token from
 * a sequence. On H2 claims and creations take turns instead (see {@code Dialect}).
 *
 * <p>Every write to a claimed run is a single compare-and-set statement on
 * {@code status = 'running' AND lease_token = ? AND tenant_id = ?}; a stale token changes nothing.
 * Lease expiry is judged by "now" of the {@link StoreContext}: the database's clock unless a
 * {@link java.time.Clock} was configured.
 *
 * <p>Thread-safe.
 */
public final class JdbiRunStore implements RunStore {

  private static final String SELECT = "SELECT " + Rows.RUN_COLUMNS + " FROM backup_schedule_runs ";
  private static final String HELD = " WHERE id = :id AND tenant_id = :tenant AND status = 'running' AND lease_token = :token";
  private static final List<String> INSERT_COLUMNS = List.of("backup_schedule_id", "tenant_id", "scheduled_for",
      "trigger", "status", "not_before", "finished_at", "error_code", "error_message", "requested_by", "retry_of",
      "created_at");
  private static final List<Column> NEW_RUN_COLUMNS = List.of(new Column("sid", Type.BIGINT),
      new Column("tid", Type.TEXT), new Column("slot", Type.TIMESTAMP), new Column("trg", Type.TEXT),
      new Column("st", Type.TEXT), new Column("nb", Type.TIMESTAMP), new Column("ec", Type.TEXT),
      new Column("em", Type.TEXT), new Column("rb", Type.TEXT), new Column("ro", Type.BIGINT));
  private static final Comparator<NewRun> SLOT_ORDER =
      Comparator.comparingLong(NewRun::scheduleId).thenComparing(NewRun::scheduledFor);

  private final StoreContext ctx;
  private final Map<Integer, String> insertSql = new ConcurrentHashMap<>();
  private final String candidatesSql;
  private final String runningSql;
  private final String claimSql;
  private final String renewSql;
  private final String requeueSql;
  private final String finishSql;
  private final String expiredSql;
  private final String recoverToQueuedSql;
  private final String recoverToFailedSql;

  /** A store over {@code ctx}; see {@link JdbcScheduling} for the usual way to build one. */
  public JdbiRunStore(StoreContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    Dialect d = ctx.dialect();
    String now = ctx.now();
    // "the tenant has fewer than cap live running runs": is there no cap-th one? Reads at most cap
    // index entries per candidate. The constant status in ORDER BY lets H2 walk its
    // (status, not_before, id) index in order; PostgreSQL drops it as fixed by the WHERE.
    this.candidatesSql = "SELECT r.id, r.tenant_id FROM backup_schedule_runs r WHERE r.status = 'queued' "
        + "AND r.not_before <= " + now + " AND NOT EXISTS (SELECT 1 FROM backup_schedule_runs x "
        + "WHERE x.status = 'running' AND x.tenant_id = r.tenant_id AND x.lease_expires_at > " + now
        + " LIMIT 1 OFFSET :capMinusOne) ORDER BY r.status, r.not_before, r.id LIMIT :limit" + d.candidateLocking("r");
    this.runningSql = "SELECT tenant_id, COUNT(*) AS running FROM backup_schedule_runs WHERE status = 'running' AND "
        + "lease_expires_at > " + now + " AND tenant_id IN (<tenants>) GROUP BY tenant_id";
    this.claimSql = d.returning("UPDATE backup_schedule_runs SET status = 'running', attempts = attempts + 1, "
        + "started_at = COALESCE(started_at, " + now + "), lease_owner = :owner, lease_token = " + d.nextLeaseToken()
        + ", lease_expires_at = " + ctx.nowPlus(":leaseMillis") + " WHERE id IN (<ids>) AND status = 'queued'",
        Rows.RUN_COLUMNS);
    this.renewSql = "UPDATE backup_schedule_runs SET lease_expires_at = " + ctx.nowPlus(":leaseMillis") + HELD;
    this.requeueSql = "UPDATE backup_schedule_runs SET status = 'queued', not_before = :notBefore, finished_at = NULL, "
        + "error_code = :errorCode, error_message = :errorMessage, summary = " + d.json(":summary")
        + ", lease_owner = NULL, lease_expires_at = NULL" + HELD;
    this.finishSql = "UPDATE backup_schedule_runs SET status = :status, finished_at = :finishedAt, "
        + "error_code = :errorCode, error_message = :errorMessage, summary = " + d.json(":summary")
        + ", backup_set_id = :backupSetId" + HELD;
    this.expiredSql = SELECT + "WHERE status = 'running' AND lease_expires_at <= " + now
        + " ORDER BY status, lease_expires_at, id LIMIT :limit";
    String recover = " error_code = :errorCode, error_message = :errorMessage, lease_owner = NULL, "
        + "lease_expires_at = NULL, lease_token = " + d.nextLeaseToken() + HELD + " AND lease_expires_at <= " + now;
    this.recoverToQueuedSql = "UPDATE backup_schedule_runs SET status = 'queued', not_before = :at, finished_at = NULL,"
        + recover;
    this.recoverToFailedSql = "UPDATE backup_schedule_runs SET status = 'failed', finished_at = :at," + recover;
  }

  @Override
  public RunCreation createIfAbsent(NewRun run) {
    Objects.requireNonNull(run, "run");
    Instant now = ctx.clockInstant();
    return ctx.inTransaction(describe(run), h -> {
      ctx.dialect().takeTurn(h, Mutex.RUNS);
      int created = insert(h, List.of(run), now);
      Run stored = h.createQuery(SELECT + "WHERE backup_schedule_id = :schedule AND scheduled_for = :slot")
          .bind("schedule", run.scheduleId())
          .bind("slot", instant(run.scheduledFor()))
          .map(ctx.rows().run())
          .one();
      if (!stored.tenantId().equals(run.tenantId())) {
        throw new StoreConstraintException(describe(run) + " was rejected: schedule " + run.scheduleId()
            + " does not belong to tenant '" + run.tenantId() + "'", null);
      }
      return new RunCreation(stored, created == 1);
    });
  }

  @Override
  public int createAllIfAbsent(List<NewRun> runs) {
    if (runs.isEmpty()) {
      return 0;
    }
    Map<String, NewRun> unique = new LinkedHashMap<>();
    runs.stream().sorted(SLOT_ORDER).forEach(r -> unique.putIfAbsent(r.scheduleId() + "@" + r.scheduledFor(), r));
    List<NewRun> sorted = List.copyOf(unique.values());
    Instant now = ctx.clockInstant();
    return ctx.inTransaction("create " + runs.size() + " runs", h -> {
      ctx.dialect().takeTurn(h, Mutex.RUNS);
      int created = 0;
      for (int from = 0; from < sorted.size(); from += ctx.batchSize()) {
        created += insert(h, sorted.subList(from, Math.min(sorted.size(), from + ctx.batchSize())), now);
      }
      return created;
    });
  }

  /** One set-based insert-if-absent of {@code rows}; returns how many it inserted. */
  private int insert(Handle h, List<NewRun> rows, Instant now) {
    String sql = insertSql.computeIfAbsent(rows.size(), this::insertSql);
    Update update = h.createUpdate(sql);
    List<Object[]> values = new ArrayList<>(rows.size());
    for (NewRun r : rows) {
      values.add(new Object[] {r.scheduleId(), r.tenantId(), r.scheduledFor(), r.trigger().storedName(),
          r.status().storedName(), r.notBefore(), r.errorCode() == null ? null : r.errorCode().name(),
          r.errorMessage(), r.requestedBy(), r.retryOf()});
    }
    ctx.dialect().bindRows(update, NEW_RUN_COLUMNS, values);
    return ctx.bindNow(update, sql, now).execute();
  }

  private String insertSql(int rows) {
    String now = ctx.now();
    String source = "SELECT v.sid AS backup_schedule_id, v.tid AS tenant_id, v.slot AS scheduled_for, v.trg AS trigger, "
        + "v.st AS status, COALESCE(v.nb, " + now + ") AS not_before, "
        + "CASE WHEN v.st = 'skipped' THEN " + now + " END AS finished_at, v.ec AS error_code, "
        + "v.em AS error_message, v.rb AS requested_by, v.ro AS retry_of, " + now + " AS created_at "
        + "FROM " + ctx.dialect().rows(NEW_RUN_COLUMNS, rows);
    return ctx.dialect().insertIgnoringExisting("backup_schedule_runs", INSERT_COLUMNS,
        List.of("backup_schedule_id", "scheduled_for"), source);
  }

  @Override
  public Optional<Run> find(String tenantId, long runId) {
    return ctx.withHandle("find run " + runId + " of tenant '" + tenantId + "'", h -> h
        .createQuery(SELECT + "WHERE id = :id AND tenant_id = :tenant")
        .bind("id", runId)
        .bind("tenant", tenantId)
        .map(ctx.rows().run())
        .findOne());
  }

  @Override
  public Optional<Run> findBySlot(String tenantId, long scheduleId, Instant scheduledFor) {
    return ctx.withHandle("find the run of schedule " + scheduleId + " for " + scheduledFor, h -> h
        .createQuery(SELECT + "WHERE backup_schedule_id = :schedule AND scheduled_for = :slot AND tenant_id = :tenant")
        .bind("schedule", scheduleId)
        .bind("slot", instant(scheduledFor))
        .bind("tenant", tenantId)
        .map(ctx.rows().run())
        .findOne());
  }

  @Override
  public List<Run> history(String tenantId, long scheduleId, int limit) {
    return ctx.withHandle("read the run history of schedule " + scheduleId, h -> h
        .createQuery(SELECT + "WHERE backup_schedule_id = :schedule AND tenant_id = :tenant "
            + "ORDER BY scheduled_for DESC, id DESC LIMIT :limit")
        .bind("schedule", scheduleId)
        .bind("tenant", tenantId)
        .bind("limit", limit)
        .map(ctx.rows().run())
        .list());
  }

  @Override
  public List<Run> claim(ClaimRequest request) {
    Instant now = ctx.clockInstant();
    return ctx.inTransaction("claim runs for '" + request.owner() + "'", h -> {
      ctx.dialect().takeTurn(h, Mutex.RUNS);
      ctx.dialect().planForClaim(h);
      Map<Long, String> candidates = new LinkedHashMap<>();
      ctx.bindNow(h.createQuery(candidatesSql), candidatesSql, now)
          .bind("capMinusOne", request.maxRunningPerTenant() - 1)
          .bind("limit", request.limit())
          .map((rs, c) -> Map.entry(rs.getLong("id"), rs.getString("tenant_id")))
          .forEach(e -> candidates.put(e.getKey(), e.getValue()));
      if (candidates.isEmpty()) {
        return List.of();
      }
      List<String> tenants = List.copyOf(new TreeSet<>(candidates.values()));
      ctx.dialect().lockTenantsForClaim(h, tenants);
      Map<String, Integer> running = new HashMap<>();
      ctx.bindNow(h.createQuery(runningSql), runningSql, now)
          .bindList("tenants", tenants)
          .map((rs, c) -> Map.entry(rs.getString("tenant_id"), rs.getInt("running")))
          .forEach(e -> running.put(e.getKey(), e.getValue()));
      List<Long> chosen = new ArrayList<>();
      candidates.forEach((id, tenant) -> {
        if (running.getOrDefault(tenant, 0) < request.maxRunningPerTenant()) {
          chosen.add(id);
          running.merge(tenant, 1, Integer::sum);
        }
      });
      if (chosen.isEmpty()) {
        return List.of();
      }
      Map<Long, Integer> order = new HashMap<>();
      candidates.keySet().forEach(id -> order.put(id, order.size()));
      List<Run> claimed = new ArrayList<>(ctx.bindNow(h.createQuery(claimSql), claimSql, now)
          .bind("owner", request.owner())
          .bind("leaseMillis", request.leaseDuration().toMillis())
          .bindList("ids", chosen)
          .map(ctx.rows().run())
          .list());
      claimed.sort(Comparator.comparingInt(r -> order.get(r.id())));
      return claimed;
    });
  }

  @Override
  public boolean renewLease(LeaseRef lease, Duration leaseDuration) {
    Instant now = ctx.clockInstant();
    return ctx.withHandle("renew the lease of run " + lease.runId(), h ->
        held(ctx.bindNow(h.createUpdate(renewSql), renewSql, now), lease)
            .bind("leaseMillis", leaseDuration.toMillis())
            .execute() == 1);
  }

  @Override
  public boolean requeue(LeaseRef lease, Instant notBefore, ErrorCode errorCode, String errorMessage, RunSummary summary) {
    Objects.requireNonNull(notBefore, "notBefore");
    return ctx.withHandle("requeue run " + lease.runId(), h -> held(h.createUpdate(requeueSql), lease)
        .bind("notBefore", instant(notBefore))
        .bind("errorCode", errorCode == null ? null : errorCode.name())
        .bind("errorMessage", errorMessage)
        .bind("summary", ctx.json().summary(summary == null ? RunSummary.EMPTY : summary))
        .execute() == 1);
  }

  @Override
  public boolean finish(LeaseRef lease, RunOutcome outcome) {
    return ctx.withHandle("finish run " + lease.runId(), h -> held(h.createUpdate(finishSql), lease)
        .bind("status", RunStatus.RUNNING.checkTransition(outcome.status()).storedName())
        .bind("finishedAt", instant(outcome.finishedAt()))
        .bind("errorCode", outcome.errorCode() == null ? null : outcome.errorCode().name())
        .bind("errorMessage", outcome.errorMessage())
        .bind("summary", ctx.json().summary(outcome.summary()))
        .bind("backupSetId", outcome.backupSetId())
        .execute() == 1);
  }

  @Override
  public List<Run> findExpiredLeases(int limit) {
    Instant now = ctx.clockInstant();
    return ctx.withHandle("find expired leases", h -> ctx.bindNow(h.createQuery(expiredSql), expiredSql, now)
        .bind("limit", limit)
        .map(ctx.rows().run())
        .list());
  }

  @Override
  public boolean recover(LeaseRef stale, boolean requeue, Instant at, ErrorCode errorCode, String errorMessage) {
    Objects.requireNonNull(at, "at");
    Instant now = ctx.clockInstant();
    String sql = requeue ? recoverToQueuedSql : recoverToFailedSql;
    return ctx.withHandle("recover run " + stale.runId(), h -> held(ctx.bindNow(h.createUpdate(sql), sql, now), stale)
        .bind("at", instant(at))
        .bind("errorCode", errorCode == null ? null : errorCode.name())
        .bind("errorMessage", errorMessage)
        .execute() == 1);
  }

  @Override
  public boolean cancel(String tenantId, long runId, Instant at) {
    return ctx.withHandle("cancel run " + runId + " of tenant '" + tenantId + "'", h -> h
        .createUpdate("UPDATE backup_schedule_runs SET status = 'canceled', finished_at = :at "
            + "WHERE id = :id AND tenant_id = :tenant AND status = 'queued'")
        .bind("at", instant(at))
        .bind("id", runId)
        .bind("tenant", tenantId)
        .execute() == 1);
  }

  private static Update held(Update update, LeaseRef lease) {
    return update.bind("id", lease.runId()).bind("tenant", lease.tenantId()).bind("token", lease.token());
  }

  private static String describe(NewRun run) {
    return "create the run of schedule " + run.scheduleId() + " (tenant '" + run.tenantId() + "') for "
        + run.scheduledFor();
  }
}
