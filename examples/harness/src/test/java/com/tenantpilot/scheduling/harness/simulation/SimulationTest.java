package com.tenantpilot.scheduling.harness.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.harness.SimulateCommand;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SimulationTest {

  private static final int SEEDS = 20;

  private static SimulationConfig.Builder faulty(long seed) {
    return SimulationConfig.builder().seed(seed).days(30).nodes(3).schedules(10).faults(true);
  }

  private static List<SimulationResult> runAll(long firstSeed, int seeds) {
    // independent simulations, one per seed; each is single-threaded and deterministic
    return LongStream.range(firstSeed, firstSeed + seeds).parallel()
        .mapToObj(seed -> Simulation.run(faulty(seed).build()))
        .toList();
  }

  @Test
  void every_invariant_holds_for_many_seeds_with_faults() {
    List<SimulationResult> results = runAll(1, SEEDS);

    Map<String, Integer> total = new TreeMap<>();
    for (SimulationResult r : results) {
      assertThat(r.invariants()).as("seed %d: %s", r.seed(), r.failures())
          .hasSize(InvariantChecker.NAMES.size())
          .allSatisfy((name, ok) -> assertThat(ok).as("seed %d %s: %s", r.seed(), name, r.failures()).isTrue());
      r.counts().forEach((k, v) -> total.merge(k, v, Integer::sum));
    }
    // the faults really happened, so the invariants were not checked on an easy path only
    assertThat(total).as("%s", total).containsKeys(
        "runs_error_MISSED_SLOT", "runs_error_GRAPH_THROTTLED", "runs_error_GRAPH_UNAVAILABLE",
        "runs_error_GRAPH_UNAUTHORIZED", "runs_error_GRAPH_FORBIDDEN", "runs_error_UNEXPECTED_ERROR",
        "runs_error_UNKNOWN_POLICY_TYPE", "runs_error_RUN_ABANDONED", "runs_status_PARTIAL", "runs_status_FAILED",
        "runs_trigger_MANUAL", "runs_trigger_RETRY", "executions_lease_lost", "executions_retry_scheduled",
        "stale_executions_fenced", "slow_calls_with_peer", "node_crashes_holding_runs", "node_stalls", "outages",
        "edits_retimed", "edits_disabled", "edits_enabled", "notifications", "backup_sets_deleted",
        "graph_http_429", "graph_http_502", "graph_http_503", "graph_http_504", "graph_timeout", "graph_connection",
        "graph_http_401", "graph_http_403", "graph_http_500", "graph_other", "graph_malformed_response");
    assertThat(results).allSatisfy(r -> assertThat(r.downtime()).as("seed %d", r.seed()).isNotEmpty());
  }

  @Test
  void the_same_seed_gives_byte_identical_json() {
    String first = SimulateCommand.toJson(Simulation.run(faulty(42).build()));
    String second = SimulateCommand.toJson(Simulation.run(faulty(42).build()));
    String other = SimulateCommand.toJson(Simulation.run(faulty(43).build()));

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void without_faults_no_slot_is_missed_and_nothing_is_down() {
    SimulationResult r = Simulation.run(SimulationConfig.builder().seed(5).days(30).nodes(2).schedules(15).build());

    assertThat(r.passed()).as("%s", r.failures()).isTrue();
    assertThat(r.downtime()).isEmpty();
    assertThat(r.runs()).extracting(SimulationResult.RunEntry::errorCode)
        .doesNotContain("MISSED_SLOT", "RUN_ABANDONED", "GRAPH_THROTTLED");
    assertThat(r.runs()).filteredOn(e -> e.trigger().equals("SCHEDULED")).isNotEmpty();
  }

  @Test
  void a_store_that_loses_runs_is_caught_with_seed_and_step() {
    SimulationResult r = Simulation.run(faulty(3).days(10)
        .stores(clock -> BrokenStores.dropEveryThirdDispatchedRun(SimulationStores.inMemory(clock))).build());

    assertThat(r.invariants()).containsEntry(InvariantChecker.EVERY_SLOT_HAS_A_RUN, false);
    assertThat(r.passed()).isFalse();
    assertThat(r.failures()).anySatisfy(f -> assertThat(f).startsWith("every_slot_has_a_run violated (seed 3, step slot "));
  }

  @Test
  void the_soak_runs_as_many_seeds_as_the_system_property_asks() {
    // mvn verify -Dsimulation.soak.seeds=500 for a long soak; two seeds by default
    int seeds = Integer.getInteger("simulation.soak.seeds", 2);
    long first = Long.getLong("simulation.soak.first-seed", 1000L);
    long started = System.nanoTime();

    List<SimulationResult> results = runAll(first, seeds);

    assertThat(results).hasSize(seeds)
        .allSatisfy(r -> assertThat(r.passed()).as("seed %d: %s", r.seed(), r.failures()).isTrue());
    System.out.printf("soak: %d seeds x 30 days x 3 nodes x 10 schedules in %d ms%n", seeds,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
