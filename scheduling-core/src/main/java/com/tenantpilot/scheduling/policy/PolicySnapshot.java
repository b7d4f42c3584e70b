package com.tenantpilot.scheduling.policy;

import java.util.List;
import java.util.Objects;

/**
 * One policy as read from Graph: its raw JSON (with {@code @odata.type}), assignments and
 * sub-collections folded in by the Graph adapter. The payload is opaque to the core and is never
 * logged or audited.
 *
 * @param policyType the catalog key it was read for
 * @param policyId Graph's id of the policy
 * @param displayName its display name, or {@code null}
 * @param odataType its {@code @odata.type}, or {@code null}
 * @param payloadJson the complete JSON document as stored in a backup item
 * @param complete false when an optional part could not be read (noted in {@code notes})
 * @param notes short remarks for operators, without payload content
 */
public record PolicySnapshot(
    String policyType,
    String policyId,
    String displayName,
    String odataType,
    String payloadJson,
    boolean complete,
    List<String> notes) {

  /** Checks and freezes. */
  public PolicySnapshot {
    Objects.requireNonNull(policyType, "policyType");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(payloadJson, "payloadJson");
    notes = notes == null ? List.of() : List.copyOf(notes);
  }

  /** Never prints the payload. */
  @Override
  public String toString() {
    return "PolicySnapshot[" + policyType + "/" + policyId + ", complete=" + complete + "]";
  }
}
