package com.tenantpilot.scheduling.schedule;

/** How often a schedule fires: every day, or on chosen ISO weekdays. */
public enum Frequency {
  /** Every calendar date in the schedule's zone. */
  DAILY,
  /** Every date whose ISO weekday is in the schedule's {@code daysOfWeek}. */
  WEEKLY
}
