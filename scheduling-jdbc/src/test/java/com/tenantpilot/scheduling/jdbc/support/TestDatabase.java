package com.tenantpilot.scheduling.jdbc.support;

import com.tenantpilot.scheduling.contract.StoreSet;
import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.jdbc.JdbcSchedulingOptions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** A database with the schema installed, for one test class; {@link #close} drops it. */
public interface TestDatabase extends AutoCloseable {

  /** Every table the schema creates, children before parents. */
  List<String> TABLES = List.of("backup_items", "backup_sets", "backup_schedule_runs", "backup_schedules", "policies",
      "audit_logs", "notifications", "scheduler_locks");

  /** A pooled data source on the database. */
  DataSource dataSource();

  /** A label for messages: {@code postgresql:schema} or {@code h2:name}. */
  String label();

  /** Deletes every row of every table. */
  default void clean() {
    jdbi().useTransaction(h -> TABLES.forEach(t -> h.execute("DELETE FROM " + t)));
  }

  /** A Jdbi on the data source, for assertions by query. */
  default Jdbi jdbi() {
    return Jdbi.create(dataSource());
  }

  /** The adapter with the database clock. */
  default JdbcScheduling adapter() {
    return JdbcScheduling.create(dataSource(), JdbcSchedulingOptions.defaults());
  }

  /** The adapter reading time from {@code clock}. */
  default JdbcScheduling adapter(Clock clock) {
    return JdbcScheduling.create(dataSource(), JdbcSchedulingOptions.builder().clock(clock).build());
  }

  /** The contract tests' view of an adapter. */
  static StoreSet storeSet(JdbcScheduling jdbc) {
    return new StoreSet(jdbc.schedules(), jdbc.runs(), jdbc.backupSets(), jdbc.policies(), jdbc.lock());
  }

  /** Rows of a query as maps, for assertions. */
  default List<Map<String, Object>> rows(String sql, Object... args) {
    return jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapToMap().list();
    });
  }

  /** A single long value of a query. */
  default long count(String sql, Object... args) {
    return jdbi().withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  @Override
  void close();
}
