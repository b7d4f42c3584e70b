package com.tenantpilot.scheduling.jdbc.contract;

import com.tenantpilot.scheduling.contract.PortContracts;
import com.tenantpilot.scheduling.contract.StoreSet;
import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import com.tenantpilot.scheduling.memory.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every port contract against real PostgreSQL (embedded), with the stores reading the contract's
 * manual clock (the Clock option) so that lease and lock expiry can be driven deterministically.
 * One schema for the class; every test starts from empty tables.
 */
class PostgresContractTest extends PortContracts {

  private static TestDatabase db;

  @BeforeAll
  static void start() {
    db = PostgresServer.newSchema("contract");
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
