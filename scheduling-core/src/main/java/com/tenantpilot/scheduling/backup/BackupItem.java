package com.tenantpilot.scheduling.backup;

import java.util.Objects;

/**
 * One policy inside a backup set.
 *
 * @param policyType the catalog key
 * @param policyId Graph's id of the policy
 * @param displayName its display name, or {@code null}
 * @param payloadJson the snapshot JSON with assignments
 * @param complete whether every part of the policy could be read
 */
public record BackupItem(String policyType, String policyId, String displayName, String payloadJson, boolean complete) {

  /** Checks the required fields. */
  public BackupItem {
    Objects.requireNonNull(policyType, "policyType");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(payloadJson, "payloadJson");
  }

  /** Never prints the payload. */
  @Override
  public String toString() {
    return "BackupItem[" + policyType + "/" + policyId + ", complete=" + complete + "]";
  }
}
