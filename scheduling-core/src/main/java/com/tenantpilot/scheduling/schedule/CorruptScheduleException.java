package com.tenantpilot.scheduling.schedule;

import com.tenantpilot.scheduling.SchedulingException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a stored schedule row cannot be read (an unknown zone, an unparsable time...). */
public class CorruptScheduleException extends SchedulingException {

  private final long scheduleId;
  private final List<Violation> violations;

  /** Creates the exception for one stored schedule. */
  public CorruptScheduleException(long scheduleId, List<Violation> violations) {
    super("stored schedule " + scheduleId + " is invalid: "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
    this.scheduleId = scheduleId;
    this.violations = List.copyOf(violations);
  }

  /** The schedule's id. */
  public long scheduleId() {
    return scheduleId;
  }

  /** What is wrong with it. */
  public List<Violation> violations() {
    return violations;
  }
}
