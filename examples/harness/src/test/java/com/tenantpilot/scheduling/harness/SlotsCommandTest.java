package com.tenantpilot.scheduling.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The flags contract of {@code slots}: window and preview modes, and bad usage. */
class SlotsCommandTest {

  @Test
  void prints_each_slot_in_the_window_as_a_utc_instant_one_per_line() {
    // Berlin 02:30 daily: 03-29 is in the spring-forward gap.
    HarnessRun run = HarnessRun.of("slots", "--timezone", "Europe/Berlin", "--frequency", "daily", "--time", "02:30",
        "--from", "2026-03-27T00:00:00Z", "--to", "2026-04-01T00:00:00Z");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("2026-03-27T01:30:00Z\n2026-03-28T01:30:00Z\n2026-03-30T00:30:00Z\n"
        + "2026-03-31T00:30:00Z\n");
  }

  @Test
  void weekly_days_take_the_first_occurrence_in_the_overlap() {
    HarnessRun run = HarnessRun.of("slots", "--timezone", "America/New_York", "--frequency", "weekly",
        "--days", "SUN", "--time", "01:30", "--from", "2026-10-20T00:00:00Z", "--to", "2026-11-10T00:00:00Z");

    assertThat(run.exitCode()).isZero();
    assertThat(run.lines()).containsExactly("2026-10-25T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-08T06:30:00Z");
  }

