package com.tenantpilot.scheduling.harness.simulation;

import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.port.Notification;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunTrigger;
import com.tenantpilot.scheduling.schedule.Recurrence;
import com.tenantpilot.scheduling.schedule.SlotCalculator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checks the simulation's invariants as it goes and remembers, per invariant, whether it held and
 * the first few violations (each naming the seed and the step, so the run can be replayed).
 *
 * <p>Runs are fed to {@link #observe} after every store write (the simulation decorates the run
 * store) and again by a full scan after every simulated minute, so each run's status sequence is
 * seen write by write. The slot invariant is decided at the end, when it is known whether a
 * dispatcher was alive within each slot's grace window.
 *
 * <p>Not thread-safe: a simulation is single-threaded.
 */
public final class InvariantChecker {

  /** At most one run per (scheduleId, scheduledFor). */
  public static final String ONE_RUN_PER_SLOT = "one_run_per_slot";
  /** Every slot a dispatcher could see got a run; of a total outage only the latest missed slot is recorded. */
  public static final String EVERY_SLOT_HAS_A_RUN = "every_slot_has_a_run";
  /** Every observed status change is in the transition table; runs are created QUEUED or SKIPPED. */
  public static final String LEGAL_TRANSITIONS_ONLY = "legal_transitions_only";
  /** After a recovery pass no RUNNING run has an expired lease. */
  public static final String NO_RUNNING_WITHOUT_LIVE_LEASE = "no_running_without_live_lease";
  /** Retention only soft-deletes old sets of the run's own schedule and tenant. */
  public static final String RETENTION_SAFE = "retention_safe";
  /** Every notification is about a MANUAL or RETRY run and goes to its requestedBy. */
  public static final String NOTIFICATIONS_ONLY_INTERACTIVE = "notifications_only_interactive";
  /** Every finished MANUAL or RETRY run notified its user exactly once. */
  public static final String INTERACTIVE_RUNS_NOTIFIED = "interactive_runs_notified";
  /** A terminal run never changes again. */
  public static final String TERMINAL_RUNS_FINAL = "terminal_runs_final";
  /** No write with a stale lease token succeeds; an execution whose run was recovered ends LEASE_LOST. */
  public static final String STALE_WRITES_FENCED = "stale_writes_fenced";

  /** Every invariant, in report order. */
  public static final List<String> NAMES = List.of(ONE_RUN_PER_SLOT, EVERY_SLOT_HAS_A_RUN, LEGAL_TRANSITIONS_ONLY,
      NO_RUNNING_WITHOUT_LIVE_LEASE, RETENTION_SAFE, NOTIFICATIONS_ONLY_INTERACTIVE, INTERACTIVE_RUNS_NOTIFIED,
      TERMINAL_RUNS_FINAL, STALE_WRITES_FENCED);

  private static final int MAX_FAILURES_KEPT = 20;

  private final long seed;
  private final boolean failFast;
  private final Map<String, Boolean> results = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private Supplier<String> step = () -> "setup";

  private final TreeMap<Long, Run> lastSeen = new TreeMap<>();
  private final Map<Long, List<RunStatus>> sequences = new HashMap<>();
  private final Map<SlotKey, Long> runBySlot = new HashMap<>();
  private final TreeSet<Long> running = new TreeSet<>();
  private List<Run> lastScan = List.of();
  private final Map<Long, Integer> notificationsPerRun = new HashMap<>();

  /**
   * A checker for one simulation.
   *
   * @param failFast throw {@link InvariantViolationException} on the first violation instead of
   *     recording it
   */
  public InvariantChecker(long seed, boolean failFast) {
    this.seed = seed;
    this.failFast = failFast;
    for (String name : NAMES) {
      results.put(name, true);
    }
  }

  /** Names the step the next observations belong to (for the replay message). */
  public void step(String step) {
    this.step = () -> step;
  }

  /** Names the steps by a supplier, asked only when a violation needs the name. */
  public void step(Supplier<String> step) {
    this.step = step;
  }

