package com.tenantpilot.scheduling.harness.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.port.Notification;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import com.tenantpilot.scheduling.run.RunTrigger;
import com.tenantpilot.scheduling.schedule.Recurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feeds the checker fabricated histories: each broken one must be reported, each sound one not. */
class InvariantCheckerTest {

  private static final Instant SLOT = Instant.parse("2024-03-10T01:30:00Z");
  private final InvariantChecker checker = new InvariantChecker(99, false);

  private static Run run(long id, Instant slot, RunTrigger trigger, RunStatus status, String requestedBy, Run.Lease lease) {
    return new Run(id, 7, "tenant-1", slot, trigger, status, 1, slot, null, null, null, null, RunSummary.EMPTY, null,
        requestedBy, null, lease, slot);
  }

  private static Run run(long id, RunStatus status) {
    return run(id, SLOT, RunTrigger.SCHEDULED, status, null, null);
  }

  @Test
  void a_sound_history_passes() {
    checker.step("minute 1");
    checker.observe(run(1, RunStatus.QUEUED));
    checker.observe(run(1, SLOT, RunTrigger.SCHEDULED, RunStatus.RUNNING, null,
        new Run.Lease("node-1", 1, SLOT.plusSeconds(90))));
    checker.checkLeasesAfterRecovery(SLOT.plusSeconds(30));
    checker.observe(run(1, RunStatus.QUEUED));
    checker.observe(run(1, RunStatus.RUNNING));
    checker.observe(run(1, RunStatus.SUCCESS));

    assertThat(checker.allHold()).as("%s", checker.failures()).isTrue();
    assertThat(checker.statusSequences()).containsEntry(1L,
        List.of(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.SUCCESS));
  }

  @Test
  void reports_a_second_run_for_the_same_slot() {
    checker.step("minute 5 node-2 dispatch");
    checker.observe(run(1, RunStatus.QUEUED));
    checker.observe(run(2, RunStatus.QUEUED));

    assertThat(checker.results()).containsEntry(InvariantChecker.ONE_RUN_PER_SLOT, false);
    assertThat(checker.failures()).containsExactly(
        "one_run_per_slot violated (seed 99, step minute 5 node-2 dispatch): runs 1 and 2 both for schedule 7 slot " + SLOT);
  }

  @Test
  void reports_an_illegal_transition_and_an_illegal_creation() {
    checker.observe(run(1, RunStatus.QUEUED));
    checker.observe(run(1, RunStatus.SUCCESS));
    checker.observe(run(2, SLOT.plusSeconds(60), RunTrigger.SCHEDULED, RunStatus.FAILED, null, null));

    assertThat(checker.results()).containsEntry(InvariantChecker.LEGAL_TRANSITIONS_ONLY, false);
    assertThat(checker.failures()).hasSize(2)
        .anySatisfy(f -> assertThat(f).contains("run 1 went QUEUED -> SUCCESS"))
        .anySatisfy(f -> assertThat(f).contains("run 2 first seen as FAILED"));
  }

  @Test
  void reports_a_terminal_run_that_changes() {
    checker.observe(run(1, RunStatus.SKIPPED));
    checker.observe(run(1, RunStatus.QUEUED));

    assertThat(checker.results()).containsEntry(InvariantChecker.TERMINAL_RUNS_FINAL, false)
        .containsEntry(InvariantChecker.LEGAL_TRANSITIONS_ONLY, false);
  }

  @Test
  void reports_a_running_run_with_an_expired_lease_after_recovery() {
    checker.observe(run(1, SLOT, RunTrigger.SCHEDULED, RunStatus.RUNNING, null,
        new Run.Lease("node-1", 1, SLOT.plusSeconds(90))));
    checker.checkLeasesAfterRecovery(SLOT.plusSeconds(90));

    assertThat(checker.results()).containsEntry(InvariantChecker.NO_RUNNING_WITHOUT_LIVE_LEASE, false);
  }

  @Test
  void reports_notifications_about_scheduled_runs_or_to_the_wrong_user() {
    Run scheduled = run(1, RunStatus.SUCCESS);
    Run manual = run(2, SLOT.plusSeconds(60), RunTrigger.MANUAL, RunStatus.SUCCESS, "user-1", null);
    checker.checkNotification(new Notification("tenant-1", "user-1", "t", Map.of("runId", 1L), SLOT), scheduled);
    checker.checkNotification(new Notification("tenant-1", "user-2", "t", Map.of("runId", 2L), SLOT), manual);

    assertThat(checker.results()).containsEntry(InvariantChecker.NOTIFICATIONS_ONLY_INTERACTIVE, false);
    assertThat(checker.failures()).hasSize(2);
  }

  @Test
  void reports_an_interactive_run_that_nobody_was_told_about() {
    checker.checkInteractiveRunsNotified(List.of(run(2, SLOT, RunTrigger.RETRY, RunStatus.FAILED, "user-1", null)));

    assertThat(checker.results()).containsEntry(InvariantChecker.INTERACTIVE_RUNS_NOTIFIED, false);
  }

