package com.tenantpilot.scheduling.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link SlotCalculator#between} against two implementations that share none of its
 * code: cron-utils, and a brute-force scan of every UTC minute.
 */
class SlotCalculatorOracleTest {

  /** Zones without DST in 2000..2040 (some had transitions long before). */
  private static final List<String> FIXED_ZONES = List.of(
      "UTC", "Etc/GMT+12", "Etc/GMT-14", "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo", "Africa/Lagos",
      "America/Panama", "Pacific/Kiritimati", "Australia/Eucla", "Asia/Shanghai");

  private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

  /**
   * cron-utils as the oracle, where it is one. Its handling of DST gaps and overlaps differs from
   * the spec (it moves or repeats wall times), so it is only consulted on windows with no zone
   * transition within two days of either end: fixed-offset zones, and any zone away from its
   * transitions. Near transitions the brute-force scan below is the oracle.
   */
  @Test
  void agrees_with_cron_utils_away_from_transitions() {
    PropertyCheck.forAll("cron-utils", 1_500, SlotCalculatorOracleTest::caseAwayFromTransitions, c -> {
      List<Instant> expected = cronSlots(c);
      assertThat(SlotCalculator.between(c.recurrence(), c.from(), c.to())).isEqualTo(expected);
    });
  }

  /**
   * A brute-force oracle: walk every UTC minute from two days before the window to its end, turn
   * it into local time (an instant has exactly one local time, so no gap or overlap rule is
   * involved), and take the first minute of each firing date whose local time is the time of
   * day. Windows sit on transitions of DST zones.
   */
  @Test
  void agrees_with_a_brute_force_minute_scan_around_transitions() {
    PropertyCheck.forAll("minute scan", 1_500, (i, rnd) -> {
      String zone = SlotCase.DST_INTERESTING.get(rnd.nextInt(SlotCase.DST_INTERESTING.size()));
      return SlotCase.in(ZoneId.of(zone), rnd, Duration.ofDays(5));
    }, c -> assertThat(SlotCalculator.between(c.recurrence(), c.from(), c.to())).isEqualTo(scannedSlots(c)));
  }

  @Test
  void the_minute_scan_itself_finds_the_first_occurrence_and_skips_gaps() {
    // Guards the oracle: Berlin 02:30 around both 2026 transitions, worked out by hand.
    Recurrence r = Recurrence.daily(LocalTime.of(2, 30), ZoneId.of("Europe/Berlin"));
    assertThat(scannedSlots(new SlotCase(r, Instant.parse("2026-03-28T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"))))
        .containsExactly(Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
    assertThat(scannedSlots(new SlotCase(r, Instant.parse("2026-10-25T00:00:00Z"), Instant.parse("2026-10-26T00:00:00Z"))))
        .containsExactly(Instant.parse("2026-10-25T00:30:00Z"));
  }

  private static SlotCase caseAwayFromTransitions(int index, SplittableRandom rnd) {
    while (true) {
      ZoneId zone = rnd.nextBoolean()
          ? ZoneId.of(FIXED_ZONES.get(rnd.nextInt(FIXED_ZONES.size())))
          : ZoneId.of(SlotCase.ALL_ZONES.get(rnd.nextInt(SlotCase.ALL_ZONES.size())));
      SlotCase c = SlotCase.in(zone, rnd, Duration.ofDays(30));
      ZoneRules rules = zone.getRules();
      Instant start = c.from().minus(Duration.ofDays(2));
      var transition = rules.nextTransition(start);
      if (transition == null || transition.getInstant().isAfter(c.to().plus(Duration.ofDays(2)))) {
        return c;
      }
    }
  }

  private static List<Instant> cronSlots(SlotCase c) {
    Recurrence r = c.recurrence();
    String days = r.frequency() == Frequency.DAILY ? "*" : r.daysOfWeek().stream()
        .map(ScheduleValidator::dayName).collect(Collectors.joining(","));
    String dom = r.frequency() == Frequency.DAILY ? "*" : "?";
    String dow = r.frequency() == Frequency.DAILY ? "?" : days;
    String expression = "0 " + r.timeOfDay().getMinute() + " " + r.timeOfDay().getHour() + " " + dom + " * " + dow;
    ExecutionTime cron = ExecutionTime.forCron(QUARTZ.parse(expression));
    List<Instant> slots = new ArrayList<>();
    ZonedDateTime cursor = c.from().minusNanos(1).atZone(r.zone());
    while (true) {
      Optional<ZonedDateTime> next = cron.nextExecution(cursor);
      if (next.isEmpty() || !next.get().toInstant().isBefore(c.to())) {
        return slots;
      }
      assertThat(next.get()).as("cron-utils moves forward (%s)", expression).isAfter(cursor);
      if (!next.get().toInstant().isBefore(c.from())) {
        slots.add(next.get().toInstant());
      }
      cursor = next.get();
    }
  }

  private static List<Instant> scannedSlots(SlotCase c) {
    Recurrence r = c.recurrence();
    ZoneRules rules = r.zone().getRules();
    Set<DayOfWeek> days = r.daysOfWeek();
    Set<LocalDate> seen = new HashSet<>();
    List<Instant> slots = new ArrayList<>();
    long start = Math.floorDiv(c.from().minus(Duration.ofDays(2)).getEpochSecond(), 60) * 60;
    for (long second = start; second < c.to().getEpochSecond() + 60; second += 60) {
      Instant minute = Instant.ofEpochSecond(second);
      LocalDateTime local = LocalDateTime.ofEpochSecond(second, 0, rules.getOffset(minute));
      LocalDate date = local.toLocalDate();
      boolean fires = r.frequency() == Frequency.DAILY || days.contains(date.getDayOfWeek());
      if (fires && local.toLocalTime().equals(r.timeOfDay()) && seen.add(date)
          && !minute.isBefore(c.from()) && minute.isBefore(c.to())) {
        slots.add(minute);
      }
    }
    return slots;
  }
}
