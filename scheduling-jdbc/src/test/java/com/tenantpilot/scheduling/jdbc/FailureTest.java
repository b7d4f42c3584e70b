package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import com.tenantpilot.scheduling.jdbc.support.Fixtures;
import com.tenantpilot.scheduling.jdbc.support.H2Database;
import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import com.tenantpilot.scheduling.port.NextRunUpdate;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.NewRun;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets a clear error and changes nothing; a database that goes away does too. */
class FailureTest {

  private static final Instant SLOT = Instant.parse("2026-03-02T01:30:00Z");

  private static PostgresServer.Schema postgres;
  private static H2Database h2;

  @BeforeAll
  static void start() {
    postgres = PostgresServer.newSchema("failure");
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

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void a_run_for_a_schedule_that_does_not_exist_is_rejected_naming_it(TestDatabase db) {
    db.clean();
    JdbcScheduling jdbc = db.adapter();

    assertThatThrownBy(() -> jdbc.runs().createIfAbsent(NewRun.scheduled(999_999, "tenant-a", SLOT)))
        .isInstanceOf(StoreConstraintException.class)
        .hasMessageContaining("schedule 999999")
        .hasMessageContaining("foreign key violated")
        .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("fk_backup_schedule_runs_schedule"));
    assertThat(db.count("SELECT COUNT(*) FROM backup_schedule_runs")).isZero();
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void a_run_for_another_tenants_schedule_is_rejected(TestDatabase db) {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    StoredSchedule a = jdbc.schedules().insert(Fixtures.schedule("tenant-a", "a", SLOT));

    assertThatThrownBy(() -> jdbc.runs().createIfAbsent(NewRun.scheduled(a.id(), "tenant-b", SLOT)))
        .isInstanceOf(StoreConstraintException.class).hasMessageContaining("foreign key");
    jdbc.runs().createIfAbsent(NewRun.scheduled(a.id(), "tenant-a", SLOT));
    assertThatThrownBy(() -> jdbc.runs().createIfAbsent(NewRun.scheduled(a.id(), "tenant-b", SLOT)))
        .isInstanceOf(StoreConstraintException.class).hasMessageContaining("does not belong to tenant 'tenant-b'");
    assertThat(jdbc.runs().findBySlot("tenant-b", a.id(), SLOT)).isEmpty();
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void a_batch_with_one_bad_run_writes_none(TestDatabase db) {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    List<NewRun> runs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      StoredSchedule s = jdbc.schedules().insert(Fixtures.schedule("tenant-a", "s" + i, SLOT));
      runs.add(NewRun.scheduled(s.id(), "tenant-a", SLOT));
    }
    runs.add(NewRun.scheduled(999_999, "tenant-a", SLOT));

    assertThatThrownBy(() -> jdbc.runs().createAllIfAbsent(runs)).isInstanceOf(StoreConstraintException.class)
        .hasMessageContaining("create 11 runs");
    assertThat(db.count("SELECT COUNT(*) FROM backup_schedule_runs")).isZero();
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void a_schedule_without_tenant_is_rejected_naming_the_column(TestDatabase db) {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    StoredSchedule noTenant = new StoredSchedule(0, null, "s", true, "daily", "02:30", List.of(), "UTC", List.of("x"), 7,
        SLOT, null, null, SLOT, SLOT);

    assertThatThrownBy(() -> jdbc.schedules().insert(noTenant))
        .isInstanceOf(StoreConstraintException.class)
        .hasMessageContaining("NOT NULL violated")
        .satisfies(e -> assertThat(e.getMessage().toLowerCase()).contains("tenant_id"))
        .satisfies(e -> assertThat(((JdbcStoreException) e).sqlState()).isEqualTo("23502"));
    assertThat(db.count("SELECT COUNT(*) FROM backup_schedules")).isZero();
  }

  @ParameterizedTest(name = "{0}", autoCloseArguments = false)
  @MethodSource("databases")
  void a_backup_set_with_a_bad_item_is_not_written_at_all(TestDatabase db) {
    db.clean();
    JdbcScheduling jdbc = db.adapter();
    BackupItem good = new BackupItem("deviceConfiguration", "p1", "ok", "{\"id\":\"p1\",\"secret\":\"PAYLOAD-MARKER\"}", true);
    BackupItem tooLong = new BackupItem("deviceConfiguration", "p".repeat(300), "bad", "{\"id\":\"PAYLOAD-MARKER\"}", true);

    assertThatThrownBy(() -> jdbc.backupSets().create(new NewBackupSet("tenant-a", 1L, null, "set", List.of(good, tooLong), SLOT)))
        .isInstanceOf(StoreConstraintException.class)
        .hasMessageContaining("invalid value")
        .satisfies(e -> assertThat(chain(e)).doesNotContain("PAYLOAD-MARKER"));
    assertThat(db.count("SELECT COUNT(*) FROM backup_sets")).isZero();
    assertThat(db.count("SELECT COUNT(*) FROM backup_items")).isZero();
  }

  @Test
  void postgres_rejects_a_payload_that_is_not_json_without_quoting_it() {
    postgres.clean();
    JdbcScheduling jdbc = postgres.adapter();
    BackupItem broken = new BackupItem("deviceConfiguration", "p1", "x", "PAYLOAD-MARKER {not json", true);

    assertThatThrownBy(() -> jdbc.backupSets().create(new NewBackupSet("tenant-a", 1L, null, "set", List.of(broken), SLOT)))
        .isInstanceOf(StoreConstraintException.class)
        .hasMessageContaining("json")
        .satisfies(e -> assertThat(chain(e)).doesNotContain("PAYLOAD-MARKER"));
    assertThat(postgres.count("SELECT COUNT(*) FROM backup_sets")).isZero();
  }

  @Test
  void a_connection_killed_mid_operation_gives_a_clear_error_writes_nothing_and_the_next_call_works() throws Exception {
    postgres.clean();
    JdbcScheduling jdbc = postgres.adapter();
    List<StoredSchedule> schedules = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      schedules.add(jdbc.schedules().insert(Fixtures.schedule("tenant-a", "s" + i, SLOT)));
    }
    List<NextRunUpdate> moves = schedules.stream()
        .map(s -> new NextRunUpdate("tenant-a", s.id(), SLOT, SLOT.plus(Duration.ofDays(1)))).toList();
    long last = schedules.get(2).id();

    try (Connection blocker = PostgresServer.admin().getConnection()) {
      blocker.setAutoCommit(false);
      try (PreparedStatement lock = blocker.prepareStatement(
          "SELECT id FROM " + postgres.name() + ".backup_schedules WHERE id = ? FOR UPDATE")) {
        lock.setLong(1, last);
        lock.executeQuery().close();
      }
      // advance locks the first two rows, then waits for the third, held by the blocker.
      CompletableFuture<Integer> advance = CompletableFuture.supplyAsync(() -> jdbc.schedules().advance(moves));
      long pid = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(
          () -> postgres.rows("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH v AS%'"),
          rows -> rows.size() == 1).get(0).get("pid") instanceof Number n ? n.longValue() : -1;
      try (Connection admin = PostgresServer.admin().getConnection(); Statement s = admin.createStatement()) {
        s.execute("SELECT pg_terminate_backend(" + pid + ")");
      }

      assertThatThrownBy(() -> advance.get(15, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageContaining("advance 3 schedules failed: the database is unavailable");
      blocker.rollback();
    }

    assertThat(postgres.count("SELECT COUNT(*) FROM backup_schedules WHERE next_run_at = ?", SLOT.atOffset(java.time.ZoneOffset.UTC)))
        .as("nothing half-written").isEqualTo(3);
    assertThat(jdbc.schedules().advance(moves)).as("the pool replaced the dead connection").isEqualTo(3);
  }

  @Test
  void a_closed_pool_gives_a_clear_error_and_a_restored_pool_works() {
    postgres.clean();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.dataSource().getJdbcUrl());
    config.setUsername("postgres");
    HikariDataSource pool = new HikariDataSource(config);
    JdbcScheduling jdbc = JdbcScheduling.create(pool, JdbcSchedulingOptions.builder().database(Database.POSTGRESQL).build());
    StoredSchedule s = jdbc.schedules().insert(Fixtures.schedule("tenant-a", "s", SLOT));
    pool.close();

    assertThatThrownBy(() -> jdbc.schedules().find("tenant-a", s.id()))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("find schedule " + s.id())
        .hasMessageContaining("the database is unavailable");

    try (HikariDataSource restored = new HikariDataSource(config)) {
      assertThat(JdbcScheduling.create(restored).schedules().find("tenant-a", s.id())).isPresent();
    }
  }

  @Test
  void an_h2_database_that_shut_down_gives_a_clear_error() throws Exception {
    H2Database gone = H2Database.create();
    JdbcScheduling jdbc = gone.adapter();
    jdbc.schedules().insert(Fixtures.schedule("tenant-a", "s", SLOT));
    gone.close();

    assertThatThrownBy(() -> jdbc.schedules().list("tenant-a"))
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageContaining("list schedules of tenant 'tenant-a'");
  }

  @Test
  void a_database_without_the_schema_says_so() {
    PostgresServer.Schema empty = PostgresServer.newSchema("empty", false, c -> {});
    try {
      assertThatThrownBy(() -> empty.adapter().schedules().list("tenant-a"))
          .isInstanceOf(JdbcStoreException.class)
          .hasMessageContaining("is the schema installed?");
    } finally {
      empty.close();
    }
  }

  private static String chain(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t).append('\n');
    }
    return all.toString();
  }
}
