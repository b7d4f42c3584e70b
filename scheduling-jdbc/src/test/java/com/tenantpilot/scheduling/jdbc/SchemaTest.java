package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.jdbc.support.Fixtures;
import com.tenantpilot.scheduling.jdbc.support.H2Database;
import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.RunOutcome;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunSummary;
import com.tenantpilot.scheduling.run.RunTrigger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The tables look as documented: names, stored values, and the indexes the hot queries use. */
class SchemaTest {

  private static final Instant T = Instant.parse("2026-03-02T01:30:00Z");

  private static PostgresServer.Schema postgres;
  private static H2Database h2;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.newSchema("schema");
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

  private static List<String> columns(TestDatabase db, String table) {
    return db.rows("SELECT column_name FROM information_schema.columns WHERE LOWER(table_name) = ? "
            + "AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA) ORDER BY ordinal_position", table).stream()
        .map(r -> String.valueOf(r.get("column_name")).toLowerCase(Locale.ROOT))
        .collect(Collectors.toList());
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void tables_and_columns_have_the_documented_names(TestDatabase db) {
    assertThat(columns(db, "backup_schedules")).containsExactly("id", "tenant_id", "name", "is_enabled", "frequency",
        "time_of_day", "days_of_week", "timezone", "policy_types", "retention_keep_last", "next_run_at", "last_run_at",
        "last_run_status", "created_at", "updated_at");
    assertThat(columns(db, "backup_schedule_runs")).containsExactly("id", "backup_schedule_id", "tenant_id",
        "scheduled_for", "trigger", "status", "attempts", "not_before", "started_at", "finished_at", "error_code",
        "error_message", "summary", "backup_set_id", "requested_by", "retry_of", "lease_owner", "lease_token",
        "lease_expires_at", "created_at");
    assertThat(columns(db, "notifications")).containsExactly("id", "tenant_id", "notifiable_id", "type", "data", "read_at",
        "created_at");
    assertThat(columns(db, "backup_sets")).contains("tenant_id", "schedule_id", "deleted_at", "created_at");
    assertThat(columns(db, "backup_items")).contains("backup_set_id", "tenant_id", "payload");
    assertThat(columns(db, "audit_logs")).contains("tenant_id", "action", "actor", "metadata");
    assertThat(columns(db, "scheduler_locks")).contains("lock_key", "lock_owner", "token", "expires_at");
    assertThat(columns(db, "policies")).contains("tenant_id", "policy_type", "policy_id", "payload");
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void values_are_stored_lowercase_and_error_codes_by_their_enum_names(TestDatabase db) {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    StoredSchedule s = jdbc.schedules().insert(new StoredSchedule(0, "tenant-a", "weekly", true, "weekly", "23:59",
        List.of("SUN", "MON"), "America/New_York", List.of("b", "a"), 3, T, null, null, T, T));
    jdbc.runs().createIfAbsent(NewRun.missed(s.id(), "tenant-a", T.minus(Duration.ofDays(1))));
    jdbc.runs().createIfAbsent(new NewRun(s.id(), "tenant-a", T, RunTrigger.MANUAL, RunStatus.QUEUED, null, null, T, "u", null));
    Run run = jdbc.runs().claim(new ClaimRequest("w", 1, Duration.ofMinutes(1), 1)).get(0);
    jdbc.runs().finish(run.leaseRef(), new RunOutcome(RunStatus.PARTIAL, ErrorCode.GRAPH_FORBIDDEN, "403", RunSummary.EMPTY, null, T));
    jdbc.schedules().recordLastRun("tenant-a", s.id(), T, RunStatus.PARTIAL);

    Map<String, Object> schedule = db.rows("SELECT frequency, last_run_status, CAST(days_of_week AS VARCHAR) AS days, "
        + "CAST(policy_types AS VARCHAR) AS types FROM backup_schedules").get(0);
    assertThat(schedule).containsEntry("frequency", "weekly").containsEntry("last_run_status", "partial");
    assertThat(String.valueOf(schedule.get("days")).replace(" ", "")).isEqualTo("[\"SUN\",\"MON\"]");
    assertThat(String.valueOf(schedule.get("types")).replace(" ", "")).isEqualTo("[\"b\",\"a\"]");
    assertThat(db.rows("SELECT trigger, status, error_code FROM backup_schedule_runs ORDER BY scheduled_for"))
        .containsExactly(
            Map.of("trigger", "scheduled", "status", "skipped", "error_code", "MISSED_SLOT"),
            Map.of("trigger", "manual", "status", "partial", "error_code", "GRAPH_FORBIDDEN"));
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void a_row_whose_json_is_not_a_list_is_returned_as_it_is_and_does_not_break_find_due(TestDatabase db) {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    StoredSchedule good = jdbc.schedules().insert(Fixtures.schedule("tenant-a", "good", T));
    StoredSchedule legacy = jdbc.schedules().insert(Fixtures.schedule("tenant-a", "legacy", T.minusSeconds(60)));
    String value = db instanceof PostgresServer.Schema ? "'\"MON\"'::jsonb" : "'MON,TUE'";
    db.jdbi().useHandle(h -> h.execute("UPDATE backup_schedules SET days_of_week = " + value + " WHERE id = " + legacy.id()));

    assertThat(jdbc.schedules().findDue(T, 10)).extracting(StoredSchedule::id).containsExactly(legacy.id(), good.id());
    assertThat(jdbc.schedules().find("tenant-a", legacy.id()).orElseThrow().daysOfWeek())
        .containsExactly(db instanceof PostgresServer.Schema ? "MON" : "MON,TUE");
  }

  @Test
  void the_hot_queries_use_their_indexes_on_postgres() {
    postgres.clean();
    postgres.jdbi().useHandle(h -> {
      h.createUpdate("INSERT INTO backup_schedules (tenant_id, name, is_enabled, frequency, time_of_day, days_of_week, "
              + "timezone, policy_types, retention_keep_last, next_run_at, created_at, updated_at) "
              + "SELECT 'tenant-' || (g % 100), 's' || g, g % 10 <> 0, 'daily', '02:30', '[]', 'UTC', '[\"a\"]', 7, "
              + "CAST(:t AS timestamptz) + (g % 1440) * INTERVAL '1 minute', CAST(:t AS timestamptz), CAST(:t AS timestamptz) "
              + "FROM generate_series(1, 20000) AS g")
          .bind("t", T.atOffset(ZoneOffset.UTC)).execute();
      h.execute("INSERT INTO backup_schedule_runs (backup_schedule_id, tenant_id, scheduled_for, trigger, status, "
          + "not_before, created_at) SELECT id, tenant_id, next_run_at, 'scheduled', "
          + "CASE WHEN id % 50 = 0 THEN 'queued' ELSE 'success' END, next_run_at, next_run_at FROM backup_schedules");
      h.execute("INSERT INTO backup_sets (tenant_id, schedule_id, name, item_count, counts_by_type, created_at) "
          + "SELECT tenant_id, id, 'set', 0, '{}', created_at FROM backup_schedules");
      h.execute("ANALYZE");
    });

    assertThat(plan("SELECT * FROM backup_schedules WHERE is_enabled = TRUE AND next_run_at <= now() "
        + "ORDER BY next_run_at, id LIMIT 1000")).contains("ix_backup_schedules_due");
    assertThat(planInClaimTransaction("SELECT r.id, r.tenant_id FROM backup_schedule_runs r WHERE r.status = 'queued' "
        + "AND r.not_before <= now() AND NOT EXISTS (SELECT 1 FROM backup_schedule_runs x WHERE x.status = 'running' "
        + "AND x.tenant_id = r.tenant_id AND x.lease_expires_at > now() LIMIT 1 OFFSET 0) "
        + "ORDER BY r.status, r.not_before, r.id LIMIT 10 FOR UPDATE OF r SKIP LOCKED"))
        .contains("Index Scan using ix_backup_schedule_runs_claim").doesNotContain("Sort");
    assertThat(plan("SELECT * FROM backup_schedule_runs WHERE status = 'running' AND lease_expires_at <= now() "
        + "ORDER BY status, lease_expires_at, id LIMIT 100")).contains("ix_backup_schedule_runs_lease");
    assertThat(plan("SELECT * FROM backup_schedule_runs WHERE backup_schedule_id = 5 AND tenant_id = 'tenant-5' "
        + "ORDER BY scheduled_for DESC, id DESC LIMIT 20")).contains("uq_backup_schedule_runs_slot");
    assertThat(plan("SELECT * FROM backup_sets WHERE tenant_id = 'tenant-5' AND schedule_id = 5 AND deleted_at IS NULL "
        + "ORDER BY created_at DESC, id DESC")).contains("ix_backup_sets_retention");
  }

  private static String plan(String sql) {
    List<String> lines = postgres.jdbi().withHandle(h -> h.createQuery("EXPLAIN " + sql).mapTo(String.class).list());
    return String.join("\n", lines);
  }

  private static String planInClaimTransaction(String sql) {
    List<String> lines = postgres.jdbi().inTransaction(h -> {
      h.createQuery("SELECT set_config('enable_sort', 'off', true)").mapTo(String.class).one();
      return h.createQuery("EXPLAIN " + sql).mapTo(String.class).list();
    });
    return String.join("\n", lines);
  }
}
