package com.tenantpilot.scheduling.contract;

import com.tenantpilot.scheduling.memory.ManualClock;
import org.junit.jupiter.api.Nested;

/**
 * Every port contract at once: an adapter's test class extends this and says how to build fresh
 * stores over the contract's clock; JUnit runs the four contracts as nested classes.
 *
 * <pre>
 * class H2ContractTest extends PortContracts {
 *   protected StoreSet createStores(ManualClock clock) { ... }
 * }
 * </pre>
 */
public abstract class PortContracts {

  /** Builds fresh, empty stores (and lock) reading time from {@code clock}. */
  protected abstract StoreSet createStores(ManualClock clock);

  /** The {@link com.tenantpilot.scheduling.port.ScheduleStore} contract. */
  @Nested
  public class Schedules extends ScheduleStoreContract {
    @Override
    protected StoreSet createStores(ManualClock clock) {
      return PortContracts.this.createStores(clock);
    }
  }

  /** The {@link com.tenantpilot.scheduling.port.RunStore} contract. */
  @Nested
  public class Runs extends RunStoreContract {
    @Override
    protected StoreSet createStores(ManualClock clock) {
      return PortContracts.this.createStores(clock);
    }
  }

  /** The {@link com.tenantpilot.scheduling.port.BackupSetStore} and policy inventory contract. */
  @Nested
  public class BackupSets extends BackupSetStoreContract {
    @Override
    protected StoreSet createStores(ManualClock clock) {
      return PortContracts.this.createStores(clock);
    }
  }

  /** The {@link com.tenantpilot.scheduling.port.ScheduleLock} contract. */
  @Nested
  public class Locks extends ScheduleLockContract {
    @Override
    protected StoreSet createStores(ManualClock clock) {
      return PortContracts.this.createStores(clock);
    }
  }
}
