package com.tenantpilot.scheduling.harness;

import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.engine.SchedulingEngine;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.graph.PolicyTypeRegistry;
import com.tenantpilot.scheduling.graph.SdkGraphClient;
import com.tenantpilot.scheduling.graph.fake.Fault;
import com.tenantpilot.scheduling.graph.fake.FakeGraphServer;
import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import com.tenantpilot.scheduling.schedule.SlotPreview;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the library on its embedded defaults, end to end, in a few seconds. Two nodes
 * share one H2 database (JDBC stores, DB lease lock); a fake Microsoft Graph serves two tenants on
 * 127.0.0.1 through the real SDK client; a virtual clock runs a week across the European DST
 * change, minute by minute, with a throttled request, a permission error, a "Run now" and a
 * "Retry". It prints the DST preview, every run, retention, the audit trail and notifications.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run a week of scheduled backups for two tenants on H2 and a local fake Graph, in virtual time.")
public final class DemoCommand implements Callable<Integer> {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm xxx");

  @Spec
  CommandSpec spec;

  @Option(names = "--days", defaultValue = "7", description = "Virtual days to run (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--jdbc-url", defaultValue = HarnessStores.DEFAULT_JDBC_URL, description = "Store (default: in-memory H2).")
  String jdbcUrl;

  @Override
  public Integer call() {
    if (days < 1 || days > 60) {
      throw new ParameterException(spec.commandLine(), "--days must be in 1..60, was '" + days + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    ManualClock clock = new ManualClock(Instant.parse("2026-03-26T12:00:00Z"));
    PolicyTypeRegistry registry = PolicyTypeRegistry.defaults();
    PolicyTypeCatalog catalog = PolicyTypeCatalog.of(registry.keys());
    try (FakeGraphServer graphServer = FakeGraphServer.builder().policiesPerType(3).pageSize(2).clock(clock).start();
         SdkGraphClient graph = SdkGraphClient.builder()
             .options(SdkGraphClient.Options.builder().serviceRoot(graphServer.serviceRootPerTenant())
                 .rateLimit(1_000_000, Duration.ofSeconds(20)).build())
             .registry(registry).catalog(catalog).clock(clock).build()) {
      JdbcScheduling db = HarnessStores.open(jdbcUrl, clock);
      out.println("TenantPilot backup scheduling demo");
      out.println("  store: " + jdbcUrl + " (" + db.database() + "), Graph: fake server at " + graphServer.baseUrl());

      SchedulingEngine nodeA = engine(db, graph, catalog, clock, "node-a", 1);
      SchedulingEngine nodeB = engine(db, graph, catalog, clock, "node-b", 2);
      Schedule berlin = nodeA.schedules().create(new ScheduleInput("contoso", "Nightly Intune backup", true, "DAILY",
          "02:30", List.of(), "Europe/Berlin", List.of("deviceConfiguration", "settingsCatalogPolicy", "deviceCompliancePolicy"), 3),
          "admin@contoso.com");
      Schedule newYork = nodeA.schedules().create(new ScheduleInput("fabrikam", "Twice a week", true, "WEEKLY",
          "23:00", List.of("MON", "THU"), "America/New_York", List.of("settingsCatalogPolicy", "powerShellScript"), 2),
          "it@fabrikam.com");

      out.println();
      out.println("Next slots of '" + berlin.spec().name() + "' (contoso, daily 02:30 Europe/Berlin):");
      for (SlotPreview p : nodeA.schedules().preview("contoso", berlin.id(), 5)) {
        out.println("  " + p.describe());
      }

      // Faults the engine must handle: throttling (retried after Retry-After) and a missing permission.
      graphServer.faults().enqueue("/fabrikam/beta/deviceManagement/configurationPolicies.*", Fault.throttled("2.128"), 1);
      graphServer.faults().enqueue("/contoso/beta/deviceManagement/deviceCompliancePolicies.*", Fault.forbidden(), 2);

      Instant end = clock.instant().plus(Duration.ofDays(days));
      Run manual = null;
      Run retry = null;
      while (clock.instant().isBefore(end)) {
        Instant now = clock.instant();
        for (SchedulingEngine node : List.of(nodeA, nodeB)) {
          node.dispatcher().dispatch(now);
          node.worker().runOnce();
        }
        if (manual == null && now.isAfter(Instant.parse("2026-03-27T09:00:00Z"))) {
          manual = nodeA.schedules().runNow("fabrikam", newYork.id(), "it@fabrikam.com");
        }
        if (retry == null && manual != null) {
          Run failed = nodeA.schedules().history("contoso", berlin.id(), 50).stream()
              .filter(r -> r.status() == RunStatus.PARTIAL || r.status() == RunStatus.FAILED).findFirst().orElse(null);
          if (failed != null) {
            retry = nodeA.schedules().retry("contoso", failed.id(), "admin@contoso.com");
          }
        }
        clock.advance(Duration.ofMinutes(1));
      }

      printRuns(out, nodeA, "contoso", berlin);
      printRuns(out, nodeA, "fabrikam", newYork);
      printSets(out, db, "contoso", berlin, nodeA);
      printSets(out, db, "fabrikam", newYork, nodeA);

      out.println();
      out.println("Audit trail (by action):");
      Map<String, Integer> actions = new TreeMap<>();
      for (String tenant : List.of("contoso", "fabrikam")) {
        for (AuditEvent e : db.jdbiAuditLog().recent(tenant, 10_000)) {
          actions.merge(e.action(), 1, Integer::sum);
        }
      }
      actions.forEach((action, count) -> out.printf("  %-38s %5d%n", action, count));
      out.println();
      out.println("Notifications (only for Run now and Retry):");
      for (String user : List.of("it@fabrikam.com", "admin@contoso.com")) {
        String tenant = user.endsWith("contoso.com") ? "contoso" : "fabrikam";
        db.jdbiNotifier().unread(tenant, user, 10).forEach(n -> out.println("  " + user + ": " + n.type() + " " + n.data()));
      }
      out.println();
      out.printf("Graph requests served by the fake server: %d (each HTTP try counted once)%n", graphServer.totalRequests());
      out.flush();
      return 0;
    }
  }

  private static SchedulingEngine engine(JdbcScheduling db, SdkGraphClient graph, PolicyTypeCatalog catalog,
      ManualClock clock, String node, long seed) {
    return SchedulingEngine.builder()
        .scheduleStore(db.schedules()).runStore(db.runs()).backupSetStore(db.backupSets()).policyStore(db.policies())
        .scheduleLock(db.lock()).auditLog(db.auditLog()).notifier(db.notifier())
        .graphClient(graph).catalog(catalog).clock(clock)
        .options(SchedulingOptions.defaults(node))
        .random(new Random(seed)::nextDouble)
        .build();
  }

  private static void printRuns(PrintWriter out, SchedulingEngine engine, String tenant, Schedule schedule) {
    out.println();
    out.printf("Runs of '%s' (%s, %s %s %s %s):%n", schedule.spec().name(), tenant, schedule.recurrence().frequency(),
        schedule.recurrence().daysOfWeek().isEmpty() ? "" : schedule.recurrence().daysOfWeek(),
        schedule.recurrence().timeOfDay(), schedule.recurrence().zone());
    List<Run> runs = engine.schedules().history(tenant, schedule.id(), 100);
    for (int i = runs.size() - 1; i >= 0; i--) {
      Run r = runs.get(i);
      ZonedDateTime local = r.scheduledFor().atZone(schedule.recurrence().zone());
      out.printf("  %-27s %-20s %-9s %-8s %-20s attempts %d%n", local.format(LOCAL), r.scheduledFor(), r.trigger(),
          r.status(), r.errorCode() == null ? "" : r.errorCode(), r.attempts());
    }
  }

  private static void printSets(PrintWriter out, JdbcScheduling db, String tenant, Schedule schedule, SchedulingEngine engine) {
    List<BackupSet> live = db.backupSets().listLive(tenant, schedule.id());
    out.printf("%nBackup sets of '%s' kept by retention (keep last %d): %s%n", schedule.spec().name(),
        schedule.spec().retentionKeepLast(), live.stream().map(s -> s.id() + " (" + s.itemCount() + " policies)").toList());
  }
}
