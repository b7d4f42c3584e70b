package com.tenantpilot.scheduling.jdbc;

import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * The JDBC adapter in one object: every store, the cluster lock, the audit log and the notifier
 * over one database, plus its schema installer.
 *
 * <pre>{@code
 * JdbcScheduling jdbc = JdbcScheduling.create(dataSource);   // PostgreSQL or H2, detected
 * jdbc.installSchema();                                      // or apply the SQL files with Flyway
 * ScheduleStore schedules = jdbc.schedules();
 * }</pre>
 *
 * <p>The stores use the database's clock unless {@link JdbcSchedulingOptions.Builder#clock} says
 * otherwise. Nothing here pools connections: pass a pooled {@link DataSource} (HikariCP or the
 * host's) in production.
 *
 * <p>Thread-safe.
 */
public final class JdbcScheduling {

  private final StoreContext ctx;
  private final JdbcSchedulingOptions options;
  private final JdbiScheduleStore schedules;
  private final JdbiRunStore runs;
  private final JdbiBackupSetStore backupSets;
  private final JdbiPolicyStore policies;
  private final JdbcScheduleLock lock;
  private final JdbiAuditLog auditLog;
  private final JdbiNotifier notifier;

  private JdbcScheduling(StoreContext ctx, JdbcSchedulingOptions options) {
    this.ctx = ctx;
    this.options = options;
    this.schedules = new JdbiScheduleStore(ctx);
    this.runs = new JdbiRunStore(ctx);
    this.backupSets = new JdbiBackupSetStore(ctx);
    this.policies = new JdbiPolicyStore(ctx);
    this.lock = new JdbcScheduleLock(ctx);
    this.auditLog = new JdbiAuditLog(ctx);
    this.notifier = new JdbiNotifier(ctx);
  }

  /** The adapter over {@code dataSource} with {@link JdbcSchedulingOptions#defaults()}. */
  public static JdbcScheduling create(DataSource dataSource) {
    return create(dataSource, JdbcSchedulingOptions.defaults());
  }

  /** The adapter over {@code dataSource}. Detects the database unless the options name it. */
  public static JdbcScheduling create(DataSource dataSource, JdbcSchedulingOptions options) {
    return create(Jdbi.create(Objects.requireNonNull(dataSource, "dataSource")), options);
  }

  /**
   * The adapter over a JDBC URL, opening a new connection per operation through
   * {@link java.sql.DriverManager}: for tests and tools, not for production (no pool). An H2
   * in-memory URL needs {@code DB_CLOSE_DELAY=-1} to outlive its connections.
   */
  public static JdbcScheduling create(String jdbcUrl, String user, String password, JdbcSchedulingOptions options) {
    return create(Jdbi.create(Objects.requireNonNull(jdbcUrl, "jdbcUrl"), user, password), options);
  }

  /**
   * The adapter over a host's {@link Jdbi}. The adapter registers nothing on it: handles it opens
   * are configured per handle.
   */
  public static JdbcScheduling create(Jdbi jdbi, JdbcSchedulingOptions options) {
    return new JdbcScheduling(StoreContext.create(jdbi, options), options);
  }

  /** Applies the migrations the database lacks; see {@link SchemaInstaller}. */
  public List<Integer> installSchema() {
    return installer().install();
  }

  /** The schema installer for this database. */
  public SchemaInstaller installer() {
    return new SchemaInstaller(ctx.jdbi(), ctx.dialect().database());
  }

  /** The database this adapter speaks to. */
  public Database database() {
    return ctx.dialect().database();
  }

  /** The options it was built with. */
  public JdbcSchedulingOptions options() {
    return options;
  }

  /** The schedule store. */
  public ScheduleStore schedules() {
    return schedules;
  }

  /** The run store. */
  public RunStore runs() {
    return runs;
  }

  /** The backup set store. */
  public BackupSetStore backupSets() {
    return backupSets;
  }

  /** The policy inventory. */
  public PolicyStore policies() {
    return policies;
  }

  /** The cluster-wide schedule lock. */
  public ScheduleLock lock() {
    return lock;
  }

  /** The audit log. */
  public AuditLog auditLog() {
    return auditLog;
  }

  /** The audit log with its read method. */
  public JdbiAuditLog jdbiAuditLog() {
    return auditLog;
  }

  /** The notifier. */
  public Notifier notifier() {
    return notifier;
  }

  /** The notifier with its read method. */
  public JdbiNotifier jdbiNotifier() {
    return notifier;
  }
}
