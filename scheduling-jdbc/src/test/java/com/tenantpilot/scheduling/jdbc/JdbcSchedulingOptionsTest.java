package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantpilot.scheduling.jdbc.support.H2Database;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class JdbcSchedulingOptionsTest {

  @Test
  void defaults_use_the_database_clock_and_detect_the_database() {
    JdbcSchedulingOptions defaults = JdbcSchedulingOptions.defaults();

    assertThat(defaults.clock()).isEmpty();
    assertThat(defaults.database()).isEmpty();
    assertThat(defaults.batchSize()).isEqualTo(1000);
    H2Database db = H2Database.create();
    try {
      assertThat(JdbcScheduling.create(db.dataSource()).database()).isEqualTo(Database.H2);
    } finally {
      db.close();
    }
  }

  @Test
  void builder_sets_and_clears_the_clock() {
    Clock clock = Clock.systemUTC();
    JdbcSchedulingOptions withClock = JdbcSchedulingOptions.builder().clock(clock).database(Database.POSTGRESQL)
        .batchSize(250).build();

    assertThat(withClock.clock()).contains(clock);
    assertThat(withClock.database()).contains(Database.POSTGRESQL);
    assertThat(withClock.batchSize()).isEqualTo(250);
    assertThat(withClock.toBuilder().databaseClock().build().clock()).isEmpty();
  }

  @Test
  void a_rejected_batch_size_names_the_field_and_quotes_the_value() {
    assertThatThrownBy(() -> JdbcSchedulingOptions.builder().batchSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batchSize must be between 1 and 5000, was '0'");
  }

  @Test
  void an_unsupported_database_is_named() {
    assertThat(Database.fromProductName("PostgreSQL")).isEqualTo(Database.POSTGRESQL);
    assertThatThrownBy(() -> Database.fromProductName("MySQL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'MySQL' is not supported");
  }
}
