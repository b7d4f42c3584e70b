package com.tenantpilot.scheduling.harness.simulation;

import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.lock.CaffeineScheduleLock;
import com.tenantpilot.scheduling.memory.InMemoryStores;
import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.run.Run;
import java.util.List;

/**
 * The shared state of a simulated cluster: the four stores, the cluster-wide schedule lock, the
 * audit log and the notifier, plus full listings for the invariant checks. Every node of a
 * {@link Simulation} uses the same instance. Implementations must judge time (lease and lock
 * expiry) by the clock they were built with.
 */
public interface SimulationStores {

  /** The schedule store. */
  ScheduleStore schedules();

  /** The run store. */
  RunStore runs();

  /** The backup set store. */
  BackupSetStore backupSets();

  /** The policy inventory. */
  PolicyStore policies();

  /** The lock every node shares (it stands in for the cluster lock). */
  ScheduleLock lock();

  /** The audit log. */
  AuditLog auditLog();

  /** Where notifications go (the simulation also records them itself). */
  Notifier notifier();

  /** Every run of every tenant, ordered by id. */
  List<Run> allRuns();

  /** Every backup set of every tenant, soft-deleted ones included, ordered by id. */
  List<BackupSet> allBackupSets();

  /** Builds the shared state over the simulation's clock; the hook a JDBC simulation plugs into. */
  @FunctionalInterface
  interface Factory {

    /** Creates fresh, empty stores reading time from {@code clock}. */
    SimulationStores create(ManualClock clock);
  }

  /** The default: {@link InMemoryStores} and one {@link CaffeineScheduleLock} shared by all nodes. */
  static SimulationStores inMemory(ManualClock clock) {
    InMemoryStores stores = new InMemoryStores(clock);
    ScheduleLock lock = new CaffeineScheduleLock(clock);
    return new SimulationStores() {
      @Override public ScheduleStore schedules() { return stores.schedules(); }
      @Override public RunStore runs() { return stores.runs(); }
      @Override public BackupSetStore backupSets() { return stores.backupSets(); }
      @Override public PolicyStore policies() { return stores.policies(); }
      @Override public ScheduleLock lock() { return lock; }
      @Override public AuditLog auditLog() { return stores.auditLog(); }
      @Override public Notifier notifier() { return stores.notifier(); }
      @Override public List<Run> allRuns() { return stores.allRuns(); }
      @Override public List<BackupSet> allBackupSets() { return stores.allBackupSets(); }
    };
  }
}
