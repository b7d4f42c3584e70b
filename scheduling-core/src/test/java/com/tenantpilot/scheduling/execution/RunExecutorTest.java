package com.tenantpilot.scheduling.execution;

import static com.tenantpilot.scheduling.engine.EngineFixture.COMPLIANCE;
import static com.tenantpilot.scheduling.engine.EngineFixture.DEVICE_CONFIG;
import static com.tenantpilot.scheduling.engine.EngineFixture.SETTINGS;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_A;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.engine.EngineFixture;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.TypeSummary;
import com.tenantpilot.scheduling.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SPEC section 6: execution of one claimed run, end states, failure classes and retries. */
class RunExecutorTest {

  private static final Instant SLOT = Instant.parse("2026-03-02T09:00:00Z");

  private final EngineFixture f = EngineFixture.create();

  @Test
  void claim_turns_a_queued_run_into_running_with_a_lease() {
    f.dailyUtc(TENANT_A, "09:00");
    f.engine.dispatcher().dispatch(f.at("2026-03-02T09:00:00Z"));

    List<Run> claimed = f.engine.worker().claim(4);

    assertThat(claimed).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
      assertThat(r.attempts()).isEqualTo(1);
      assertThat(r.lease().owner()).isEqualTo("node-1");
      assertThat(r.lease().expiresAt()).isEqualTo(SLOT.plus(f.options.leaseDuration()));
    });
    assertThat(f.node("node-2").worker().claim(4)).as("only one worker wins").isEmpty();
  }

  @Test
  void audits_run_started() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    Run run = f.fireNextSlot(s);

    assertThat(f.audits(AuditAction.RUN_STARTED)).singleElement().satisfies(e -> {
      assertThat(e.tenantId()).isEqualTo(TENANT_A);
      assertThat(e.actor()).isEqualTo(AuditEvent.SYSTEM);
      assertThat(e.resourceId()).isEqualTo(String.valueOf(run.id()));
      assertThat(e.metadata()).containsEntry("attempt", 1).containsEntry("trigger", "scheduled");
    });
  }

  @Test
  void ends_success_with_one_backup_set_when_every_type_succeeds() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, COMPLIANCE);

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.errorCode()).isNull();
    assertThat(run.backupSetId()).isNotNull();
    BackupSet set = f.stores.backupSets().find(TENANT_A, run.backupSetId()).orElseThrow();
    assertThat(set.scheduleId()).isEqualTo(s.id());
    assertThat(set.runId()).isEqualTo(run.id());
    assertThat(set.countsByType()).containsEntry(DEVICE_CONFIG, 1).containsEntry(COMPLIANCE, 1);
    assertThat(run.summary().types().values()).extracting(TypeSummary::outcome).containsOnly(TypeSummary.Outcome.SUCCESS);
  }

  @Test
  void ends_partial_when_one_type_is_forbidden_and_the_others_succeed() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, COMPLIANCE);
    f.graph.fails(TENANT_A, COMPLIANCE, GraphFailure.status(403, "forbidden"));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_FORBIDDEN);
    assertThat(run.backupSetId()).isNotNull();
    assertThat(f.stores.backupSets().find(TENANT_A, run.backupSetId()).orElseThrow().countsByType())
        .containsOnlyKeys(DEVICE_CONFIG);
    assertThat(run.summary().types().get(COMPLIANCE).outcome()).isEqualTo(TypeSummary.Outcome.FAILED);
    assertThat(f.graph.calls(TENANT_A, COMPLIANCE)).isEqualTo(1);
  }

  @Test
  void ends_failed_without_a_backup_set_when_no_type_succeeds() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, COMPLIANCE);
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.status(403, "forbidden"));
    f.graph.fails(TENANT_A, COMPLIANCE, GraphFailure.status(403, "forbidden"));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_FORBIDDEN);
    assertThat(run.backupSetId()).isNull();
    assertThat(f.stores.allBackupSets()).isEmpty();
  }

  @Test
  void error_code_names_the_most_significant_problem() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, COMPLIANCE, SETTINGS);
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.status(403, "forbidden"));
    f.graph.fails(TENANT_A, COMPLIANCE, GraphFailure.status(401, "unauthorized"));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_UNAUTHORIZED);
  }

  @Test
  void unknown_types_are_skipped_and_the_run_ends_partial_with_a_backup_set_when_some_are_known() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG);
    withStoredTypes(s, List.of(DEVICE_CONFIG, "legacyWindowsPolicy"));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.UNKNOWN_POLICY_TYPE);
    assertThat(run.backupSetId()).isNotNull();
    assertThat(run.summary().types().get("legacyWindowsPolicy").outcome()).isEqualTo(TypeSummary.Outcome.UNKNOWN_TYPE);
    assertThat(f.graph.calls(TENANT_A, "legacyWindowsPolicy")).isZero();
  }

  @Test
  void a_worse_error_wins_over_unknown_policy_type() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG);
    withStoredTypes(s, List.of(DEVICE_CONFIG, COMPLIANCE, "legacyWindowsPolicy"));
    f.graph.fails(TENANT_A, COMPLIANCE, GraphFailure.status(403, "forbidden"));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_FORBIDDEN);
  }

  @Test
  void only_unknown_types_end_skipped_and_create_no_backup_set() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG);
    withStoredTypes(s, List.of("legacyWindowsPolicy", "removedType"));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.UNKNOWN_POLICY_TYPE);
    assertThat(run.backupSetId()).isNull();
    assertThat(f.stores.allBackupSets()).isEmpty();
    assertThat(f.graph.totalCalls()).isZero();
  }

  @Test
  void throttling_with_a_retry_after_longer_than_the_backoff_queues_again_after_retry_after() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.throttled(Duration.ofMinutes(3)));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_THROTTLED);
    assertThat(run.notBefore()).isEqualTo(SLOT.plus(Duration.ofMinutes(3)));

    f.advance(Duration.ofMinutes(3).minusSeconds(1));
    assertThat(f.engine.worker().runOnce()).as("not before Retry-After").isEmpty();
    f.advance(Duration.ofSeconds(1));
    f.engine.worker().runOnce();

    assertThat(f.run(run).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(f.run(run).attempts()).isEqualTo(2);
  }

  @Test
  void a_short_retry_after_is_overruled_by_the_backoff() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.throttled(Duration.ofSeconds(1)));

    Run run = f.fireNextSlot(s);

    // backoff(1) = 30 s with jitter 0 in its upper half: 15 s
    assertThat(run.notBefore()).isEqualTo(SLOT.plusSeconds(15));
  }

  @ParameterizedTest
  @ValueSource(strings = {"502", "503", "504", "timeout", "connection"})
  void transient_failures_are_retried_with_backoff(String kind) {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    GraphFailure failure = switch (kind) {
      case "timeout" -> GraphFailure.of(GraphFailure.Cause.TIMEOUT, "read timed out");
      case "connection" -> GraphFailure.of(GraphFailure.Cause.CONNECTION, "connection reset");
      default -> GraphFailure.status(Integer.parseInt(kind), "unavailable");
    };
    f.graph.fails(TENANT_A, DEVICE_CONFIG, failure, failure);

    Run run = f.fireNextSlot(s);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_UNAVAILABLE);
    assertThat(run.notBefore()).isEqualTo(SLOT.plusSeconds(15));

    f.clock.set(run.notBefore());
    f.engine.worker().runOnce();
    assertThat(f.run(run).notBefore()).as("exponential: the second wait doubles").isEqualTo(SLOT.plusSeconds(15 + 30));

    f.clock.set(f.run(run).notBefore());
    f.engine.worker().runOnce();
    assertThat(f.run(run).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(f.run(run).attempts()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void auth_and_permission_failures_fail_after_exactly_one_graph_call_and_are_never_retried(int status) {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.failsTimes(TENANT_A, DEVICE_CONFIG, 5, GraphFailure.status(status, "denied"));

    Run run = f.fireNextSlot(s);
    f.advance(Duration.ofHours(1));
    f.engine.worker().runOnce();

    assertThat(f.run(run).status()).isEqualTo(RunStatus.FAILED);
    assertThat(f.run(run).errorCode())
        .isEqualTo(status == 401 ? ErrorCode.GRAPH_UNAUTHORIZED : ErrorCode.GRAPH_FORBIDDEN);
    assertThat(f.run(run).attempts()).isEqualTo(1);
    assertThat(f.graph.calls(TENANT_A, DEVICE_CONFIG)).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403})
  void a_never_retried_failure_is_not_retried_because_another_type_failed_transiently(int status) {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, COMPLIANCE, SETTINGS);
    f.graph.failsTimes(TENANT_A, DEVICE_CONFIG, 5, GraphFailure.status(status, "denied"));
    f.graph.failsTimes(TENANT_A, COMPLIANCE, 5, GraphFailure.status(503, "unavailable"));

    Run run = runToTheEnd(s);

    assertThat(f.graph.calls(TENANT_A, DEVICE_CONFIG)).isEqualTo(1);
    assertThat(run.attempts()).isEqualTo(1);
    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.errorCode()).isEqualTo(status == 401 ? ErrorCode.GRAPH_UNAUTHORIZED : ErrorCode.GRAPH_FORBIDDEN);
    assertThat(f.stores.backupSets().find(TENANT_A, run.backupSetId()).orElseThrow().countsByType())
        .containsOnlyKeys(SETTINGS);
  }

  @Test
  void an_unknown_failure_gets_exactly_one_more_attempt_then_fails_unexpected_error() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.failsTimes(TENANT_A, DEVICE_CONFIG, 5, GraphFailure.status(500, "internal"));

    Run run = f.fireNextSlot(s);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    f.clock.set(run.notBefore());
    f.engine.worker().runOnce();
    f.advance(Duration.ofHours(1));
    f.engine.worker().runOnce();

    assertThat(f.run(run).status()).isEqualTo(RunStatus.FAILED);
    assertThat(f.run(run).errorCode()).isEqualTo(ErrorCode.UNEXPECTED_ERROR);
    assertThat(f.graph.calls(TENANT_A, DEVICE_CONFIG)).isEqualTo(2);
  }

  @Test
  void an_exception_from_the_graph_client_counts_as_an_unknown_failure() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.crashes(TENANT_A, DEVICE_CONFIG, new IllegalStateException("boom"));
    f.graph.crashes(TENANT_A, DEVICE_CONFIG, new IllegalStateException("boom"));

    Run run = f.fireNextSlot(s);
    f.clock.set(run.notBefore());
    f.engine.worker().runOnce();

    assertThat(f.run(run).status()).isEqualTo(RunStatus.FAILED);
    assertThat(f.run(run).errorCode()).isEqualTo(ErrorCode.UNEXPECTED_ERROR);
  }

  @Test
  void a_failed_backup_set_write_is_an_unknown_failure_with_one_more_attempt() {
    int[] failWrites = {1};
    EngineFixture.Ports ports = new EngineFixture.Ports();
    ports.backupSetStore = real -> new FlakyBackupSets(real, failWrites);
    EngineFixture g = EngineFixture.create(EngineFixture.T0, o -> o, ports);
    Schedule s = g.dailyUtc(TENANT_A, "09:00");

    Run run = g.fireNextSlot(s);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.UNEXPECTED_ERROR);
    g.clock.set(run.notBefore());
    g.engine.worker().runOnce();

    assertThat(g.run(run).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(g.run(run).attempts()).isEqualTo(2);
  }

  @Test
  void a_backup_set_write_that_keeps_failing_ends_failed_unexpected_error() {
    int[] failWrites = {100};
    EngineFixture.Ports ports = new EngineFixture.Ports();
    ports.backupSetStore = real -> new FlakyBackupSets(real, failWrites);
    EngineFixture g = EngineFixture.create(EngineFixture.T0, o -> o, ports);
    Schedule s = g.dailyUtc(TENANT_A, "09:00");

    Run run = g.fireNextSlot(s);
    g.clock.set(run.notBefore());
    g.engine.worker().runOnce();

    assertThat(g.run(run).status()).isEqualTo(RunStatus.FAILED);
    assertThat(g.run(run).errorCode()).isEqualTo(ErrorCode.UNEXPECTED_ERROR);
    assertThat(g.run(run).attempts()).isEqualTo(2);
    assertThat(g.stores.allBackupSets()).isEmpty();
  }

  @Test
  void gives_up_after_four_attempts_failed_with_the_last_failures_code() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    GraphFailure unavailable = GraphFailure.status(503, "unavailable");
    f.graph.fails(TENANT_A, DEVICE_CONFIG, unavailable, unavailable, unavailable,
        GraphFailure.throttled(Duration.ofSeconds(1)), unavailable);

    Run run = runToTheEnd(s);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.attempts()).isEqualTo(4);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_THROTTLED);
    assertThat(f.graph.calls(TENANT_A, DEVICE_CONFIG)).isEqualTo(4);
  }

  @Test
  void gives_up_partial_when_the_last_attempt_backed_up_some_types() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, COMPLIANCE);
    f.graph.failsTimes(TENANT_A, DEVICE_CONFIG, 4, GraphFailure.status(503, "unavailable"));

    Run run = runToTheEnd(s);

    assertThat(run.status()).isEqualTo(RunStatus.PARTIAL);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_UNAVAILABLE);
    assertThat(run.attempts()).isEqualTo(4);
    assertThat(f.stores.backupSets().find(TENANT_A, run.backupSetId()).orElseThrow().countsByType())
        .containsOnlyKeys(COMPLIANCE);
  }

  @Test
  void max_attempts_is_configurable() {
    EngineFixture g = EngineFixture.create(o -> o.maxAttempts(2));
    Schedule s = g.dailyUtc(TENANT_A, "09:00");
    g.graph.failsTimes(TENANT_A, DEVICE_CONFIG, 5, GraphFailure.status(503, "unavailable"));

    Run run = g.fireNextSlot(s);
    g.clock.set(g.run(run).notBefore());
    g.engine.worker().runOnce();

    assertThat(g.run(run).status()).isEqualTo(RunStatus.FAILED);
    assertThat(g.graph.calls(TENANT_A, DEVICE_CONFIG)).isEqualTo(2);
  }

  @Test
  void retry_never_reaches_into_the_next_slot() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    // Retry-After lands exactly on tomorrow's slot
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.throttled(Duration.ofHours(24)));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.GRAPH_THROTTLED);
    assertThat(run.errorMessage()).contains("next slot");
  }

  @Test
  void a_retry_just_before_the_next_slot_is_still_allowed() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.throttled(Duration.ofHours(24).minusMinutes(1)));

    Run run = f.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void every_http_try_is_counted_as_an_attempt() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, COMPLIANCE);
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.status(503, "x"), GraphFailure.status(504, "x"));

    Run run = runToTheEnd(s);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.attempts()).isEqualTo(3);
    assertThat(f.graph.calls(TENANT_A, DEVICE_CONFIG)).isEqualTo(run.attempts());
    assertThat(f.graph.calls(TENANT_A, COMPLIANCE)).isEqualTo(run.attempts());
  }

  @Test
  void updates_the_schedules_last_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.slowAnswer(TENANT_A, DEVICE_CONFIG, Duration.ofSeconds(5));

    f.fireNextSlot(s);

    assertThat(f.schedule(s).lastRunAt()).isEqualTo(SLOT.plusSeconds(5));
    assertThat(f.schedule(s).lastRunStatus()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void audits_run_completed_with_status_error_code_counts_and_duration() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, COMPLIANCE);
    f.graph.slowAnswer(TENANT_A, DEVICE_CONFIG, Duration.ofSeconds(7));
    f.graph.fails(TENANT_A, COMPLIANCE, GraphFailure.status(403, "forbidden"));

    Run run = f.fireNextSlot(s);

    assertThat(f.audits(AuditAction.RUN_COMPLETED)).singleElement().satisfies(e -> {
      assertThat(e.resourceId()).isEqualTo(String.valueOf(run.id()));
      assertThat(e.metadata())
          .containsEntry("status", "partial")
          .containsEntry("errorCode", "GRAPH_FORBIDDEN")
          .containsEntry("items", 1)
          .containsEntry("typesFailed", 1)
          .containsEntry("backupSetId", run.backupSetId())
          .containsEntry("durationMs", 7000L);
    });
  }

  @Test
  void notifies_the_acting_user_of_manual_and_retry_runs_but_nobody_for_scheduled_runs() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.status(403, "forbidden"));
    f.fireNextSlot(s);
    assertThat(f.stores.notifications()).as("scheduled runs notify nobody").isEmpty();

    f.advance(Duration.ofMinutes(5));
    Run manual = f.engine.schedules().runNow(TENANT_A, s.id(), "alice");
    f.engine.worker().runOnce();
    f.advance(Duration.ofMinutes(5));
    Run scheduledFailed = f.runs(s).get(f.runs(s).size() - 1);
    Run retry = f.engine.schedules().retry(TENANT_A, scheduledFailed.id(), "bob");
    f.engine.worker().runOnce();

    assertThat(f.stores.notifications()).hasSize(2);
    assertThat(f.stores.notifications().get(0).userId()).isEqualTo("alice");
    assertThat(f.stores.notifications().get(0).data()).containsEntry("runId", manual.id()).containsEntry("status", "success");
    assertThat(f.stores.notifications().get(1).userId()).isEqualTo("bob");
    assertThat(f.stores.notifications().get(1).data()).containsEntry("runId", retry.id()).containsEntry("trigger", "retry");
  }

  @Test
  void one_failing_tenant_or_schedule_never_stops_the_others_in_the_same_pass() {
    EngineFixture.Ports ports = new EngineFixture.Ports();
    ports.auditLog = real -> (AuditLog) e -> {
      if (e.tenantId().equals("tenant-broken-audit") && e.action().equals(AuditAction.RUN_STARTED.key())) {
        throw new IllegalStateException("audit database down for this tenant");
      }
      real.record(e);
    };
    EngineFixture g = EngineFixture.create(EngineFixture.T0, o -> o, ports);
    Schedule brokenAudit = g.dailyUtc("tenant-broken-audit", "09:00");
    Schedule corrupt = g.dailyUtc(TENANT_B, "09:00");
    Schedule fine = g.dailyUtc(TENANT_A, "09:00");
    g.engine.dispatcher().dispatch(g.at("2026-03-02T09:00:00Z"));
    StoredSchedule row = g.stores.schedules().find(TENANT_B, corrupt.id()).orElseThrow();
    g.stores.putRaw(new StoredSchedule(row.id(), row.tenantId(), row.name(), row.enabled(), row.frequency(), "25:99",
        row.daysOfWeek(), row.timezone(), row.policyTypes(), row.retentionKeepLast(), row.nextRunAt(), null, null,
        row.createdAt(), row.updatedAt()));

    List<RunResult> results = g.engine.worker().runOnce();

    assertThat(results).hasSize(3);
    assertThat(g.onlyRun(fine).status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(g.onlyRun(corrupt).status()).isEqualTo(RunStatus.FAILED);
    assertThat(g.onlyRun(corrupt).errorCode()).isEqualTo(ErrorCode.UNEXPECTED_ERROR);
    assertThat(g.onlyRun(brokenAudit).status()).as("left to lease recovery").isEqualTo(RunStatus.RUNNING);
  }

  private void withStoredTypes(Schedule s, List<String> types) {
    StoredSchedule r = f.stores.schedules().find(s.tenantId(), s.id()).orElseThrow();
    f.stores.putRaw(new StoredSchedule(r.id(), r.tenantId(), r.name(), r.enabled(), r.frequency(), r.timeOfDay(),
        r.daysOfWeek(), r.timezone(), types, r.retentionKeepLast(), r.nextRunAt(), r.lastRunAt(), r.lastRunStatus(),
        r.createdAt(), r.updatedAt()));
  }

  /** Fires the next slot, then keeps running the worker at each notBefore until the run is terminal. */
  private Run runToTheEnd(Schedule s) {
    Run run = f.fireNextSlot(s);
    for (int i = 0; i < 10 && !f.run(run).status().isTerminal(); i++) {
      f.clock.set(f.run(run).notBefore());
      f.engine.worker().runOnce();
    }
    return f.run(run);
  }

  /** A backup set store whose first writes fail. */
  static final class FlakyBackupSets implements com.tenantpilot.scheduling.port.BackupSetStore {
    private final com.tenantpilot.scheduling.port.BackupSetStore delegate;
    private final int[] failuresLeft;

    FlakyBackupSets(com.tenantpilot.scheduling.port.BackupSetStore delegate, int[] failuresLeft) {
      this.delegate = delegate;
      this.failuresLeft = failuresLeft;
    }

    @Override
    public BackupSet create(com.tenantpilot.scheduling.backup.NewBackupSet set) {
      if (failuresLeft[0]-- > 0) {
        throw new IllegalStateException("connection reset while writing");
      }
      return delegate.create(set);
    }

    @Override public java.util.Optional<BackupSet> find(String t, long id) { return delegate.find(t, id); }
    @Override public List<com.tenantpilot.scheduling.backup.BackupItem> items(String t, long id) { return delegate.items(t, id); }
    @Override public List<BackupSet> listLive(String t, long id) { return delegate.listLive(t, id); }
    @Override public int softDelete(String t, long id, java.util.Collection<Long> ids, Instant at) { return delegate.softDelete(t, id, ids, at); }
  }
}
