package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import com.tenantpilot.scheduling.jdbc.support.Fixtures;
import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Instants survive any disagreement of zones: the JVM's default zone and the database session's
 * zone are set to different DST zones, and every instant near a transition of either (and of
 * UTC wall times that fall into their gaps and overlaps) round-trips exactly, to the microsecond,
 * through every timestamp column. A conversion through a local date-time anywhere would shift
 * or reject some of them.
 */
class TimeZoneDriftTest {

  private static final ZoneId SESSION_ZONE = ZoneId.of("Europe/Berlin");
  private static final TimeZone ORIGINAL = TimeZone.getDefault();

  private HikariDataSource pool;
  private PostgresServer.Schema schema;

  @AfterEach
  void restore() {
    TimeZone.setDefault(ORIGINAL);
    if (pool != null) {
      pool.close();
    }
    if (schema != null) {
      schema.close();
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of("America/Sao_Paulo", "Australia/Lord_Howe")
        .flatMap(jvm -> Stream.of(Arguments.of(jvm, Database.POSTGRESQL), Arguments.of(jvm, Database.H2)));
  }

  /** Instants at, just around and half an hour around every transition from 2018 to 2026, plus wall-time traps. */
  static List<Instant> instants() {
    TreeSet<Instant> all = new TreeSet<>();
    for (String zone : List.of("Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe")) {
      ZoneRules rules = ZoneId.of(zone).getRules();
      Instant at = Instant.parse("2018-01-01T00:00:00Z");
      for (ZoneOffsetTransition t = rules.nextTransition(at); t != null && t.getInstant().isBefore(Instant.parse("2027-01-01T00:00:00Z"));
          t = rules.nextTransition(t.getInstant())) {
        Instant i = t.getInstant();
        all.addAll(List.of(i, i.minusNanos(1_000), i.plusNanos(1_000), i.minus(Duration.ofMinutes(30)),
            i.plus(Duration.ofMinutes(30)).plusNanos(123_456_000)));
        // A UTC wall time inside this zone's gap or overlap: read as a local time in that zone it
        // does not exist (gap) or is ambiguous (overlap).
        LocalDateTime inside = (t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter()).plusMinutes(15);
        all.add(inside.toInstant(ZoneOffset.UTC));
      }
    }
    return List.copyOf(all);
  }

  private JdbcScheduling adapter(String jvmZone, Database database, java.time.Clock clock) {
    TimeZone.setDefault(TimeZone.getTimeZone(jvmZone));
    HikariConfig config = new HikariConfig();
    if (database == Database.POSTGRESQL) {
      schema = PostgresServer.newSchema("drift", true, c -> {});
      config.setJdbcUrl(schema.dataSource().getJdbcUrl());
      config.setUsername("postgres");
    } else {
      config.setJdbcUrl("jdbc:h2:mem:drift_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
      config.setUsername("sa");
    }
    config.setConnectionInitSql("SET TIME ZONE '" + SESSION_ZONE.getId() + "'");
    config.setMaximumPoolSize(4);
    pool = new HikariDataSource(config);
    JdbcSchedulingOptions.Builder options = JdbcSchedulingOptions.builder();
    if (clock != null) {
      options.clock(clock);
    }
    JdbcScheduling jdbc = JdbcScheduling.create(pool, options.build());
    if (database == Database.H2) {
      jdbc.installSchema();
    }
    return jdbc;
  }

  @ParameterizedTest(name = "JVM zone {0}, {1} session zone Europe/Berlin")
  @MethodSource("cases")
  void instants_round_trip_exactly_through_every_timestamp_column(String jvmZone, Database database) {
    List<Instant> instants = instants();
    JdbcScheduling jdbc = adapter(jvmZone, database, null);
    assertSessionZone(database);

    List<StoredSchedule> stored = new ArrayList<>();
    for (Instant i : instants) {
      StoredSchedule s = new StoredSchedule(0, "tenant-a", "s", true, "daily", "02:30", List.of(), "Europe/Berlin",
          List.of("deviceConfiguration"), 7, i, i, "success", i, i);
      stored.add(jdbc.schedules().insert(s));
    }
    for (StoredSchedule s : stored) {
      assertThat(jdbc.schedules().find("tenant-a", s.id())).contains(s);
    }
    Instant boundary = instants.get(instants.size() / 2);
    assertThat(jdbc.schedules().findDue(boundary, 100_000)).extracting(StoredSchedule::nextRunAt)
        .containsExactlyElementsOf(instants.subList(0, instants.size() / 2 + 1));
    assertThat(jdbc.schedules().findDue(boundary.minusNanos(1_000), 100_000)).hasSize(instants.size() / 2);

    long scheduleId = stored.get(0).id();
    jdbc.runs().createAllIfAbsent(instants.stream().map(i -> NewRun.scheduled(scheduleId, "tenant-a", i)).toList());
    assertThat(jdbc.runs().history("tenant-a", scheduleId, 100_000)).extracting(Run::scheduledFor)
        .containsExactlyElementsOf(reversed(instants));
    for (Instant i : instants) {
      assertThat(jdbc.runs().findBySlot("tenant-a", scheduleId, i)).map(Run::notBefore).contains(i);
    }

    for (Instant i : instants.subList(0, 20)) {
      BackupSet set = jdbc.backupSets().create(new NewBackupSet("tenant-a", scheduleId, null, "set", List.of(), i));
      assertThat(jdbc.backupSets().find("tenant-a", set.id()).orElseThrow().createdAt()).isEqualTo(i);
      jdbc.auditLog().record(new AuditEvent("tenant-a", "backup.created", "system", "backup_set", "1", i, Map.of()));
    }
    assertThat(jdbc.jdbiAuditLog().recent("tenant-a", 100)).extracting(AuditEvent::occurredAt)
        .containsExactlyInAnyOrderElementsOf(instants.subList(0, 20));
  }

  @ParameterizedTest(name = "JVM zone {0}, {1} session zone Europe/Berlin")
  @MethodSource("cases")
  void leases_are_exact_durations_in_database_clock_mode(String jvmZone, Database database) {
    JdbcScheduling jdbc = adapter(jvmZone, database, null);
    StoredSchedule s = jdbc.schedules().insert(Fixtures.schedule("tenant-a", "s", Instant.parse("2026-03-29T01:00:00Z")));
    jdbc.runs().createIfAbsent(NewRun.scheduled(s.id(), "tenant-a", Instant.parse("2026-03-29T01:00:00Z")));

    Run run = jdbc.runs().claim(new ClaimRequest("w", 1, Duration.ofMillis(90_500), 10)).get(0);

    assertThat(Duration.between(run.startedAt(), run.lease().expiresAt())).isEqualTo(Duration.ofMillis(90_500));
    assertThat(jdbc.runs().find("tenant-a", run.id())).contains(run);
  }

  @ParameterizedTest(name = "JVM zone {0}, {1} session zone Europe/Berlin")
  @MethodSource("cases")
  void a_clock_inside_a_gap_of_both_zones_stamps_exact_instants(String jvmZone, Database database) {
    // 02:30 UTC on the day Berlin springs forward: a wall time Berlin skips, read as local time.
    Instant now = Instant.parse("2026-03-29T02:30:00.000001Z");
    JdbcScheduling jdbc = adapter(jvmZone, database, new ManualClock(now));
    StoredSchedule s = jdbc.schedules().insert(Fixtures.schedule("tenant-a", "s", now));
    Run created = jdbc.runs().createIfAbsent(new NewRun(s.id(), "tenant-a", now, com.tenantpilot.scheduling.run.RunTrigger.MANUAL,
        com.tenantpilot.scheduling.run.RunStatus.QUEUED, null, null, null, "user", null)).run();

    Run claimed = jdbc.runs().claim(new ClaimRequest("w", 1, Duration.ofSeconds(90), 10)).get(0);

    assertThat(created.createdAt()).isEqualTo(now);
    assertThat(created.notBefore()).isEqualTo(now);
    assertThat(claimed.startedAt()).isEqualTo(now);
    assertThat(claimed.lease().expiresAt()).isEqualTo(now.plusSeconds(90));
    assertThat(jdbc.lock().tryAcquire("k", "o", Duration.ofSeconds(1))).isPresent();
    assertThat(jdbc.lock().tryAcquire("k", "o", Duration.ofSeconds(1))).isEmpty();
  }

  private static List<Instant> reversed(List<Instant> instants) {
    List<Instant> copy = new ArrayList<>(instants);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private void assertSessionZone(Database database) {
    Jdbi jdbi = Jdbi.create(pool);
    if (database == Database.POSTGRESQL) {
      String zone = jdbi.withHandle(h -> h.createQuery("SHOW TIME ZONE").mapTo(String.class).one());
      assertThat(zone).isEqualTo(SESSION_ZONE.getId());
    } else {
      // getObject(OffsetDateTime) keeps the offset the database sent (Jdbi's own mapper would not).
      OffsetDateTime dbNow = jdbi.withHandle(h -> h.createQuery("SELECT CURRENT_TIMESTAMP AS now")
          .map((rs, ctx) -> rs.getObject("now", OffsetDateTime.class)).one());
      assertThat(dbNow.getOffset()).isEqualTo(SESSION_ZONE.getRules().getOffset(dbNow.toInstant()));
    }
    assertThat(TimeZone.getDefault().getID()).isNotEqualTo(SESSION_ZONE.getId());
  }
}
