package com.tenantpilot.scheduling.run;

/**
 * What a run did for one policy type.
 *
 * @param outcome how the type ended
 * @param found policies Graph listed
 * @param backedUp policies written into the backup set
 * @param failed policies that could not be read completely (noted incomplete or failed)
 * @param errorCode the failure's code when {@code outcome} is FAILED, else {@code null}
 */
public record TypeSummary(Outcome outcome, int found, int backedUp, int failed, ErrorCode errorCode) {

  /** How one policy type ended in a run. */
  public enum Outcome {
    /** Synced and written. */
    SUCCESS,
    /** Syncing failed; nothing of this type was written. */
    FAILED,
    /** The type is not in the supported catalog; skipped. */
    UNKNOWN_TYPE
  }

  /** A type that is not in the catalog. */
  public static TypeSummary unknownType() {
    return new TypeSummary(Outcome.UNKNOWN_TYPE, 0, 0, 0, ErrorCode.UNKNOWN_POLICY_TYPE);
  }
}