  /** The current step. */
  public String step() {
    return step.get();
  }

  /** Whether each invariant held so far, in report order. */
  public Map<String, Boolean> results() {
    return new LinkedHashMap<>(results);
  }

  /** The first violations (at most 20), each naming the seed and the step. */
  public List<String> failures() {
    return List.copyOf(failures);
  }

  /** Whether every invariant held. */
  public boolean allHold() {
    return !results.containsValue(false);
  }

  /** Records a violation of {@code invariant}. */
  public void fail(String invariant, String message) {
    if (!results.containsKey(invariant)) {
      throw new IllegalArgumentException("invariant must be one of " + NAMES + ", was '" + invariant + "'");
    }
    results.put(invariant, false);
    String full = invariant + " violated (seed " + seed + ", step " + step.get() + "): " + message;
    if (failFast) {
      throw new InvariantViolationException(full);
    }
    if (failures.size() < MAX_FAILURES_KEPT) {
      failures.add(full);
    }
  }

  /** Each run's observed status sequence, by run id. */
  public Map<Long, List<RunStatus>> statusSequences() {
    Map<Long, List<RunStatus>> out = new TreeMap<>();
    sequences.forEach((id, seq) -> out.put(id, List.copyOf(seq)));
    return out;
  }

  /** The latest observed state of a run, or {@code null}. */
  public Run lastSeen(long runId) {
    return lastSeen.get(runId);
  }

  /** The latest observed state of every run, by id. */
  public Collection<Run> lastSeenRuns() {
    return lastSeen.values();
  }

  /** Feeds the current state of a run: checks the slot, the transition from its last state, finality. */
  public void observe(Run run) {
    Run prev = lastSeen.get(run.id());
    if (prev == run || run.equals(prev)) {
      return;
    }
    if (prev == null) {
      Long other = runBySlot.putIfAbsent(new SlotKey(run.scheduleId(), run.scheduledFor()), run.id());
      if (other != null && other != run.id()) {
        fail(ONE_RUN_PER_SLOT, "runs " + other + " and " + run.id() + " both for schedule " + run.scheduleId()
            + " slot " + run.scheduledFor());
      }
      if (run.status() != RunStatus.QUEUED && run.status() != RunStatus.SKIPPED) {
        fail(LEGAL_TRANSITIONS_ONLY, "run " + run.id() + " first seen as " + run.status());
      }
      List<RunStatus> seq = new ArrayList<>(4);
      seq.add(run.status());
      sequences.put(run.id(), seq);
    } else {
      if (prev.status().isTerminal()) {
        fail(TERMINAL_RUNS_FINAL, "run " + run.id() + " changed after reaching " + prev.status() + ": " + prev + " -> " + run);
      }
      if (prev.scheduleId() != run.scheduleId() || !prev.scheduledFor().equals(run.scheduledFor())) {
        fail(ONE_RUN_PER_SLOT, "run " + run.id() + " moved from slot " + prev.scheduledFor() + " to " + run.scheduledFor());
      }
      if (prev.status() != run.status()) {
        if (!prev.status().canTransitionTo(run.status())) {
          fail(LEGAL_TRANSITIONS_ONLY, "run " + run.id() + " went " + prev.status() + " -> " + run.status());
        }
        sequences.get(run.id()).add(run.status());
      }
    }
    lastSeen.put(run.id(), run);
    if (run.status() == RunStatus.RUNNING) {
      running.add(run.id());
    } else {
      running.remove(run.id());
    }
  }

