package com.tenantpilot.scheduling.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleValidatorTest {

  private static final PolicyTypeCatalog CATALOG =
      PolicyTypeCatalog.of("deviceConfiguration", "deviceCompliancePolicy", "settingsCatalogPolicy");
  private static final ScheduleValidator VALIDATOR = new ScheduleValidator(CATALOG);

  private static final ScheduleInput VALID = new ScheduleInput("tenant-a", "Nightly", true, "WEEKLY", "02:30",
      List.of("MON", "FRI"), "Europe/Berlin", List.of("deviceConfiguration"), 30);

  @Test
  void accepts_a_valid_schedule_and_types_every_field() {
    ScheduleSpec spec = VALIDATOR.validate(VALID);

    assertThat(spec.tenantId()).isEqualTo("tenant-a");
    assertThat(spec.name()).isEqualTo("Nightly");
    assertThat(spec.enabled()).isTrue();
    assertThat(spec.recurrence()).isEqualTo(Recurrence.weekly(LocalTime.of(2, 30),
        EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("Europe/Berlin")));
    assertThat(spec.policyTypes()).containsExactly("deviceConfiguration");
    assertThat(spec.retentionKeepLast()).isEqualTo(30);
  }

  @Test
  void trims_the_name() {
    assertThat(VALIDATOR.validate(input(VALID, "name", "  Nightly backup \t")).name())
        .isEqualTo("Nightly backup");
  }

  @Test
  void collapses_duplicate_policy_types_keeping_first_order() {
    ScheduleSpec spec = VALIDATOR.validate(input(VALID, "policyTypes",
        List.of("settingsCatalogPolicy", "deviceConfiguration", "settingsCatalogPolicy", "deviceConfiguration")));
    assertThat(spec.policyTypes()).containsExactly("settingsCatalogPolicy", "deviceConfiguration");
  }

  @Test
  void normalises_nothing_else() {
    ScheduleSpec spec = VALIDATOR.validate(input(VALID, "tenantId", " tenant-a "));
    assertThat(spec.tenantId()).as("tenantId is kept as given").isEqualTo(" tenant-a ");

    assertRejected(input(VALID, "timezone", "europe/berlin"), "timezone", "europe/berlin");
    assertRejected(input(VALID, "timeOfDay", "2:30"), "timeOfDay", "2:30");
    assertRejected(input(VALID, "policyTypes", List.of("DeviceConfiguration")),
        "policyTypes", "DeviceConfiguration");
  }

  @Test
  void accepts_the_boundaries_and_any_letter_case_of_frequency_and_days() {
    ScheduleSpec low = VALIDATOR.validate(new ScheduleInput("t", "n", false, "weekly", "00:00", List.of("mon", "Sun"),
        "UTC", List.of("deviceConfiguration"), 1));
    assertThat(low.recurrence().timeOfDay()).isEqualTo(LocalTime.MIDNIGHT);
    assertThat(low.recurrence().daysOfWeek()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.SUNDAY);
    assertThat(low.retentionKeepLast()).isEqualTo(1);
    assertThat(low.enabled()).isFalse();

    ScheduleSpec high = VALIDATOR.validate(new ScheduleInput("t", " " + "x".repeat(120) + " ", true, "Daily", "23:59",
        List.of(), "Pacific/Apia", List.of("deviceConfiguration"), 1000));
    assertThat(high.recurrence().timeOfDay()).isEqualTo(LocalTime.of(23, 59));
    assertThat(high.name()).hasSize(120);
    assertThat(high.retentionKeepLast()).isEqualTo(1000);
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        rule("tenantId", null, "null"),
        rule("tenantId", "   ", "   "),
        rule("tenantId", "t".repeat(201), "t".repeat(201)),
        rule("name", null, "null"),
        rule("name", " \t ", " \t "),
        rule("name", "n".repeat(121), "n".repeat(121)),
        rule("enabled", null, "null"),
        rule("frequency", null, "null"),
        rule("frequency", "monthly", "monthly"),
        rule("timeOfDay", null, "null"),
        rule("timeOfDay", "24:00", "24:00"),
        rule("timeOfDay", "12:60", "12:60"),
        rule("timeOfDay", "02:30:00", "02:30:00"),
        rule("timeOfDay", " 02:30", " 02:30"),
        rule("timeOfDay", "ab:cd", "ab:cd"),
        rule("daysOfWeek", List.of(), "[]"),
        rule("daysOfWeek", List.of("MON", "XYZ"), "XYZ"),
        rule("daysOfWeek", List.of("MONDAY"), "MONDAY"),
        rule("daysOfWeek", List.of("MON", "mon"), "mon"),
        rule("timezone", null, "null"),
        rule("timezone", "", ""),
        rule("timezone", "Mars/Olympus", "Mars/Olympus"),
        rule("policyTypes", null, "[]"),
        rule("policyTypes", List.of(), "[]"),
        rule("policyTypes", List.of("deviceConfiguration", " "), "[deviceConfiguration,  ]"),
        rule("policyTypes", List.of("mobileApps"), "mobileApps"),
        rule("retentionKeepLast", null, "null"),
        rule("retentionKeepLast", 0, "0"),
        rule("retentionKeepLast", -1, "-1"),
        rule("retentionKeepLast", 1001, "1001"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("violations")
  void each_rule_rejects_naming_the_field_and_quoting_the_value(String field, Object value, String quoted) {
    assertRejected(input(VALID, field, value), field, quoted);
  }

  /**
   * Regression: a null entry in daysOfWeek (e.g. {@code ["MON", null]} from a JSON form) made
   * {@code List.copyOf} throw a NullPointerException instead of reporting a violation.
   */
  @Test
  void a_null_day_is_a_violation_not_a_null_pointer_exception() {
    assertRejected(input(VALID, "daysOfWeek", Arrays.asList("MON", null)), "daysOfWeek", "null");
  }

  @Test
  void daily_with_days_is_rejected() {
    ScheduleInput input = input(VALID, "frequency", "DAILY");
    assertRejected(input, "daysOfWeek", "MON,FRI");
  }

  /**
   * Regression for {@code Z} and {@code z}: they were rejected, but with the reason for an unknown
   * region ("known to the JDK, such as Europe/Berlin or UTC"), not as the raw UTC offset they are.
   */
  @ParameterizedTest
  @ValueSource(strings = {"+02:00", "-05:00", "UTC+2", "UTC+02:00", "GMT+02:00", "GMT-3", "UT+1", "Z", "z"})
  void raw_offsets_are_rejected_as_raw_offsets(String offset) {
    Violation v = assertRejected(input(VALID, "timezone", offset), "timezone", offset);
    assertThat(v.reason()).contains("IANA region id").contains("raw offset");
  }

  @Test
  void reports_every_violation_at_once() {
    ScheduleInput input = new ScheduleInput(null, "  ", null, "hourly", "25:00", List.of("XYZ"), "+01:00",
        List.of("unknownType"), 0);

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> VALIDATOR.validate(input));

    assertThat(e.violations()).extracting(Violation::field).containsExactlyInAnyOrder("tenantId", "name", "enabled",
        "frequency", "timeOfDay", "daysOfWeek", "timezone", "policyTypes", "retentionKeepLast");
    assertThat(e.getMessage()).contains("frequency 'hourly'", "timeOfDay '25:00'", "daysOfWeek 'XYZ'",
        "timezone '+01:00'", "policyTypes 'unknownType'", "retentionKeepLast '0'");
  }

  @Test
  void lists_unknown_policy_types_together_with_the_supported_keys() {
    ScheduleInput input = input(VALID, "policyTypes",
        List.of("deviceConfiguration", "mobileApps", "windowsUpdateRings", "mobileApps"));

    Violation v = assertRejected(input, "policyTypes", "mobileApps,windowsUpdateRings");
    assertThat(v.reason()).contains("[mobileApps, windowsUpdateRings]")
        .contains("[deviceConfiguration, deviceCompliancePolicy, settingsCatalogPolicy]");
  }

  @Test
  void rejects_a_null_input_and_a_null_catalog() {
    assertThatThrownBy(() -> VALIDATOR.validate(null)).isInstanceOf(NullPointerException.class).hasMessage("input");
    assertThatThrownBy(() -> new ScheduleValidator(null)).isInstanceOf(NullPointerException.class).hasMessage("catalog");
  }

  /** Asserts that validation fails with exactly one violation, on {@code field}, quoting {@code value}. */
  private static Violation assertRejected(ScheduleInput input, String field, String value) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> VALIDATOR.validate(input));
    assertThat(e).as("validation of %s", input).isNotNull();
    assertThat(e.violations()).as("violations").hasSize(1);
    Violation v = e.violations().get(0);
    assertThat(v.field()).isEqualTo(field);
    assertThat(v.value()).isEqualTo(value);
    assertThat(e.getMessage()).contains(field + " '" + value + "'");
    return v;
  }

  private static Arguments rule(String field, Object value, String quoted) {
    return Arguments.of(field, value, quoted);
  }

  @SuppressWarnings("unchecked")
  private static ScheduleInput input(ScheduleInput i, String field, Object value) {
    return new ScheduleInput(
        field.equals("tenantId") ? (String) value : i.tenantId(),
        field.equals("name") ? (String) value : i.name(),
        field.equals("enabled") ? (Boolean) value : i.enabled(),
        field.equals("frequency") ? (String) value : i.frequency(),
        field.equals("timeOfDay") ? (String) value : i.timeOfDay(),
        field.equals("daysOfWeek") ? (List<String>) value : i.daysOfWeek(),
        field.equals("timezone") ? (String) value : i.timezone(),
        field.equals("policyTypes") ? (List<String>) value : i.policyTypes(),
        field.equals("retentionKeepLast") ? (Integer) value : i.retentionKeepLast());
  }
}
