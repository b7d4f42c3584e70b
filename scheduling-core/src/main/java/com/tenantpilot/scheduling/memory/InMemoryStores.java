package com.tenantpilot.scheduling.memory;

import com.tenantpilot.scheduling.SchedulingException;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.NextRunUpdate;
import com.tenantpilot.scheduling.port.Notification;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.RunCreation;
import com.tenantpilot.scheduling.port.RunOutcome;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.LeaseRef;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * In-memory implementations of every store port, the audit log and the notifier, sharing one
 * lock so that cross-store rules (deleting a schedule deletes its runs) hold atomically.
 *
 * <p>For single-node embedding, simulations and tests. They pass the same contract tests as the
 * JDBC adapter. Time (creation stamps, lease expiry, {@code notBefore}) comes from the given
 * clock. Nothing survives the JVM.
 *
 * <p>Thread-safe: every operation holds one monitor.
 */
public final class InMemoryStores {

  private final Clock clock;
  private final Object lock = new Object();

  private final TreeMap<Long, StoredSchedule> schedules = new TreeMap<>();
  private final TreeSet<DueKey> dueIndex = new TreeSet<>();
  private long scheduleIds;

  private final TreeMap<Long, Run> runs = new TreeMap<>();
  private final Map<SlotKey, Long> runBySlot = new HashMap<>();
  private final TreeSet<DueKey> queuedIndex = new TreeSet<>();
  private final TreeSet<Long> runningIds = new TreeSet<>();
  private long runIds;
  private long leaseTokens;

  private final TreeMap<Long, BackupSet> backupSets = new TreeMap<>();
  private final Map<Long, List<BackupItem>> backupItems = new HashMap<>();
  private final Map<Long, List<Long>> backupSetsBySchedule = new HashMap<>();
  private long backupSetIds;

  private final Map<String, List<PolicySnapshot>> inventory = new HashMap<>();

  private final List<AuditEvent> auditEvents = Collections.synchronizedList(new ArrayList<>());
  private final List<Notification> notifications = Collections.synchronizedList(new ArrayList<>());

  private final Schedules scheduleStore = new Schedules();
  private final Runs runStore = new Runs();
  private final BackupSets backupSetStore = new BackupSets();
  private final Policies policyStore = new Policies();

