package com.tenantpilot.scheduling.schedule;

import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a {@link ScheduleInput} field by field and reports <b>every</b> violation at once, each
 * naming the field, quoting the value and saying what the rule requires.
 *
 * <p>The only normalisation is trimming the name and collapsing duplicate policy types;
 * frequency and day names are accepted in any letter case. Everything else is taken as given
 * or rejected.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScheduleValidator {

  /** The longest schedule name, after trimming. */
  public static final int MAX_NAME_LENGTH = 120;
  /** The largest {@code retentionKeepLast}. */
  public static final int MAX_KEEP_LAST = 1000;

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  /** What {@code ZoneId.of} would read as a fixed offset: {@code +02:00}, {@code UTC+2}, {@code Z}. */
  private static final Pattern RAW_OFFSET = Pattern.compile("(?i)[+-].*|(UTC|GMT|UT)[+-].*|Z");
  private static final Set<String> ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

  private final PolicyTypeCatalog catalog;

  /** A validator that accepts policy types from {@code catalog}. */
  public ScheduleValidator(PolicyTypeCatalog catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * Validates and types the input.
   *
   * @throws ValidationException listing every violation, if there is any
   */
  public ScheduleSpec validate(ScheduleInput input) {
    Objects.requireNonNull(input, "input");
    List<Violation> violations = new ArrayList<>();
    Parsed parsed = parse(input.tenantId(), input.name(), input.frequency(), input.timeOfDay(),
        input.daysOfWeek(), input.timezone(), input.policyTypes(), violations);
    if (input.enabled() == null) {
      violations.add(new Violation("enabled", "null", "is required (true or false)"));
    }
    if (input.retentionKeepLast() == null) {
      violations.add(new Violation("retentionKeepLast", "null", "is required, an integer 1.." + MAX_KEEP_LAST));
    } else if (input.retentionKeepLast() < 1 || input.retentionKeepLast() > MAX_KEEP_LAST) {
      violations.add(new Violation("retentionKeepLast", String.valueOf(input.retentionKeepLast()), "must be an integer 1.." + MAX_KEEP_LAST));
    }
    if (parsed.policyTypes != null) {
      List<String> unknown = parsed.policyTypes.stream().filter(t -> !catalog.supports(t)).toList();
      if (!unknown.isEmpty()) {
        violations.add(new Violation("policyTypes", String.join(",", unknown),
            "unknown policy types " + unknown + "; supported: " + catalog.keys()));
      }
    }
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    return new ScheduleSpec(input.tenantId(), parsed.name, input.enabled(), parsed.recurrence,
        parsed.policyTypes, input.retentionKeepLast());
  }

  /**
   * Parses the fields that stored rows and inputs share, adding a violation per bad field. Fields
   * of the result are {@code null} where parsing failed. Used for stored rows too, without the
   * catalog check, so that one rule decides what a valid schedule is.
   */
  static Parsed parse(String tenantId, String name, String frequency, String timeOfDay,
      Collection<String> daysOfWeek, String timezone, List<String> policyTypes, List<Violation> violations) {
    if (tenantId == null || tenantId.isBlank()) {
      violations.add(new Violation("tenantId", String.valueOf(tenantId), "is required"));
    } else if (tenantId.length() > 200) {
      violations.add(new Violation("tenantId", tenantId, "must be at most 200 characters"));
    }

    String trimmed = name == null ? null : name.strip();
    if (trimmed == null || trimmed.isEmpty()) {
      violations.add(new Violation("name", String.valueOf(name), "is required, 1.." + MAX_NAME_LENGTH + " characters after trimming"));
      trimmed = null;
    } else if (trimmed.length() > MAX_NAME_LENGTH) {
      violations.add(new Violation("name", trimmed, "must be at most " + MAX_NAME_LENGTH + " characters, was " + trimmed.length()));
      trimmed = null;
    }

    Frequency freq = null;
    if (frequency == null) {
      violations.add(new Violation("frequency", "null", "is required, DAILY or WEEKLY"));
    } else {
      try {
        freq = Frequency.valueOf(frequency.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("frequency", frequency, "must be DAILY or WEEKLY"));
      }
    }

    LocalTime time = null;
    if (timeOfDay == null || !TIME.matcher(timeOfDay).matches()) {
      violations.add(new Violation("timeOfDay", String.valueOf(timeOfDay), "must be HH:MM between 00:00 and 23:59"));
    } else {
      time = LocalTime.of(Integer.parseInt(timeOfDay.substring(0, 2)), Integer.parseInt(timeOfDay.substring(3, 5)));
    }

    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    boolean daysOk = true;
    // Not List.copyOf: it throws on a null entry, which must be reported as a violation instead.
    List<String> dayList = daysOfWeek == null ? List.of() : new ArrayList<>(daysOfWeek);
    for (String day : dayList) {
      DayOfWeek parsed = day == null ? null : dayOf(day);
      if (parsed == null) {
        violations.add(new Violation("daysOfWeek", String.valueOf(day), "must be one of MON, TUE, WED, THU, FRI, SAT, SUN"));
        daysOk = false;
      } else if (!days.add(parsed)) {
        violations.add(new Violation("daysOfWeek", day, "is listed twice"));
        daysOk = false;
      }
    }
    if (freq == Frequency.WEEKLY && dayList.isEmpty()) {
      violations.add(new Violation("daysOfWeek", "[]", "must name at least one day for WEEKLY"));
      daysOk = false;
    } else if (freq == Frequency.DAILY && !dayList.isEmpty()) {
      violations.add(new Violation("daysOfWeek", String.join(",", dayList), "must be empty for DAILY"));
      daysOk = false;
    }

    ZoneId zone = null;
    if (timezone == null || !ZONE_IDS.contains(timezone)) {
      String reason = timezone != null && RAW_OFFSET.matcher(timezone).matches()
          ? "must be an IANA region id such as Europe/Berlin, not a raw offset"
          : "must be an IANA region id known to the JDK, such as Europe/Berlin or UTC";
      violations.add(new Violation("timezone", String.valueOf(timezone), reason));
    } else {
      zone = ZoneId.of(timezone);
    }

    List<String> types = null;
    if (policyTypes == null || policyTypes.isEmpty()) {
      violations.add(new Violation("policyTypes", "[]", "must name at least one policy type"));
    } else if (policyTypes.stream().anyMatch(t -> t == null || t.isBlank())) {
      violations.add(new Violation("policyTypes", String.valueOf(policyTypes), "must not contain blank entries"));
    } else {
      types = List.copyOf(new LinkedHashSet<>(policyTypes));
    }

    Recurrence recurrence = freq != null && time != null && daysOk && zone != null
        ? new Recurrence(freq, time, days, zone) : null;
    return new Parsed(trimmed, recurrence, types);
  }

  private static DayOfWeek dayOf(String day) {
    switch (day.toUpperCase(Locale.ROOT)) {
      case "MON": return DayOfWeek.MONDAY;
      case "TUE": return DayOfWeek.TUESDAY;
      case "WED": return DayOfWeek.WEDNESDAY;
      case "THU": return DayOfWeek.THURSDAY;
      case "FRI": return DayOfWeek.FRIDAY;
      case "SAT": return DayOfWeek.SATURDAY;
      case "SUN": return DayOfWeek.SUNDAY;
      default: return null;
    }
  }

  /** The three-letter ISO name ({@code MON}) of a day, as stored and as accepted. */
  public static String dayName(DayOfWeek day) {
    return day.name().substring(0, 3);
  }

  /** The fields {@link #parse} could type; {@code null} where it could not. */
  record Parsed(String name, Recurrence recurrence, List<String> policyTypes) {}
}
