package com.tenantpilot.scheduling.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link SlotCalculator} that must hold for every zone, year 2000..2040, minute of
 * the day and day set. Cases come from {@link SlotCase}; a failure prints the seed and the case
 * (see {@link PropertyCheck} for replaying).
 */
class SlotCalculatorPropertyTest {

  @Test
  void every_zone_the_jdk_knows_satisfies_the_slot_properties() {
    int checked = PropertyCheck.forAll("every zone", SlotCase.ALL_ZONES.size(),
        (i, rnd) -> SlotCase.in(ZoneId.of(SlotCase.ALL_ZONES.get(i)), rnd, Duration.ofDays(60)),
        SlotCalculatorPropertyTest::assertSlotProperties);
    assertThat(checked).isGreaterThan(0);
  }

  @Test
  void random_cases_satisfy_the_slot_properties() {
    PropertyCheck.forAll("random cases", 5_000, (i, rnd) -> SlotCase.any(rnd), SlotCalculatorPropertyTest::assertSlotProperties);
  }

  @Test
  void next_and_latest_agree_with_the_window_at_random_instants() {
    PropertyCheck.forAll("next/latest at random instants", 5_000, (i, rnd) -> SlotCase.any(rnd), c -> {
      List<Instant> slots = SlotCalculator.between(c.recurrence(), c.from(), c.to());
      SplittableRandom rnd = new SplittableRandom(c.hashCode());
      long windowNanos = Duration.between(c.from(), c.to()).toNanos();
      for (int i = 0; i < 5; i++) {
        Instant t = c.from().plusNanos(rnd.nextLong(windowNanos));
        Instant next = SlotCalculator.next(c.recurrence(), t);
        Instant expectedNext = slots.stream().filter(s -> s.isAfter(t)).findFirst().orElse(null);
        if (expectedNext != null) {
          assertThat(next).as("next(%s)", t).isEqualTo(expectedNext);
        } else {
          assertThat(next).as("next(%s) with no slot left in the window", t).isAfterOrEqualTo(c.to());
        }
        List<Instant> after = SlotCalculator.between(c.recurrence(), t.plusNanos(1), t.plus(Duration.ofDays(16)));
        assertThat(next).as("next(%s) is the first slot of [t+1ns, ...)", t).isEqualTo(after.get(0));

        Instant latest = SlotCalculator.latestAtOrBefore(c.recurrence(), t);
        Instant expectedLatest = slots.stream().filter(s -> !s.isAfter(t)).reduce((a, b) -> b).orElse(null);
        if (expectedLatest != null) {
          assertThat(latest).as("latestAtOrBefore(%s)", t).isEqualTo(expectedLatest);
        } else {
          assertThat(latest).as("latestAtOrBefore(%s) with no slot before it in the window", t).isBefore(c.from());
        }
        List<Instant> before = SlotCalculator.between(c.recurrence(), t.minus(Duration.ofDays(16)), t.plusNanos(1));
        assertThat(latest).as("latestAtOrBefore(%s) is the last slot of [..., t]", t)
            .isEqualTo(before.get(before.size() - 1));
      }
    });
  }

  @Test
  void preview_lists_the_same_slots_as_next_and_notes_every_gap_and_overlap() {
    PropertyCheck.forAll("preview", 1_000, (i, rnd) -> SlotCase.any(rnd), c -> {
      Recurrence r = c.recurrence();
      int count = 1 + (int) Math.floorMod(c.from().getEpochSecond(), 20L);
      List<SlotPreview> preview = SlotCalculator.preview(r, c.from(), count);

      Instant cursor = c.from();
      int slots = 0;
      LocalDate previousDate = null;
      for (SlotPreview entry : preview) {
        assertThat(c.fires(entry.date())).as("%s fires", entry.date()).isTrue();
        if (previousDate != null) {
          assertThat(entry.date()).as("dates ascend").isAfter(previousDate);
        }
        previousDate = entry.date();
        ZonedDateTime resolved = ZonedDateTime.of(entry.date().atTime(r.timeOfDay()), r.zone());
        boolean inGap = !resolved.toLocalDateTime().equals(entry.date().atTime(r.timeOfDay()));
        boolean inOverlap = !inGap && !resolved.withEarlierOffsetAtOverlap().equals(resolved.withLaterOffsetAtOverlap());
        if (inGap) {
          assertThat(entry.note()).as("note on %s", entry.date()).isEqualTo(SlotPreview.Note.SKIPPED_IN_GAP);
          assertThat(entry.slot()).isNull();
          continue;
        }
        assertThat(entry.note()).as("note on %s", entry.date())
            .isEqualTo(inOverlap ? SlotPreview.Note.FIRST_OF_TWO_OCCURRENCES : SlotPreview.Note.REGULAR);
        Instant next = SlotCalculator.next(r, cursor);
        assertThat(entry.slot()).as("preview slot %d", slots).isEqualTo(next);
        cursor = next;
        slots++;
      }
      assertThat(slots).as("skipped dates do not count towards N").isEqualTo(count);
    });
  }

  /** Every property of one window, against the reference enumeration of {@link SlotCase#expected}. */
  private static void assertSlotProperties(SlotCase c) {
    Recurrence r = c.recurrence();
    ZoneId zone = r.zone();
    List<Instant> slots = SlotCalculator.between(r, c.from(), c.to());

    Set<LocalDate> dates = new HashSet<>();
    Instant previous = null;
    for (Instant slot : slots) {
      assertThat(slot).as("in the window").isBetween(c.from(), c.to()).isNotEqualTo(c.to());
      if (previous != null) {
        assertThat(slot).as("strictly ascending").isAfter(previous);
      }
      previous = slot;
      assertThat(slot.getEpochSecond() % 60).as("%s is minute-aligned", slot).isZero();
      assertThat(slot.getNano()).as("%s has no nanos", slot).isZero();
      ZonedDateTime local = slot.atZone(zone);
      assertThat(local.toLocalTime()).as("%s local time", slot).isEqualTo(r.timeOfDay());
      assertThat(c.fires(local.toLocalDate())).as("%s falls on a firing date", slot).isTrue();
      assertThat(dates.add(local.toLocalDate())).as("at most one slot on %s", local.toLocalDate()).isTrue();
      assertThat(local.withEarlierOffsetAtOverlap().toInstant()).as("%s is the first occurrence", slot).isEqualTo(slot);
    }
    // Completeness: a slot on every firing date whose wall time exists, none on gap dates.
    assertThat(slots).as("slots against the reference enumeration").isEqualTo(c.expected());

    for (int i = 0; i < slots.size(); i++) {
      Instant slot = slots.get(i);
      assertThat(SlotCalculator.next(r, slot.minusNanos(1))).as("next just before %s", slot).isEqualTo(slot);
      assertThat(SlotCalculator.latestAtOrBefore(r, slot)).as("latestAtOrBefore(%s)", slot).isEqualTo(slot);
      if (i + 1 < slots.size()) {
        assertThat(SlotCalculator.next(r, slot)).as("next(%s)", slot).isEqualTo(slots.get(i + 1));
      }
      if (i > 0) {
        assertThat(SlotCalculator.latestAtOrBefore(r, slot.minusNanos(1))).as("latest just before %s", slot)
            .isEqualTo(slots.get(i - 1));
      }
    }
  }
}
