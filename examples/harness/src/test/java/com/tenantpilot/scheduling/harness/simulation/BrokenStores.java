package com.tenantpilot.scheduling.harness.simulation;

import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/** Deliberately broken stores, to prove the invariant checks can fail. */
public final class BrokenStores {

  private BrokenStores() {}

  /** Stores whose run store silently drops every third run the dispatcher creates. */
  public static SimulationStores dropEveryThirdDispatchedRun(SimulationStores real) {
    RunStore runs = real.runs();
    int[] seen = {0};
    RunStore lossy = (RunStore) Proxy.newProxyInstance(RunStore.class.getClassLoader(), new Class<?>[] {RunStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("createAllIfAbsent")) {
            @SuppressWarnings("unchecked")
            List<NewRun> batch = (List<NewRun>) args[0];
            List<NewRun> kept = new ArrayList<>();
            for (NewRun n : batch) {
              if (++seen[0] % 3 != 0) {
                kept.add(n);
              }
            }
            return runs.createAllIfAbsent(kept);
          }
          try {
            return method.invoke(runs, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return new SimulationStores() {
      @Override public ScheduleStore schedules() { return real.schedules(); }
      @Override public RunStore runs() { return lossy; }
      @Override public BackupSetStore backupSets() { return real.backupSets(); }
      @Override public PolicyStore policies() { return real.policies(); }
      @Override public ScheduleLock lock() { return real.lock(); }
      @Override public AuditLog auditLog() { return real.auditLog(); }
      @Override public Notifier notifier() { return real.notifier(); }
      @Override public List<Run> allRuns() { return real.allRuns(); }
      @Override public List<BackupSet> allBackupSets() { return real.allBackupSets(); }
    };
  }

}
