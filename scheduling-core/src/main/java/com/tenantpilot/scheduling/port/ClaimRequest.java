package com.tenantpilot.scheduling.port;

import java.time.Duration;
import java.util.Objects;

/**
 * Which runs a worker wants to claim.
 *
 * @param owner the worker's id (node + thread), recorded as lease owner
 * @param limit the most runs to claim in this call
 * @param leaseDuration how long the lease lasts unless renewed
 * @param maxRunningPerTenant skip tenants that already have this many RUNNING runs with a live
 *     lease, so one tenant cannot use up every worker
 */
public record ClaimRequest(String owner, int limit, Duration leaseDuration, int maxRunningPerTenant) {

  /** Checks the arguments. */
  public ClaimRequest {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was '" + limit + "'");
    }
    if (maxRunningPerTenant < 1) {
      throw new IllegalArgumentException("maxRunningPerTenant must be at least 1, was '" + maxRunningPerTenant + "'");
    }
    if (leaseDuration.isNegative() || leaseDuration.isZero()) {
      throw new IllegalArgumentException("leaseDuration must be positive, was '" + leaseDuration + "'");
    }
  }
}
