package com.tenantpilot.scheduling.jdbc.support;

import com.tenantpilot.scheduling.port.StoredSchedule;
import java.time.Instant;
import java.util.List;

/** Valid rows for tests. */
public final class Fixtures {

  private Fixtures() {}

  /** A daily schedule of {@code tenant}, enabled, due at {@code nextRunAt}. */
  public static StoredSchedule schedule(String tenant, String name, Instant nextRunAt) {
    return new StoredSchedule(0, tenant, name, true, "daily", "02:30", List.of(), "Europe/Berlin",
        List.of("deviceConfiguration", "settingsCatalogPolicy"), 7, nextRunAt, null, null,
        Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
  }
}
