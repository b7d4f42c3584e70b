package com.tenantpilot.scheduling.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantpilot.scheduling.schedule.SlotPreview.Note;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven DST cases: one named case per behaviour, each with the UTC instants worked out by
 * hand from the zone's rules (tzdb 2025a as shipped with JDK 17). The arithmetic is in the
 * comment beside each case; nothing here is computed by {@link SlotCalculator} itself.
 *
 * <p>Every window case checks {@code between}, and then walks the same expected list with
 * {@code next} and {@code latestAtOrBefore}, so the three agree on every case.
 */
class SlotCalculatorDstTest {

  static Stream<Arguments> windows() {
    return Stream.of(
        // Berlin 2026-03-29 01:00Z: 02:00 CET (+01) -> 03:00 CEST (+02); 02:30 does not exist.
        // 03-28 02:30+01 = 01:30Z; 03-29 none; 03-30 02:30+02 = 00:30Z.
        window("skips_slot_in_spring_forward_gap",
            daily("Europe/Berlin", "02:30"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z",
            "2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z"),
        // Berlin 2026-10-25 01:00Z: 03:00 CEST -> 02:00 CET; 02:30 is 00:30Z (+02) and 01:30Z (+01).
        window("takes_first_occurrence_in_fall_back_overlap",
            daily("Europe/Berlin", "02:30"), "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z",
            "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
        // The window is [from, to): a slot at from is in, a slot at to is out.
        window("window_is_half_open",
            daily("Europe/Berlin", "02:30"), "2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z",
            "2026-03-28T01:30:00Z"),
        // New York 2026-03-08: 02:00 EST (-05) -> 03:00 EDT (-04).
        // 03-07 02:30-05 = 07:30Z; 03-08 none; 03-09 02:30-04 = 06:30Z.
        window("new_york_skips_slot_in_spring_forward_gap",
            daily("America/New_York", "02:30"), "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z",
            "2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z"),
        // 02:00 is the first minute of the gap [02:00, 03:00): skipped as well.
        window("new_york_skips_first_minute_of_gap",
            daily("America/New_York", "02:00"), "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z",
            "2026-03-07T07:00:00Z", "2026-03-09T06:00:00Z"),
        // 03:00 is the first minute after the gap: it exists, at -04 = 07:00Z.
        window("new_york_keeps_first_minute_after_gap",
            daily("America/New_York", "03:00"), "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z",
            "2026-03-07T08:00:00Z", "2026-03-08T07:00:00Z", "2026-03-09T07:00:00Z"),
        // New York 2026-11-01: 02:00 EDT -> 01:00 EST; 01:30 is 05:30Z (-04) and 06:30Z (-05).
        window("new_york_takes_first_occurrence_in_fall_back_overlap",
            daily("America/New_York", "01:30"), "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z",
            "2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"),
        // Sydney 2026-04-05 (first Sunday of April): 03:00 AEDT (+11) -> 02:00 AEST (+10).
        // 04-04 02:30+11 = 04-03 15:30Z; 04-05 first +11 = 04-04 15:30Z; 04-06/07 +10 = 16:30Z the day before.
        window("sydney_takes_first_occurrence_when_dst_ends_in_april",
            daily("Australia/Sydney", "02:30"), "2026-04-03T00:00:00Z", "2026-04-07T00:00:00Z",
            "2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z", "2026-04-06T16:30:00Z"),
        // Sydney 2026-10-04 (first Sunday of October): 02:00 AEST -> 03:00 AEDT.
        // 10-03 02:30+10 = 10-02 16:30Z; 10-04 none; 10-05/06 02:30+11 = 15:30Z the day before.
        window("sydney_skips_slot_when_dst_starts_in_october",
            daily("Australia/Sydney", "02:30"), "2026-10-02T00:00:00Z", "2026-10-06T00:00:00Z",
            "2026-10-02T16:30:00Z", "2026-10-04T15:30:00Z", "2026-10-05T15:30:00Z"),
        // Lord Howe 2026-10-04: 02:00 (+10:30) -> 02:30 (+11): a 30-minute gap; 02:15 is in it.
        // 10-03 02:15+10:30 = 10-02 15:45Z; 10-04 none; 10-05/06 02:15+11 = 15:15Z the day before.
        window("lord_howe_skips_slot_in_half_hour_gap",
            daily("Australia/Lord_Howe", "02:15"), "2026-10-02T00:00:00Z", "2026-10-06T00:00:00Z",
            "2026-10-02T15:45:00Z", "2026-10-04T15:15:00Z", "2026-10-05T15:15:00Z"),
        // 02:30 is the first minute after the 30-minute gap: it exists on 10-04, at +11.
        window("lord_howe_keeps_first_minute_after_half_hour_gap",
            daily("Australia/Lord_Howe", "02:30"), "2026-10-02T00:00:00Z", "2026-10-05T00:00:00Z",
            "2026-10-02T16:00:00Z", "2026-10-03T15:30:00Z", "2026-10-04T15:30:00Z"),
        // Lord Howe 2026-04-05: 02:00 (+11) -> 01:30 (+10:30); 01:45 is 04-04 14:45Z and 15:15Z.
        window("lord_howe_takes_first_occurrence_in_half_hour_overlap",
            daily("Australia/Lord_Howe", "01:45"), "2026-04-03T00:00:00Z", "2026-04-07T00:00:00Z",
            "2026-04-03T14:45:00Z", "2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z", "2026-04-06T15:15:00Z"),
        // Santiago 2026-09-06 04:00Z: 00:00 (-04) -> 01:00 (-03); midnight itself does not exist.
        // 09-04/05 00:00-04 = 04:00Z; 09-06 none; 09-07/08 00:00-03 = 03:00Z.
        window("santiago_skips_midnight_in_midnight_gap",
            daily("America/Santiago", "00:00"), "2026-09-04T00:00:00Z", "2026-09-09T00:00:00Z",
            "2026-09-04T04:00:00Z", "2026-09-05T04:00:00Z", "2026-09-07T03:00:00Z", "2026-09-08T03:00:00Z"),
        // Santiago 2026-04-05 03:00Z: 00:00 (-03) -> 23:00 (-04) on 04-04; 04-04 23:30 is 02:30Z and 03:30Z on 04-05.
        window("santiago_takes_first_occurrence_before_midnight_fall_back",
            daily("America/Santiago", "23:30"), "2026-04-03T00:00:00Z", "2026-04-07T00:00:00Z",
            "2026-04-03T02:30:00Z", "2026-04-04T02:30:00Z", "2026-04-05T02:30:00Z", "2026-04-06T03:30:00Z"),
        // Midnight of 04-05 comes once, after the repeated hour, at -04 = 04:00Z.
        window("santiago_midnight_after_fall_back_exists_once",
            daily("America/Santiago", "00:00"), "2026-04-04T00:00:00Z", "2026-04-07T00:00:00Z",
            "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z", "2026-04-06T04:00:00Z"),
        // Havana 2026-03-08: 00:00 (-05) -> 01:00 (-04). 03-07 00:30-05 = 05:30Z; 03-08 none; 03-09 -04 = 04:30Z.
        window("havana_skips_00_30_in_midnight_gap",
            daily("America/Havana", "00:30"), "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z",
            "2026-03-07T05:30:00Z", "2026-03-09T04:30:00Z"),
        // Havana 2026-11-01 05:00Z: 01:00 (-04) -> 00:00 (-05); 00:30 is 04:30Z and 05:30Z.
        window("havana_takes_first_occurrence_in_midnight_overlap",
            daily("America/Havana", "00:30"), "2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z",
            "2026-10-31T04:30:00Z", "2026-11-01T04:30:00Z", "2026-11-02T05:30:00Z"),
        // Beirut 2026-03-29: 00:00 (+02) -> 01:00 (+03). 03-28 00:30+02 = 03-27 22:30Z; 03-29 none;
        // 03-30/31 00:30+03 = 21:30Z the day before.
        window("beirut_skips_00_30_in_midnight_gap",
            daily("Asia/Beirut", "00:30"), "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z",
            "2026-03-27T22:30:00Z", "2026-03-29T21:30:00Z", "2026-03-30T21:30:00Z"),
        // Beirut 2026-10-25: 00:00 (+03) -> 23:00 (+02) on 10-24; 10-24 23:30 is 20:30Z and 21:30Z.
        window("beirut_takes_first_occurrence_before_midnight_fall_back",
            daily("Asia/Beirut", "23:30"), "2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z",
            "2026-10-23T20:30:00Z", "2026-10-24T20:30:00Z", "2026-10-25T21:30:00Z", "2026-10-26T21:30:00Z"),
        // 00:30 on 10-25 comes once, after the repeated hour, at +02 = 10-24 22:30Z.
        window("beirut_00_30_after_midnight_fall_back_exists_once",
            daily("Asia/Beirut", "00:30"), "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z",
            "2026-10-24T22:30:00Z", "2026-10-25T22:30:00Z"),
        // Troll 2026-03-29 01:00Z: 01:00 (+00) -> 03:00 (+02); a two-hour gap.
        // 03-28 02:00+00 = 02:00Z; 03-29 none; 03-30 02:00+02 = 00:00Z.
        window("troll_skips_slot_in_two_hour_gap",
            daily("Antarctica/Troll", "02:00"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z",
            "2026-03-28T02:00:00Z", "2026-03-30T00:00:00Z"),
        // 01:00 is the first minute of the gap [01:00, 03:00): 03-28 01:00Z; 03-29 none; 03-30/31 01:00+02 = 23:00Z the day before.
        window("troll_skips_first_minute_of_two_hour_gap",
            daily("Antarctica/Troll", "01:00"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z",
            "2026-03-28T01:00:00Z", "2026-03-29T23:00:00Z", "2026-03-30T23:00:00Z"),
        // Troll 2026-10-25 01:00Z: 03:00 (+02) -> 01:00 (+00); 02:00 is 00:00Z and 02:00Z.
        window("troll_takes_first_occurrence_in_two_hour_overlap",
            daily("Antarctica/Troll", "02:00"), "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z",
            "2026-10-24T00:00:00Z", "2026-10-25T00:00:00Z", "2026-10-26T02:00:00Z"),
        // Dublin: IST (+01) is the standard time and winter GMT (+00) a negative DST; the wall clock
        // still jumps 01:00 -> 02:00 on 2026-03-29 and 02:00 -> 01:00 on 2026-10-25.
        window("dublin_negative_dst_skips_slot_in_gap",
            daily("Europe/Dublin", "01:30"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z",
            "2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z"),
        window("dublin_negative_dst_takes_first_occurrence_in_overlap",
            daily("Europe/Dublin", "01:30"), "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z",
            "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
        // Apia: 2011-12-29 24:00 (-10) was followed by 2011-12-31 00:00 (+14); 12-30 never existed.
        // 12-28/29 12:00-10 = 22:00Z; 12-30 none; 12-31, 01-01, 01-02 12:00+14 = 22:00Z the day before.
        window("apia_daily_has_no_slot_on_the_skipped_day",
            daily("Pacific/Apia", "12:00"), "2011-12-28T00:00:00Z", "2012-01-02T00:00:00Z",
            "2011-12-28T22:00:00Z", "2011-12-29T22:00:00Z", "2011-12-30T22:00:00Z", "2011-12-31T22:00:00Z",
            "2012-01-01T22:00:00Z"),
        // Fridays 12-23 (-10) = 22:00Z, 12-30 (skipped), 2012-01-06 (+14) = 01-05 22:00Z.
        window("apia_weekly_friday_skips_the_week_of_the_skipped_day",
            weekly("Pacific/Apia", "12:00", DayOfWeek.FRIDAY), "2011-12-20T00:00:00Z", "2012-01-10T00:00:00Z",
            "2011-12-23T22:00:00Z", "2012-01-05T22:00:00Z"),
        window("utc_slots_are_the_wall_time",
            daily("UTC", "09:15"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z",
            "2026-03-28T09:15:00Z", "2026-03-29T09:15:00Z", "2026-03-30T09:15:00Z"),
        // Kolkata +05:30 all year: 09:15 -> 03:45Z, also on Europe's DST weekend.
        window("kolkata_half_hour_offset_is_fixed",
            daily("Asia/Kolkata", "09:15"), "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z",
            "2026-03-28T03:45:00Z", "2026-03-29T03:45:00Z", "2026-03-30T03:45:00Z"),
        // Kathmandu +05:45 all year: 09:15 -> 03:30Z.
        window("kathmandu_quarter_hour_offset_is_fixed",
            daily("Asia/Kathmandu", "09:15"), "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z",
            "2026-10-24T03:30:00Z", "2026-10-25T03:30:00Z", "2026-10-26T03:30:00Z"),
        // Berlin weekend set: Sat 03-21, Sun 03-22, Sat 03-28 at +01 (01:30Z); Sun 03-29 in the gap;
        // Sat 04-04, Sun 04-05 at +02 (00:30Z).
        window("berlin_weekend_set_loses_only_the_sunday_in_the_gap",
            weekly("Europe/Berlin", "02:30", DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
            "2026-03-20T00:00:00Z", "2026-04-06T00:00:00Z",
            "2026-03-21T01:30:00Z", "2026-03-22T01:30:00Z", "2026-03-28T01:30:00Z",
            "2026-04-04T00:30:00Z", "2026-04-05T00:30:00Z"),
        // Mon/Wed/Fri never touch the Sunday transition; only the offset changes.
        window("berlin_weekday_set_shifts_offset_across_the_transition",
            weekly("Europe/Berlin", "02:30", DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY),
            "2026-03-25T00:00:00Z", "2026-04-04T00:00:00Z",
            "2026-03-25T01:30:00Z", "2026-03-27T01:30:00Z", "2026-03-30T00:30:00Z", "2026-04-01T00:30:00Z",
            "2026-04-03T00:30:00Z"),
        // New York Sundays 10-25 (EDT, 05:30Z), 11-01 (overlap: first, 05:30Z), 11-08 (EST, 06:30Z).
        window("new_york_sunday_set_takes_first_occurrence_on_fall_back_sunday",
            weekly("America/New_York", "01:30", DayOfWeek.SUNDAY), "2026-10-20T00:00:00Z", "2026-11-10T00:00:00Z",
            "2026-10-25T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-08T06:30:00Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windows")
  void between_gives_the_expected_slots(String name, Recurrence r, Instant from, Instant to, List<Instant> expected) {
    assertThat(SlotCalculator.between(r, from, to)).as(name).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windows")
  void next_walks_the_expected_slots(String name, Recurrence r, Instant from, Instant to, List<Instant> expected) {
    Instant cursor = from.minusNanos(1);
    for (Instant slot : expected) {
      assertThat(SlotCalculator.next(r, cursor)).as("%s: next(%s)", name, cursor).isEqualTo(slot);
      assertThat(SlotCalculator.next(r, slot.minusSeconds(60))).as("%s: a minute before", name).isEqualTo(slot);
      cursor = slot;
    }
    assertThat(SlotCalculator.next(r, cursor)).as("%s: next after the last slot is outside the window", name)
        .isAfterOrEqualTo(to);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windows")
  void latest_at_or_before_walks_the_expected_slots_backwards(String name, Recurrence r, Instant from, Instant to,
      List<Instant> expected) {
    Instant cursor = to.minusNanos(1);
    for (int i = expected.size() - 1; i >= 0; i--) {
      Instant slot = expected.get(i);
      assertThat(SlotCalculator.latestAtOrBefore(r, cursor)).as("%s: latestAtOrBefore(%s)", name, cursor).isEqualTo(slot);
      assertThat(SlotCalculator.latestAtOrBefore(r, slot)).as("%s: at the slot itself", name).isEqualTo(slot);
      cursor = slot.minusNanos(1);
    }
    assertThat(SlotCalculator.latestAtOrBefore(r, cursor)).as("%s: before the first slot is outside the window", name)
        .isBefore(from);
  }

  @Nested
  class Next {

    @Test
    void skips_the_date_whose_wall_time_is_in_the_gap() {
      assertThat(SlotCalculator.next(daily("Europe/Berlin", "02:30"), Instant.parse("2026-03-28T01:30:00Z")))
          .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void the_second_occurrence_in_an_overlap_is_not_a_slot() {
      // After the first occurrence (00:30Z) the next slot is the next day, not the repeat at 01:30Z.
      assertThat(SlotCalculator.next(daily("Europe/Berlin", "02:30"), Instant.parse("2026-10-25T00:30:00Z")))
          .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void is_strictly_after_its_argument() {
      Instant slot = Instant.parse("2026-03-28T01:30:00Z");
      assertThat(SlotCalculator.next(daily("Europe/Berlin", "02:30"), slot))
          .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
      assertThat(SlotCalculator.next(daily("Europe/Berlin", "02:30"), slot.minusNanos(1))).isEqualTo(slot);
    }

    @Test
    void weekly_friday_in_apia_jumps_over_the_week_of_the_skipped_friday() {
      assertThat(SlotCalculator.next(weekly("Pacific/Apia", "12:00", DayOfWeek.FRIDAY),
          Instant.parse("2011-12-23T22:00:00Z"))).isEqualTo(Instant.parse("2012-01-05T22:00:00Z"));
    }
  }

  @Nested
  class LatestAtOrBefore {

    @Test
    void skips_the_date_whose_wall_time_is_in_the_gap() {
      assertThat(SlotCalculator.latestAtOrBefore(daily("Europe/Berlin", "02:30"), Instant.parse("2026-03-30T00:29:59Z")))
          .isEqualTo(Instant.parse("2026-03-28T01:30:00Z"));
    }

    @Test
    void at_the_second_occurrence_of_an_overlap_gives_the_first() {
      assertThat(SlotCalculator.latestAtOrBefore(daily("Europe/Berlin", "02:30"), Instant.parse("2026-10-25T01:30:00Z")))
          .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void includes_its_argument() {
      Instant slot = Instant.parse("2026-03-30T00:30:00Z");
      assertThat(SlotCalculator.latestAtOrBefore(daily("Europe/Berlin", "02:30"), slot)).isEqualTo(slot);
    }

    @Test
    void weekly_friday_in_apia_reaches_back_over_the_skipped_friday() {
      assertThat(SlotCalculator.latestAtOrBefore(weekly("Pacific/Apia", "12:00", DayOfWeek.FRIDAY),
          Instant.parse("2012-01-05T21:59:00Z"))).isEqualTo(Instant.parse("2011-12-23T22:00:00Z"));
    }
  }

  @Nested
  class Preview {

    @Test
    void notes_the_date_skipped_in_the_gap_without_counting_it() {
      List<SlotPreview> preview = SlotCalculator.preview(daily("Europe/Berlin", "02:30"),
          Instant.parse("2026-03-27T12:00:00Z"), 3);

      assertThat(preview).extracting(SlotPreview::date, SlotPreview::slot, SlotPreview::note).containsExactly(
          tuple("2026-03-28", "2026-03-28T01:30:00Z", Note.REGULAR),
          tuple("2026-03-29", null, Note.SKIPPED_IN_GAP),
          tuple("2026-03-30", "2026-03-30T00:30:00Z", Note.REGULAR),
          tuple("2026-03-31", "2026-03-31T00:30:00Z", Note.REGULAR));
      assertThat(preview.get(1).transition().isGap()).isTrue();
      assertThat(preview.get(1).describe()).contains("2026-03-29", "skipped", "02:00", "03:00");
    }

    @Test
    void describes_a_whole_skipped_day_with_both_dates() {
      // regression: Apia's skipped 2011-12-30 was described as "clocks jump from 00:00 to 00:00"
      List<SlotPreview> preview = SlotCalculator.preview(daily("Pacific/Apia", "10:00"),
          Instant.parse("2011-12-28T00:00:00Z"), 3);

      SlotPreview skipped = preview.stream().filter(p -> p.note() == Note.SKIPPED_IN_GAP).findFirst().orElseThrow();
      assertThat(skipped.describe()).contains("2011-12-30", "2011-12-30T00:00", "2011-12-31T00:00");
    }

    @Test
    void notes_the_first_of_two_occurrences_in_an_overlap() {
      List<SlotPreview> preview = SlotCalculator.preview(daily("Europe/Berlin", "02:30"),
          Instant.parse("2026-10-24T12:00:00Z"), 2);

      assertThat(preview).extracting(SlotPreview::date, SlotPreview::slot, SlotPreview::note).containsExactly(
          tuple("2026-10-25", "2026-10-25T00:30:00Z", Note.FIRST_OF_TWO_OCCURRENCES),
          tuple("2026-10-26", "2026-10-26T01:30:00Z", Note.REGULAR));
      assertThat(preview.get(0).transition().isOverlap()).isTrue();
      assertThat(preview.get(0).describe()).contains("2026-10-25T00:30:00Z", "first", "+02:00");
    }

    @Test
    void notes_the_half_hour_gap_in_lord_howe() {
      // 10-03 02:15 (10-02 15:45Z) is before `after`; the gap on 10-04 starts at 10-03 15:30Z, after it.
      List<SlotPreview> preview = SlotCalculator.preview(daily("Australia/Lord_Howe", "02:15"),
          Instant.parse("2026-10-03T00:00:00Z"), 2);

      assertThat(preview).extracting(SlotPreview::date, SlotPreview::slot, SlotPreview::note).containsExactly(
          tuple("2026-10-04", null, Note.SKIPPED_IN_GAP),
          tuple("2026-10-05", "2026-10-04T15:15:00Z", Note.REGULAR),
          tuple("2026-10-06", "2026-10-05T15:15:00Z", Note.REGULAR));
    }

    @Test
    void notes_the_skipped_day_in_apia_for_a_weekly_friday() {
      List<SlotPreview> preview = SlotCalculator.preview(weekly("Pacific/Apia", "12:00", DayOfWeek.FRIDAY),
          Instant.parse("2011-12-20T00:00:00Z"), 2);

      assertThat(preview).extracting(SlotPreview::date, SlotPreview::slot, SlotPreview::note).containsExactly(
          tuple("2011-12-23", "2011-12-23T22:00:00Z", Note.REGULAR),
          tuple("2011-12-30", null, Note.SKIPPED_IN_GAP),
          tuple("2012-01-06", "2012-01-05T22:00:00Z", Note.REGULAR));
    }

    @Test
    void midnight_gap_in_havana_is_noted() {
      List<SlotPreview> preview = SlotCalculator.preview(daily("America/Havana", "00:30"),
          Instant.parse("2026-03-07T06:00:00Z"), 1);

      assertThat(preview).extracting(SlotPreview::date, SlotPreview::slot, SlotPreview::note).containsExactly(
          tuple("2026-03-08", null, Note.SKIPPED_IN_GAP),
          tuple("2026-03-09", "2026-03-09T04:30:00Z", Note.REGULAR));
    }

    @Test
    void fixed_zones_have_only_regular_entries() {
      List<SlotPreview> preview = SlotCalculator.preview(daily("Asia/Kathmandu", "09:15"),
          Instant.parse("2026-03-28T00:00:00Z"), 3);

      assertThat(preview).extracting(SlotPreview::slot).containsExactly(
          Instant.parse("2026-03-28T03:30:00Z"), Instant.parse("2026-03-29T03:30:00Z"),
          Instant.parse("2026-03-30T03:30:00Z"));
      assertThat(preview).extracting(SlotPreview::note).containsOnly(Note.REGULAR);
    }

    @Test
    void rejects_a_count_outside_1_to_10000() {
      Recurrence r = daily("UTC", "00:00");
      assertThatThrownBy(() -> SlotCalculator.preview(r, Instant.EPOCH, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count").hasMessageContaining("'0'");
      assertThatThrownBy(() -> SlotCalculator.preview(r, Instant.EPOCH, 10_001))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'10001'");
    }
  }

  @Test
  void between_rejects_a_window_that_ends_before_it_starts() {
    assertThatThrownBy(() -> SlotCalculator.between(daily("UTC", "00:00"),
        Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'2026-01-02T00:00:00Z'")
        .hasMessageContaining("'2026-01-01T00:00:00Z'");
  }

  @Test
  void between_of_an_empty_window_is_empty() {
    Instant at = Instant.parse("2026-03-28T01:30:00Z");
    assertThat(SlotCalculator.between(daily("Europe/Berlin", "02:30"), at, at)).isEmpty();
  }

  private static Arguments window(String name, Recurrence r, String from, String to, String... expected) {
    return Arguments.of(name, r, Instant.parse(from), Instant.parse(to),
        Arrays.stream(expected).map(Instant::parse).toList());
  }

  private static Recurrence daily(String zone, String time) {
    return Recurrence.daily(LocalTime.parse(time), ZoneId.of(zone));
  }

  private static Recurrence weekly(String zone, String time, DayOfWeek... days) {
    return Recurrence.weekly(LocalTime.parse(time), EnumSet.copyOf(Arrays.asList(days)), ZoneId.of(zone));
  }

  private static Tuple tuple(String date, String slot, Note note) {
    return Tuple.tuple(LocalDate.parse(date), slot == null ? null : Instant.parse(slot), note);
  }
}