  @Test
  void days_without_frequency_mean_weekly_and_no_days_mean_daily() {
    HarnessRun weekly = HarnessRun.of("slots", "--timezone", "UTC", "--days", "mon,FRI", "--time", "00:00",
        "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-08T00:00:00Z");
    HarnessRun daily = HarnessRun.of("slots", "--timezone", "UTC", "--time", "00:00",
        "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-03T00:00:00Z");

    assertThat(weekly.lines()).containsExactly("2026-03-02T00:00:00Z", "2026-03-06T00:00:00Z");
    assertThat(daily.lines()).containsExactly("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
  }

  @Test
  void the_window_is_half_open() {
    HarnessRun run = HarnessRun.of("slots", "--timezone", "Asia/Kolkata", "--time", "05:30",
        "--from", "2026-03-01T00:00:00Z", "--to", "2026-03-03T00:00:00Z");

    assertThat(run.lines()).containsExactly("2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
  }

  @Test
  void an_empty_window_prints_nothing_and_succeeds() {
    HarnessRun run = HarnessRun.of("slots", "--timezone", "UTC", "--time", "12:00",
        "--from", "2026-03-01T13:00:00Z", "--to", "2026-03-02T12:00:00Z");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
  }

  @Test
  void preview_lists_the_next_slots_with_gap_notes() {
    HarnessRun run = HarnessRun.of("slots", "--preview", "3", "--timezone", "Europe/Berlin", "--time", "02:30",
        "--from", "2026-03-28T01:30:00Z");

    assertThat(run.exitCode()).isZero();
    // --from is inclusive: the slot at 2026-03-28T01:30:00Z is the first; the gap date does not count.
    assertThat(run.lines()).hasSize(5);
    assertThat(run.lines().get(0)).contains("DAILY", "02:30", "Europe/Berlin", "2026-03-28T01:30:00Z");
    assertThat(run.lines().get(1)).contains("2026-03-28", "2026-03-28T01:30:00Z");
    assertThat(run.lines().get(2)).contains("2026-03-29", "skipped", "02:00", "03:00");
    assertThat(run.lines().get(3)).contains("2026-03-30", "2026-03-30T00:30:00Z");
    assertThat(run.lines().get(4)).contains("2026-03-31", "2026-03-31T00:30:00Z");
  }

  @Test
  void preview_notes_the_first_of_two_occurrences() {
    HarnessRun run = HarnessRun.of("slots", "--preview", "1", "--timezone", "Europe/Berlin", "--days", "SUN",
        "--time", "02:30", "--from", "2026-10-20T00:00:00Z");

    assertThat(run.exitCode()).isZero();
    assertThat(run.lines()).hasSize(2);
    assertThat(run.lines().get(1)).contains("2026-10-25", "2026-10-25T00:30:00Z", "first occurrence", "+02:00");
  }

  static Stream<Arguments> badFlags() {
    String from = "2026-03-01T00:00:00Z";
    String to = "2026-03-02T00:00:00Z";
    return Stream.of(
        bad("--timezone: '+02:00' must be an IANA region id", "--timezone", "+02:00", "--time", "02:30",
            "--from", from, "--to", to),
        bad("--timezone: 'UTC+2' must be an IANA region id", "--timezone", "UTC+2", "--time", "02:30",
            "--from", from, "--to", to),
        bad("--timezone: 'Mars/Olympus' must be an IANA region id", "--timezone", "Mars/Olympus", "--time", "02:30",
            "--from", from, "--to", to),
        bad("--time: '24:00' must be HH:MM", "--timezone", "UTC", "--time", "24:00", "--from", from, "--to", to),
        bad("--time: '2:30' must be HH:MM", "--timezone", "UTC", "--time", "2:30", "--from", from, "--to", to),
        bad("--days: 'XX' must be one of", "--timezone", "UTC", "--time", "02:30", "--days", "MON,XX",
            "--from", from, "--to", to),
        bad("--days: 'MON' must be empty for DAILY", "--timezone", "UTC", "--frequency", "daily", "--days", "MON",
            "--time", "02:30", "--from", from, "--to", to),
        bad("--days: '[]' must name at least one day", "--timezone", "UTC", "--frequency", "weekly",
            "--time", "02:30", "--from", from, "--to", to),
        bad("--frequency: 'hourly' must be DAILY or WEEKLY", "--timezone", "UTC", "--frequency", "hourly",
            "--time", "02:30", "--from", from, "--to", to),
        bad("--from: 'yesterday' must be an ISO-8601 UTC instant", "--timezone", "UTC", "--time", "02:30",
            "--from", "yesterday", "--to", to),
        bad("--to: is required", "--timezone", "UTC", "--time", "02:30", "--from", from),
        bad("--timezone: is required", "--time", "02:30", "--from", from, "--to", to),
        bad("--to: '2026-03-01T00:00:00Z' must not be before --from '2026-03-02T00:00:00Z'", "--timezone", "UTC",
            "--time", "02:30", "--from", to, "--to", from),
        bad("--to: '2200-01-01T00:00:00Z' is more than 36525 days after --from", "--timezone", "UTC",
            "--time", "02:30", "--from", from, "--to", "2200-01-01T00:00:00Z"),
        bad("--preview: '0' must be in 1..10000", "--timezone", "UTC", "--time", "02:30", "--from", from,
            "--preview", "0"),
        bad("--to: '2026-03-02T00:00:00Z' is not used with --preview", "--timezone", "UTC", "--time", "02:30",
            "--from", from, "--to", to, "--preview", "2"),
        bad("--from: '-0001-01-01T00:00:00Z' must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z",
            "--timezone", "UTC", "--time", "02:30", "--from", "-0001-01-01T00:00:00Z", "--to", to),
        bad("Unknown options: '--zone', 'UTC'", "--zone", "UTC"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFlags")
  void a_bad_flag_exits_2_naming_the_flag_and_value(String message, String[] args) {
    String[] command = Stream.concat(Stream.of("slots"), Stream.of(args)).toArray(String[]::new);

    HarnessRun run = HarnessRun.of(command);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains(message).contains("slots --help");
  }

  @Test
  void every_bad_flag_is_reported_at_once() {
    HarnessRun run = HarnessRun.of("slots", "--timezone", "GMT+02:00", "--time", "25:00", "--days", "FUNDAY",
        "--from", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--timezone: 'GMT+02:00'", "--time: '25:00'", "--days: 'FUNDAY'",
        "--from: 'soon'", "--to: is required");
  }

  @Test
  void help_lists_the_options_and_exits_0() {
    HarnessRun run = HarnessRun.of("slots", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--timezone", "--frequency", "--days", "--time", "--from", "--to", "--preview",
        "--batch");
  }

  @Test
  void without_a_subcommand_the_harness_exits_2_and_lists_them() {
    HarnessRun run = HarnessRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing subcommand", "slots", "bench");
  }

  private static Arguments bad(String message, String... args) {
    return Arguments.of(message, args);
  }
}
