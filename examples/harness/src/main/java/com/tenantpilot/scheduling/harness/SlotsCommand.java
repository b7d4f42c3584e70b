package com.tenantpilot.scheduling.harness;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantpilot.scheduling.harness.SlotArguments.BadArgumentException;
import com.tenantpilot.scheduling.harness.SlotArguments.Names;
import com.tenantpilot.scheduling.harness.SlotArguments.Question;
import com.tenantpilot.scheduling.schedule.Recurrence;
import com.tenantpilot.scheduling.schedule.ScheduleCodec;
import com.tenantpilot.scheduling.schedule.SlotCalculator;
import com.tenantpilot.scheduling.schedule.SlotPreview;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code slots}: the slots of a recurrence, answered by the core's {@link SlotCalculator}.
 *
 * <p>Three modes:
 * <ul>
 *   <li>window (default): every slot in {@code [--from, --to)}, one ISO-8601 UTC instant a line;
 *   <li>{@code --preview N}: the next N slots at or after {@code --from}, with a note on each
 *       date where a DST gap skipped the slot or an overlap chose the first occurrence;
 *   <li>{@code --batch}: JSON Lines on standard input, one answer line per input line, in order:
 *       {@code {"slots":[...]}} or {@code {"error":"..."}}. A bad line gets an error line and the
 *       batch goes on; the exit code is 0 unless reading or writing fails.
 * </ul>
 *
 * <p>Not thread-safe: picocli makes one instance per execution.
 */
@Command(
    name = "slots",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Prints the backup slots of a daily or weekly schedule: minute-aligned UTC instants.",
        "A wall time in a DST gap gives no slot that date; one in an overlap gives its first occurrence.",
        "",
        "  slots --timezone Europe/Berlin --time 02:30 --from 2026-03-01T00:00:00Z --to 2026-04-01T00:00:00Z",
        "  slots --timezone Europe/Berlin --time 02:30 --days SAT,SUN --preview 5 --from 2026-03-20T00:00:00Z",
        "  slots --batch < questions.jsonl",
        ""})
