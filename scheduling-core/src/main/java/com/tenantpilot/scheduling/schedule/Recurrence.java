package com.tenantpilot.scheduling.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The time part of a schedule: a wall-clock time of day on every date (DAILY) or on chosen
 * weekdays (WEEKLY), in one IANA zone. Minute precision.
 *
 * <p>This is a checked value: the constructor rejects combinations the spec forbids (seconds in
 * the time, WEEKLY without days, DAILY with days, a raw-offset zone) with an
 * {@link IllegalArgumentException} naming the field and value. User input goes through
 * {@link ScheduleValidator}, which reports every problem at once.
 *
 * <p>Immutable and thread-safe.
 *
 * @param frequency DAILY or WEEKLY
 * @param timeOfDay the local wall time, whole minutes
 * @param daysOfWeek WEEKLY: the non-empty set of weekdays; DAILY: empty
 * @param zone an IANA region zone (not a {@link ZoneOffset}, nor an offset with a prefix such as {@code UTC+02:00})
 */
public record Recurrence(Frequency frequency, LocalTime timeOfDay, Set<DayOfWeek> daysOfWeek, ZoneId zone) {

  /** The ids {@code ZoneId.of} gives a prefixed raw offset such as {@code UTC+2}: not IANA regions. */
  private static final Pattern PREFIXED_OFFSET = Pattern.compile("(UTC|GMT|UT)[+-].*");

  /** Checks the combination and freezes the day set. */
  public Recurrence {
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(timeOfDay, "timeOfDay");
    Objects.requireNonNull(zone, "zone");
    daysOfWeek = daysOfWeek == null || daysOfWeek.isEmpty()
        ? Collections.unmodifiableSet(EnumSet.noneOf(DayOfWeek.class))
        : Collections.unmodifiableSet(EnumSet.copyOf(daysOfWeek));
    if (timeOfDay.getSecond() != 0 || timeOfDay.getNano() != 0) {
      throw new IllegalArgumentException("timeOfDay must be whole minutes, was '" + timeOfDay + "'");
    }
    if (zone instanceof ZoneOffset || PREFIXED_OFFSET.matcher(zone.getId()).matches()) {
      throw new IllegalArgumentException("timezone must be an IANA region id, not a raw offset, was '" + zone + "'");
    }
    if (frequency == Frequency.WEEKLY && daysOfWeek.isEmpty()) {
      throw new IllegalArgumentException("daysOfWeek must not be empty for WEEKLY, was '[]'");
    }
    if (frequency == Frequency.DAILY && !daysOfWeek.isEmpty()) {
      throw new IllegalArgumentException("daysOfWeek must be empty for DAILY, was '" + daysOfWeek + "'");
    }
  }

  /** A DAILY recurrence at {@code timeOfDay} in {@code zone}. */
  public static Recurrence daily(LocalTime timeOfDay, ZoneId zone) {
    return new Recurrence(Frequency.DAILY, timeOfDay, Set.of(), zone);
  }

  /** A WEEKLY recurrence at {@code timeOfDay} on {@code days} in {@code zone}. */
  public static Recurrence weekly(LocalTime timeOfDay, Set<DayOfWeek> days, ZoneId zone) {
    return new Recurrence(Frequency.WEEKLY, timeOfDay, days, zone);
  }

  /** Whether this recurrence has a wall time on {@code date} (before gap handling). */
  public boolean firesOn(LocalDate date) {
    return frequency == Frequency.DAILY || daysOfWeek.contains(date.getDayOfWeek());
  }
}
