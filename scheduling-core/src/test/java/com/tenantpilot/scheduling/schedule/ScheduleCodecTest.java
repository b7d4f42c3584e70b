package com.tenantpilot.scheduling.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.RunStatus;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleCodecTest {

  private static final Instant CREATED = Instant.parse("2026-01-05T09:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-01-06T10:00:00Z");
  private static final Instant NEXT = Instant.parse("2026-03-30T00:30:00Z");
  private static final Instant LAST = Instant.parse("2026-03-28T01:31:12Z");

  private static final ScheduleSpec WEEKLY = new ScheduleSpec("tenant-a", "Weekend", true,
      Recurrence.weekly(LocalTime.of(2, 5), EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY), ZoneId.of("Europe/Berlin")),
      List.of("settingsCatalogPolicy", "deviceConfiguration"), 7);

  @Test
  void encodes_to_the_stored_strings() {
    StoredSchedule row = ScheduleCodec.encode(42, WEEKLY, NEXT, LAST, RunStatus.PARTIAL, CREATED, UPDATED);

    assertThat(row).isEqualTo(new StoredSchedule(42, "tenant-a", "Weekend", true, "weekly", "02:05",
        List.of("SAT", "SUN"), "Europe/Berlin", List.of("settingsCatalogPolicy", "deviceConfiguration"), 7,
        NEXT, LAST, "partial", CREATED, UPDATED));
  }

  @Test
  void round_trips_a_weekly_and_a_daily_schedule() {
    Schedule weekly = new Schedule(42, WEEKLY, NEXT, LAST, RunStatus.PARTIAL, CREATED, UPDATED);
    Schedule daily = new Schedule(7, new ScheduleSpec("tenant-b", "Daily", false,
        Recurrence.daily(LocalTime.of(0, 0), ZoneId.of("Asia/Kathmandu")), List.of("deviceConfiguration"), 1000),
        null, null, null, CREATED, CREATED);

    assertThat(ScheduleCodec.decode(ScheduleCodec.encode(weekly))).isEqualTo(weekly);
    assertThat(ScheduleCodec.decode(ScheduleCodec.encode(daily))).isEqualTo(daily);
    assertThat(ScheduleCodec.encode(daily).daysOfWeek()).isEmpty();
    assertThat(ScheduleCodec.encode(daily).lastRunStatus()).isNull();
  }

  @Test
  void formats_the_time_with_two_digit_hours_and_minutes() {
    assertThat(ScheduleCodec.formatTime(Recurrence.daily(LocalTime.of(0, 5), ZoneId.of("UTC")))).isEqualTo("00:05");
    assertThat(ScheduleCodec.formatTime(Recurrence.daily(LocalTime.of(23, 59), ZoneId.of("UTC")))).isEqualTo("23:59");
  }

  @Test
  void decodes_policy_types_the_catalog_no_longer_knows() {
    StoredSchedule row = ScheduleCodec.encode(1, WEEKLY, NEXT, null, null, CREATED, UPDATED);
    StoredSchedule legacy = new StoredSchedule(1, row.tenantId(), row.name(), row.enabled(), row.frequency(),
        row.timeOfDay(), row.daysOfWeek(), row.timezone(), List.of("retiredType", "deviceConfiguration"),
        row.retentionKeepLast(), row.nextRunAt(), null, null, CREATED, UPDATED);

    assertThat(ScheduleCodec.decode(legacy).spec().policyTypes()).containsExactly("retiredType", "deviceConfiguration");
  }

  @Test
  void a_corrupt_row_names_each_bad_field_and_quotes_its_value() {
    StoredSchedule corrupt = new StoredSchedule(99, "tenant-a", "Broken", true, "hourly", "25:00", List.of("FUNDAY"),
        "Mars/Olympus", List.of(), 0, NEXT, null, "exploded", CREATED, UPDATED);

    CorruptScheduleException e = catchThrowableOfType(CorruptScheduleException.class,
        () -> ScheduleCodec.decode(corrupt));

    assertThat(e.scheduleId()).isEqualTo(99);
    assertThat(e.violations()).extracting(Violation::field, Violation::value).containsExactlyInAnyOrder(
        tuple("frequency", "hourly"),
        tuple("timeOfDay", "25:00"),
        tuple("daysOfWeek", "FUNDAY"),
        tuple("timezone", "Mars/Olympus"),
        tuple("policyTypes", "[]"),
        tuple("retentionKeepLast", "0"),
        tuple("lastRunStatus", "exploded"));
    assertThat(e.getMessage()).contains("stored schedule 99", "frequency 'hourly'", "timeOfDay '25:00'",
        "daysOfWeek 'FUNDAY'", "timezone 'Mars/Olympus'", "policyTypes '[]'", "retentionKeepLast '0'",
        "lastRunStatus 'exploded'");
  }

  @Test
  void a_row_with_a_raw_offset_zone_is_corrupt() {
    StoredSchedule row = ScheduleCodec.encode(5, WEEKLY, NEXT, null, null, CREATED, UPDATED);
    StoredSchedule offset = new StoredSchedule(5, row.tenantId(), row.name(), row.enabled(), row.frequency(),
        row.timeOfDay(), row.daysOfWeek(), "+02:00", row.policyTypes(), row.retentionKeepLast(), row.nextRunAt(),
        null, null, CREATED, UPDATED);

    CorruptScheduleException e = catchThrowableOfType(CorruptScheduleException.class, () -> ScheduleCodec.decode(offset));

    assertThat(e.violations()).extracting(Violation::field).containsExactly("timezone");
    assertThat(e.getMessage()).contains("timezone '+02:00'");
  }
}
