package com.tenantpilot.scheduling.contract;

import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.port.StoredSchedule;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of every port contract test: a manual clock and a fresh {@link StoreSet} per test.
 * Subclasses in adapter modules implement {@link #createStores} (and may clean up in an
 * {@code @AfterEach}).
 */
public abstract class ContractSupport {

  /** The time every test starts at. */
  protected static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  /** The clock the stores read. */
  protected ManualClock clock;
  /** The adapters under test. */
  protected StoreSet stores;

  /** Builds fresh, empty stores that read time from {@code clock} (leases, creation stamps). */
  protected abstract StoreSet createStores(ManualClock clock);

  @BeforeEach
  protected void setUpStores() {
    clock = new ManualClock(T0);
    stores = createStores(clock);
  }

  /** A valid stored schedule row for a tenant, not yet inserted. */
  protected static StoredSchedule row(String tenantId, String name, Instant nextRunAt) {
    return new StoredSchedule(0, tenantId, name, true, "daily", "02:30", List.of(), "Europe/Berlin",
        List.of("deviceConfiguration", "settingsCatalogPolicy"), 7, nextRunAt, null, null, T0, T0);
  }

  /** Inserts {@link #row} and returns it with its id. */
  protected StoredSchedule insert(String tenantId, String name, Instant nextRunAt) {
    return stores.schedules().insert(row(tenantId, name, nextRunAt));
  }
}
