package com.tenantpilot.scheduling.jdbc;

import com.tenantpilot.scheduling.jdbc.support.H2Database;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ConcurrencyTest} on H2 (native mode): writers take turns on the mutex row. */
class H2ConcurrencyTest extends ConcurrencyTest {

  private static H2Database h2;

  @BeforeAll
  static void start() {
    h2 = H2Database.create();
  }

  @AfterAll
  static void stop() {
    h2.close();
  }

  @Override
  TestDatabase database() {
    return h2;
  }

  @Override
  String[] urlAndUser() {
    return new String[] {h2.dataSource().getURL(), "sa"};
  }
}
