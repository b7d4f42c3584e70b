package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.policy.PolicySnapshot;
import java.time.Instant;
import java.util.List;

/**
 * The policy inventory: the latest synced copy of a tenant's policies per type. Scoped by
 * tenant; thread-safe.
 */
public interface PolicyStore {

  /** Replaces the tenant's inventory of one type with {@code policies}, atomically. */
  void replace(String tenantId, String policyType, List<PolicySnapshot> policies, Instant syncedAt);

  /** The tenant's inventory of one type, by policy id. */
  List<PolicySnapshot> list(String tenantId, String policyType);
}
