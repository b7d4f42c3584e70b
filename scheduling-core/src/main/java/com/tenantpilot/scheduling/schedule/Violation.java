package com.tenantpilot.scheduling.schedule;

/**
 * One rejected field of a schedule: which field, the value as given, and why.
 *
 * @param field the field name as in the spec ({@code timeOfDay}, {@code policyTypes}, ...)
 * @param value the offending value as the caller gave it, quoted in messages
 * @param reason what the rule requires
 */
public record Violation(String field, String value, String reason) {

  /** {@code field 'value': reason}. */
  @Override
  public String toString() {
    return field + " '" + value + "': " + reason;
  }
}
