package com.tenantpilot.scheduling.harness;

import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.schedule.Recurrence;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import com.tenantpilot.scheduling.schedule.ScheduleValidator;
import com.tenantpilot.scheduling.schedule.ValidationException;
import com.tenantpilot.scheduling.schedule.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns the raw strings of a slot question (from flags or from a batch line) into a
 * {@link Recurrence} and instants, with messages that name the flag or field and quote the value.
 *
 * <p>Zone, time, frequency and days are checked by the core's {@link ScheduleValidator}, so the
 * harness says exactly what saving a schedule would say. The validator checks a whole schedule;
 * the fields a slot question does not have (tenant, name, policy types, retention) get fixed
 * valid placeholders, so every violation it reports concerns one of ours.
 *
 * <p>Stateless and thread-safe.
 */
final class SlotArguments {

  /** The longest window {@code [from, to)} answered: about a century of slots. */
  static final Duration MAX_WINDOW = Duration.ofDays(36_525);

  /** The earliest instant answered; far from the limits of the date types, as slots are computed a day or two around. */
  static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  /** The latest instant answered. */
  static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

  private static final String PLACEHOLDER_TYPE = "slots";
  private static final ScheduleValidator VALIDATOR = new ScheduleValidator(PolicyTypeCatalog.of(PLACEHOLDER_TYPE));

  /** How the inputs are called where they came from. */
  enum Names {
    /** Command-line flags. */
    FLAGS("--timezone", "--frequency", "--time", "--days", "--from", "--to"),
    /** Fields of a batch JSON line. */
    JSON("timezone", "frequency", "time", "days", "from", "to");

    final String timezone;
    final String frequency;
    final String time;
    final String days;
    final String from;
    final String to;

    Names(String timezone, String frequency, String time, String days, String from, String to) {
      this.timezone = timezone;
      this.frequency = frequency;
      this.time = time;
      this.days = days;
      this.from = from;
      this.to = to;
    }

    /** Our name for a {@link ScheduleInput} field the validator reported. */
    String of(String scheduleField) {
      switch (scheduleField) {
        case "timezone": return timezone;
        case "frequency": return frequency;
        case "timeOfDay": return time;
        case "daysOfWeek": return days;
        default: return scheduleField;
      }
    }
  }

  /** Thrown when an input is missing or invalid; its message lists every problem found. */
  static final class BadArgumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    BadArgumentException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    /** Each problem: the flag or field, the quoted value and what is wrong. */
    List<String> problems() {
      return problems;
    }
  }

  /**
   * A checked slot question.
   *
   * @param recurrence what fires
   * @param from window start (inclusive), or the preview's start
   * @param to window end (exclusive), or {@code null} for a preview
   */
  record Question(Recurrence recurrence, Instant from, Instant to) {}

  private SlotArguments() {}

  /**
   * Checks every input of a question and reports all problems at once. With {@code windowed},
   * {@code to} is required and {@code [from, to)} must be a window the harness answers; without,
   * {@code to} must be absent.
   *
   * @throws BadArgumentException naming each missing or invalid input
   */
  static Question question(Names names, String timezone, String frequency, String time, List<String> days,
      String from, String to, boolean windowed) {
    List<String> problems = new ArrayList<>();
    Recurrence recurrence = collect(problems, () -> recurrence(names, timezone, frequency, time, days));
    Instant start = collect(problems, () -> instant(names.from, from));
    Instant end = null;
    if (windowed) {
      end = collect(problems, () -> instant(names.to, to));
    } else if (to != null) {
      problems.add(names.to + ": '" + to + "' is not used with --preview");
    }
    if (start != null && end != null) {
      Instant s = start;
      Instant e = end;
      collect(problems, () -> {
        checkWindow(names, s, e);
        return null;
      });
    }
    if (!problems.isEmpty()) {
      throw new BadArgumentException(problems);
    }
    return new Question(recurrence, start, end);
  }

  private static <T> T collect(List<String> problems, Supplier<T> check) {
    try {
      return check.get();
    } catch (BadArgumentException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  /**
   * The recurrence for the given strings. A missing frequency is WEEKLY when days are given and
   * DAILY otherwise.
   *
   * @throws BadArgumentException naming each missing or invalid input
   */
  static Recurrence recurrence(Names names, String timezone, String frequency, String time, List<String> days) {
    List<String> problems = new ArrayList<>();
    requirePresent(names.timezone, timezone, problems);
    requirePresent(names.time, time, problems);
    if (!problems.isEmpty()) {
      throw new BadArgumentException(problems);
    }
    List<String> dayList = days == null ? List.of() : days;
    String effectiveFrequency = frequency != null ? frequency : dayList.isEmpty() ? "daily" : "weekly";
    ScheduleInput input = new ScheduleInput(PLACEHOLDER_TYPE, PLACEHOLDER_TYPE, true, effectiveFrequency, time,
        dayList, timezone, List.of(PLACEHOLDER_TYPE), 1);
    try {
      return VALIDATOR.validate(input).recurrence();
    } catch (ValidationException e) {
      for (Violation v : e.violations()) {
        problems.add(names.of(v.field()) + ": '" + v.value() + "' " + v.reason());
      }
      throw new BadArgumentException(problems);
    }
  }

  /**
   * An instant in ISO-8601 UTC form ({@code 2026-03-01T00:00:00Z}), in the years 0001..9999.
   *
   * @throws BadArgumentException if missing, unparsable or out of range
   */
  static Instant instant(String name, String value) {
    requirePresent(name, value);
    Instant instant;
    try {
      instant = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadArgumentException(List.of(name + ": '" + value
          + "' must be an ISO-8601 UTC instant such as 2026-03-01T00:00:00Z"));
    }
    if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
      throw new BadArgumentException(List.of(name + ": '" + value + "' must be between " + MIN_INSTANT
          + " and " + MAX_INSTANT));
    }
    return instant;
  }

  /**
   * Checks that {@code [from, to)} is a window the harness answers.
   *
   * @throws BadArgumentException if {@code to} is before {@code from} or the window is too long
   */
  static void checkWindow(Names names, Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw new BadArgumentException(List.of(names.to + ": '" + to + "' must not be before " + names.from
          + " '" + from + "'"));
    }
    if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
      throw new BadArgumentException(List.of(names.to + ": '" + to + "' is more than " + MAX_WINDOW.toDays()
          + " days after " + names.from + " '" + from + "'"));
    }
  }

  /**
   * Throws if {@code value} is missing.
   *
   * @throws BadArgumentException naming the missing input
   */
  static void requirePresent(String name, Object value) {
    List<String> problems = new ArrayList<>();
    requirePresent(name, value, problems);
    if (!problems.isEmpty()) {
      throw new BadArgumentException(problems);
    }
  }

  private static void requirePresent(String name, Object value, List<String> problems) {
    if (value == null) {
      problems.add(name + ": is required");
    }
  }
}
