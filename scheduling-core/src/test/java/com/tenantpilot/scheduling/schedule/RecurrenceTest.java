package com.tenantpilot.scheduling.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecurrenceTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /**
   * Regression: {@code ZoneId.of("UTC+2")} is a {@code ZoneRegion} with the id {@code UTC+02:00},
   * not a {@link ZoneOffset}, so the constructor let such raw offsets through although its
   * contract (and the spec) says a raw-offset zone is rejected.
   */
  @ParameterizedTest
  @ValueSource(strings = {"UTC+2", "UTC-05:30", "GMT+02:00", "GMT-1", "UT+3", "+02:00", "Z"})
  void rejects_raw_offset_zones_including_prefixed_ones_like_UTC_plus_2(String id) {
    ZoneId zone = ZoneId.of(id);
    assertThatThrownBy(() -> Recurrence.daily(LocalTime.of(2, 30), zone))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timezone")
        .hasMessageContaining("'" + zone.getId() + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTC", "GMT", "Etc/GMT+2", "Etc/UTC", "Europe/Berlin", "Asia/Kathmandu"})
  void accepts_iana_region_ids_even_fixed_ones(String id) {
    assertThat(Recurrence.daily(LocalTime.of(2, 30), ZoneId.of(id)).zone().getId()).isEqualTo(id);
  }

  @Test
  void rejects_seconds_in_the_time_of_day() {
    assertThatThrownBy(() -> Recurrence.daily(LocalTime.of(2, 30, 15), BERLIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeOfDay")
        .hasMessageContaining("'02:30:15'");
  }

  @Test
  void rejects_weekly_without_days_and_daily_with_days() {
    assertThatThrownBy(() -> Recurrence.weekly(LocalTime.NOON, Set.of(), BERLIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("daysOfWeek");
    assertThatThrownBy(() -> new Recurrence(Frequency.DAILY, LocalTime.NOON, Set.of(DayOfWeek.MONDAY), BERLIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("daysOfWeek")
        .hasMessageContaining("MONDAY");
  }

  @Test
  void freezes_a_copy_of_the_day_set() {
    Set<DayOfWeek> days = new HashSet<>(Set.of(DayOfWeek.SATURDAY));
    Recurrence weekly = Recurrence.weekly(LocalTime.NOON, days, BERLIN);
    days.add(DayOfWeek.MONDAY);

    assertThat(weekly.daysOfWeek()).containsExactly(DayOfWeek.SATURDAY);
    assertThatThrownBy(() -> weekly.daysOfWeek().add(DayOfWeek.SUNDAY))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(weekly).isEqualTo(Recurrence.weekly(LocalTime.NOON, EnumSet.of(DayOfWeek.SATURDAY), BERLIN));
  }

  @Test
  void fires_daily_on_every_date_and_weekly_on_its_days_only() {
    Recurrence daily = Recurrence.daily(LocalTime.NOON, BERLIN);
    Recurrence weekend = Recurrence.weekly(LocalTime.NOON, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), BERLIN);
    LocalDate friday = LocalDate.of(2026, 3, 27);

    assertThat(daily.firesOn(friday)).isTrue();
    assertThat(weekend.firesOn(friday)).isFalse();
    assertThat(weekend.firesOn(friday.plusDays(1))).isTrue();
    assertThat(weekend.firesOn(friday.plusDays(2))).isTrue();
    assertThat(weekend.firesOn(friday.plusDays(3))).isFalse();
  }
}
