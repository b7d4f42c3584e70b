package com.tenantpilot.scheduling.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code simulate --jdbc-url}: the seeded multi-node simulation on H2 and on a real PostgreSQL
 * (started here, reached by URL like any external server) passes every invariant and produces the
 * very same runs as on the in-memory stores: the adapters behave alike under crashes, stalls,
 * retries and recovery.
 */
class SimulateOnJdbcTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SIMULATION = {"simulate", "--seed", "11", "--days", "5", "--nodes", "3",
      "--schedules", "8", "--faults", "--json"};

  private static EmbeddedPostgres postgres;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off").start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  private static JsonNode simulate(String... jdbc) throws Exception {
    String[] args = new String[SIMULATION.length + jdbc.length];
    System.arraycopy(SIMULATION, 0, args, 0, SIMULATION.length);
    System.arraycopy(jdbc, 0, args, SIMULATION.length, jdbc.length);
    HarnessRun run = HarnessRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  @Test
  void the_simulation_passes_on_h2_and_postgresql_with_the_same_runs_as_in_memory() throws Exception {
    JsonNode memory = simulate("--in-memory");
    JsonNode h2 = simulate("--jdbc-url", "jdbc:h2:mem:sim-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    JsonNode pg = simulate("--jdbc-url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?user=postgres");

    for (JsonNode result : new JsonNode[] {memory, h2, pg}) {
      result.get("invariants").fields().forEachRemaining(e -> assertThat(e.getValue().asBoolean()).as(e.getKey()).isTrue());
    }
    assertThat(memory.get("runs").size()).isGreaterThan(15);
    assertThat(h2.get("runs")).isEqualTo(memory.get("runs"));
    assertThat(pg.get("runs")).isEqualTo(memory.get("runs"));
  }

  @Test
  void the_default_store_is_h2() throws Exception {
    HarnessRun run = HarnessRun.of("simulate", "--seed", "3", "--days", "1", "--schedules", "3");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("store      jdbc:h2:mem:");
  }

  @Test
  void two_simulations_on_one_database_use_separate_schemas() throws Exception {
    String url = "jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    JsonNode first = simulate("--jdbc-url", url);
    JsonNode second = simulate("--jdbc-url", url);

    assertThat(second.get("runs")).isEqualTo(first.get("runs"));
  }
}
