package com.tenantpilot.scheduling.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.zone.ZoneOffsetTransition;

/**
 * One date of a slot preview: the slot, or the reason there is none.
 *
 * @param date the local date in the schedule's zone
 * @param slot the slot, or {@code null} when a gap skipped it
 * @param note why this entry looks the way it does
 * @param transition the zone transition involved, or {@code null} for a regular slot
 */
public record SlotPreview(LocalDate date, Instant slot, Note note, ZoneOffsetTransition transition) {

  /** What happened to the wall time on this date. */
  public enum Note {
    /** The wall time exists once; this is its instant. */
    REGULAR,
    /** The wall time falls in a gap (clocks jumped forward): no backup on this date. */
    SKIPPED_IN_GAP,
    /** The wall time exists twice (clocks fell back): the first, earlier occurrence is the slot. */
    FIRST_OF_TWO_OCCURRENCES
  }

  /** For a skipped date, the instant the wall time would have had before the gap; else the slot. */
  Instant wallTimeBeforeGap() {
    return slot != null ? slot : transition.getInstant();
  }

  /** A one-line human description, for a preview list in a UI or a CLI. */
  public String describe() {
    switch (note) {
      case SKIPPED_IN_GAP:
        boolean sameDay = transition.getDateTimeBefore().toLocalDate().equals(transition.getDateTimeAfter().toLocalDate());
        return date + ": skipped, the local time does not exist (clocks jump from "
            + (sameDay ? transition.getDateTimeBefore().toLocalTime() : transition.getDateTimeBefore()) + " to "
            + (sameDay ? transition.getDateTimeAfter().toLocalTime() : transition.getDateTimeAfter()) + ")";
      case FIRST_OF_TWO_OCCURRENCES:
        return date + ": " + slot + " (the local time occurs twice; the first occurrence, at offset "
            + transition.getOffsetBefore() + ", is used)";
      default:
        return date + ": " + slot;
    }
  }
}
