package com.tenantpilot.scheduling.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tenantpilot.scheduling.engine.SchedulingEngine;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.execution.RunResult;
import com.tenantpilot.scheduling.graph.AzureIdentityTenantCredentials;
import com.tenantpilot.scheduling.graph.PolicyTypeRegistry;
import com.tenantpilot.scheduling.graph.SdkGraphClient;
import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.TypeSummary;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import java.io.PrintWriter;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code backup}: one real backup of one tenant through the whole engine. Creates (or reuses) a
 * schedule for the tenant and types, clicks "Run now", and processes the run to a terminal state
 * with the real clock, honouring retries and Retry-After, against any Graph-compatible server.
 *
 * <p>A loopback {@code --graph-base-url} is called without credentials (the fake server); any
 * other URL reads the tenant's app credentials from {@code TENANTPILOT_GRAPH_CLIENT_ID} and
 * {@code TENANTPILOT_GRAPH_CLIENT_SECRET} (or {@code TENANTPILOT_GRAPH_CERTIFICATE_PATH}).
 * The schedule it creates is disabled, so a service dispatching from the same database never
 * runs it on its own.
 *
 * <p>Exit code 0 for SUCCESS or PARTIAL, 1 for FAILED, SKIPPED or CANCELED, 2 for bad flags.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Back up one tenant's policies now, through the real engine, and print the outcome.")
