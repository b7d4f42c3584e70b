package com.tenantpilot.scheduling.harness.simulation;

import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.jdbc.JdbcSchedulingOptions;
import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.run.Run;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import com.tenantpilot.scheduling.harness.HarnessStores;
import org.jdbi.v3.core.Jdbi;

/**
 * The simulation on the JDBC adapter: every node shares one database through its own
 * connections, with leases and locks judged by the simulation's clock (the adapter's clock
 * option). Each simulation gets a fresh schema of its own ({@code tenantpilot_sim_…}), so it never
 * touches existing tables and leaves its data behind for inspection.
 *
 * <p>The invariant checks read every run and backup set back through the store ports.
 */
public final class JdbcSimulationStores implements SimulationStores {

  private final JdbcScheduling jdbc;
  private final Jdbi jdbi;
  private final String schema;

  private JdbcSimulationStores(JdbcScheduling jdbc, Jdbi jdbi, String schema) {
    this.jdbc = jdbc;
    this.jdbi = jdbi;
    this.schema = schema;
  }

  /** A factory of fresh JDBC simulation stores on {@code jdbcUrl} (user and password inside the URL). */
  public static Factory on(String jdbcUrl, long seed) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    return clock -> create(jdbcUrl, "tenantpilot_sim_" + Long.toUnsignedString(seed) + "_"
        + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6), clock);
  }

  static JdbcSimulationStores create(String jdbcUrl, String schemaName, ManualClock clock) {
    String schema = schemaName.toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      String name = c.getMetaData().getDatabaseProductName();
      String quoted = name.toLowerCase(Locale.ROOT).contains("h2") ? schema.toUpperCase(Locale.ROOT) : schema;
      c.createStatement().execute("CREATE SCHEMA \"" + quoted + "\"");
      String effective = quoted;
      Jdbi jdbi = Jdbi.create(HarnessStores.pool(jdbcUrl, effective));
      JdbcScheduling jdbc = JdbcScheduling.create(jdbi, JdbcSchedulingOptions.builder().clock(clock).build());
      jdbc.installSchema();
      return new JdbcSimulationStores(jdbc, jdbi, effective);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot prepare a simulation schema on " + jdbcUrl.replaceAll("password=[^&;]*", "password=***")
          + ": " + e.getMessage(), e);
    }
  }

  /** The schema this simulation wrote to. */
  public String schema() {
    return schema;
  }

  @Override public ScheduleStore schedules() { return jdbc.schedules(); }
  @Override public RunStore runs() { return jdbc.runs(); }
  @Override public BackupSetStore backupSets() { return jdbc.backupSets(); }
  @Override public PolicyStore policies() { return jdbc.policies(); }
  @Override public ScheduleLock lock() { return jdbc.lock(); }
  @Override public AuditLog auditLog() { return jdbc.auditLog(); }
  @Override public Notifier notifier() { return jdbc.notifier(); }

  @Override
  public List<Run> allRuns() {
    List<Run> all = new ArrayList<>();
    List<Object[]> keys = jdbi.withHandle(h -> h.createQuery(
            "SELECT DISTINCT tenant_id, backup_schedule_id FROM backup_schedule_runs")
        .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2)}).list());
    for (Object[] key : keys) {
      all.addAll(jdbc.runs().history((String) key[0], (Long) key[1], Integer.MAX_VALUE));
    }
    all.sort(Comparator.comparingLong(Run::id));
    return all;
  }

  @Override
  public List<BackupSet> allBackupSets() {
    List<Object[]> keys = jdbi.withHandle(h -> h.createQuery("SELECT id, tenant_id FROM backup_sets ORDER BY id")
        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2)}).list());
    List<BackupSet> all = new ArrayList<>(keys.size());
    for (Object[] key : keys) {
      jdbc.backupSets().find((String) key[1], (Long) key[0]).ifPresent(all::add);
    }
    return all;
  }
}
