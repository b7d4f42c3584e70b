package com.tenantpilot.scheduling.jdbc.internal;

import com.tenantpilot.scheduling.jdbc.Database;
import java.sql.Array;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Everything that differs between PostgreSQL and H2, in one place. The stores write portable SQL
 * and ask the dialect for the few fragments and steps that are not portable.
 *
 * <p>PostgreSQL arbitrates between writers in the statements themselves:
 * {@code INSERT ... ON CONFLICT DO NOTHING}, {@code FOR UPDATE SKIP LOCKED}, rows locked in key
 * order before a set-based update, and transaction-scoped advisory locks. Bulk rows travel as one
 * array per column ({@code unnest}), so 10,000 runs are one statement with ten parameters.
 *
 * <p>H2 has no {@code SKIP LOCKED}, no advisory locks and no arrays worth binding, so bulk rows
 * are {@code VALUES} lists and writers that must not interleave (run creation, claims and
 * schedule advances; lock acquisition) first lock one row of {@code backup_scheduling_mutex} and
 * take turns. H2 is the embedded, single-node default, where that costs little. Single-statement
 * compare-and-set updates need no help on either database: both re-check the WHERE clause on the
 * newest row version after waiting for a row lock.
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
   * A FROM item named {@code v} with {@code count} rows of {@code columns}, bound by
   * {@link #bindRows}.
   */
  public abstract String rows(List<Column> columns, int count);

  /** Binds the values of {@code rows} (one array per row, in column order) for {@link #rows}. */
  public abstract void bindRows(SqlStatement<?> statement, List<Column> columns, List<Object[]> rows);

  /**
   * An insert of the rows of {@code source} (a SELECT whose columns are named like
   * {@code columns}) that silently skips rows whose {@code keyColumns} already exist. The
   * update count is the number of rows inserted.
   */
  public abstract String insertIgnoringExisting(String table, List<String> columns, List<String> keyColumns, String source);

  /**
   * A set-based compare-and-set of {@code backup_schedules.next_run_at} from the rows of
   * {@code rowsSql} (columns {@code id, tenant_id, expected, next}); the update count is the
   * number of schedules moved.
   */
  public abstract String advanceNextRuns(String rowsSql);

  /** The locking clause of the claim's candidate query, for table alias {@code alias}. */
  public abstract String candidateLocking(String alias);

  /** Prepares the current transaction for a claim's queries. */
  public abstract void planForClaim(Handle handle);

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

  /**
   * A column of bulk rows.
   *
   * @param name the column's name in the FROM item {@code v}
   * @param type its SQL type
   */
  public record Column(String name, Type type) {

    /** The types bulk rows use; values are {@code Long}, {@code String} and {@code Instant}. */
    public enum Type {
      /** {@code BIGINT}, bound from a {@code Long}. */
      BIGINT("BIGINT", "bigint"),
      /** Text, bound from a {@code String}. */
      TEXT("VARCHAR", "varchar"),
      /** {@code TIMESTAMP WITH TIME ZONE}, bound from an {@code Instant}. */
      TIMESTAMP("TIMESTAMP WITH TIME ZONE", "varchar");

      private final String sql;
      private final String arrayElement;

      Type(String sql, String arrayElement) {
        this.sql = sql;
        this.arrayElement = arrayElement;
      }
    }
  }

  /** The groups of writers that take turns on H2. */
  public enum Mutex {
    /** Run creation, claims and schedule advances. */
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
    public String rows(List<Column> columns, int count) {
      return "unnest(" + columns.stream()
          .map(c -> "CAST(:" + c.name() + " AS " + (c.type() == Column.Type.TIMESTAMP ? "timestamptz" : c.type().sql) + "[])")
          .collect(Collectors.joining(", "))
          + ") AS v (" + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public void bindRows(SqlStatement<?> statement, List<Column> columns, List<Object[]> rows) {
      for (int c = 0; c < columns.size(); c++) {
        Column column = columns.get(c);
        Object[] values = column.type() == Column.Type.BIGINT ? new Long[rows.size()] : new String[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
          Object value = rows.get(r)[c];
          // Instants travel as ISO-8601 UTC text ("...Z"), which timestamptz reads without any zone.
          values[r] = value instanceof Instant i ? StoreContext.truncate(i).toString() : value;
        }
        statement.bind(column.name(), array(column.type().arrayElement, values));
      }
    }

    private static Argument array(String elementType, Object[] values) {
      return (position, ps, ctx) -> {
        Array array = ps.getConnection().createArrayOf(elementType, values);
        ctx.addCleanable(array::free);
        ps.setArray(position, array);
      };
    }

    @Override
    public String insertIgnoringExisting(String table, List<String> columns, List<String> keyColumns, String source) {
      return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") " + source
          + " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO NOTHING";
    }

    @Override
    public String advanceNextRuns(String rowsSql) {
      // Locks the rows in id order first (NO KEY UPDATE does not block inserts of runs that
      // reference them), so concurrent dispatchers wait for each other instead of deadlocking;
      // the compare-and-set is then judged on the newest row versions.
      return "WITH v AS (SELECT * FROM " + rowsSql + "), "
          + "locked AS (SELECT s.id FROM backup_schedules s JOIN v ON s.id = v.id AND s.tenant_id = v.tenant_id "
          + "ORDER BY s.id FOR NO KEY UPDATE OF s) "
          + "UPDATE backup_schedules s SET next_run_at = v.next FROM v WHERE s.id = v.id AND s.tenant_id = v.tenant_id "
          + "AND s.next_run_at IS NOT DISTINCT FROM v.expected AND s.id IN (SELECT id FROM locked)";
    }

    @Override
    public String candidateLocking(String alias) {
      return " FOR UPDATE OF " + alias + " SKIP LOCKED";
    }

    @Override
    public void planForClaim(Handle handle) {
      // Right after a dispatch burst the statistics still say there are hardly any queued runs,
      // and the planner would sort every queued run to find the oldest few. Without sorting it
      // must walk the partial index in order and stop at the LIMIT, whatever the statistics say.
      handle.createQuery("SELECT set_config('enable_sort', 'off', true)").mapTo(String.class).one();
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
    public String rows(List<Column> columns, int count) {
      StringBuilder sql = new StringBuilder("(VALUES ");
      for (int r = 0; r < count; r++) {
        sql.append(r == 0 ? "(" : ", (");
        for (int c = 0; c < columns.size(); c++) {
          Column column = columns.get(c);
          String param = ":" + column.name() + r;
          // The first row's casts give the VALUES columns their types.
          sql.append(c == 0 ? "" : ", ").append(r == 0 ? "CAST(" + param + " AS " + column.type().sql + ")" : param);
        }
        sql.append(')');
      }
      return sql.append(") AS v (").append(columns.stream().map(Column::name).collect(Collectors.joining(", ")))
          .append(')').toString();
    }

    @Override
    public void bindRows(SqlStatement<?> statement, List<Column> columns, List<Object[]> rows) {
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < columns.size(); c++) {
          Column column = columns.get(c);
          Object value = rows.get(r)[c];
          String name = column.name() + r;
          switch (column.type()) {
            case BIGINT -> statement.bind(name, (Long) value);
            case TEXT -> statement.bind(name, (String) value);
            case TIMESTAMP -> statement.bind(name, StoreContext.instant((Instant) value));
            default -> throw new IllegalStateException("unknown column type " + column.type());
          }
        }
      }
    }

    @Override
    public String insertIgnoringExisting(String table, List<String> columns, List<String> keyColumns, String source) {
      return "MERGE INTO " + table + " AS target USING (" + source + ") AS source ON "
          + keyColumns.stream().map(k -> "target." + k + " = source." + k).collect(Collectors.joining(" AND "))
          + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", columns) + ") VALUES ("
          + columns.stream().map(c -> "source." + c).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String advanceNextRuns(String rowsSql) {
      return "MERGE INTO backup_schedules AS s USING (SELECT * FROM " + rowsSql + ") AS v "
          + "ON s.id = v.id AND s.tenant_id = v.tenant_id AND s.next_run_at IS NOT DISTINCT FROM v.expected "
          + "WHEN MATCHED THEN UPDATE SET next_run_at = v.next";
    }

    @Override
    public String candidateLocking(String alias) {
      return "";
    }

    @Override
    public void planForClaim(Handle handle) {
      // H2 walks the claim index in order on its own.
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