public final class BackupCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--graph-base-url", required = true,
      description = "Graph service root, e.g. https://graph.microsoft.com or the fake server's http://127.0.0.1:PORT.")
  String graphBaseUrl;

  @Option(names = "--tenant", required = true, description = "Tenant id.")
  String tenant;

  @Option(names = "--types", required = true, split = ",", description = "Policy type keys, comma-separated.")
  List<String> types;

  @Option(names = "--jdbc-url", defaultValue = HarnessStores.DEFAULT_JDBC_URL,
      description = "Store (default: in-memory H2). PostgreSQL: jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
  String jdbcUrl;

  @Option(names = "--max-attempts", defaultValue = "4", description = "Attempts for throttled/transient failures (default: ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(names = "--backoff-base", defaultValue = "PT30S", description = "First retry delay, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration backoffBase;

  @Option(names = "--timeout", defaultValue = "PT30M", description = "Give up waiting after this long, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--json", description = "Print one JSON document.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    validate();
    Clock clock = Clock.systemUTC();
    PolicyTypeRegistry registry = PolicyTypeRegistry.defaults();
    PolicyTypeCatalog catalog = PolicyTypeCatalog.of(registry.keys());
    JdbcScheduling jdbc = HarnessStores.open(jdbcUrl, null);
    SdkGraphClient.Builder graphBuilder = SdkGraphClient.builder()
        .options(SdkGraphClient.Options.builder().serviceRoot(graphBaseUrl).build())
        .registry(registry).catalog(catalog).clock(clock);
    if (!SdkGraphClient.isAnonymous(graphBaseUrl)) {
      graphBuilder.credentials(AzureIdentityTenantCredentials.fromEnvironment(System.getenv()));
    }
    try (SdkGraphClient graph = graphBuilder.build()) {
      SchedulingEngine engine = SchedulingEngine.builder()
          .scheduleStore(jdbc.schedules()).runStore(jdbc.runs()).backupSetStore(jdbc.backupSets())
          .policyStore(jdbc.policies()).scheduleLock(jdbc.lock()).auditLog(jdbc.auditLog()).notifier(jdbc.notifier())
          .graphClient(graph).catalog(catalog).clock(clock)
          .options(SchedulingOptions.builder().nodeId("harness-backup").maxAttempts(maxAttempts)
              .backoffBase(backoffBase).backoffMax(backoffBase.multipliedBy(32)).workerConcurrency(1)
              .maxRunningPerTenant(1).build())
          .random(new SecureRandom()::nextDouble)
          .build();
      Schedule schedule = scheduleFor(engine);
      Run run = engine.schedules().runNow(tenant, schedule.id(), "harness");
      Run done = processToEnd(engine, jdbc.runs(), run, clock);
      print(done);
      return done.status() == RunStatus.SUCCESS || done.status() == RunStatus.PARTIAL ? 0 : 1;
    }
  }

  private void validate() {
    if (maxAttempts < 1) {
      throw new ParameterException(spec.commandLine(), "--max-attempts must be at least 1, was '" + maxAttempts + "'");
    }
    if (backoffBase.isNegative() || backoffBase.isZero()) {
      throw new ParameterException(spec.commandLine(), "--backoff-base must be positive, was '" + backoffBase + "'");
    }
    if (tenant.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--tenant must not be blank, was '" + tenant + "'");
    }
    Set<String> known = PolicyTypeRegistry.defaults().keys();
    List<String> unknown = types.stream().filter(t -> !known.contains(t)).toList();
    if (!unknown.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--types: unknown policy types " + unknown + "; supported: " + known);
    }
    try {
      URI uri = URI.create(graphBaseUrl);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--graph-base-url must be an http(s) URL, was '" + graphBaseUrl + "'");
    }
  }

  private Schedule scheduleFor(SchedulingEngine engine) {
    String name = "harness backup " + String.join(",", types);
    Optional<StoredSchedule> existing = engine.schedules().list(tenant).stream()
        .filter(s -> s.name().equals(name) && new HashSet<>(s.policyTypes()).equals(new HashSet<>(types)))
        .findFirst();
    if (existing.isPresent()) {
      return engine.schedules().get(tenant, existing.get().id());
    }
    return engine.schedules().create(new ScheduleInput(tenant, name, false, "WEEKLY", "03:00", List.of("SUN"), "UTC",
        types, 10), "harness");
  }

  /** Works the run until it is terminal, waiting (real time) for retry backoffs and Retry-After. */
  private Run processToEnd(SchedulingEngine engine, RunStore runs, Run run, Clock clock) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Run current = runs.find(tenant, run.id()).orElseThrow();
      if (current.status().isTerminal()) {
        return current;
      }
      if (clock.instant().isAfter(deadline)) {
        throw new IllegalStateException("run " + run.id() + " still " + current.status() + " after " + timeout);
      }
      List<RunResult> results = engine.worker().runOnce();
      if (results.isEmpty()) {
        Run waiting = runs.find(tenant, run.id()).orElseThrow();
        long waitMs = waiting.notBefore() == null ? 200
            : Math.max(50, Duration.between(clock.instant(), waiting.notBefore()).toMillis());
        // A CLI waiting for the run's notBefore in real time; the library itself never sleeps.
        TimeUnit.MILLISECONDS.sleep(Math.min(waitMs, 5_000));
      }
    }
  }

  private void print(Run run) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int items = run.summary().types().values().stream().mapToInt(TypeSummary::backedUp).sum();
    if (json) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode doc = mapper.createObjectNode();
      doc.put("tenant", tenant);
      doc.put("runId", run.id());
      doc.put("scheduleId", run.scheduleId());
      doc.put("status", run.status().name());
      if (run.errorCode() == null) {
        doc.putNull("errorCode");
      } else {
        doc.put("errorCode", run.errorCode().name());
      }
      doc.put("attempts", run.attempts());
      if (run.backupSetId() == null) {
        doc.putNull("backupSetId");
      } else {
        doc.put("backupSetId", run.backupSetId());
      }
      doc.put("items", items);
      ObjectNode summary = doc.putObject("summary");
      for (Map.Entry<String, TypeSummary> e : run.summary().types().entrySet()) {
        ObjectNode t = summary.putObject(e.getKey());
        t.put("found", e.getValue().found());
        t.put("backedUp", e.getValue().backedUp());
        t.put("failed", e.getValue().failed());
        t.put("status", e.getValue().outcome().name());
        if (e.getValue().errorCode() != null) {
          t.put("errorCode", e.getValue().errorCode().name());
        }
      }
      if (run.errorMessage() != null) {
        doc.put("errorMessage", run.errorMessage());
      }
      out.println(mapper.writeValueAsString(doc));
    } else {
      out.printf("run %d of tenant %s: %s%s after %d attempt(s)%n", run.id(), tenant, run.status(),
          run.errorCode() == null ? "" : " (" + run.errorCode() + ")", run.attempts());
      out.printf("backup set %s with %d policies%n", run.backupSetId() == null ? "none" : run.backupSetId(), items);
      for (Map.Entry<String, TypeSummary> e : run.summary().types().entrySet()) {
        TypeSummary t = e.getValue();
        out.printf("  %-32s %-12s found %4d  backed up %4d  incomplete %3d%s%n", e.getKey(), t.outcome(), t.found(),
            t.backedUp(), t.failed(), t.errorCode() == null ? "" : "  " + t.errorCode());
      }
      if (run.errorMessage() != null) {
        out.println("message: " + run.errorMessage());
      }
    }
    out.flush();
  }
}
