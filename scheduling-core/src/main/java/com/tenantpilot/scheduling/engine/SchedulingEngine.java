package com.tenantpilot.scheduling.engine;

import com.tenantpilot.scheduling.dispatch.Dispatcher;
import com.tenantpilot.scheduling.execution.GraphPolicySync;
import com.tenantpilot.scheduling.execution.RetryPolicy;
import com.tenantpilot.scheduling.execution.RunExecutor;
import com.tenantpilot.scheduling.execution.RunWorker;
import com.tenantpilot.scheduling.execution.StoreBackupCreator;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupCreator;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.GraphClient;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.PolicySync;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.retention.RetentionService;
import com.tenantpilot.scheduling.schedule.ScheduleValidator;
import com.tenantpilot.scheduling.service.ScheduleService;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The assembled engine of one node: the {@link ScheduleService} for admin actions, the
 * {@link Dispatcher} to call every minute and the {@link RunWorker} that executes runs. Built from
 * the ports with {@link #builder()}; {@link BackgroundScheduler} drives it on threads, a
 * simulation drives it by hand.
 *
 * <p>Thread-safe.
 */
public final class SchedulingEngine {

  private final ScheduleService schedules;
  private final Dispatcher dispatcher;
  private final RunWorker worker;
  private final SchedulingOptions options;
  private final Clock clock;

  private SchedulingEngine(Builder b) {
    this.options = b.options;
    this.clock = b.clock;
    ScheduleValidator validator = new ScheduleValidator(b.catalog);
    PolicySync sync = b.policySync != null ? b.policySync
        : new GraphPolicySync(Objects.requireNonNull(b.graphClient, "graphClient (or policySync)"),
            Objects.requireNonNull(b.policyStore, "policyStore (or policySync)"), b.clock);
    BackupCreator creator = b.backupCreator != null ? b.backupCreator : new StoreBackupCreator(b.backupSetStore, b.auditLog);
    RetentionService retention = new RetentionService(b.backupSetStore, b.auditLog);
    RetryPolicy retry = new RetryPolicy(b.options, b.random);
    RunExecutor executor = new RunExecutor(b.scheduleStore, b.runStore, b.scheduleLock, sync, creator, retention,
        b.auditLog, b.notifier, b.catalog, retry, b.clock, b.options);
    this.schedules = new ScheduleService(b.scheduleStore, b.runStore, b.auditLog, validator, b.clock);
    this.dispatcher = new Dispatcher(b.scheduleStore, b.runStore, b.auditLog, b.clock, b.options);
    this.worker = new RunWorker(b.runStore, b.scheduleStore, executor, b.auditLog, b.notifier, b.clock, b.options);
  }

  /** Admin actions: create, edit, enable, delete, preview, Run now, Retry, Cancel. */
  public ScheduleService schedules() {
    return schedules;
  }

  /** The once-a-minute dispatcher. */
  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /** This node's worker. */
  public RunWorker worker() {
    return worker;
  }

  /** The options it was built with. */
  public SchedulingOptions options() {
    return options;
  }

  /** The clock it reads. */
  public Clock clock() {
    return clock;
  }

  /** A builder; every port is required except where a default is named. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SchedulingEngine}; not thread-safe. */
  public static final class Builder {
    private ScheduleStore scheduleStore;
    private RunStore runStore;
    private BackupSetStore backupSetStore;
    private PolicyStore policyStore;
    private ScheduleLock scheduleLock;
    private GraphClient graphClient;
    private PolicySync policySync;
    private BackupCreator backupCreator;
    private AuditLog auditLog;
    private Notifier notifier;
    private PolicyTypeCatalog catalog;
    private Clock clock;
    private SchedulingOptions options = SchedulingOptions.defaults("node-1");
    private DoubleSupplier random = new SecureRandom()::nextDouble;

    private Builder() {}

    /** The schedule store. */
    public Builder scheduleStore(ScheduleStore v) { scheduleStore = v; return this; }
    /** The run store. */
    public Builder runStore(RunStore v) { runStore = v; return this; }
    /** The backup set store. */
    public Builder backupSetStore(BackupSetStore v) { backupSetStore = v; return this; }
    /** The policy inventory (needed by the default sync). */
    public Builder policyStore(PolicyStore v) { policyStore = v; return this; }
    /** The schedule lock (Caffeine for one node, JDBC for a cluster). */
    public Builder scheduleLock(ScheduleLock v) { scheduleLock = v; return this; }
    /** The Graph client (needed by the default sync). */
    public Builder graphClient(GraphClient v) { graphClient = v; return this; }
    /** The host's own sync service instead of the default Graph sync. */
    public Builder policySync(PolicySync v) { policySync = v; return this; }
    /** The host's own backup service instead of the default store writer. */
    public Builder backupCreator(BackupCreator v) { backupCreator = v; return this; }
    /** The audit log. */
    public Builder auditLog(AuditLog v) { auditLog = v; return this; }
    /** The notifier for Run now and Retry outcomes. */
    public Builder notifier(Notifier v) { notifier = v; return this; }
    /** The supported policy types. */
    public Builder catalog(PolicyTypeCatalog v) { catalog = v; return this; }
    /** The clock. */
    public Builder clock(Clock v) { clock = v; return this; }
    /** The options (default: the spec's defaults, node "node-1"). */
    public Builder options(SchedulingOptions v) { options = v; return this; }
    /** The jitter source, uniform in [0, 1) (default: SecureRandom; seed it in simulations). */
    public Builder random(DoubleSupplier v) { random = v; return this; }

    /** Checks that every required port is set and builds. */
    public SchedulingEngine build() {
      Objects.requireNonNull(scheduleStore, "scheduleStore");
      Objects.requireNonNull(runStore, "runStore");
      Objects.requireNonNull(backupSetStore, "backupSetStore");
      Objects.requireNonNull(scheduleLock, "scheduleLock");
      Objects.requireNonNull(auditLog, "auditLog");
      Objects.requireNonNull(notifier, "notifier");
      Objects.requireNonNull(catalog, "catalog");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(options, "options");
      Objects.requireNonNull(random, "random");
      return new SchedulingEngine(this);
    }
  }
}
