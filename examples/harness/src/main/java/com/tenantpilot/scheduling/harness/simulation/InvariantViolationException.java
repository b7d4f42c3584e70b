package com.tenantpilot.scheduling.harness.simulation;

/** Thrown by a fail-fast simulation on the first violated invariant; the message names seed and step. */
public class InvariantViolationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvariantViolationException(String message) {
    super(message);
  }
}
