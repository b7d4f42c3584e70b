package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.policy.PolicySnapshot;
import java.util.List;

/**
 * Every policy of one type in one tenant, as a {@link GraphClient} read them.
 *
 * @param policies one snapshot per policy, in Graph's order
 * @param requests how many HTTP requests the read took (for budgets and reports)
 * @param notes remarks for operators, e.g. a policy deleted between listing and reading
 */
public record PolicyFetch(List<PolicySnapshot> policies, int requests, List<String> notes) {

  /** Freezes the lists. */
  public PolicyFetch {
    policies = List.copyOf(policies);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
