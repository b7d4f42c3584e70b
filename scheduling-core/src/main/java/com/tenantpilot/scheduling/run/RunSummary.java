package com.tenantpilot.scheduling.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The per-type report of a run, plus what retention did.
 *
 * @param types per policy type key, in the schedule's order: what happened
 * @param retentionDeleted how many older backup sets retention soft-deleted, or {@code null} if it did not run
 * @param retentionError why retention failed, or {@code null}; a retention failure never changes the run's status
 */
public record RunSummary(Map<String, TypeSummary> types, Integer retentionDeleted, String retentionError) {

  /** An empty summary. */
  public static final RunSummary EMPTY = new RunSummary(Map.of(), null, null);

  /** Freezes the map, keeping its order. */
  public RunSummary {
    types = types == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(types));
  }

  /** This summary with the retention outcome recorded. */
  public RunSummary withRetention(Integer deleted, String error) {
    return new RunSummary(types, deleted, error);
  }
}
