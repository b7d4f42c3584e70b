package com.tenantpilot.scheduling.run;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The states of a run and the only transitions between them.
 *
 * <pre>
 *   QUEUED  -&gt; RUNNING | SKIPPED | CANCELED
 *   RUNNING -&gt; SUCCESS | PARTIAL | FAILED | SKIPPED | CANCELED
 *   RUNNING -&gt; QUEUED            (waiting for a retry attempt, notBefore set)
 * </pre>
 *
 * SUCCESS, PARTIAL, FAILED, SKIPPED and CANCELED are terminal. A run may be created directly as
 * SKIPPED (a missed slot); every other run starts QUEUED. The table below is the one place the
 * rule lives; {@link #checkTransition} throws on anything else.
 */
public enum RunStatus {
  /** Waiting to be claimed by a worker, not before {@code notBefore}. */
  QUEUED,
  /** Claimed by a worker that holds its lease. */
  RUNNING,
  /** Every policy type was backed up. */
  SUCCESS,
  /** Some types were backed up; others were unknown or failed. */
  PARTIAL,
  /** Nothing was backed up. */
  FAILED,
  /** Not executed: a missed slot, a concurrent run, or no known policy type. */
  SKIPPED,
  /** Canceled by a user before it finished. */
  CANCELED;

  private static final Map<RunStatus, Set<RunStatus>> TRANSITIONS = new EnumMap<>(RunStatus.class);

  static {
    TRANSITIONS.put(QUEUED, EnumSet.of(RUNNING, SKIPPED, CANCELED));
    TRANSITIONS.put(RUNNING, EnumSet.of(SUCCESS, PARTIAL, FAILED, SKIPPED, CANCELED, QUEUED));
    for (RunStatus terminal : EnumSet.of(SUCCESS, PARTIAL, FAILED, SKIPPED, CANCELED)) {
      TRANSITIONS.put(terminal, EnumSet.noneOf(RunStatus.class));
    }
  }

  /** Whether no transition leaves this state. */
  public boolean isTerminal() {
    return TRANSITIONS.get(this).isEmpty();
  }

  /** Whether {@code this -> target} is in the transition table. */
  public boolean canTransitionTo(RunStatus target) {
    return TRANSITIONS.get(this).contains(target);
  }

  /**
   * Returns {@code target} if {@code this -> target} is allowed.
   *
   * @throws IllegalTransitionException naming both states otherwise
   */
  public RunStatus checkTransition(RunStatus target) {
    if (!canTransitionTo(target)) {
      throw new IllegalTransitionException(this, target);
    }
    return target;
  }

  /** The lowercase name stored in databases ({@code queued}, {@code success}, ...). */
  public String storedName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored name in any letter case. */
  public static RunStatus fromStored(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
