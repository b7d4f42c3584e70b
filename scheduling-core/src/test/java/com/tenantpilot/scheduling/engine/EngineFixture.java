package com.tenantpilot.scheduling.engine;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.execution.ScriptedGraphClient;
import com.tenantpilot.scheduling.lock.CaffeineScheduleLock;
import com.tenantpilot.scheduling.memory.InMemoryStores;
import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A whole engine on the real in-memory ports, a Caffeine lock, a {@link ManualClock} (time moves
 * only when a test says so) and a {@link ScriptedGraphClient}. Jitter is fixed at 0, so a backoff
 * is exactly half its cap: 15 s, 30 s, 60 s... with the default 30 s base.
 *
 * <p>{@link #node} builds a second engine ("another node") on the same stores, lock and Graph.
 */
public final class EngineFixture {

  /** A Monday, 08:00 UTC. */
  public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  /** Tenants. */
  public static final String TENANT_A = "tenant-a";
  public static final String TENANT_B = "tenant-b";
  /** Policy types. */
  public static final String DEVICE_CONFIG = "deviceConfiguration";
  public static final String COMPLIANCE = "deviceCompliancePolicy";
  public static final String SETTINGS = "settingsCatalogPolicy";
  /** The host's catalog. */
  public static final PolicyTypeCatalog CATALOG = PolicyTypeCatalog.of(DEVICE_CONFIG, COMPLIANCE, SETTINGS);
  /** The admin acting in tests. */
  public static final String ADMIN = "admin@a";

  public final ManualClock clock;
  public final InMemoryStores stores;
  public final CaffeineScheduleLock lock;
  public final ScriptedGraphClient graph;
  public final SchedulingOptions options;
  public final SchedulingEngine engine;
  private final Ports ports;

  /** Which ports a test replaces with wrappers around the in-memory ones. */
  public static final class Ports {
    public UnaryOperator<ScheduleStore> scheduleStore = UnaryOperator.identity();
    public UnaryOperator<BackupSetStore> backupSetStore = UnaryOperator.identity();
    public UnaryOperator<AuditLog> auditLog = UnaryOperator.identity();
  }

  private EngineFixture(Instant start, UnaryOperator<SchedulingOptions.Builder> tune, Ports ports) {
    this.clock = new ManualClock(start);
    this.stores = new InMemoryStores(clock);
    this.lock = new CaffeineScheduleLock(clock);
    this.graph = new ScriptedGraphClient(clock);
    this.options = tune.apply(SchedulingOptions.builder().nodeId("node-1")).build();
    this.ports = ports;
    this.engine = build(options);
  }

  /** Defaults, at {@link #T0}. */
  public static EngineFixture create() {
    return new EngineFixture(T0, UnaryOperator.identity(), new Ports());
  }

  /** Tuned options, at {@link #T0}. */
  public static EngineFixture create(UnaryOperator<SchedulingOptions.Builder> tune) {
    return new EngineFixture(T0, tune, new Ports());
  }

  /** Tuned options and wrapped ports, starting at {@code start}. */
  public static EngineFixture create(Instant start, UnaryOperator<SchedulingOptions.Builder> tune, Ports ports) {
    return new EngineFixture(start, tune, ports);
  }

  private SchedulingEngine build(SchedulingOptions opts) {
    return SchedulingEngine.builder()
        .scheduleStore(ports.scheduleStore.apply(stores.schedules()))
        .runStore(stores.runs())
        .backupSetStore(ports.backupSetStore.apply(stores.backupSets()))
        .policyStore(stores.policies())
        .scheduleLock(lock)
        .graphClient(graph)
        .auditLog(ports.auditLog.apply(stores.auditLog()))
        .notifier(stores.notifier())
        .catalog(CATALOG)
        .clock(clock)
        .options(opts)
        .random(() -> 0.0)
        .build();
  }

  /** Another node on the same stores, lock, Graph and clock. */
  public SchedulingEngine node(String nodeId) {
    return build(options.toBuilder().nodeId(nodeId).build());
  }

  /** A valid daily schedule input. */
  public static ScheduleInput daily(String tenant, String time, String zone, String... types) {
    return new ScheduleInput(tenant, "Nightly " + time, true, "DAILY", time, List.of(), zone,
        List.of(types.length == 0 ? new String[] {DEVICE_CONFIG} : types), 7);
  }

  /** Creates a daily UTC schedule for {@code tenant} at {@code time}. */
  public Schedule dailyUtc(String tenant, String time, String... types) {
    return engine.schedules().create(daily(tenant, time, "UTC", types), ADMIN);
  }

  /** Creates a daily schedule with the given retention. */
  public Schedule dailyUtcKeeping(String tenant, String time, int keep, String... types) {
    ScheduleInput in = daily(tenant, time, "UTC", types);
    return engine.schedules().create(new ScheduleInput(in.tenantId(), in.name(), true, "DAILY", time, List.of(), "UTC",
        in.policyTypes(), keep), ADMIN);
  }

  /** Sets the clock. */
  public Instant at(String instant) {
    Instant t = Instant.parse(instant);
    clock.set(t);
    return t;
  }

  /** Moves the clock. */
  public Instant advance(Duration d) {
    return clock.advance(d);
  }

  /** The run as stored now. */
  public Run run(Run r) {
    return stores.runs().find(r.tenantId(), r.id()).orElseThrow();
  }

  /** A run by id. */
  public Run run(String tenant, long id) {
    return stores.runs().find(tenant, id).orElseThrow();
  }

  /** The schedule's runs, newest first. */
  public List<Run> runs(Schedule s) {
    return stores.runs().history(s.tenantId(), s.id(), 1000);
  }

  /** The schedule's only run. */
  public Run onlyRun(Schedule s) {
    List<Run> runs = runs(s);
    if (runs.size() != 1) {
      throw new AssertionError("expected exactly one run of schedule " + s.id() + ", found " + runs);
    }
    return runs.get(0);
  }

  /** The schedule as stored now. */
  public Schedule schedule(Schedule s) {
    return engine.schedules().get(s.tenantId(), s.id());
  }

  /** Audit entries of one action. */
  public List<AuditEvent> audits(AuditAction action) {
    return stores.auditEvents().stream().filter(e -> e.action().equals(action.key())).toList();
  }

  /** Dispatches at the schedule's next slot and runs the worker once. */
  public Run fireNextSlot(Schedule s) {
    Instant slot = schedule(s).nextRunAt();
    clock.set(slot);
    engine.dispatcher().dispatch();
    engine.worker().runOnce();
    return stores.runs().findBySlot(s.tenantId(), s.id(), slot).orElseThrow();
  }
}