  @Test
  void reports_retention_that_deletes_a_newest_set_or_another_schedules_set() {
    BackupSet newest = set(3, 7L, null);
    BackupSet older = set(2, 7L, null);
    BackupSet foreign = set(1, 8L, null);
    checker.checkRetention("tenant-1", 7, List.of(3L), List.of(newest, older), 1, 3L,
        List.of(foreign, older, newest), List.of(set(1, 8L, SLOT), older, set(3, 7L, SLOT)));

    assertThat(checker.results()).containsEntry(InvariantChecker.RETENTION_SAFE, false);
    assertThat(checker.failures())
        .anySatisfy(f -> assertThat(f).contains("set 3 of schedule 7 deleted while among the newest 1"))
        .anySatisfy(f -> assertThat(f).contains("set 3 just written by schedule 7 was deleted"))
        .anySatisfy(f -> assertThat(f).contains("deleted set 1 of schedule 8"));
  }

  @Test
  void reports_a_slot_without_a_run_while_a_dispatcher_was_alive_and_a_caught_up_slot() {
    Instant start = Instant.parse("2024-03-09T00:00:00Z");
    Recurrence daily = Recurrence.daily(LocalTime.of(1, 30), ZoneId.of("UTC"));
    BitSet alive = new BitSet();
    alive.set(0, 3 * 1440);
    alive.clear(1440 + 60, 1440 + 300); // everybody down on day 2 from 01:00 to 05:00
    Instant day1 = Instant.parse("2024-03-09T01:30:00Z");
    Instant day2 = Instant.parse("2024-03-10T01:30:00Z");
    Instant day3 = Instant.parse("2024-03-11T01:30:00Z");
    List<InvariantChecker.Segment> segments = List.of(new InvariantChecker.Segment(7, daily, start, 0, 3 * 1440));

    // day 1 has no run although dispatchers were up; day 2 was caught up instead of recorded as missed;
    // day 3 is missing its run too
    Run caughtUp = new Run(1, 7, "tenant-1", day2, RunTrigger.SCHEDULED, RunStatus.SUCCESS, 1, day2, null, null,
        null, null, RunSummary.EMPTY, null, null, null, null, day2);
    checker.checkSlots(segments, alive, start, Duration.ofMinutes(15), List.of(caughtUp));

    assertThat(checker.results()).containsEntry(InvariantChecker.EVERY_SLOT_HAS_A_RUN, false);
    assertThat(checker.failures()).hasSize(3)
        .anySatisfy(f -> assertThat(f).contains("slot " + day1 + " has no run"))
        .anySatisfy(f -> assertThat(f).contains("slot " + day2 + " has run 1 SUCCESS null but must be MISSED_SLOT"))
        .anySatisfy(f -> assertThat(f).contains("slot 2024-03-11T01:30:00Z has no run"));

    InvariantChecker fresh = new InvariantChecker(99, false);
    Run missed = new Run(2, 7, "tenant-1", day2, RunTrigger.SCHEDULED, RunStatus.SKIPPED, 0, day2, null, day2,
        ErrorCode.MISSED_SLOT, null, RunSummary.EMPTY, null, null, null, null, day2);
    alive.clear(1440 + 60, 1440 * 2 + 120); // now the outage swallows day 3's slot as well
    fresh.checkSlots(segments, alive, start, Duration.ofMinutes(15), List.of(
        run(3, day1, RunTrigger.SCHEDULED, RunStatus.SUCCESS, null, null), missed,
        new Run(4, 7, "tenant-1", day3, RunTrigger.SCHEDULED, RunStatus.SKIPPED, 0, day3, null, day3,
            ErrorCode.MISSED_SLOT, null, RunSummary.EMPTY, null, null, null, null, day3)));
    assertThat(fresh.results()).containsEntry(InvariantChecker.EVERY_SLOT_HAS_A_RUN, false);
    assertThat(fresh.failures()).singleElement().asString()
        .contains("slot " + day2 + " has run 2 SKIPPED MISSED_SLOT but must not (no catch-up)");
  }

  @Test
  void fail_fast_throws_with_seed_and_step() {
    InvariantChecker strict = new InvariantChecker(5, true);
    strict.step("minute 9 node-1 claim");
    strict.observe(run(1, RunStatus.QUEUED));
    strict.observe(run(1, RunStatus.RUNNING));
    strict.observe(run(1, RunStatus.SUCCESS));

    assertThatThrownBy(() -> strict.observe(run(1, RunStatus.QUEUED)))
        .isInstanceOf(InvariantViolationException.class)
        .hasMessage("terminal_runs_final violated (seed 5, step minute 9 node-1 claim): run 1 changed after reaching "
            + "SUCCESS: " + run(1, RunStatus.SUCCESS) + " -> " + run(1, RunStatus.QUEUED));
  }

  private static BackupSet set(long id, Long scheduleId, Instant deletedAt) {
    return new BackupSet(id, "tenant-1", scheduleId, null, "set " + id, 1, Map.of(), SLOT.plusSeconds(id), deletedAt);
  }
}
