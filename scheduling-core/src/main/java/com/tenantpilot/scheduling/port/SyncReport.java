package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.policy.PolicySnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sync read, per policy type: the policies, or the failure that stopped that type.
 *
 * @param types per type key, in the order asked for
 */
public record SyncReport(Map<String, TypeSync> types) {

  /** Freezes the map, keeping its order. */
  public SyncReport {
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
  }

  /**
   * One type's result: either {@code policies} (success) or {@code failure}.
   *
   * @param policies the snapshots, empty on failure
   * @param failure why the type could not be read, or {@code null} on success
   * @param notes remarks for operators
   */
  public record TypeSync(List<PolicySnapshot> policies, GraphFailure failure, List<String> notes) {

    /** Freezes the lists. */
    public TypeSync {
      policies = policies == null ? List.of() : List.copyOf(policies);
      notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** A successful read. */
    public static TypeSync ok(List<PolicySnapshot> policies, List<String> notes) {
      return new TypeSync(policies, null, notes);
    }

    /** A failed read. */
    public static TypeSync failed(GraphFailure failure) {
      return new TypeSync(List.of(), failure, List.of());
    }

    /** Whether the type was read. */
    public boolean succeeded() {
      return failure == null;
    }
  }
}
