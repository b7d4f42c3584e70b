package com.tenantpilot.scheduling.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a {@link Recurrence} into slots: minute-aligned UTC instants at which a backup is due.
 *
 * <p>The algorithm, in one place: walk the local calendar dates of the recurrence's zone in
 * order; on each date the recurrence fires on, resolve {@code date + timeOfDay} against the zone
 * rules of the JDK's tz database.
 *
 * <ul>
 *   <li>The wall time has one offset: that instant is the slot.
 *   <li>The wall time falls in a gap (spring forward, or a whole skipped day such as
 *       Pacific/Apia on 2011-12-30): <b>no slot</b> on that date. It is not moved to the next
 *       valid minute.
 *   <li>The wall time falls in an overlap (fall back): <b>one slot, the first occurrence</b>,
 *       which is the instant computed with the larger of the two offsets.
 * </ul>
 *
 * <p>Because each date gives at most one slot and dates are walked in order, the slots are
 * strictly ascending. The walk starts one date before the local date of the lower bound, so an
 * instant near midnight, or an overlap that straddles it, never hides a slot.
 *
 * <p>{@link #next} first tries a shortcut that resolves a single date: the first firing date whose
 * wall time is later than the local time of {@code after}. Its slot is the answer when it lies
 * after {@code after} and no transition of the zone comes between the two: the offset is then
 * constant on that stretch, local time runs forward without jumps, so any slot in between would
 * belong to an earlier firing date with a later wall time, which cannot exist. Otherwise (a
 * transition in between, or a wall time whose first occurrence was earlier) it walks the dates
 * as above. The shortcut saves about half of the tz lookups on the dispatcher's hot path.
 *
 * <p>Stateless and thread-safe; every method is a pure function of its arguments.
 */
public final class SlotCalculator {

  /** The longest run of dates without a slot that can happen: a weekly schedule whose only day is skipped. */
  private static final int MAX_DATES_SCANNED = 400;

  private SlotCalculator() {}

  /**
   * The first slot strictly after {@code after}.
   *
   * @throws IllegalStateException if no slot exists within 400 dates (impossible with the JDK's
   *     tz data; it guards against an endless loop)
   */
  public static Instant next(Recurrence recurrence, Instant after) {
    Objects.requireNonNull(after, "after");
    ZoneRules rules = recurrence.zone().getRules();
    ZoneOffset offset = rules.getOffset(after);
    LocalDateTime local = LocalDateTime.ofEpochSecond(after.getEpochSecond(), after.getNano(), offset);
    Instant shortcut = nextBeforeAnyTransition(recurrence, rules, after, local);
    if (shortcut != null) {
      return shortcut;
    }
    LocalDate date = local.toLocalDate().minusDays(1);
    for (int i = 0; i < MAX_DATES_SCANNED; i++, date = date.plusDays(1)) {
      if (!recurrence.firesOn(date)) {
        continue;
      }
      Instant slot = slotOn(rules, date.atTime(recurrence.timeOfDay()));
      if (slot != null && slot.isAfter(after)) {
        return slot;
      }
    }
    throw new IllegalStateException("no slot within " + MAX_DATES_SCANNED + " days after " + after + " for " + recurrence);
  }

  /**
   * The shortcut of {@link #next}: the slot of the first firing date whose wall time is later
   * than {@code after}'s local time, if it is after {@code after} and no zone transition lies
   * between the two; otherwise {@code null}, and the caller walks the dates.
   */
  private static Instant nextBeforeAnyTransition(Recurrence recurrence, ZoneRules rules, Instant after,
      LocalDateTime local) {
    LocalDate date = local.toLocalDate();
    if (!recurrence.firesOn(date) || !recurrence.timeOfDay().isAfter(local.toLocalTime())) {
      date = date.plusDays(1);
      for (int i = 0; i < 6 && !recurrence.firesOn(date); i++) {
        date = date.plusDays(1);
      }
    }
    Instant slot = slotOn(rules, date.atTime(recurrence.timeOfDay()));
    if (slot == null || !slot.isAfter(after)) {
      return null;
    }
    ZoneOffsetTransition transition = rules.nextTransition(after);
    return transition == null || transition.getInstant().isAfter(slot) ? slot : null;
  }

  /**
   * The latest slot at or before {@code atOrBefore}, or {@code null} when there is none in the
   * 400 dates before it.
   */
  public static Instant latestAtOrBefore(Recurrence recurrence, Instant atOrBefore) {
    Objects.requireNonNull(atOrBefore, "atOrBefore");
    ZoneRules rules = recurrence.zone().getRules();
    LocalDate date = localDate(rules, atOrBefore).plusDays(1);
    for (int i = 0; i < MAX_DATES_SCANNED; i++, date = date.minusDays(1)) {
      if (!recurrence.firesOn(date)) {
        continue;
      }
      Instant slot = slotOn(rules, date.atTime(recurrence.timeOfDay()));
      if (slot != null && !slot.isAfter(atOrBefore)) {
        return slot;
      }
    }
    return null;
  }

  /**
   * Every slot in the half-open window {@code [from, to)}, ascending.
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public static List<Instant> between(Recurrence recurrence, Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to must not be before from, was from='" + from + "' to='" + to + "'");
    }
    ZoneRules rules = recurrence.zone().getRules();
    LocalDate date = localDate(rules, from).minusDays(1);
    LocalDate last = localDate(rules, to).plusDays(1);
    List<Instant> slots = new ArrayList<>();
    for (; !date.isAfter(last); date = date.plusDays(1)) {
      if (!recurrence.firesOn(date)) {
        continue;
      }
      Instant slot = slotOn(rules, date.atTime(recurrence.timeOfDay()));
      if (slot != null && !slot.isBefore(from) && slot.isBefore(to)
          && (slots.isEmpty() || slot.isAfter(slots.get(slots.size() - 1)))) {
        slots.add(slot);
      }
    }
    return slots;
  }

  /**
   * The next {@code count} slots strictly after {@code after}, with an entry for every date in
   * between where a gap skipped the slot, and a note on slots where an overlap chose the first
   * occurrence. Skipped dates do not count towards {@code count}.
   *
   * @throws IllegalArgumentException if {@code count} is not in 1..10000
   */
  public static List<SlotPreview> preview(Recurrence recurrence, Instant after, int count) {
    Objects.requireNonNull(after, "after");
    if (count < 1 || count > 10_000) {
      throw new IllegalArgumentException("count must be in 1..10000, was '" + count + "'");
    }
    ZoneRules rules = recurrence.zone().getRules();
    LocalDate date = localDate(rules, after).minusDays(1);
    List<SlotPreview> out = new ArrayList<>();
    int slots = 0;
    int emptyDates = 0;
    while (slots < count && emptyDates < MAX_DATES_SCANNED) {
      if (recurrence.firesOn(date)) {
        SlotPreview entry = resolve(recurrence, rules, date);
        Instant when = entry.slot() != null ? entry.slot() : entry.wallTimeBeforeGap();
        if (when.isAfter(after)) {
          out.add(entry);
          if (entry.slot() != null) {
            slots++;
            emptyDates = 0;
          }
        }
      }
      emptyDates++;
      date = date.plusDays(1);
    }
    return out;
  }

  /** Resolves the recurrence on one date, with the note the preview shows. */
  public static SlotPreview resolve(Recurrence recurrence, LocalDate date) {
    return resolve(recurrence, recurrence.zone().getRules(), date);
  }

  private static SlotPreview resolve(Recurrence recurrence, ZoneRules rules, LocalDate date) {
    LocalDateTime wall = date.atTime(recurrence.timeOfDay());
    ZoneOffsetTransition transition = rules.getTransition(wall);
    if (transition == null) {
      return new SlotPreview(date, wall.toInstant(rules.getOffset(wall)), SlotPreview.Note.REGULAR, null);
    }
    if (transition.isGap()) {
      return new SlotPreview(date, null, SlotPreview.Note.SKIPPED_IN_GAP, transition);
    }
    ZoneOffset first = larger(transition.getOffsetBefore(), transition.getOffsetAfter());
    return new SlotPreview(date, wall.toInstant(first), SlotPreview.Note.FIRST_OF_TWO_OCCURRENCES, transition);
  }

  /**
   * The slot for one local wall time: the instant, {@code null} inside a gap, the earlier instant
   * inside an overlap.
   */
  static Instant slotOn(ZoneRules rules, LocalDateTime wall) {
    if (rules.isFixedOffset()) {
      return wall.toInstant(rules.getOffset(Instant.EPOCH));
    }
    List<ZoneOffset> offsets = rules.getValidOffsets(wall);
    switch (offsets.size()) {
      case 0:
        return null;
      case 1:
        return wall.toInstant(offsets.get(0));
      default:
        return wall.toInstant(larger(offsets.get(0), offsets.get(1)));
    }
  }

  private static ZoneOffset larger(ZoneOffset a, ZoneOffset b) {
    return a.getTotalSeconds() >= b.getTotalSeconds() ? a : b;
  }

  private static LocalDate localDate(ZoneRules rules, Instant instant) {
    return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, rules.getOffset(instant)).toLocalDate();
  }
}
