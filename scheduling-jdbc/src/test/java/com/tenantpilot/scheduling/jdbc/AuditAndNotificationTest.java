package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.jdbc.support.H2Database;
import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import com.tenantpilot.scheduling.port.Notification;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The audit log and the notifier write tenant-scoped rows with JSON, checked by querying the tables. */
class AuditAndNotificationTest {

  private static final Instant T = Instant.parse("2026-03-02T01:30:00.123456Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static PostgresServer.Schema postgres;
  private static H2Database h2;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.newSchema("audit");
    h2 = H2Database.create();
  }

  @AfterAll
  static void stop() {
    postgres.close();
    h2.close();
  }

  static Stream<TestDatabase> databases() {
    return Stream.of(postgres, h2);
  }

  private static AuditEvent completed(String tenant, Instant at) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("status", "partial");
    meta.put("errorCode", "GRAPH_FORBIDDEN");
    meta.put("backedUp", 29);
    meta.put("types", List.of("deviceConfiguration", "settingsCatalogPolicy"));
    meta.put("retried", true);
    meta.put("finishedAt", at);
    return new AuditEvent(tenant, AuditAction.RUN_COMPLETED.key(), AuditEvent.SYSTEM, "backup_schedule_run", "42", at, meta);
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void audit_rows_carry_every_field_and_json_metadata(TestDatabase db) throws Exception {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    jdbc.auditLog().record(completed("tenant-a", T));
    jdbc.auditLog().record(new AuditEvent("tenant-a", AuditAction.RUN_NOW.key(), "admin@contoso", "backup_schedule", "7",
        T.plusSeconds(1), Map.of()));
    jdbc.auditLog().record(completed("tenant-b", T.plusSeconds(2)));

    List<Map<String, Object>> rows = db.rows("SELECT tenant_id, action, actor, resource_type, resource_id, CAST(metadata AS VARCHAR) AS metadata "
        + "FROM audit_logs WHERE tenant_id = ? ORDER BY id", "tenant-a");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("tenant_id", "tenant-a").containsEntry("action", "backup_schedule.run_completed")
        .containsEntry("actor", "system").containsEntry("resource_type", "backup_schedule_run").containsEntry("resource_id", "42");
    JsonNode meta = JSON.readTree(String.valueOf(rows.get(0).get("metadata")));
    assertThat(meta.get("status").asText()).isEqualTo("partial");
    assertThat(meta.get("backedUp").asInt()).isEqualTo(29);
    assertThat(meta.get("retried").asBoolean()).isTrue();
    assertThat(meta.get("types").get(1).asText()).isEqualTo("settingsCatalogPolicy");
    assertThat(meta.get("finishedAt").asText()).isEqualTo("2026-03-02T01:30:00.123456Z");
    assertThat(rows.get(1)).containsEntry("actor", "admin@contoso");

    assertThat(jdbc.jdbiAuditLog().recent("tenant-a", 10)).extracting(AuditEvent::action)
        .containsExactly("backup_schedule.run_now", "backup_schedule.run_completed");
    AuditEvent read = jdbc.jdbiAuditLog().recent("tenant-b", 10).get(0);
    assertThat(read.occurredAt()).isEqualTo(T.plusSeconds(2));
    assertThat(read.metadata()).containsEntry("status", "partial").containsEntry("backedUp", 29);
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void record_all_writes_every_event_of_the_batch_with_its_own_tenant(TestDatabase db) throws Exception {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    jdbc.auditLog().recordAll(List.of(completed("tenant-a", T), completed("tenant-b", T.plusSeconds(1)),
        new AuditEvent("tenant-a", AuditAction.DISPATCH.key(), AuditEvent.SYSTEM, "backup_schedule", null, T.plusSeconds(2),
            Map.of("due", 3))));
    jdbc.auditLog().recordAll(List.of());

    assertThat(jdbc.jdbiAuditLog().recent("tenant-a", 10)).extracting(AuditEvent::action)
        .containsExactly("backup_schedule.dispatch", "backup_schedule.run_completed");
    assertThat(jdbc.jdbiAuditLog().recent("tenant-a", 10).get(0).metadata()).containsEntry("due", 3);
    assertThat(jdbc.jdbiAuditLog().recent("tenant-b", 10)).hasSize(1);
  }

  @Test
  void postgres_metadata_is_queryable_jsonb() {
    postgres.clean();
    postgres.adapter().auditLog().record(completed("tenant-a", T));

    assertThat(postgres.count("SELECT COUNT(*) FROM audit_logs WHERE metadata->>'errorCode' = 'GRAPH_FORBIDDEN' "
        + "AND (metadata->>'backedUp')::int = 29 AND metadata->'types' @> '[\"deviceConfiguration\"]'")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void metadata_that_is_not_json_is_rejected_naming_the_action_and_nothing_is_written(TestDatabase db) {
    db.clean();
    AuditEvent bad = new AuditEvent("tenant-a", "backup_schedule.updated", "admin", "backup_schedule", "1", T,
        Map.of("weird", new Object()));

    assertThatThrownBy(() -> db.adapter().auditLog().record(bad))
        .isInstanceOf(StoreConstraintException.class)
        .hasMessageContaining("metadata of audit event 'backup_schedule.updated'");
    assertThat(db.count("SELECT COUNT(*) FROM audit_logs")).isZero();
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void notifications_are_rows_for_one_user_of_one_tenant(TestDatabase db) throws Exception {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("runId", 42);
    data.put("status", "failed");
    data.put("errorCode", "GRAPH_UNAUTHORIZED");
    jdbc.notifier().notify(new Notification("tenant-a", "admin@contoso", "backup_schedule.run_finished", data, T));
    jdbc.notifier().notify(new Notification("tenant-b", "admin@contoso", "backup_schedule.run_finished", Map.of("runId", 43),
        T.plusSeconds(1)));

    List<Map<String, Object>> rows = db.rows("SELECT tenant_id, notifiable_id, type, CAST(data AS VARCHAR) AS data, read_at FROM notifications "
        + "WHERE tenant_id = ?", "tenant-a");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsEntry("notifiable_id", "admin@contoso").containsEntry("type", "backup_schedule.run_finished")
        .containsEntry("read_at", null);
    JsonNode json = JSON.readTree(String.valueOf(rows.get(0).get("data")));
    assertThat(json.get("runId").asInt()).isEqualTo(42);
    assertThat(json.get("errorCode").asText()).isEqualTo("GRAPH_UNAUTHORIZED");

    List<Notification> unread = jdbc.jdbiNotifier().unread("tenant-a", "admin@contoso", 10);
    assertThat(unread).containsExactly(new Notification("tenant-a", "admin@contoso", "backup_schedule.run_finished", data, T));
    assertThat(jdbc.jdbiNotifier().unread("tenant-c", "admin@contoso", 10)).isEmpty();
  }
}
