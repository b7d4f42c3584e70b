package com.tenantpilot.scheduling.engine;

import static com.tenantpilot.scheduling.engine.EngineFixture.COMPLIANCE;
import static com.tenantpilot.scheduling.engine.EngineFixture.DEVICE_CONFIG;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_A;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.execution.ScriptedGraphClient;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.schedule.Schedule;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SPEC sections 9 and 10, end to end: audit entries and run records never carry policy payloads. */
class AuditPayloadTest {

  @Test
  void no_audit_entry_run_record_or_notification_contains_a_policy_payload() {
    EngineFixture f = EngineFixture.create();
    Schedule a = f.dailyUtcKeeping(TENANT_A, "09:00", 1, DEVICE_CONFIG, COMPLIANCE);
    Schedule b = f.dailyUtc(TENANT_B, "09:00", DEVICE_CONFIG);
    f.graph.fails(TENANT_B, DEVICE_CONFIG, GraphFailure.status(503, "unavailable"));

    for (int day = 0; day < 3; day++) {
      f.clock.set(f.schedule(a).nextRunAt());
      f.engine.dispatcher().dispatch();
      f.engine.worker().runOnce();
      f.advance(Duration.ofMinutes(1));
      f.engine.worker().runOnce();
    }
    f.graph.fails(TENANT_A, COMPLIANCE, GraphFailure.status(403, "forbidden"));
    Run manual = f.engine.schedules().runNow(TENANT_A, a.id(), "alice");
    f.engine.worker().runOnce();
    assertThat(f.run(manual).status()).isEqualTo(RunStatus.PARTIAL);
    f.advance(Duration.ofMinutes(2));
    f.engine.schedules().retry(TENANT_A, manual.id(), "alice");
    f.engine.worker().runOnce();
    f.engine.schedules().setEnabled(TENANT_B, b.id(), false, "bob");
    f.engine.schedules().delete(TENANT_B, b.id(), "bob");

    assertThat(f.stores.allBackupSets()).as("payloads were written to backup items").isNotEmpty();
    assertThat(f.stores.backupSets().items(TENANT_A, f.stores.allBackupSets().get(0).id()))
        .allSatisfy(i -> assertThat(i.payloadJson()).contains(ScriptedGraphClient.PAYLOAD_MARKER));
    Set<String> actions = f.stores.auditEvents().stream().map(AuditEvent::action).collect(Collectors.toSet());
    assertThat(actions).contains(AuditAction.SCHEDULE_CREATED.key(), AuditAction.DISPATCH.key(),
        AuditAction.RUN_STARTED.key(), AuditAction.RUN_COMPLETED.key(), AuditAction.RUN_NOW.key(),
        AuditAction.RETRY.key(), AuditAction.RETENTION_APPLIED.key(), AuditAction.BACKUP_CREATED.key(),
        AuditAction.SCHEDULE_DISABLED.key(), AuditAction.SCHEDULE_DELETED.key());
    for (AuditEvent e : f.stores.auditEvents()) {
      assertThat(e.toString()).as(e.action()).doesNotContain(ScriptedGraphClient.PAYLOAD_MARKER);
      assertThat(List.of(e.tenantId(), e.actor(), e.action())).doesNotContainNull();
    }
    for (Run r : f.stores.allRuns()) {
      assertThat(r.toString()).doesNotContain(ScriptedGraphClient.PAYLOAD_MARKER);
    }
    assertThat(f.stores.notifications()).isNotEmpty()
        .allSatisfy(n -> assertThat(n.toString()).doesNotContain(ScriptedGraphClient.PAYLOAD_MARKER));
  }
}
