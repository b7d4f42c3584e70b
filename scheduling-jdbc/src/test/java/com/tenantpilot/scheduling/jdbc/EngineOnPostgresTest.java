package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.engine.SchedulingEngine;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.execution.RunResult;
import com.tenantpilot.scheduling.execution.ScriptedGraphClient;
import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunTrigger;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core's engine (dispatcher, worker, executor, retention, services) on the JDBC adapter and
 * real PostgreSQL, two nodes with their own pools: what the port contracts cannot show on their
 * own. Time is the engine's manual clock, which the stores read too (the Clock option, as a
 * simulation would use it).
 */
class EngineOnPostgresTest {

  private static final Instant MONDAY = Instant.parse("2026-03-02T08:00:00Z");
  private static final String DEVICE = "deviceConfiguration";
  private static final String SETTINGS = "settingsCatalogPolicy";

  private PostgresServer.Schema db;
  private final List<HikariDataSource> pools = new ArrayList<>();
  private ManualClock clock;
  private ScriptedGraphClient graph;
  private SchedulingEngine nodeA;
  private SchedulingEngine nodeB;

  @BeforeEach
  void engines() {
    db = PostgresServer.newSchema("engine");
    clock = new ManualClock(MONDAY);
    graph = new ScriptedGraphClient(clock);
    nodeA = engine("node-a");
    nodeB = engine("node-b");
  }

  @AfterEach
  void close() {
    pools.forEach(HikariDataSource::close);
    db.close();
  }

  private SchedulingEngine engine(String node) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.dataSource().getJdbcUrl());
    config.setUsername("postgres");
    config.setMaximumPoolSize(3);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    JdbcScheduling jdbc = JdbcScheduling.create(pool, JdbcSchedulingOptions.builder().clock(clock).build());
    return SchedulingEngine.builder()
        .scheduleStore(jdbc.schedules()).runStore(jdbc.runs()).backupSetStore(jdbc.backupSets())
        .policyStore(jdbc.policies()).scheduleLock(jdbc.lock()).auditLog(jdbc.auditLog()).notifier(jdbc.notifier())
        .graphClient(graph).catalog(PolicyTypeCatalog.of(DEVICE, SETTINGS)).clock(clock)
        .options(SchedulingOptions.builder().nodeId(node).build())
        .random(() -> 0.0)
        .build();
  }

  @Test
  void daily_backups_run_once_per_slot_across_two_nodes_with_retention_audit_and_notifications() {
    Schedule schedule = nodeA.schedules().create(new ScheduleInput("tenant-a", "Nightly", true, "DAILY", "02:30", List.of(),
        "Europe/Berlin", List.of(DEVICE, SETTINGS), 2), "admin@a");
    long id = schedule.id();

    for (int day = 1; day <= 3; day++) {
      clock.set(Instant.parse("2026-03-0" + (2 + day) + "T01:30:00Z")); // 02:30 in Berlin (CET)
      int created = nodeA.dispatcher().dispatch().created() + nodeB.dispatcher().dispatch().created();
      assertThat(created).as("runs created on day %d by two nodes", day).isEqualTo(1);
      List<RunResult> results = new ArrayList<>(nodeB.worker().runOnce());
      results.addAll(nodeA.worker().runOnce());
      assertThat(results).extracting(RunResult::status).containsExactly(RunStatus.SUCCESS);
    }

    List<Run> history = nodeA.schedules().history("tenant-a", id, 10);
    assertThat(history).extracting(Run::status).containsOnly(RunStatus.SUCCESS).hasSize(3);
    assertThat(history).extracting(Run::scheduledFor).containsExactly(Instant.parse("2026-03-05T01:30:00Z"),
        Instant.parse("2026-03-04T01:30:00Z"), Instant.parse("2026-03-03T01:30:00Z"));
    assertThat(db.count("SELECT COUNT(*) FROM backup_sets WHERE schedule_id = ? AND deleted_at IS NULL", id))
        .as("retention keeps the newest 2").isEqualTo(2);
    assertThat(db.count("SELECT COUNT(*) FROM backup_sets WHERE schedule_id = ? AND deleted_at IS NOT NULL", id)).isEqualTo(1);
    assertThat(db.count("SELECT COUNT(*) FROM backup_items")).isEqualTo(6);
    assertThat(db.rows("SELECT last_run_status FROM backup_schedules WHERE id = ?", id))
        .containsExactly(Map.of("last_run_status", "success"));
    assertThat(db.rows("SELECT DISTINCT action FROM audit_logs").stream().map(r -> (String) r.get("action")).toList())
        .contains("backup_schedule.created", "backup_schedule.dispatch", "backup_schedule.run_started",
            "backup_schedule.run_completed", "backup.created", "backup_schedule.retention_applied");
    assertThat(db.count("SELECT COUNT(*) FROM notifications")).as("scheduled runs notify nobody").isZero();

    clock.advance(Duration.ofMinutes(5));
    Run manual = nodeB.schedules().runNow("tenant-a", id, "admin@a");
    assertThat(manual.trigger()).isEqualTo(RunTrigger.MANUAL);
    assertThat(nodeA.worker().runOnce()).extracting(RunResult::status).containsExactly(RunStatus.SUCCESS);
    assertThat(db.rows("SELECT tenant_id, notifiable_id FROM notifications"))
        .containsExactly(Map.of("tenant_id", "tenant-a", "notifiable_id", "admin@a"));

    List<BackupSet> live = JdbcScheduling.create(db.dataSource()).backupSets().listLive("tenant-a", id);
    assertThat(live).hasSize(2).allSatisfy(set -> assertThat(set.itemCount()).isEqualTo(2));
    for (String table : List.of("audit_logs", "notifications", "backup_schedule_runs")) {
      assertThat(db.count("SELECT COUNT(*) FROM " + table + " t WHERE CAST(t AS text) LIKE ?",
          "%" + ScriptedGraphClient.PAYLOAD_MARKER + "%")).as("payloads in %s", table).isZero();
    }
    assertThat(db.count("SELECT COUNT(*) FROM backup_items WHERE CAST(payload AS text) LIKE ?",
        "%" + ScriptedGraphClient.PAYLOAD_MARKER + "%")).as("the payloads are in the backup").isPositive();
  }
}
