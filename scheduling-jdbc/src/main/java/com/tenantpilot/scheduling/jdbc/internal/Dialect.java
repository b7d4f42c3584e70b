package com.tenantpilot.scheduling.jdbc.internal;

import com.tenantpilot.scheduling.jdbc.Database;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Everything that differs between PostgreSQL and H2, in one place. The stores write portable SQL
 * and ask the dialect for the few fragments and steps that are not portable.
 *
 * <p>PostgreSQL arbitrates between writers with {@code INSERT ... ON CONFLICT DO NOTHING},
 * {@code FOR UPDATE SKIP LOCKED} and transaction-scoped advisory locks. H2 has no
 * {@code SKIP LOCKED} and no advisory locks, so writers that must not interleave (run creation
 * and claims; lock acquisition) first lock one row of {@code backup_scheduling_mutex} in their
 * transaction and then take turns; H2 is the embedded, single-node default, where that costs
 * little. Single-statement compare-and-set updates need no help on either: both re-check the
 * WHERE clause after waiting for a row lock.
 *
 * <p>Thread-safe (stateless).
 */
public abstract sealed class Dialect permits Dialect.PostgreSql, Dialect.H2 {

  /** The advisory lock class of this library on PostgreSQL ("TPSC"). */
  static final int ADVISORY_LOCK_CLASS = 0x54505343;

  /** The dialect of a database. */
  public static Dialect of(Database database) {
    return switch (database) {
      case POSTGRESQL -> new PostgreSql();
      case H2 -> new H2();
    };
  }

  /** The database this dialect speaks to. */
  public abstract Database database();

  /**
   * SQL for a JSON value bound as text into a column that may normalise it (jsonb on
   * PostgreSQL: key order and whitespace are not kept).
   */
  public abstract String json(String param);

  /** SQL for a JSON document bound as text whose exact text must be kept (a policy payload). */
  public abstract String jsonDocument(String param);

  /** SQL for the next fencing token. */
  public abstract String nextLeaseToken();

  /** SQL for {@code instantSql} plus the milliseconds bound to {@code millisParam}. */
  public abstract String plusMillis(String instantSql, String millisParam);

  /** {@code dml} (INSERT or UPDATE) as a statement whose result set holds {@code columns} of the changed rows. */
  public abstract String returning(String dml, String columns);

  /**
   * An insert of the rows of {@code source} (a SELECT whose columns are named like
   * {@code columns}) that silently skips rows whose {@code keyColumns} already exist. The
   * update count is the number of rows inserted.
   */
  public abstract String insertIgnoringExisting(String table, List<String> columns, List<String> keyColumns, String source);

  /** The locking clause of the claim's candidate query. */
  public abstract String candidateLocking();

  /**
   * Makes the current transaction take turns with every other transaction that calls this with
   * the same {@code mutex} (H2); a no-op where the SQL itself arbitrates (PostgreSQL).
   */
  public abstract void takeTurn(Handle handle, Mutex mutex);

  /**
   * Makes this transaction the only one that may count or change the running runs of
   * {@code tenants} until it ends, so the per-tenant claim cap is judged on settled numbers.
   */
  public abstract void lockTenantsForClaim(Handle handle, Collection<String> tenants);

  /**
   * SQL that takes the lock {@code :key} for {@code :owner} with {@code :token} if it is free or
   * expired; the update count is 1 when taken.
   */
  public abstract String acquireLock(String nowSql, String expiresSql);

  /** Serialises schema installers across nodes for the rest of the transaction, where the database can. */
  public abstract void lockSchemaInstall(Handle handle);

  /** Whether DDL is transactional (all of a migration commits or none of it). */
  public abstract boolean transactionalDdl();

  /** The groups of writers that take turns on H2. */
  public enum Mutex {
    /** Run creation and claims. */
    RUNS("runs"),
    /** Lock acquisition. */
    LOCKS("locks");

    private final String row;

    Mutex(String row) {
      this.row = row;
    }

    /** The row's name in {@code backup_scheduling_mutex}. */
    public String row() {
      return row;
    }
  }

  /** PostgreSQL 12 or later. */
  static final class PostgreSql extends Dialect {

    @Override
    public Database database() {
      return Database.POSTGRESQL;
    }

    @Override
    public String json(String param) {
      return "CAST(" + param + " AS jsonb)";
    }

    @Override
    public String jsonDocument(String param) {
      return "CAST(" + param + " AS json)";
    }

    @Override
    public String nextLeaseToken() {
      return "nextval('backup_schedule_run_lease_token_seq')";
    }

