package com.tenantpilot.scheduling.service;

import static com.tenantpilot.scheduling.engine.EngineFixture.ADMIN;
import static com.tenantpilot.scheduling.engine.EngineFixture.DEVICE_CONFIG;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_A;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.engine.EngineFixture;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import com.tenantpilot.scheduling.schedule.ValidationException;
import com.tenantpilot.scheduling.schedule.Violation;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC sections 2 and 9: saving schedules, nextRunAt, audit and tenant isolation. */
class ScheduleServiceTest {

  private final EngineFixture f = EngineFixture.create();
  private final ScheduleService service = f.engine.schedules();

  @Test
  void create_reports_every_violation_at_once_and_writes_nothing() {
    ScheduleInput bad = new ScheduleInput(TENANT_A, "  ", true, "HOURLY", "25:99", List.of("FUNDAY"), "+02:00",
        List.of("notAType"), 0);

    assertThatThrownBy(() -> service.create(bad, ADMIN))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field)
            .contains("name", "frequency", "timeOfDay", "timezone", "policyTypes", "retentionKeepLast"))
        .hasMessageContaining("notAType")
        .hasMessageContaining(DEVICE_CONFIG);
    assertThat(service.list(TENANT_A)).isEmpty();
    assertThat(f.stores.auditEvents()).isEmpty();
  }

  @Test
  void next_run_is_strictly_after_now_even_when_created_at_the_slot() {
    f.at("2026-03-02T09:00:00Z");

    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"time", "zone", "frequency", "days"})
  void editing_the_timing_recomputes_next_run_from_now_without_catch_up(String field) {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    assertThat(s.nextRunAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    f.at("2026-03-02T12:00:00Z"); // the host missed 09:00; now the admin edits
    ScheduleInput in = EngineFixture.daily(TENANT_A, "09:00", "UTC");
    ScheduleInput edited = switch (field) {
      case "time" -> with(in, i -> new ScheduleInput(i.tenantId(), i.name(), true, "DAILY", "08:00", List.of(), "UTC", i.policyTypes(), 7));
      case "zone" -> with(in, i -> new ScheduleInput(i.tenantId(), i.name(), true, "DAILY", "09:00", List.of(), "Europe/Berlin", i.policyTypes(), 7));
      case "frequency" -> with(in, i -> new ScheduleInput(i.tenantId(), i.name(), true, "WEEKLY", "09:00", List.of("MON", "TUE"), "UTC", i.policyTypes(), 7));
      default -> with(in, i -> new ScheduleInput(i.tenantId(), i.name(), true, "WEEKLY", "09:00", List.of("MON"), "UTC", i.policyTypes(), 7));
    };
    if (field.equals("days")) {
      s = service.update(TENANT_A, s.id(), new ScheduleInput(TENANT_A, in.name(), true, "WEEKLY", "09:00",
          List.of("MON", "WED"), "UTC", in.policyTypes(), 7), ADMIN);
      f.at("2026-03-02T12:30:00Z");
    }

    Schedule after = service.update(TENANT_A, s.id(), edited, ADMIN);

    assertThat(after.nextRunAt()).isAfter(f.clock.instant());
    f.engine.dispatcher().dispatch(f.clock.instant());
    assertThat(f.runs(after)).as("no catch-up of slots before the change").isEmpty();
    assertThat(f.audits(AuditAction.SCHEDULE_UPDATED)).last()
        .satisfies(e -> assertThat(e.metadata()).containsEntry("timingChanged", true));
  }

  @Test
  void renaming_keeps_next_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    ScheduleInput in = EngineFixture.daily(TENANT_A, "09:00", "UTC");
    f.at("2026-03-02T08:30:00Z");

    Schedule renamed = service.update(TENANT_A, s.id(), new ScheduleInput(TENANT_A, "  Renamed  ", true, "DAILY",
        "09:00", List.of(), "UTC", in.policyTypes(), 7), ADMIN);

    assertThat(renamed.spec().name()).isEqualTo("Renamed");
    assertThat(renamed.nextRunAt()).isEqualTo(s.nextRunAt());
  }

  @Test
  void disabling_clears_next_run_and_the_dispatcher_ignores_the_schedule() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    Schedule disabled = service.setEnabled(TENANT_A, s.id(), false, "carol");
    f.engine.dispatcher().dispatch(f.at("2026-03-02T09:00:00Z"));

    assertThat(disabled.nextRunAt()).isNull();
    assertThat(f.runs(s)).isEmpty();
    assertThat(f.audits(AuditAction.SCHEDULE_DISABLED)).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("carol"));
  }

  @Test
  void enabling_computes_next_run_from_now() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    service.setEnabled(TENANT_A, s.id(), false, ADMIN);
    f.at("2026-03-04T10:00:00Z");

    Schedule enabled = service.setEnabled(TENANT_A, s.id(), true, "dave");

    assertThat(enabled.nextRunAt()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
    assertThat(f.audits(AuditAction.SCHEDULE_ENABLED)).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("dave"));
  }

  @Test
  void create_update_and_delete_are_audited_with_the_actor() {
    Schedule s = service.create(EngineFixture.daily(TENANT_A, "09:00", "UTC"), "erin");
    service.update(TENANT_A, s.id(), EngineFixture.daily(TENANT_A, "10:00", "UTC"), "frank");
    service.delete(TENANT_A, s.id(), "grace");

    assertThat(f.stores.auditEvents())
        .extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::tenantId, AuditEvent::resourceId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditAction.SCHEDULE_CREATED.key(), "erin", TENANT_A, String.valueOf(s.id())),
            org.assertj.core.groups.Tuple.tuple(AuditAction.SCHEDULE_UPDATED.key(), "frank", TENANT_A, String.valueOf(s.id())),
            org.assertj.core.groups.Tuple.tuple(AuditAction.SCHEDULE_DELETED.key(), "grace", TENANT_A, String.valueOf(s.id())));
    assertThatThrownBy(() -> service.get(TENANT_A, s.id())).isInstanceOf(NotFoundException.class);
  }

  @Test
  void another_tenant_cannot_read_edit_enable_or_delete_a_tenants_schedule() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    assertThatThrownBy(() -> service.get(TENANT_B, s.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.update(TENANT_B, s.id(), EngineFixture.daily(TENANT_B, "10:00", "UTC"), "mallory"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.setEnabled(TENANT_B, s.id(), false, "mallory")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.delete(TENANT_B, s.id(), "mallory")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.preview(TENANT_B, s.id(), 3)).isInstanceOf(NotFoundException.class);
    assertThat(service.list(TENANT_B)).isEmpty();
    assertThat(f.schedule(s)).isEqualTo(s);
  }

  @Test
  void an_edit_cannot_move_a_schedule_to_another_tenant() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    assertThatThrownBy(() -> service.update(TENANT_A, s.id(), EngineFixture.daily(TENANT_B, "10:00", "UTC"), ADMIN))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tenantId");
    assertThat(f.schedule(s)).isEqualTo(s);
  }

  private static ScheduleInput with(ScheduleInput in, UnaryOperator<ScheduleInput> change) {
    return change.apply(in);
  }
}
