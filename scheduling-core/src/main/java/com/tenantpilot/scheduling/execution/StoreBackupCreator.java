package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupCreator;
import com.tenantpilot.scheduling.port.BackupSetStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The library's default {@link BackupCreator}: writes the set and its items through the
 * {@link BackupSetStore} in one transaction and audits {@code backup.created} with counts only.
 *
 * <p>Thread-safe if the ports are.
 */
public final class StoreBackupCreator implements BackupCreator {

  private final BackupSetStore store;
  private final AuditLog audit;

  /** A creator over the given store and audit log. */
  public StoreBackupCreator(BackupSetStore store, AuditLog audit) {
    this.store = Objects.requireNonNull(store, "store");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public BackupSet createBackupSet(Request request) {
    List<BackupItem> items = new ArrayList<>(request.policies().size());
    for (PolicySnapshot p : request.policies()) {
      items.add(new BackupItem(p.policyType(), p.policyId(), p.displayName(), p.payloadJson(), p.complete()));
    }
    BackupSet set = store.create(new NewBackupSet(request.tenantId(), request.scheduleId(), request.runId(),
        request.name(), items, request.at()));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("items", set.itemCount());
    meta.put("countsByType", new LinkedHashMap<>(set.countsByType()));
    if (request.scheduleId() != null) {
      meta.put("scheduleId", request.scheduleId());
    }
    if (request.runId() != null) {
      meta.put("runId", request.runId());
    }
    audit.record(new AuditEvent(request.tenantId(), AuditAction.BACKUP_CREATED.key(), request.actor(), "backup_set",
        String.valueOf(set.id()), request.at(), meta));
    return set;
  }
}
