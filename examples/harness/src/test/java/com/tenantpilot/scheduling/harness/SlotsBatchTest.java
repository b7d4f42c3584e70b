package com.tenantpilot.scheduling.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code slots --batch} contract: JSON Lines in, one JSON line out per line, in order. */
class SlotsBatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String BERLIN_WEEKEND = "{\"timezone\":\"Europe/Berlin\",\"frequency\":\"weekly\","
      + "\"time\":\"02:30\",\"days\":[\"SAT\",\"SUN\"],\"from\":\"2026-03-20T00:00:00Z\",\"to\":\"2026-04-06T00:00:00Z\"}";
  private static final String UTC_DAILY = "{\"timezone\":\"UTC\",\"frequency\":\"daily\",\"time\":\"00:00\","
      + "\"days\":[],\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-03T00:00:00Z\"}";

  @Test
  void answers_each_line_with_its_slots() throws IOException {
    HarnessRun run = HarnessRun.withInput(BERLIN_WEEKEND + "\n" + UTC_DAILY + "\n", "slots", "--batch");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.lines()).hasSize(2);
    assertThat(slots(run.lines().get(0))).containsExactly("2026-03-21T01:30:00Z", "2026-03-22T01:30:00Z",
        "2026-03-28T01:30:00Z", "2026-04-04T00:30:00Z", "2026-04-05T00:30:00Z");
    assertThat(run.lines().get(1)).isEqualTo("{\"slots\":[\"2026-01-01T00:00:00Z\",\"2026-01-02T00:00:00Z\"]}");
  }

  @Test
  void a_bad_line_gets_an_error_line_and_the_batch_goes_on() throws IOException {
    String input = String.join("\n",
        UTC_DAILY,
        "this is not json",
        "{\"timezone\":\"+02:00\",\"time\":\"02:30\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}",
        BERLIN_WEEKEND,
        "{\"time\":\"02:30\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}",
        "{\"timezone\":\"UTC\",\"time\":\"25:00\",\"days\":[\"SAT\",7],\"from\":\"x\",\"to\":\"2026-01-02T00:00:00Z\"}",
        "{\"timezone\":\"UTC\",\"time\":\"02:30\",\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"} {}",
        "",
        "[\"UTC\"]",
        "{\"timezone\":\"UTC\",\"time\":\"02:30\",\"from\":\"2026-01-02T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}",
        "{\"timezone\":\"UTC\",\"time\":230,\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\"}",
        "{\"timezone\":\"UTC\",\"time\":\"02:30\",\"from\":\"+999999999-12-30T00:00:00Z\","
            + "\"to\":\"+999999999-12-31T00:00:00Z\"}",
        UTC_DAILY) + "\n";

    HarnessRun run = HarnessRun.withInput(input, "slots", "--batch");

    assertThat(run.exitCode()).isZero();
    List<String> lines = run.lines();
    assertThat(lines).hasSize(13);
    assertThat(slots(lines.get(0))).containsExactly("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
    assertThat(error(lines.get(1))).startsWith("invalid JSON");
    assertThat(error(lines.get(2))).contains("timezone: '+02:00' must be an IANA region id");
    assertThat(slots(lines.get(3))).hasSize(5);
    assertThat(error(lines.get(4))).isEqualTo("timezone: is required");
    assertThat(error(lines.get(5))).contains("days: '[\"SAT\",7]' must be an array of day names");
    assertThat(error(lines.get(6))).startsWith("invalid JSON");
    assertThat(error(lines.get(7))).contains("must be a JSON object");
    assertThat(error(lines.get(8))).contains("must be a JSON object");
    assertThat(error(lines.get(9))).contains("to: '2026-01-01T00:00:00Z' must not be before from");
    assertThat(error(lines.get(10))).contains("time: '230' must be a string");
    // Regression: an instant near the end of the date range made the date arithmetic throw and
    // ended the whole batch with exit 1; it is now a range error on its own line.
    assertThat(error(lines.get(11))).contains("from: '+999999999-12-30T00:00:00Z' must be between",
        "to: '+999999999-12-31T00:00:00Z' must be between");
    assertThat(slots(lines.get(12))).containsExactly("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
  }

  @Test
  void an_error_line_reports_every_problem_of_the_line() throws IOException {
    String line = "{\"timezone\":\"Mars/Olympus\",\"frequency\":\"weekly\",\"time\":\"25:00\",\"days\":[\"FUNDAY\"],"
        + "\"from\":\"soon\"}";

    String error = error(HarnessRun.withInput(line + "\n", "slots", "--batch").lines().get(0));

    assertThat(error).contains("timezone: 'Mars/Olympus'", "time: '25:00'", "days: 'FUNDAY'", "from: 'soon'",
        "to: is required");
  }

  @Test
  void empty_input_gives_empty_output() {
    HarnessRun run = HarnessRun.withInput("", "slots", "--batch");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEmpty();
  }

  @Test
  void a_last_line_without_newline_is_answered() throws IOException {
    HarnessRun run = HarnessRun.withInput(UTC_DAILY, "slots", "--batch");

    assertThat(run.lines()).hasSize(1);
    assertThat(slots(run.lines().get(0))).hasSize(2);
    assertThat(run.out()).endsWith("\n");
  }

  @Test
  void batch_does_not_mix_with_flags() {
    HarnessRun run = HarnessRun.withInput(UTC_DAILY, "slots", "--batch", "--timezone", "UTC");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("--batch", "--timezone");
  }

  @Test
  void the_shared_sample_vectors_match_through_batch() throws IOException {
    Path file = findShared();
    List<String> lines = file != null ? Files.readAllLines(file, StandardCharsets.UTF_8) : bundledVectors();
    List<JsonNode> vectors = new ArrayList<>();
    StringBuilder input = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      ObjectNode vector = (ObjectNode) JSON.readTree(line);
      vectors.add(vector);
      ObjectNode question = vector.deepCopy();
      question.remove("slots");
      input.append(JSON.writeValueAsString(question)).append('\n');
    }

    HarnessRun run = HarnessRun.withInput(input.toString(), "slots", "--batch");

    assertThat(run.exitCode()).isZero();
    assertThat(vectors).hasSizeGreaterThanOrEqualTo(100);
    assertThat(run.lines()).hasSameSizeAs(vectors);
    for (int i = 0; i < vectors.size(); i++) {
      List<String> expected = new ArrayList<>();
      vectors.get(i).get("slots").forEach(s -> expected.add(s.asText()));
      assertThat(slots(run.lines().get(i))).as("vector %d: %s", i + 1, vectors.get(i)).isEqualTo(expected);
    }
  }

  /** The copy of the sample vectors in this module's test resources, for a clone without shared/ beside it. */
  private static List<String> bundledVectors() throws IOException {
    try (java.io.InputStream in = SlotsBatchTest.class.getResourceAsStream("/slot-vectors-sample.jsonl")) {
      assertThat(in).as("bundled slot-vectors-sample.jsonl").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  /** {@code shared/testdata/slot-vectors-sample.jsonl} in the working directory or a parent, or {@code null}. */
  private static Path findShared() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/testdata/slot-vectors-sample.jsonl");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static List<String> slots(String line) throws IOException {
    JsonNode answer = JSON.readTree(line);
    assertThat(answer.has("slots")).as("an answer with slots: %s", line).isTrue();
    List<String> slots = new ArrayList<>();
    answer.get("slots").forEach(s -> slots.add(s.asText()));
    return slots;
  }

  private static String error(String line) throws IOException {
    JsonNode answer = JSON.readTree(line);
    assertThat(answer.has("error")).as("an error answer: %s", line).isTrue();
    assertThat(answer.size()).isEqualTo(1);
    return answer.get("error").asText();
  }
}
