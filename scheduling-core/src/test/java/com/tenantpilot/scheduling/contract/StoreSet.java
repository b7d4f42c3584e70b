package com.tenantpilot.scheduling.contract;

import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;

/**
 * The adapters under test, built by a contract test's factory over one clock.
 *
 * @param schedules the schedule store
 * @param runs the run store
 * @param backupSets the backup set store
 * @param policies the policy inventory
 * @param lock the schedule lock
 */
public record StoreSet(ScheduleStore schedules, RunStore runs, BackupSetStore backupSets, PolicyStore policies, ScheduleLock lock) {}
