package com.tenantpilot.scheduling.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A generated slot question: a recurrence and a window {@code [from, to)}, plus the generators
 * and the reference enumeration the property tests use.
 *
 * <p>Windows lie in the years 2000..2040. Half of the generated cases sit on a transition of
 * the zone: the window straddles it and the time of day is drawn from (or right around) the wall
 * times the transition skips or repeats, so gaps and overlaps are hit often, not by luck.
 *
 * @param recurrence what fires
 * @param from window start, inclusive
 * @param to window end, exclusive
 */
record SlotCase(Recurrence recurrence, Instant from, Instant to) {

  /** Every zone id the JDK knows, sorted so that a seed picks the same zone on every JDK run. */
  static final List<String> ALL_ZONES = List.copyOf(new TreeSet<>(ZoneId.getAvailableZoneIds()));

  /** Zones whose transitions are unusual: 30-minute and 2-hour shifts, midnight, negative DST, skipped days. */
  static final List<String> DST_INTERESTING = List.of(
      "Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "America/Santiago",
      "America/Havana", "Asia/Beirut", "Antarctica/Troll", "Europe/Dublin", "Pacific/Apia", "Pacific/Fakaofo",
      "Pacific/Chatham", "America/St_Johns", "Africa/Casablanca", "Asia/Gaza", "Asia/Tehran", "America/Asuncion",
      "America/Nuuk", "Europe/Moscow", "America/Caracas", "Asia/Pyongyang", "Europe/Chisinau", "America/Scoresbysund");

  private static final int FIRST_YEAR = 2000;
  private static final int LAST_YEAR = 2040;

  /** A case in a zone drawn from all zones (70%) or the DST-interesting ones (30%). */
  static SlotCase any(SplittableRandom rnd) {
    List<String> zones = rnd.nextInt(10) < 3 ? DST_INTERESTING : ALL_ZONES;
    return in(ZoneId.of(zones.get(rnd.nextInt(zones.size()))), rnd, Duration.ofDays(60));
  }

  /** A case in {@code zone}, its window at most {@code maxLength} long. */
  static SlotCase in(ZoneId zone, SplittableRandom rnd, Duration maxLength) {
    int year = FIRST_YEAR + rnd.nextInt(LAST_YEAR - FIRST_YEAR + 1);
    Instant yearStart = LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    ZoneOffsetTransition transition = rnd.nextBoolean() ? transitionIn(zone.getRules(), yearStart, rnd) : null;
    if (transition == null) {
      Instant from = yearStart.plusSeconds(rnd.nextLong(366L * 86_400)).plusNanos(oddNanos(rnd));
      Instant to = from.plusSeconds(3_600 + rnd.nextLong(maxLength.toSeconds()));
      return new SlotCase(recurrence(rnd, minuteOfDay(rnd.nextInt(1_440)), zone), from, to);
    }
    long spread = Math.min(maxLength.toSeconds() / 2, 4 * 86_400L);
    Instant from = transition.getInstant().minusSeconds(rnd.nextLong(spread)).minusNanos(oddNanos(rnd));
    Instant to = transition.getInstant().plusSeconds(60 + rnd.nextLong(spread));
    LocalDateTime low = earlier(transition.getDateTimeBefore(), transition.getDateTimeAfter());
    long span = Math.abs(transition.getDuration().toMinutes());
    LocalTime time = low.toLocalTime().plusMinutes(rnd.nextLong(span + 4) - 2);
    return new SlotCase(recurrence(rnd, time, zone), from, to);
  }

  /** A DAILY recurrence (40%) or a WEEKLY one on a random non-empty set of days. */
  static Recurrence recurrence(SplittableRandom rnd, LocalTime time, ZoneId zone) {
    if (rnd.nextInt(10) < 4) {
      return Recurrence.daily(time, zone);
    }
    int mask = 1 + rnd.nextInt(127);
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      if ((mask & (1 << day.ordinal())) != 0) {
        days.add(day);
      }
    }
    return Recurrence.weekly(time, days, zone);
  }

  /**
   * The reference answer, written from the spec without {@link SlotCalculator}: every date whose
   * weekday fires, its wall time resolved by {@link ZonedDateTime}; a wall time that
   * {@code ZonedDateTime} had to move is in a gap and gives nothing; an overlap gives the earlier
   * offset.
   */
  List<Instant> expected() {
    ZoneId zone = recurrence.zone();
    List<Instant> slots = new ArrayList<>();
    LocalDate last = to.atZone(zone).toLocalDate().plusDays(2);
    for (LocalDate date = from.atZone(zone).toLocalDate().minusDays(2); !date.isAfter(last); date = date.plusDays(1)) {
      if (!fires(date)) {
        continue;
      }
      LocalDateTime wall = date.atTime(recurrence.timeOfDay());
      ZonedDateTime resolved = ZonedDateTime.of(wall, zone);
      if (!resolved.toLocalDateTime().equals(wall)) {
        continue;
      }
      Instant slot = resolved.withEarlierOffsetAtOverlap().toInstant();
      if (!slot.isBefore(from) && slot.isBefore(to)) {
        slots.add(slot);
      }
    }
    return slots;
  }

  /** Whether the recurrence names {@code date}'s weekday, decided here and not by {@link Recurrence#firesOn}. */
  boolean fires(LocalDate date) {
    return recurrence.frequency() == Frequency.DAILY || recurrence.daysOfWeek().contains(date.getDayOfWeek());
  }

  @Override
  public String toString() {
    return recurrence.frequency() + (recurrence.frequency() == Frequency.WEEKLY ? " " + recurrence.daysOfWeek() : "")
        + " at " + recurrence.timeOfDay() + " in " + recurrence.zone() + ", window [" + from + ", " + to + ")";
  }

  private static ZoneOffsetTransition transitionIn(ZoneRules rules, Instant yearStart, SplittableRandom rnd) {
    List<ZoneOffsetTransition> inYear = new ArrayList<>();
    Instant yearEnd = yearStart.plus(Duration.ofDays(366));
    for (ZoneOffsetTransition t = rules.nextTransition(yearStart); t != null && t.getInstant().isBefore(yearEnd);
        t = rules.nextTransition(t.getInstant())) {
      inYear.add(t);
    }
    return inYear.isEmpty() ? null : inYear.get(rnd.nextInt(inYear.size()));
  }

  private static LocalDateTime earlier(LocalDateTime a, LocalDateTime b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalTime minuteOfDay(int minute) {
    return LocalTime.of(minute / 60, minute % 60);
  }

  /** Window bounds are instants, not slots: now and then give them seconds and nanos. */
  private static long oddNanos(SplittableRandom rnd) {
    return rnd.nextInt(4) == 0 ? rnd.nextLong(60_000_000_000L) : 0;
  }
}