    @Override
    public String plusMillis(String instantSql, String millisParam) {
      return "(" + instantSql + " + " + millisParam + " * INTERVAL '1 millisecond')";
    }

    @Override
    public String returning(String dml, String columns) {
      return dml + " RETURNING " + columns;
    }

    @Override
    public String insertIgnoringExisting(String table, List<String> columns, List<String> keyColumns, String source) {
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") " + source
          + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO NOTHING";
    }

    @Override
    public String candidateLocking() {
      return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public void takeTurn(Handle handle, Mutex mutex) {
      // PostgreSQL arbitrates in the statements themselves.
    }

    @Override
    public void lockTenantsForClaim(Handle handle, Collection<String> tenants) {
      if (tenants.isEmpty()) {
        return;
      }
      // Waits for another claim of the same tenant to commit. The locks are taken in the order
      // of their keys (hashes, which may collide), and a claim waits for nothing else (its rows
      // come from SKIP LOCKED), so claims cannot deadlock.
      handle.createQuery("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_CLASS + ", s.h) FROM (SELECT DISTINCT "
              + "hashtext(t.tenant_id) AS h FROM unnest(CAST(ARRAY[<tenants>] AS text[])) AS t (tenant_id) ORDER BY 1) AS s")
          .bindList("tenants", List.copyOf(tenants))
          .mapTo(String.class)
          .list();
    }

    @Override
    public String acquireLock(String nowSql, String expiresSql) {
      return "INSERT INTO scheduler_locks (lock_key, lock_owner, token, acquired_at, expires_at) "
          + "VALUES (:key, :owner, :token, " + nowSql + ", " + expiresSql + ") "
          + "ON CONFLICT (lock_key) DO UPDATE SET lock_owner = EXCLUDED.lock_owner, token = EXCLUDED.token, "
          + "acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at "
          + "WHERE scheduler_locks.expires_at <= " + nowSql;
    }

    @Override
    public void lockSchemaInstall(Handle handle) {
      handle.createQuery("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_CLASS + ", 1)").mapTo(String.class).one();
    }

    @Override
    public boolean transactionalDdl() {
      return true;
    }
  }

  /** H2 2.x, native or PostgreSQL compatibility mode. */
  static final class H2 extends Dialect {

    @Override
    public Database database() {
      return Database.H2;
    }

    @Override
    public String json(String param) {
      return param;
    }

    @Override
    public String jsonDocument(String param) {
      return param;
    }

    @Override
    public String nextLeaseToken() {
      return "NEXT VALUE FOR backup_schedule_run_lease_token_seq";
    }

    @Override
    public String plusMillis(String instantSql, String millisParam) {
      return "DATEADD(MILLISECOND, " + millisParam + ", " + instantSql + ")";
    }

    @Override
    public String returning(String dml, String columns) {
      return "SELECT " + columns + " FROM FINAL TABLE (" + dml + ")";
    }

    @Override
    public String insertIgnoringExisting(String table, List<String> columns, List<String> keyColumns, String source) {
      return "MERGE INTO " + table + " AS target USING (" + source + ") AS source ON "
          + keyColumns.stream().map(k -> "target." + k + " = source." + k).collect(Collectors.joining(" AND "))
          + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
          + columns.stream().map(c -> "source." + c).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String candidateLocking() {
      return "";
    }

    @Override
    public void takeTurn(Handle handle, Mutex mutex) {
      handle.createQuery("SELECT name FROM backup_scheduling_mutex WHERE name = :name FOR UPDATE")
          .bind("name", mutex.row())
          .mapTo(String.class)
          .one();
    }

    @Override
    public void lockTenantsForClaim(Handle handle, Collection<String> tenants) {
      // Claims already take turns on the RUNS mutex.
    }

    @Override
    public String acquireLock(String nowSql, String expiresSql) {
      return "MERGE INTO scheduler_locks AS l USING (VALUES (CAST(:key AS VARCHAR(255)))) AS s (lock_key) "
          + "ON l.lock_key = s.lock_key "
          + "WHEN MATCHED AND l.expires_at <= " + nowSql + " THEN UPDATE SET lock_owner = :owner, token = :token, "
          + "acquired_at = " + nowSql + ", expires_at = " + expiresSql + " "
          + "WHEN NOT MATCHED THEN INSERT (lock_key, lock_owner, token, acquired_at, expires_at) "
          + "VALUES (:key, :owner, :token, " + nowSql + ", " + expiresSql + ")";
    }

    @Override
    public void lockSchemaInstall(Handle handle) {
      // H2 commits DDL at once; SchemaInstaller serialises H2 installers in the JVM instead.
    }

    @Override
    public boolean transactionalDdl() {
      return false;
    }
  }
}
