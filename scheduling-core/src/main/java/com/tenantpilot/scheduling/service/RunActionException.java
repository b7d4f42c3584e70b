package com.tenantpilot.scheduling.service;

import com.tenantpilot.scheduling.SchedulingException;

/** Thrown when a user action does not apply to a run in its current state (retrying a SUCCESS run, canceling a RUNNING one). */
public class RunActionException extends SchedulingException {

  /** Creates the exception with a message naming the run, its state and what is allowed. */
  public RunActionException(String message) {
    super(message);
  }
}
