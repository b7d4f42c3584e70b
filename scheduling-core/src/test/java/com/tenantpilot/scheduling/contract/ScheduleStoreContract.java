package com.tenantpilot.scheduling.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.port.NextRunUpdate;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link com.tenantpilot.scheduling.port.ScheduleStore}, for every adapter. */
public abstract class ScheduleStoreContract extends ContractSupport {

  @Test
  void insert_assigns_distinct_ids_and_find_returns_every_field() {
    StoredSchedule weekly = new StoredSchedule(0, "tenant-a", "Nächtliche Sicherung ✓", false, "weekly", "23:59",
        List.of("MON", "SUN"), "America/New_York", List.of("b", "a", "c"), 1000, null,
        Instant.parse("2026-03-01T01:02:03Z"), "partial", T0, T0.plusSeconds(5));
    StoredSchedule first = stores.schedules().insert(weekly);
    StoredSchedule second = insert("tenant-a", "other", T0);

    assertThat(first.id()).isPositive();
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(stores.schedules().find("tenant-a", first.id())).contains(weekly.withId(first.id()));
  }

  @Test
  void find_update_and_delete_are_scoped_by_tenant() {
    StoredSchedule a = insert("tenant-a", "a", T0);

    assertThat(stores.schedules().find("tenant-b", a.id())).isEmpty();
    StoredSchedule hijack = new StoredSchedule(a.id(), "tenant-b", "hijacked", false, "daily", "01:00", List.of(), "UTC",
        List.of("x"), 1, null, null, null, T0, T0);
    assertThat(stores.schedules().update(hijack)).isFalse();
    assertThat(stores.schedules().delete("tenant-b", a.id())).isFalse();
    assertThat(stores.schedules().find("tenant-a", a.id())).contains(a);
  }

  @Test
  void list_returns_only_the_tenants_schedules() {
    StoredSchedule a1 = insert("tenant-a", "a1", T0);
    insert("tenant-b", "b1", T0);
    StoredSchedule a2 = insert("tenant-a", "a2", T0);

    assertThat(stores.schedules().list("tenant-a")).extracting(StoredSchedule::id).containsExactly(a1.id(), a2.id());
    assertThat(stores.schedules().list("tenant-c")).isEmpty();
  }

