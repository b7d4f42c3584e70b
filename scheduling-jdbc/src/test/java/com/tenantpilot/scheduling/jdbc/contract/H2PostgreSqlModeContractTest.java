package com.tenantpilot.scheduling.jdbc.contract;

import com.tenantpilot.scheduling.contract.PortContracts;
import com.tenantpilot.scheduling.contract.StoreSet;
import com.tenantpilot.scheduling.jdbc.support.H2Database;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import com.tenantpilot.scheduling.memory.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every port contract against H2 2.x in PostgreSQL compatibility mode (in memory), with the stores reading the contract's
 * manual clock (the Clock option) so that lease and lock expiry can be driven deterministically.
 * One database for the class; every test starts from empty tables.
 */
class H2PostgreSqlModeContractTest extends PortContracts {

  private static TestDatabase db;

  @BeforeAll
  static void start() {
    db = H2Database.create(true, true);
  }

  @AfterAll
  static void stop() {
    db.close();
  }

  @Override
  protected StoreSet createStores(ManualClock clock) {
    db.clean();
    return TestDatabase.storeSet(db.adapter(clock));
  }
}