  /**
   * Feeds every run (a full scan). A run that is the very object the previous scan saw at the same
   * position was already checked and is skipped.
   */
  public void observeAll(List<Run> runs) {
    List<Run> previous = lastScan;
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      if (i < previous.size() && previous.get(i) == run) {
        continue;
      }
      observe(run);
    }
    lastScan = runs;
  }

  /** After a recovery pass at {@code now}: no RUNNING run may hold an expired lease. */
  public void checkLeasesAfterRecovery(Instant now) {
    for (Long id : running) {
      Run r = lastSeen.get(id);
      if (r.lease() == null || r.lease().expiresAt() == null || !r.lease().expiresAt().isAfter(now)) {
        fail(NO_RUNNING_WITHOUT_LIVE_LEASE, "run " + id + " is RUNNING with lease " + r.lease() + " at " + now
            + " right after a recovery pass");
      }
    }
  }

  /** Checks one notification against the run it names ({@code null} if there is none). */
  public void checkNotification(Notification n, Run run) {
    Object runId = n.data().get("runId");
    if (run == null) {
      fail(NOTIFICATIONS_ONLY_INTERACTIVE, "notification to " + n.userId() + " names no known run: " + n.data());
      return;
    }
    notificationsPerRun.merge(run.id(), 1, Integer::sum);
    if (run.trigger() == RunTrigger.SCHEDULED) {
      fail(NOTIFICATIONS_ONLY_INTERACTIVE, "notification to " + n.userId() + " about SCHEDULED run " + runId);
    } else if (!n.userId().equals(run.requestedBy()) || !n.tenantId().equals(run.tenantId())) {
      fail(NOTIFICATIONS_ONLY_INTERACTIVE, "notification about run " + runId + " went to " + n.tenantId() + "/"
          + n.userId() + ", requested by " + run.tenantId() + "/" + run.requestedBy());
    }
  }

  /** At the end: every terminal MANUAL or RETRY run notified its user exactly once. */
  public void checkInteractiveRunsNotified(List<Run> runs) {
    for (Run r : runs) {
      if (r.trigger() != RunTrigger.SCHEDULED && r.status().isTerminal()) {
        int n = notificationsPerRun.getOrDefault(r.id(), 0);
        if (n != 1) {
          fail(INTERACTIVE_RUNS_NOTIFIED, r.trigger() + " run " + r.id() + " of " + r.requestedBy() + " ended "
              + r.status() + " with " + n + " notifications");
        }
      }
    }
  }

  /**
   * Checks one retention deletion before and after it happened.
   *
   * @param liveBefore the schedule's live sets just before, newest first
   * @param keepLast the schedule's retentionKeepLast
   * @param justWritten the set the run wrote just before, or {@code null}
   * @param before every set just before
   * @param after every set just after
   */
  public void checkRetention(String tenantId, long scheduleId, Collection<Long> ids, List<BackupSet> liveBefore,
      int keepLast, Long justWritten, List<BackupSet> before, List<BackupSet> after) {
    Set<Long> newest = new HashSet<>();
    for (int i = 0; i < Math.min(keepLast, liveBefore.size()); i++) {
      newest.add(liveBefore.get(i).id());
    }
    for (Long id : ids) {
      if (newest.contains(id)) {
        fail(RETENTION_SAFE, "set " + id + " of schedule " + scheduleId + " deleted while among the newest " + keepLast);
      }
      if (Objects.equals(id, justWritten)) {
        fail(RETENTION_SAFE, "set " + id + " just written by schedule " + scheduleId + " was deleted");
      }
    }
    Map<Long, BackupSet> old = new HashMap<>();
    for (BackupSet s : before) {
      old.put(s.id(), s);
    }
    for (BackupSet s : after) {
      BackupSet was = old.get(s.id());
      if (was == null || Objects.equals(was.deletedAt(), s.deletedAt())) {
        continue;
      }
      if (was.deletedAt() != null) {
        fail(RETENTION_SAFE, "set " + s.id() + " deleted twice");
      }
      if (!ids.contains(s.id()) || !tenantId.equals(s.tenantId()) || !Objects.equals(s.scheduleId(), scheduleId)) {
        fail(RETENTION_SAFE, "retention of schedule " + scheduleId + " (tenant " + tenantId + ") deleted set " + s.id()
            + " of schedule " + s.scheduleId() + " (tenant " + s.tenantId() + ")");
      }
    }
  }

  /**
   * One interval in which a schedule was enabled with one recurrence.
   *
   * @param scheduleId the schedule
   * @param recurrence its timing in the interval
   * @param enabledFrom when it was created, edited or enabled; only slots strictly after count
   * @param fromTick the first minute whose dispatch can see the interval's slots
   * @param toTick the first minute that no longer can (the next edit, or the end of the window)
   */
  public record Segment(long scheduleId, Recurrence recurrence, Instant enabledFrom, int fromTick, int toTick) {}

  /**
   * Checks {@link #EVERY_SLOT_HAS_A_RUN}, slots computed independently with
   * {@link SlotCalculator#between}: a slot with an alive dispatcher minute within its grace window
   * must have a run, and a SCHEDULED one is not MISSED_SLOT; a slot whose grace window was a total
   * outage must have a run only if it is the latest slot at the first alive minute after it (a
   * SCHEDULED one then is MISSED_SLOT), and otherwise no SCHEDULED run (no catch-up).
   *
   * @param alive bit {@code i} set when some dispatcher ran at minute {@code i}
   * @param runs every run
   */
  public void checkSlots(List<Segment> segments, BitSet alive, Instant start, Duration grace, List<Run> runs) {
    Map<SlotKey, Run> bySlot = new HashMap<>();
    for (Run r : runs) {
      bySlot.put(new SlotKey(r.scheduleId(), r.scheduledFor()), r);
    }
    long graceTicks = grace.toMinutes();
    for (Segment seg : segments) {
      if (seg.toTick() <= seg.fromTick()) {
        continue;
      }
      Instant lastTickTime = start.plus(Duration.ofMinutes(seg.toTick() - 1L));
      List<Instant> slots = SlotCalculator.between(seg.recurrence(), seg.enabledFrom().plusSeconds(1),
          lastTickTime.plusSeconds(1));
      for (Instant slot : slots) {
        int slotTick = (int) Duration.between(start, slot).toMinutes();
        int windowEnd = (int) Math.min(slotTick + graceTicks, seg.toTick() - 1L);
        int firstAlive = alive.nextSetBit(slotTick);
        boolean expected;
        String why;
        if (firstAlive >= 0 && firstAlive <= windowEnd) {
          expected = true;
          why = "a dispatcher ran at minute " + firstAlive;
        } else if (firstAlive >= 0 && firstAlive < seg.toTick()) {
          Instant at = start.plus(Duration.ofMinutes(firstAlive));
          Instant latest = null;
          for (Instant s : slots) {
            if (!s.isAfter(at)) {
              latest = s;
            }
          }
          expected = slot.equals(latest);
          why = "the first dispatch after the outage was at " + at + ", latest slot then " + latest;
        } else {
          expected = false;
          why = "no dispatcher ran after it while the schedule had this timing";
        }
        Run run = bySlot.get(new SlotKey(seg.scheduleId(), slot));
        step("slot " + slot + " of schedule " + seg.scheduleId());
        boolean inGrace = firstAlive >= 0 && firstAlive <= windowEnd;
        if (expected && run == null) {
          fail(EVERY_SLOT_HAS_A_RUN, "schedule " + seg.scheduleId() + " slot " + slot + " has no run; " + why);
        } else if (expected && run.trigger() == RunTrigger.SCHEDULED && inGrace == (run.errorCode() == ErrorCode.MISSED_SLOT)) {
          fail(EVERY_SLOT_HAS_A_RUN, "schedule " + seg.scheduleId() + " slot " + slot + " has run " + run.id() + " "
              + run.status() + " " + run.errorCode() + " but must " + (inGrace ? "not " : "") + "be MISSED_SLOT; " + why);
        } else if (!expected && run != null && run.trigger() == RunTrigger.SCHEDULED) {
          fail(EVERY_SLOT_HAS_A_RUN, "schedule " + seg.scheduleId() + " slot " + slot + " has run " + run.id() + " "
              + run.status() + " " + run.errorCode() + " but must not (no catch-up); " + why);
        }
      }
    }
  }

  private record SlotKey(long scheduleId, Instant scheduledFor) {}
}
