package com.tenantpilot.scheduling.run;

import java.util.Locale;

/** What created a run. */
public enum RunTrigger {
  /** The dispatcher, for a slot of the schedule. */
  SCHEDULED,
  /** A user's "Run now". */
  MANUAL,
  /** A user's "Retry" of a FAILED or PARTIAL run. */
  RETRY;

  /** Whether runs of this trigger notify the acting user when they finish. */
  public boolean notifiesUser() {
    return this != SCHEDULED;
  }

  /** The lowercase name stored in databases. */
  public String storedName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a stored name in any letter case. */
  public static RunTrigger fromStored(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
