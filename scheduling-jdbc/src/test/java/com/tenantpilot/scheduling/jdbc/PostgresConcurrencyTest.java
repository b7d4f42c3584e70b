package com.tenantpilot.scheduling.jdbc;

import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link ConcurrencyTest} on embedded PostgreSQL: SKIP LOCKED, ON CONFLICT and advisory locks. */
class PostgresConcurrencyTest extends ConcurrencyTest {

  private static PostgresServer.Schema schema;

  @BeforeAll
  static void start() {
    schema = PostgresServer.newSchema("concurrency");
  }

  @AfterAll
  static void stop() {
    schema.close();
  }

  @Override
  TestDatabase database() {
    return schema;
  }

  @Override
  String[] urlAndUser() {
    return new String[] {schema.dataSource().getJdbcUrl(), "postgres"};
  }
}
