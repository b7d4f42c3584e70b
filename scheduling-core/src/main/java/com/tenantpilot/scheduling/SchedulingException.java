package com.tenantpilot.scheduling;

/**
 * The root of every exception the scheduling library throws on purpose.
 *
 * <p>Unchecked: callers catch the specific subclass they can act on, such as
 * {@link com.tenantpilot.scheduling.schedule.ValidationException} for bad input.
 */
public class SchedulingException extends RuntimeException {

  /** Creates an exception with a message that says what went wrong and with which value. */
  public SchedulingException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the failure that caused it. */
  public SchedulingException(String message, Throwable cause) {
    super(message, cause);
  }
}
