package com.tenantpilot.scheduling.run;

import com.tenantpilot.scheduling.SchedulingException;

/** Thrown on a run state change the transition table does not allow; it is always a bug. */
public class IllegalTransitionException extends SchedulingException {

  private final RunStatus from;
  private final RunStatus to;

  /** Creates the exception for {@code from -> to}. */
  public IllegalTransitionException(RunStatus from, RunStatus to) {
    super("illegal run transition " + from + " -> " + to);
    this.from = from;
    this.to = to;
  }

  /** The state the run was in. */
  public RunStatus from() {
    return from;
  }

  /** The state that was asked for. */
  public RunStatus to() {
    return to;
  }
}
