package com.tenantpilot.scheduling.port;

/**
 * Reads a tenant's Intune policies from Microsoft Graph (or anything that speaks its protocol).
 *
 * <p>One call reads one policy type of one tenant completely: every page, every assignment and
 * sub-collection. A call for tenant A authenticates as tenant A only. Implementations make each
 * HTTP request once: retries belong to the core's retry policy, which must see every attempt.
 * Thread-safe.
 */
public interface GraphClient {

  /**
   * Reads every policy of {@code policyType} in {@code tenantId}.
   *
   * @throws GraphException when the type cannot be read; it carries status, Graph error code,
   *     request id, date and Retry-After
   */
  PolicyFetch fetchPolicies(String tenantId, String policyType);
}