public final class SlotsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  @Option(names = "--timezone", paramLabel = "ZONE", description = "IANA region id, e.g. Europe/Berlin or UTC.")
  String timezone;

  @Option(names = "--frequency", paramLabel = "daily|weekly",
      description = "Default: weekly when --days is given, else daily.")
  String frequency;

  @Option(names = "--days", split = ",", paramLabel = "DAY", description = "Weekly days: MON,TUE,WED,THU,FRI,SAT,SUN.")
  List<String> days;

  @Option(names = "--time", paramLabel = "HH:MM", description = "Local wall time, 00:00..23:59.")
  String time;

  @Option(names = "--from", paramLabel = "INSTANT", description = "Window start (inclusive), e.g. 2026-03-01T00:00:00Z.")
  String from;

  @Option(names = "--to", paramLabel = "INSTANT", description = "Window end (exclusive).")
  String to;

  @Option(names = "--preview", paramLabel = "N", description = "Print the next N slots at or after --from, with DST notes.")
  Integer preview;

  @Option(names = "--batch", description = "Read JSON Lines questions from stdin; answer each with one JSON line.")
  boolean batch;

  @ParentCommand
  Harness harness;

  @Spec
  CommandSpec spec;

  /** Runs the chosen mode. */
  @Override
  public Integer call() throws IOException {
    if (batch) {
      requireNoFlags();
      return batch();
    }
    try {
      Question question = SlotArguments.question(Names.FLAGS, timezone, frequency, time, days, from, to,
          preview == null);
      if (preview == null) {
        return window(question);
      }
      if (preview < 1 || preview > 10_000) {
        throw new BadArgumentException(List.of("--preview: '" + preview + "' must be in 1..10000"));
      }
      return preview(question);
    } catch (BadArgumentException e) {
      throw new ParameterException(spec.commandLine(), String.join(System.lineSeparator(), e.problems()));
    }
  }

  private int window(Question question) {
    PrintWriter out = spec.commandLine().getOut();
    for (Instant slot : SlotCalculator.between(question.recurrence(), question.from(), question.to())) {
      out.println(slot);
    }
    out.flush();
    return 0;
  }

  private int preview(Question question) {
    Recurrence recurrence = question.recurrence();
    PrintWriter out = spec.commandLine().getOut();
    out.println("Next " + preview + " slots of " + recurrence.frequency()
        + (recurrence.daysOfWeek().isEmpty() ? "" : " " + recurrence.daysOfWeek())
        + " at " + ScheduleCodec.formatTime(recurrence) + " in " + recurrence.zone().getId()
        + ", at or after " + question.from() + ":");
    for (SlotPreview entry : SlotCalculator.preview(recurrence, question.from().minusNanos(1), preview)) {
      out.println("  " + entry.describe());
    }
    out.flush();
    return 0;
  }

  private int batch() throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(harness.stdin(), StandardCharsets.UTF_8));
    PrintWriter out = spec.commandLine().getOut();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      out.write(answer(line));
      out.write('\n');
    }
    out.flush();
    return 0;
  }

  /** The answer line for one batch line: the slots, or an error that names the field and value. */
  static String answer(String line) throws JsonProcessingException {
    try {
      JsonNode question = JSON.readTree(line);
      if (question == null || !question.isObject()) {
        return JSON.writeValueAsString(new ErrorLine("a line must be a JSON object, was '" + line + "'"));
      }
      Question q = SlotArguments.question(Names.JSON, text(question, "timezone"), text(question, "frequency"),
          text(question, "time"), days(question), text(question, "from"), text(question, "to"), true);
      List<String> slots = new ArrayList<>();
      for (Instant slot : SlotCalculator.between(q.recurrence(), q.from(), q.to())) {
        slots.add(slot.toString());
      }
      return JSON.writeValueAsString(new SlotsLine(slots));
    } catch (JsonProcessingException e) {
      return JSON.writeValueAsString(new ErrorLine("invalid JSON: " + e.getOriginalMessage()));
    } catch (BadArgumentException e) {
      return JSON.writeValueAsString(new ErrorLine(e.getMessage()));
    } catch (DateTimeException e) {
      // A safety net: the instant range check should keep the date arithmetic in bounds.
      return JSON.writeValueAsString(new ErrorLine("cannot compute slots for this line: " + e.getMessage()));
    }
  }

  private static String text(JsonNode question, String field) {
    JsonNode value = question.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new BadArgumentException(List.of(field + ": '" + value + "' must be a string"));
    }
    return value.textValue();
  }

  private static List<String> days(JsonNode question) {
    JsonNode value = question.get("days");
    if (value == null || value.isNull()) {
      return List.of();
    }
    BadArgumentException notDays = new BadArgumentException(
        List.of("days: '" + value + "' must be an array of day names such as [\"SAT\",\"SUN\"]"));
    if (!value.isArray()) {
      throw notDays;
    }
    List<String> days = new ArrayList<>();
    for (JsonNode day : value) {
      if (!day.isTextual()) {
        throw notDays;
      }
      days.add(day.textValue());
    }
    return days;
  }

  private void requireNoFlags() {
    List<String> given = new ArrayList<>();
    for (Object[] flag : new Object[][] {{"--timezone", timezone}, {"--frequency", frequency}, {"--days", days},
        {"--time", time}, {"--from", from}, {"--to", to}, {"--preview", preview}}) {
      if (flag[1] != null) {
        given.add((String) flag[0]);
      }
    }
    if (!given.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "--batch reads every question from stdin; remove " + String.join(", ", given));
    }
  }

  /** A batch answer with slots. */
  record SlotsLine(List<String> slots) {}

  /** A batch answer for a line that could not be answered. */
  record ErrorLine(String error) {}
}
