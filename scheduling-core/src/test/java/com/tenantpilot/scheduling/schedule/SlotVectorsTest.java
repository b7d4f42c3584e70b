package com.tenantpilot.scheduling.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks {@link SlotCalculator#between} against reference slot vectors computed by an independent
 * implementation (Python's zoneinfo over the IANA tz database).
 *
 * <p>Two copies are checked: the shared one beside the project ({@code shared/testdata}, which
 * CI lays beside the clone), found by walking up from the working directory, and the copy bundled
 * in this module's test resources, so that the module is self-contained. In a clone without
 * {@code shared/} beside it the shared test checks the bundled copy instead (CI always has it,
 * and {@code .ci/run} also runs {@code ../shared/tools/check-slots} against the built jar).
 */
class SlotVectorsTest {

  static final String FILE = "slot-vectors-sample.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> shared_sample_vectors_match() throws IOException {
    Path shared = findShared();
    if (shared == null) {
      // A clone without shared/ beside it: the bundled copy stands in (CI always has shared/).
      return bundled_copy_of_the_sample_vectors_matches();
    }
    try (BufferedReader in = Files.newBufferedReader(shared, StandardCharsets.UTF_8)) {
      return tests(read(in));
    }
  }

  @TestFactory
  Stream<DynamicTest> bundled_copy_of_the_sample_vectors_matches() throws IOException {
    try (InputStream stream = SlotVectorsTest.class.getResourceAsStream("/" + FILE)) {
      assertThat(stream).as("test resource /%s", FILE).isNotNull();
      return tests(read(new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))));
    }
  }

  /** {@code shared/testdata/slot-vectors-sample.jsonl} in the working directory or any parent, or {@code null}. */
  static Path findShared() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("testdata").resolve(FILE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Stream<DynamicTest> tests(List<Vector> vectors) {
    assertThat(vectors).as("vectors in the file").isNotEmpty();
    return vectors.stream().map(v -> DynamicTest.dynamicTest(v.toString(),
        () -> assertThat(SlotCalculator.between(v.recurrence, v.from, v.to)).as(v.toString())
            .containsExactlyElementsOf(v.slots)));
  }

  private static List<Vector> read(BufferedReader in) throws IOException {
    List<Vector> vectors = new ArrayList<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (!line.isBlank()) {
        vectors.add(Vector.parse(JSON.readTree(line)));
      }
    }
    return vectors;
  }

  /** One reference vector: a recurrence, a window and the slots it must give. */
  private record Vector(String label, Recurrence recurrence, Instant from, Instant to, List<Instant> slots) {

    static Vector parse(JsonNode node) {
      ZoneId zone = ZoneId.of(node.get("timezone").asText());
      LocalTime time = LocalTime.parse(node.get("time").asText());
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      node.get("days").forEach(d -> days.add(day(d.asText())));
      Recurrence r = node.get("frequency").asText().equals("daily")
          ? Recurrence.daily(time, zone)
          : Recurrence.weekly(time, days, zone);
      List<Instant> slots = new ArrayList<>();
      node.get("slots").forEach(s -> slots.add(Instant.parse(s.asText())));
      String label = zone + " " + node.get("frequency").asText() + " " + time + " " + node.get("days")
          + " [" + node.get("from").asText() + ", " + node.get("to").asText() + ")";
      return new Vector(label, r, Instant.parse(node.get("from").asText()), Instant.parse(node.get("to").asText()),
          slots);
    }

    private static DayOfWeek day(String name) {
      return Stream.of(DayOfWeek.values())
          .filter(d -> d.name().startsWith(name.toUpperCase(Locale.ROOT)))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown day '" + name + "'"));
    }

    @Override
    public String toString() {
      return label;
    }
  }
}
