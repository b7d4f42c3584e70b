package com.tenantpilot.scheduling.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantpilot.scheduling.harness.simulation.BrokenStores;
import com.tenantpilot.scheduling.harness.simulation.InvariantChecker;
import com.tenantpilot.scheduling.harness.simulation.SimulationStores;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunTrigger;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class SimulateCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(SimulateCommand command, String... args) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void json_has_exactly_the_contract_keys_and_spec_names() throws Exception {
    int code = run(new SimulateCommand(), "--in-memory", "--seed", "11", "--days", "30", "--schedules", "12", "--faults", "--json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertThat(fields(root)).containsExactly("schedules", "window", "downtime", "runs", "invariants");
    assertThat(fields(root.get("window"))).containsExactly("from", "to");
    assertThat(root.get("window").get("from").asText()).isEqualTo("2024-03-09T00:00:00Z");
    assertThat(root.get("window").get("to").asText()).isEqualTo("2024-04-08T00:00:00Z");
    assertThat(root.get("downtime")).isNotEmpty().allSatisfy(d -> assertThat(fields(d)).containsExactly("from", "to"));
    assertThat(root.get("schedules")).hasSizeGreaterThanOrEqualTo(12).allSatisfy(s -> {
      assertThat(fields(s)).startsWith("id", "timezone", "frequency", "time", "days", "policyTypes", "enabledFrom");
      assertThat(s.get("frequency").asText()).isIn("daily", "weekly");
      assertThat(s.get("time").asText()).matches("([01]\\d|2[0-3]):[0-5]\\d");
    });
    assertThat(root.get("runs")).isNotEmpty().allSatisfy(r -> {
      assertThat(fields(r)).containsExactly("scheduleId", "scheduledFor", "trigger", "status", "errorCode", "attempts");
      assertThat(r.get("trigger").asText()).isIn(names(RunTrigger.values()));
      assertThat(r.get("status").asText()).isIn(names(RunStatus.values()));
      assertThat(r.get("errorCode").isNull() || names(ErrorCode.values()).contains(r.get("errorCode").asText()))
          .as("errorCode %s", r.get("errorCode")).isTrue();
    });
    assertThat(root.get("runs")).anySatisfy(r -> {
      assertThat(r.get("status").asText()).isEqualTo("SKIPPED");
      assertThat(r.get("errorCode").asText()).isEqualTo("MISSED_SLOT");
    });
    assertThat(fields(root.get("invariants"))).containsExactlyElementsOf(InvariantChecker.NAMES);
    assertThat(root.get("invariants")).allSatisfy(v -> assertThat(v.asBoolean()).isTrue());
  }

  @Test
  void summary_lists_window_runs_downtime_and_ticked_invariants() {
    int code = run(new SimulateCommand(), "--in-memory", "--seed", "2", "--days", "30", "--schedules", "10", "--faults");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("simulate: seed 2, 30 days, 3 nodes, 10 schedules, faults on")
        .contains("window     2024-03-09T00:00:00Z .. 2024-04-08T00:00:00Z")
        .contains("  status   ")
        .contains("downtime   ")
        .contains("✓ one_run_per_slot", "✓ every_slot_has_a_run", "✓ stale_writes_fenced")
        .doesNotContain("✗");
  }

  @Test
  void exits_1_and_names_the_violation_when_an_invariant_fails() {
    SimulateCommand command = new SimulateCommand(
        clock -> BrokenStores.dropEveryThirdDispatchedRun(SimulationStores.inMemory(clock)));

    int code = run(command, "--seed", "4", "--days", "5", "--schedules", "10");

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("✗ every_slot_has_a_run", "every_slot_has_a_run violated (seed 4, step ");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--days|0|--days must be at least 1, was '0'",
      "--nodes|0|--nodes must be at least 1, was '0'",
      "--schedules|-3|--schedules must be at least 1, was '-3'",
      "--days|4000|--days must be at most 3660, was '4000'",
      "--nodes|many|Invalid value for option '--nodes': 'many' is not an int",
      "--seed|x1|Invalid value for option '--seed': 'x1' is not a long"})
  void bad_flags_exit_2_naming_the_flag_and_value(String flag, String value, String message) {
    int code = run(new SimulateCommand(), flag, value);

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains(message);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void an_unknown_flag_exits_2() {
    int code = run(new SimulateCommand(), "--catch-up", "yes");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown options: '--catch-up', 'yes'");
  }

  @Test
  void the_store_factory_seam_can_be_overridden() {
    int[] built = {0};
    SimulateCommand command = new SimulateCommand() {
      @Override
      protected SimulationStores.Factory storesFactory() {
        return clock -> {
          built[0]++;
          return SimulationStores.inMemory(clock);
        };
      }
    };

    int code = run(command, "--days", "1", "--schedules", "3", "--json");

    assertThat(code).isZero();
    assertThat(built[0]).isEqualTo(1);
  }
}
