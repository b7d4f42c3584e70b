package com.tenantpilot.scheduling.memory;

import com.tenantpilot.scheduling.contract.BackupSetStoreContract;
import com.tenantpilot.scheduling.contract.RunStoreContract;
import com.tenantpilot.scheduling.contract.ScheduleLockContract;
import com.tenantpilot.scheduling.contract.ScheduleStoreContract;
import com.tenantpilot.scheduling.contract.StoreSet;
import com.tenantpilot.scheduling.lock.CaffeineScheduleLock;
import org.junit.jupiter.api.Nested;

/** Runs every port contract against the in-memory adapters and the Caffeine lock. */
class InMemoryStoresContractTest {

  static StoreSet stores(ManualClock clock) {
    InMemoryStores m = new InMemoryStores(clock);
    return new StoreSet(m.schedules(), m.runs(), m.backupSets(), m.policies(), new CaffeineScheduleLock(clock));
  }

  @Nested
  class Schedules extends ScheduleStoreContract {
    @Override
    protected StoreSet createStores(ManualClock clock) {
      return stores(clock);
    }
  }

  @Nested
  class Runs extends RunStoreContract {
    @Override
    protected StoreSet createStores(ManualClock clock) {
      return stores(clock);
    }
  }

  @Nested
  class BackupSets extends BackupSetStoreContract {
    @Override
    protected StoreSet createStores(ManualClock clock) {
      return stores(clock);
    }
  }

  @Nested
  class Locks extends ScheduleLockContract {
    @Override
    protected StoreSet createStores(ManualClock clock) {
      return stores(clock);
    }
  }
}
