package com.tenantpilot.scheduling.port;

import java.util.List;

/**
 * Syncs a tenant's policies of some types from Graph into the inventory and reports per type.
 * The library's default reads through {@link GraphClient} into {@link PolicyStore}; a host with
 * its own sync service implements this port instead. One failing type does not stop the others.
 */
public interface PolicySync {

  /** Syncs {@code policyTypes} (all known to the catalog) for {@code tenantId}. */
  SyncReport sync(String tenantId, List<String> policyTypes);
}
