package com.tenantpilot.scheduling.service;

import static com.tenantpilot.scheduling.engine.EngineFixture.DEVICE_CONFIG;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_A;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.engine.EngineFixture;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunTrigger;
import com.tenantpilot.scheduling.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC section 6, interactive actions: Run now, Retry, Cancel. */
class RunActionsTest {

  private final EngineFixture f = EngineFixture.create();
  private final ScheduleService service = f.engine.schedules();

  @Test
  void run_now_queues_a_manual_run_for_the_current_minute_and_audits_the_user() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.at("2026-03-02T08:10:42Z");

    Run run = service.runNow(TENANT_A, s.id(), "alice");

    assertThat(run.trigger()).isEqualTo(RunTrigger.MANUAL);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.scheduledFor()).isEqualTo(Instant.parse("2026-03-02T08:10:00Z"));
    assertThat(run.requestedBy()).isEqualTo("alice");
    assertThat(f.audits(AuditAction.RUN_NOW)).singleElement().satisfies(e -> {
      assertThat(e.actor()).isEqualTo("alice");
      assertThat(e.tenantId()).isEqualTo(TENANT_A);
      assertThat(e.metadata()).containsEntry("runId", run.id()).containsEntry("created", true);
    });
  }

  @Test
  void run_now_twice_in_the_same_minute_returns_the_same_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.at("2026-03-02T08:10:05Z");
    Run first = service.runNow(TENANT_A, s.id(), "alice");
    f.at("2026-03-02T08:10:55Z");

    Run second = service.runNow(TENANT_A, s.id(), "bob");

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(f.runs(s)).hasSize(1);
  }

  @Test
  void run_now_in_a_minute_that_already_has_a_scheduled_run_returns_that_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.engine.dispatcher().dispatch(f.at("2026-03-02T09:00:00Z"));
    Run scheduled = f.onlyRun(s);
    f.at("2026-03-02T09:00:30Z");

    Run clicked = service.runNow(TENANT_A, s.id(), "alice");

    assertThat(clicked.id()).isEqualTo(scheduled.id());
    assertThat(clicked.trigger()).isEqualTo(RunTrigger.SCHEDULED);
    assertThat(f.runs(s)).hasSize(1);
  }

  @Test
  void retry_of_a_failed_run_creates_a_retry_run_with_retry_of_and_requested_by() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    Run failed = failedScheduledRun(s);
    f.advance(Duration.ofMinutes(10));

    Run retry = service.retry(TENANT_A, failed.id(), "bob");

    assertThat(retry.id()).isNotEqualTo(failed.id());
    assertThat(retry.trigger()).isEqualTo(RunTrigger.RETRY);
    assertThat(retry.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(retry.retryOf()).isEqualTo(failed.id());
    assertThat(retry.requestedBy()).isEqualTo("bob");
    assertThat(f.audits(AuditAction.RETRY)).singleElement().satisfies(e -> {
      assertThat(e.actor()).isEqualTo("bob");
      assertThat(e.metadata()).containsEntry("retryOf", failed.id()).containsEntry("runId", retry.id());
    });
    f.engine.worker().runOnce();
    assertThat(f.run(retry).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void retry_of_a_partial_run_is_allowed() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00", DEVICE_CONFIG, EngineFixture.COMPLIANCE);
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.status(403, "forbidden"));
    Run partial = f.fireNextSlot(s);
    assertThat(partial.status()).isEqualTo(RunStatus.PARTIAL);
    f.advance(Duration.ofMinutes(1));

    assertThat(service.retry(TENANT_A, partial.id(), "bob").retryOf()).isEqualTo(partial.id());
  }

  @Test
  void retry_of_a_run_that_failed_in_the_same_minute_still_creates_a_retry_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.status(401, "expired secret"));
    f.at("2026-03-02T08:20:00Z");
    Run manual = service.runNow(TENANT_A, s.id(), "alice");
    f.engine.worker().runOnce();
    assertThat(f.run(manual).status()).isEqualTo(RunStatus.FAILED);
    f.at("2026-03-02T08:20:40Z"); // the admin fixes the secret and clicks Retry within the minute

    Run retry = service.retry(TENANT_A, manual.id(), "alice");

    assertThat(retry.id()).isNotEqualTo(manual.id());
    assertThat(retry.trigger()).isEqualTo(RunTrigger.RETRY);
    assertThat(retry.retryOf()).isEqualTo(manual.id());
    assertThat(retry.status()).isEqualTo(RunStatus.QUEUED);
    f.engine.worker().runOnce();
    assertThat(f.run(retry).status()).isEqualTo(RunStatus.SUCCESS);
  }

  @Test
  void a_second_retry_click_returns_the_same_retry_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    Run failed = failedScheduledRun(s);
    f.advance(Duration.ofMinutes(10));

    Run first = service.retry(TENANT_A, failed.id(), "bob");
    Run second = service.retry(TENANT_A, failed.id(), "bob");

    assertThat(second.id()).isEqualTo(first.id());
  }

  @Test
  void retry_is_refused_with_a_clear_message_for_runs_that_are_not_failed_or_partial_and_writes_nothing() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    Run success = f.fireNextSlot(s);
    f.advance(Duration.ofMinutes(1));
    Run queued = service.runNow(TENANT_A, s.id(), "alice");
    Schedule other = f.dailyUtc(TENANT_A, "07:00");
    f.engine.dispatcher().dispatch(f.at("2026-03-03T07:30:00Z"));
    Run skipped = f.onlyRun(other);
    assertThat(skipped.status()).isEqualTo(RunStatus.SKIPPED);
    int runsBefore = f.stores.allRuns().size();
    int auditsBefore = f.stores.auditEvents().size();

    for (Run r : List.of(success, queued, skipped)) {
      assertThatThrownBy(() -> service.retry(TENANT_A, r.id(), "bob"))
          .isInstanceOf(RunActionException.class)
          .hasMessageContaining("run " + r.id())
          .hasMessageContaining(f.run(r).status().name())
          .hasMessageContaining("only FAILED and PARTIAL");
    }
    assertThat(f.stores.allRuns()).hasSize(runsBefore);
    assertThat(f.stores.auditEvents()).hasSize(auditsBefore);
  }

  @Test
  void cancel_is_allowed_only_for_queued_runs_and_is_audited_with_the_user() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    Run queued = service.runNow(TENANT_A, s.id(), "alice");

    Run canceled = service.cancel(TENANT_A, queued.id(), "carol");

    assertThat(canceled.status()).isEqualTo(RunStatus.CANCELED);
    assertThat(f.stores.auditEvents()).filteredOn(e -> e.action().equals(AuditAction.RUN_CANCELED.key()))
        .singleElement().extracting(AuditEvent::actor).isEqualTo("carol");
    assertThat(f.engine.worker().runOnce()).as("a canceled run is never executed").isEmpty();

    f.advance(Duration.ofMinutes(1));
    Run running = service.runNow(TENANT_A, s.id(), "alice");
    f.engine.worker().claim(1);
    assertThatThrownBy(() -> service.cancel(TENANT_A, running.id(), "carol"))
        .isInstanceOf(RunActionException.class)
        .hasMessageContaining("RUNNING")
        .hasMessageContaining("only QUEUED");
  }

  @Test
  void another_tenant_cannot_run_retry_or_cancel_a_tenants_schedule_or_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    Run failed = failedScheduledRun(s);
    f.advance(Duration.ofMinutes(1));
    Run queued = service.runNow(TENANT_A, s.id(), "alice");
    int runsBefore = f.stores.allRuns().size();

    assertThatThrownBy(() -> service.runNow(TENANT_B, s.id(), "mallory")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.retry(TENANT_B, failed.id(), "mallory")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.cancel(TENANT_B, queued.id(), "mallory")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.history(TENANT_B, s.id(), 10)).isInstanceOf(NotFoundException.class);
    assertThat(f.stores.allRuns()).hasSize(runsBefore);
    assertThat(f.run(queued).status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void actions_require_an_acting_user() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    assertThatThrownBy(() -> service.runNow(TENANT_A, s.id(), " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("actingUser");
    assertThat(f.runs(s)).isEmpty();
  }

  private Run failedScheduledRun(Schedule s) {
    f.graph.fails(TENANT_A, DEVICE_CONFIG, GraphFailure.status(403, "forbidden"));
    Run run = f.fireNextSlot(s);
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    return run;
  }
}
