package com.tenantpilot.scheduling.schedule;

import com.tenantpilot.scheduling.SchedulingException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a schedule is rejected; carries every violation found, not just the first. */
public class ValidationException extends SchedulingException {

  private final List<Violation> violations;

  /** Creates the exception from a non-empty list of violations. */
  public ValidationException(List<Violation> violations) {
    super("invalid schedule: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** Every violation, in field order. */
  public List<Violation> violations() {
    return violations;
  }
}
