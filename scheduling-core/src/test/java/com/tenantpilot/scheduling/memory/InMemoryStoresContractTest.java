package com.tenantpilot.scheduling.memory;

import com.tenantpilot.scheduling.contract.PortContracts;
import com.tenantpilot.scheduling.contract.StoreSet;
import com.tenantpilot.scheduling.lock.CaffeineScheduleLock;

/** Runs every port contract against the in-memory adapters and the Caffeine lock. */
class InMemoryStoresContractTest extends PortContracts {

  @Override
  protected StoreSet createStores(ManualClock clock) {
    InMemoryStores m = new InMemoryStores(clock);
    return new StoreSet(m.schedules(), m.runs(), m.backupSets(), m.policies(), new CaffeineScheduleLock(clock));
  }
}