  /** Empty stores reading time from {@code clock}. */
  public InMemoryStores(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The schedule store. */
  public ScheduleStore schedules() {
    return scheduleStore;
  }

  /** The run store. */
  public RunStore runs() {
    return runStore;
  }

  /** The backup set store. */
  public BackupSetStore backupSets() {
    return backupSetStore;
  }

  /** The policy inventory. */
  public PolicyStore policies() {
    return policyStore;
  }

  /** An audit log that keeps entries in memory; see {@link #auditEvents()}. */
  public AuditLog auditLog() {
    return auditEvents::add;
  }

  /** A notifier that keeps notifications in memory; see {@link #notifications()}. */
  public Notifier notifier() {
    return notifications::add;
  }

  /** Every audit entry so far, oldest first. */
  public List<AuditEvent> auditEvents() {
    synchronized (auditEvents) {
      return List.copyOf(auditEvents);
    }
  }

  /** Every notification so far, oldest first. */
  public List<Notification> notifications() {
    synchronized (notifications) {
      return List.copyOf(notifications);
    }
  }

  /** Every run of every tenant, by id (for simulations and tests). */
  public List<Run> allRuns() {
    synchronized (lock) {
      return List.copyOf(runs.values());
    }
  }

  /** Every backup set of every tenant, deleted ones included, by id (for simulations and tests). */
  public List<BackupSet> allBackupSets() {
    synchronized (lock) {
      return List.copyOf(backupSets.values());
    }
  }

  /** Overwrites a stored schedule row as is, bypassing validation: to simulate a corrupt or legacy row. */
  public void putRaw(StoredSchedule row) {
    synchronized (lock) {
      StoredSchedule old = schedules.put(row.id(), row);
      if (old != null) {
        dueIndex.remove(DueKey.of(old));
      }
      index(row);
      scheduleIds = Math.max(scheduleIds, row.id());
    }
  }

  private void index(StoredSchedule row) {
    if (row.enabled() && row.nextRunAt() != null) {
      dueIndex.add(DueKey.of(row));
    }
  }

  private record DueKey(Instant at, long id) implements Comparable<DueKey> {
    static DueKey of(StoredSchedule s) {
      return new DueKey(s.nextRunAt() == null ? Instant.MAX : s.nextRunAt(), s.id());
    }

    static DueKey of(Run r) {
      return new DueKey(r.notBefore() == null ? Instant.MIN : r.notBefore(), r.id());
    }

    @Override
    public int compareTo(DueKey o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(id, o.id);
    }
  }

  private record SlotKey(long scheduleId, Instant slot) {}

  private final class Schedules implements ScheduleStore {

    @Override
    public StoredSchedule insert(StoredSchedule schedule) {
      synchronized (lock) {
        StoredSchedule row = schedule.withId(++scheduleIds);
        schedules.put(row.id(), row);
        index(row);
        return row;
      }
    }

    @Override
    public boolean update(StoredSchedule s) {
      synchronized (lock) {
        StoredSchedule old = schedules.get(s.id());
        if (old == null || !old.tenantId().equals(s.tenantId())) {
          return false;
        }
        StoredSchedule row = new StoredSchedule(s.id(), old.tenantId(), s.name(), s.enabled(), s.frequency(), s.timeOfDay(),
            s.daysOfWeek(), s.timezone(), s.policyTypes(), s.retentionKeepLast(), s.nextRunAt(), old.lastRunAt(),
            old.lastRunStatus(), old.createdAt(), s.updatedAt());
        dueIndex.remove(DueKey.of(old));
        schedules.put(row.id(), row);
        index(row);
        return true;
      }
    }

    @Override
    public boolean delete(String tenantId, long scheduleId) {
      synchronized (lock) {
        StoredSchedule old = schedules.get(scheduleId);
        if (old == null || !old.tenantId().equals(tenantId)) {
          return false;
        }
        schedules.remove(scheduleId);
        dueIndex.remove(DueKey.of(old));
        runs.values().removeIf(r -> {
          if (r.scheduleId() != scheduleId) {
            return false;
          }
          runBySlot.remove(new SlotKey(r.scheduleId(), r.scheduledFor()));
          queuedIndex.remove(DueKey.of(r));
          runningIds.remove(r.id());
          return true;
        });
        return true;
      }
    }

    @Override
    public Optional<StoredSchedule> find(String tenantId, long scheduleId) {
      synchronized (lock) {
        return Optional.ofNullable(schedules.get(scheduleId)).filter(s -> s.tenantId().equals(tenantId));
      }
    }

    @Override
    public List<StoredSchedule> list(String tenantId) {
      synchronized (lock) {
        return schedules.values().stream().filter(s -> s.tenantId().equals(tenantId)).toList();
      }
    }

    @Override
    public List<StoredSchedule> findDue(Instant now, int limit) {
      synchronized (lock) {
        List<StoredSchedule> due = new ArrayList<>();
        for (DueKey key : dueIndex) {
          if (key.at().isAfter(now) || due.size() >= limit) {
            break;
          }
          due.add(schedules.get(key.id()));
        }
        return due;
      }
    }

    @Override
    public int advance(List<NextRunUpdate> updates) {
      synchronized (lock) {
        int moved = 0;
        for (NextRunUpdate u : updates) {
          StoredSchedule old = schedules.get(u.scheduleId());
          if (old == null || !old.tenantId().equals(u.tenantId()) || !Objects.equals(old.nextRunAt(), u.expected())) {
            continue;
          }
          StoredSchedule row = new StoredSchedule(old.id(), old.tenantId(), old.name(), old.enabled(), old.frequency(),
              old.timeOfDay(), old.daysOfWeek(), old.timezone(), old.policyTypes(), old.retentionKeepLast(), u.next(),
              old.lastRunAt(), old.lastRunStatus(), old.createdAt(), old.updatedAt());
          dueIndex.remove(DueKey.of(old));
          schedules.put(row.id(), row);
          index(row);
          moved++;
        }
        return moved;
      }
    }

    @Override
    public void recordLastRun(String tenantId, long scheduleId, Instant finishedAt, RunStatus status) {
      synchronized (lock) {
        StoredSchedule old = schedules.get(scheduleId);
        if (old == null || !old.tenantId().equals(tenantId)
            || (old.lastRunAt() != null && old.lastRunAt().isAfter(finishedAt))) {
          return;
        }
        schedules.put(scheduleId, new StoredSchedule(old.id(), old.tenantId(), old.name(), old.enabled(), old.frequency(),
            old.timeOfDay(), old.daysOfWeek(), old.timezone(), old.policyTypes(), old.retentionKeepLast(), old.nextRunAt(),
            finishedAt, status.storedName(), old.createdAt(), old.updatedAt()));
      }
    }
  }

  private final class Runs implements RunStore {

    @Override
    public RunCreation createIfAbsent(NewRun n) {
      synchronized (lock) {
        requireOwnSchedule(n);
        Long existing = runBySlot.get(new SlotKey(n.scheduleId(), n.scheduledFor()));
        if (existing != null) {
          return new RunCreation(runs.get(existing), false);
        }
        Instant now = clock.instant();
        Run run = new Run(++runIds, n.scheduleId(), n.tenantId(), n.scheduledFor(), n.trigger(), n.status(), 0,
            n.notBefore() == null ? now : n.notBefore(), null, n.status() == RunStatus.SKIPPED ? now : null,
            n.errorCode(), n.errorMessage(), RunSummary.EMPTY, null, n.requestedBy(), n.retryOf(), null, now);
        put(run);
        return new RunCreation(run, true);
      }
    }

    @Override
    public int createAllIfAbsent(List<NewRun> batch) {
      synchronized (lock) {
        batch.forEach(this::requireOwnSchedule);
        int created = 0;
        for (NewRun n : batch) {
          if (createIfAbsent(n).created()) {
            created++;
          }
        }
        return created;
      }
    }

    @Override
    public Optional<Run> find(String tenantId, long runId) {
      synchronized (lock) {
        return Optional.ofNullable(runs.get(runId)).filter(r -> r.tenantId().equals(tenantId));
      }
    }

    @Override
    public Optional<Run> findBySlot(String tenantId, long scheduleId, Instant scheduledFor) {
      synchronized (lock) {
        Long id = runBySlot.get(new SlotKey(scheduleId, scheduledFor));
        return Optional.ofNullable(id == null ? null : runs.get(id)).filter(r -> r.tenantId().equals(tenantId));
      }
    }

    @Override
    public List<Run> history(String tenantId, long scheduleId, int limit) {
      synchronized (lock) {
        return runs.values().stream()
            .filter(r -> r.tenantId().equals(tenantId) && r.scheduleId() == scheduleId)
            .sorted(Comparator.comparing(Run::scheduledFor).thenComparing(Run::id).reversed())
            .limit(limit)
            .toList();
      }
    }

    @Override
    public List<Run> claim(ClaimRequest request) {
      synchronized (lock) {
        Instant now = clock.instant();
        Map<String, Integer> running = new HashMap<>();
        for (Long id : runningIds) {
          Run r = runs.get(id);
          if (r.status() == RunStatus.RUNNING && r.lease() != null && r.lease().expiresAt().isAfter(now)) {
            running.merge(r.tenantId(), 1, Integer::sum);
          }
        }
        List<Run> chosen = new ArrayList<>();
        for (DueKey key : queuedIndex) {
          if (chosen.size() >= request.limit() || key.at().isAfter(now)) {
            break;
          }
          Run r = runs.get(key.id());
          if (running.getOrDefault(r.tenantId(), 0) >= request.maxRunningPerTenant()) {
            continue;
          }
          running.merge(r.tenantId(), 1, Integer::sum);
          chosen.add(r);
        }
        List<Run> claimed = new ArrayList<>(chosen.size());
        for (Run r : chosen) {
          Run.Lease lease = new Run.Lease(request.owner(), ++leaseTokens, now.plus(request.leaseDuration()));
          Run next = new Run(r.id(), r.scheduleId(), r.tenantId(), r.scheduledFor(), r.trigger(),
              r.status().checkTransition(RunStatus.RUNNING), r.attempts() + 1, r.notBefore(),
              r.startedAt() == null ? now : r.startedAt(), null, r.errorCode(), r.errorMessage(), r.summary(),
              r.backupSetId(), r.requestedBy(), r.retryOf(), lease, r.createdAt());
          put(next);
          claimed.add(next);
        }
        return claimed;
      }
    }

    @Override
    public boolean renewLease(LeaseRef ref, Duration leaseDuration) {
      synchronized (lock) {
        Run r = held(ref);
        if (r == null) {
          return false;
        }
        put(withLease(r, new Run.Lease(r.lease().owner(), r.lease().token(), clock.instant().plus(leaseDuration))));
        return true;
      }
    }

    @Override
    public boolean requeue(LeaseRef ref, Instant notBefore, ErrorCode errorCode, String errorMessage, RunSummary summary) {
      synchronized (lock) {
        Run r = held(ref);
        if (r == null) {
          return false;
        }
        put(new Run(r.id(), r.scheduleId(), r.tenantId(), r.scheduledFor(), r.trigger(),
            r.status().checkTransition(RunStatus.QUEUED), r.attempts(), notBefore, r.startedAt(), null, errorCode,
            errorMessage, summary, r.backupSetId(), r.requestedBy(), r.retryOf(),
            new Run.Lease(null, r.lease().token(), null), r.createdAt()));
        return true;
      }
    }

    @Override
    public boolean finish(LeaseRef ref, RunOutcome o) {
      synchronized (lock) {
        Run r = held(ref);
        if (r == null) {
          return false;
        }
        put(new Run(r.id(), r.scheduleId(), r.tenantId(), r.scheduledFor(), r.trigger(),
            r.status().checkTransition(o.status()), r.attempts(), r.notBefore(), r.startedAt(), o.finishedAt(),
            o.errorCode(), o.errorMessage(), o.summary(), o.backupSetId(), r.requestedBy(), r.retryOf(),
            r.lease(), r.createdAt()));
        return true;
      }
    }

    @Override
    public List<Run> findExpiredLeases(int limit) {
      synchronized (lock) {
        Instant now = clock.instant();
        return runningIds.stream()
            .map(runs::get)
            .filter(r -> r.lease() != null && !r.lease().expiresAt().isAfter(now))
            .limit(limit)
            .toList();
      }
    }

    @Override
    public boolean recover(LeaseRef stale, boolean requeue, Instant at, ErrorCode errorCode, String errorMessage) {
      synchronized (lock) {
        Run r = held(stale);
        if (r == null || r.lease().expiresAt().isAfter(clock.instant())) {
          return false;
        }
        RunStatus to = r.status().checkTransition(requeue ? RunStatus.QUEUED : RunStatus.FAILED);
        put(new Run(r.id(), r.scheduleId(), r.tenantId(), r.scheduledFor(), r.trigger(), to, r.attempts(),
            requeue ? at : r.notBefore(), r.startedAt(), requeue ? null : at, errorCode, errorMessage, r.summary(),
            r.backupSetId(), r.requestedBy(), r.retryOf(), new Run.Lease(null, ++leaseTokens, null), r.createdAt()));
        return true;
      }
    }

    @Override
    public boolean cancel(String tenantId, long runId, Instant at) {
      synchronized (lock) {
        Run r = runs.get(runId);
        if (r == null || !r.tenantId().equals(tenantId) || r.status() != RunStatus.QUEUED) {
          return false;
        }
        put(new Run(r.id(), r.scheduleId(), r.tenantId(), r.scheduledFor(), r.trigger(),
            r.status().checkTransition(RunStatus.CANCELED), r.attempts(), r.notBefore(), r.startedAt(), at,
            r.errorCode(), r.errorMessage(), r.summary(), r.backupSetId(), r.requestedBy(), r.retryOf(), r.lease(),
            r.createdAt()));
        return true;
      }
    }

    /** Tenant isolation, as the JDBC adapter's (schedule, tenant) foreign key: a run only for the tenant's own schedule. */
    private void requireOwnSchedule(NewRun n) {
      StoredSchedule owner = schedules.get(n.scheduleId());
      if (owner == null || !owner.tenantId().equals(n.tenantId())) {
        throw new SchedulingException("cannot create a run for schedule " + n.scheduleId() + " of tenant '"
            + n.tenantId() + "': the tenant has no such schedule");
      }
    }

    /** The run if it is RUNNING under this token and tenant, else null. */
    private Run held(LeaseRef ref) {
      Run r = runs.get(ref.runId());
      if (r == null || !r.tenantId().equals(ref.tenantId()) || r.status() != RunStatus.RUNNING
          || r.lease() == null || r.lease().token() != ref.token()) {
        return null;
      }
      return r;
    }

    private void put(Run run) {
      Run old = runs.put(run.id(), run);
      if (old != null) {
        queuedIndex.remove(DueKey.of(old));
      }
      runBySlot.put(new SlotKey(run.scheduleId(), run.scheduledFor()), run.id());
      if (run.status() == RunStatus.QUEUED) {
        queuedIndex.add(DueKey.of(run));
      }
      if (run.status() == RunStatus.RUNNING) {
        runningIds.add(run.id());
      } else {
        runningIds.remove(run.id());
      }
    }

    private Run withLease(Run r, Run.Lease lease) {
      return new Run(r.id(), r.scheduleId(), r.tenantId(), r.scheduledFor(), r.trigger(), r.status(), r.attempts(),
          r.notBefore(), r.startedAt(), r.finishedAt(), r.errorCode(), r.errorMessage(), r.summary(), r.backupSetId(),
          r.requestedBy(), r.retryOf(), lease, r.createdAt());
    }
  }

  private final class BackupSets implements BackupSetStore {

    @Override
    public BackupSet create(NewBackupSet n) {
      synchronized (lock) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (BackupItem item : n.items()) {
          counts.merge(item.policyType(), 1, Integer::sum);
        }
        BackupSet set = new BackupSet(++backupSetIds, n.tenantId(), n.scheduleId(), n.runId(), n.name(),
            n.items().size(), counts, n.createdAt(), null);
        backupSets.put(set.id(), set);
        backupItems.put(set.id(), List.copyOf(n.items()));
        if (set.scheduleId() != null) {
          backupSetsBySchedule.computeIfAbsent(set.scheduleId(), k -> new ArrayList<>()).add(set.id());
        }
        return set;
      }
    }

    @Override
    public Optional<BackupSet> find(String tenantId, long backupSetId) {
      synchronized (lock) {
        return Optional.ofNullable(backupSets.get(backupSetId)).filter(s -> s.tenantId().equals(tenantId));
      }
    }

    @Override
    public List<BackupItem> items(String tenantId, long backupSetId) {
      synchronized (lock) {
        return find(tenantId, backupSetId).map(s -> backupItems.get(s.id())).orElse(List.of());
      }
    }

    @Override
    public List<BackupSet> listLive(String tenantId, long scheduleId) {
      synchronized (lock) {
        return backupSetsBySchedule.getOrDefault(scheduleId, List.of()).stream()
            .map(backupSets::get)
            .filter(live(tenantId, scheduleId))
            .sorted(Comparator.comparing(BackupSet::createdAt).thenComparing(BackupSet::id).reversed())
            .toList();
      }
    }

    @Override
    public int softDelete(String tenantId, long scheduleId, Collection<Long> ids, Instant deletedAt) {
      synchronized (lock) {
        int deleted = 0;
        for (Long id : ids) {
          BackupSet s = backupSets.get(id);
          if (s != null && live(tenantId, scheduleId).test(s)) {
            backupSets.put(id, new BackupSet(s.id(), s.tenantId(), s.scheduleId(), s.runId(), s.name(), s.itemCount(),
                s.countsByType(), s.createdAt(), deletedAt));
            deleted++;
          }
        }
        return deleted;
      }
    }

    private Predicate<BackupSet> live(String tenantId, long scheduleId) {
      return s -> s.tenantId().equals(tenantId) && s.scheduleId() != null && s.scheduleId() == scheduleId
          && s.deletedAt() == null;
    }
  }

  private final class Policies implements PolicyStore {

    @Override
    public void replace(String tenantId, String policyType, List<PolicySnapshot> policies, Instant syncedAt) {
      synchronized (lock) {
        List<PolicySnapshot> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparing(PolicySnapshot::policyId));
        inventory.put(tenantId + "\u0000" + policyType, List.copyOf(sorted));
      }
    }

    @Override
    public List<PolicySnapshot> list(String tenantId, String policyType) {
      synchronized (lock) {
        return inventory.getOrDefault(tenantId + "\u0000" + policyType, List.of());
      }
    }
  }
}