  @Test
  void update_replaces_admin_fields_and_keeps_last_run_fields() {
    StoredSchedule a = insert("tenant-a", "a", T0);
    stores.schedules().recordLastRun("tenant-a", a.id(), T0.plusSeconds(60), RunStatus.SUCCESS);
    StoredSchedule changed = new StoredSchedule(a.id(), "tenant-a", "renamed", true, "weekly", "05:15", List.of("TUE"),
        "Asia/Kathmandu", List.of("deviceConfiguration"), 3, T0.plusSeconds(3600), null, null, a.createdAt(),
        T0.plusSeconds(120));

    assertThat(stores.schedules().update(changed)).isTrue();
    StoredSchedule read = stores.schedules().find("tenant-a", a.id()).orElseThrow();
    assertThat(read.name()).isEqualTo("renamed");
    assertThat(read.daysOfWeek()).containsExactly("TUE");
    assertThat(read.timezone()).isEqualTo("Asia/Kathmandu");
    assertThat(read.nextRunAt()).isEqualTo(T0.plusSeconds(3600));
    assertThat(read.updatedAt()).isEqualTo(T0.plusSeconds(120));
    assertThat(read.lastRunAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(read.lastRunStatus()).isEqualTo("success");
  }

  @Test
  void find_due_selects_enabled_schedules_due_by_now_oldest_first_up_to_the_limit() {
    StoredSchedule late = insert("tenant-a", "late", T0.minusSeconds(60));
    StoredSchedule early = insert("tenant-b", "early", T0.minusSeconds(600));
    StoredSchedule exact = insert("tenant-a", "exact", T0);
    insert("tenant-a", "future", T0.plusSeconds(60));
    insert("tenant-a", "never", null);
    StoredSchedule disabled = row("tenant-a", "disabled", T0.minusSeconds(900));
    stores.schedules().insert(new StoredSchedule(0, disabled.tenantId(), disabled.name(), false, disabled.frequency(),
        disabled.timeOfDay(), disabled.daysOfWeek(), disabled.timezone(), disabled.policyTypes(),
        disabled.retentionKeepLast(), disabled.nextRunAt(), null, null, T0, T0));

    assertThat(stores.schedules().findDue(T0, 100)).extracting(StoredSchedule::id)
        .containsExactly(early.id(), late.id(), exact.id());
    assertThat(stores.schedules().findDue(T0, 2)).extracting(StoredSchedule::id).containsExactly(early.id(), late.id());
  }

  @Test
  void stored_strings_come_back_verbatim_even_when_they_are_not_valid() {
    StoredSchedule corrupt = new StoredSchedule(0, "tenant-a", "corrupt", true, "hourly", "25:61", List.of("XYZ"),
        "Mars/Olympus_Mons", List.of("legacyType"), 7, T0, null, null, T0, T0);
    StoredSchedule stored = stores.schedules().insert(corrupt);

    assertThat(stores.schedules().findDue(T0, 10)).containsExactly(corrupt.withId(stored.id()));
  }

  @Test
  void advance_moves_next_run_only_when_it_still_holds_the_expected_value() {
    StoredSchedule a = insert("tenant-a", "a", T0);
    StoredSchedule b = insert("tenant-a", "b", T0);
    Instant next = T0.plus(Duration.ofDays(1));

    int moved = stores.schedules().advance(List.of(
        new NextRunUpdate("tenant-a", a.id(), T0, next),
        new NextRunUpdate("tenant-a", b.id(), T0.minusSeconds(1), next),
        new NextRunUpdate("tenant-b", a.id(), T0, next.plusSeconds(60))));

    assertThat(moved).isEqualTo(1);
    assertThat(stores.schedules().find("tenant-a", a.id()).orElseThrow().nextRunAt()).isEqualTo(next);
    assertThat(stores.schedules().find("tenant-a", b.id()).orElseThrow().nextRunAt()).isEqualTo(T0);
    assertThat(stores.schedules().findDue(T0, 10)).extracting(StoredSchedule::id).containsExactly(b.id());
    assertThat(stores.schedules().advance(List.of(new NextRunUpdate("tenant-a", a.id(), T0, next)))).isZero();
  }

  @Test
  void record_last_run_keeps_the_newest_finished_run() {
    StoredSchedule a = insert("tenant-a", "a", T0);
    stores.schedules().recordLastRun("tenant-a", a.id(), T0.plusSeconds(100), RunStatus.PARTIAL);
    stores.schedules().recordLastRun("tenant-a", a.id(), T0.plusSeconds(50), RunStatus.FAILED);
    stores.schedules().recordLastRun("tenant-b", a.id(), T0.plusSeconds(500), RunStatus.FAILED);

    StoredSchedule read = stores.schedules().find("tenant-a", a.id()).orElseThrow();
    assertThat(read.lastRunAt()).isEqualTo(T0.plusSeconds(100));
    assertThat(read.lastRunStatus()).isEqualTo("partial");
  }

  @Test
  void delete_removes_the_schedule_and_its_runs() {
    StoredSchedule a = insert("tenant-a", "a", T0);
    StoredSchedule b = insert("tenant-a", "b", T0);
    stores.runs().createIfAbsent(NewRun.scheduled(a.id(), "tenant-a", T0));
    long bRun = stores.runs().createIfAbsent(NewRun.scheduled(b.id(), "tenant-a", T0)).run().id();

    assertThat(stores.schedules().delete("tenant-a", a.id())).isTrue();

    assertThat(stores.schedules().find("tenant-a", a.id())).isEmpty();
    assertThat(stores.runs().findBySlot("tenant-a", a.id(), T0)).isEmpty();
    assertThat(stores.runs().find("tenant-a", bRun)).isPresent();
    assertThat(stores.schedules().delete("tenant-a", a.id())).isFalse();
  }
}
