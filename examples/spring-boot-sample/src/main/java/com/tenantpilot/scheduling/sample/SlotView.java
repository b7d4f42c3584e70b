package com.tenantpilot.scheduling.sample;

import com.tenantpilot.scheduling.schedule.SlotPreview;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One entry of a slot preview.
 *
 * @param date the local date in the schedule's zone
 * @param slot the slot (UTC), or {@code null} when a DST gap skips the date
 * @param note {@code REGULAR}, {@code SKIPPED_IN_GAP} or {@code FIRST_OF_TWO_OCCURRENCES}
 * @param description a one-line human text, e.g. why a date is skipped
 */
public record SlotView(LocalDate date, Instant slot, SlotPreview.Note note, String description) {

  /**
   * The view of a preview entry.
   *
   * @param p the entry
   * @return its view
   */
  public static SlotView of(SlotPreview p) {
    return new SlotView(p.date(), p.slot(), p.note(), p.describe());
  }
}
