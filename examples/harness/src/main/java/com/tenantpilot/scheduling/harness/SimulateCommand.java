package com.tenantpilot.scheduling.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tenantpilot.scheduling.harness.simulation.Simulation;
import com.tenantpilot.scheduling.harness.simulation.SimulationConfig;
import com.tenantpilot.scheduling.harness.simulation.SimulationResult;
import com.tenantpilot.scheduling.harness.simulation.JdbcSimulationStores;
import com.tenantpilot.scheduling.harness.simulation.SimulationStores;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: runs a seeded multi-node {@link Simulation} and prints a readable summary, or
 * with {@code --json} one JSON document with the keys {@code schedules}, {@code window},
 * {@code downtime}, {@code runs} and {@code invariants}. Exits 0 when every invariant held, 1 when
 * one failed, 2 on bad flags.
 *
 * <p>The stores come from {@link #storesFactory()}: in memory by default; a subclass or the
 * constructor can supply others (the seam for a later {@code --jdbc-url}).
 *
 * <p>Not thread-safe: one instance per command line.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulates several scheduling nodes over simulated days and checks the invariants.")
public class SimulateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--days", defaultValue = "30", description = "Simulated days (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--nodes", defaultValue = "3", description = "Engine nodes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--schedules", defaultValue = "20", description = "Schedules (default: ${DEFAULT-VALUE}).")
  int schedules;

  @Option(names = "--faults", description = "Inject crashes, stalls, outages and Graph failures.")
  boolean faults;

  @Option(names = "--json", description = "Print one JSON document instead of the summary.")
  boolean json;

  @Option(names = "--jdbc-url", description = "Run on the JDBC stores at this URL, in a fresh schema of its own "
      + "(default: in-memory H2; e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres).")
  String jdbcUrl;

  @Option(names = "--in-memory", description = "Run on the in-memory stores instead of a database (fastest).")
  boolean inMemory;

  private final SimulationStores.Factory stores;

  /** A command on the harness's default store, an in-memory H2 database (or as the flags say). */
  public SimulateCommand() {
    this.stores = null;
  }

  /** A command on the stores {@code stores} builds, unless {@code --jdbc-url} or {@code --in-memory} says otherwise. */
  public SimulateCommand(SimulationStores.Factory stores) {
    this.stores = Objects.requireNonNull(stores, "stores");
  }

  /**
   * The stores the simulation runs on: {@code --jdbc-url}, else {@code --in-memory}, else the
   * constructor's, else in-memory H2. Override to plug in others.
   */
  protected SimulationStores.Factory storesFactory() {
    if (jdbcUrl != null) {
      return JdbcSimulationStores.on(jdbcUrl, seed);
    }
    if (inMemory) {
      return SimulationStores::inMemory;
    }
    return stores != null ? stores : JdbcSimulationStores.on(HarnessStores.DEFAULT_JDBC_URL, seed);
  }

  @Override
  public Integer call() throws Exception {
    SimulationConfig config;
    try {
      config = SimulationConfig.builder().seed(seed).days(days).nodes(nodes).schedules(schedules).faults(faults)
          .stores(storesFactory()).build();
    } catch (IllegalArgumentException e) {
      // the config names the field; the user typed the flag
      throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    SimulationResult result = Simulation.run(config);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(toJson(result));
    } else {
      printSummary(out, config, result, storeDescription());
    }
    out.flush();
    return result.passed() ? 0 : 1;
  }

  /** The JSON document of a result. */
  public static String toJson(SimulationResult result) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ArrayNode schedules = root.putArray("schedules");
    for (SimulationResult.ScheduleEntry s : result.schedules()) {
      ObjectNode n = schedules.addObject();
      n.put("id", s.id());
      n.put("timezone", s.timezone());
      n.put("frequency", s.frequency());
      n.put("time", s.time());
      s.days().forEach(n.putArray("days")::add);
      s.policyTypes().forEach(n.putArray("policyTypes")::add);
      n.put("enabledFrom", s.enabledFrom().toString());
      if (s.enabledTo() != null) {
        n.put("enabledTo", s.enabledTo().toString());
      }
    }
    ObjectNode window = root.putObject("window");
    window.put("from", result.window().from().toString());
    window.put("to", result.window().to().toString());
    ArrayNode downtime = root.putArray("downtime");
    for (SimulationResult.Interval d : result.downtime()) {
      downtime.addObject().put("from", d.from().toString()).put("to", d.to().toString());
    }
    ArrayNode runs = root.putArray("runs");
    for (SimulationResult.RunEntry r : result.runs()) {
      ObjectNode n = runs.addObject();
      n.put("scheduleId", r.scheduleId());
      n.put("scheduledFor", r.scheduledFor().toString());
      n.put("trigger", r.trigger());
      n.put("status", r.status());
      n.put("errorCode", r.errorCode());
      n.put("attempts", r.attempts());
    }
    ObjectNode invariants = root.putObject("invariants");
    result.invariants().forEach(invariants::put);
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result as JSON", e);
    }
  }

  private String storeDescription() {
    if (jdbcUrl != null) {
      return jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=***") + " (a fresh tenantpilot_sim_* schema)";
    }
    if (inMemory) {
      return "in-memory";
    }
    return stores != null ? "given by the host" : HarnessStores.DEFAULT_JDBC_URL + " (the default)";
  }

  private static void printSummary(PrintWriter out, SimulationConfig config, SimulationResult result, String store) {
    out.printf("simulate: seed %d, %d days, %d nodes, %d schedules, faults %s%n", config.seed(), config.days(),
        config.nodes(), config.schedules(), config.faults() ? "on" : "off");
    out.printf("store      %s%n", store);
    out.printf("window     %s .. %s%n", result.window().from(), result.window().to());
    long edited = result.schedules().stream().filter(s -> s.enabledTo() != null).count();
    out.printf("schedules  %d (%d timing intervals, %d ended mid-way by an edit or disable)%n", config.schedules(),
        result.schedules().size(), edited);
    out.printf("runs       %d%n", result.runs().size());
    out.printf("  status   %s%n", group(result.counts(), "runs_status_"));
    out.printf("  error    %s%n", group(result.counts(), "runs_error_"));
    out.printf("  trigger  %s%n", group(result.counts(), "runs_trigger_"));
    long minutes = result.downtime().stream().mapToLong(d -> Duration.between(d.from(), d.to()).toMinutes()).sum();
    out.printf("downtime   %d intervals, %d minutes without a live dispatcher%n", result.downtime().size(), minutes);
    for (SimulationResult.Interval d : result.downtime()) {
      out.printf("  %s .. %s%n", d.from(), d.to());
    }
    out.printf("graph      %s%n", group(result.counts(), "graph_"));
    Map<String, Integer> other = new TreeMap<>(result.counts());
    other.keySet().removeIf(k -> k.startsWith("runs") || k.startsWith("graph_"));
    out.printf("events     %s%n", other.isEmpty() ? "-" : other.toString().replaceAll("[{}]", ""));
    out.println("invariants");
    result.invariants().forEach((name, ok) -> out.printf("  %s %s%n", ok ? "✓" : "✗", name));
    for (String failure : result.failures()) {
      out.println("  " + failure);
    }
  }

  private static String group(Map<String, Integer> counts, String prefix) {
    StringBuilder s = new StringBuilder();
    counts.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        s.append(s.length() == 0 ? "" : ", ").append(k.substring(prefix.length())).append(' ').append(v);
      }
    });
    return s.length() == 0 ? "-" : s.toString();
  }
}
