package com.tenantpilot.scheduling.jdbc;

import static com.tenantpilot.scheduling.jdbc.internal.StoreContext.instant;

import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import com.tenantpilot.scheduling.jdbc.internal.Dialect;
import com.tenantpilot.scheduling.jdbc.internal.Rows;
import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import com.tenantpilot.scheduling.port.BackupSetStore;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link BackupSetStore} on tables {@code backup_sets} and {@code backup_items}.
 *
 * <p>A set and its items are written in one transaction (the items as JDBC batches), so a crash
 * leaves either the whole set or nothing. Payloads are stored with their exact text
 * ({@code json} on PostgreSQL, which validates without normalising; a CLOB on H2). Soft-delete
 * is one {@code UPDATE}. Items carry the tenant and reference their set by {@code (id, tenant_id)},
 * so an item can never belong to another tenant's set.
 *
 * <p>Thread-safe.
 */
public final class JdbiBackupSetStore implements BackupSetStore {

  private static final String SELECT = "SELECT " + Rows.BACKUP_SET_COLUMNS + " FROM backup_sets ";

  private final StoreContext ctx;
  private final String insertSetSql;
  private final String insertItemSql;

  /** A store over {@code ctx}; see {@link JdbcScheduling} for the usual way to build one. */
  public JdbiBackupSetStore(StoreContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    Dialect d = ctx.dialect();
    this.insertSetSql = d.returning("INSERT INTO backup_sets (tenant_id, schedule_id, run_id, name, item_count, "
        + "counts_by_type, created_at) VALUES (:tenant, :schedule, :run, :name, :count, " + d.json(":counts")
        + ", :createdAt)", "id");
    this.insertItemSql = "INSERT INTO backup_items (backup_set_id, tenant_id, policy_type, policy_id, display_name, "
        + "payload, is_complete) VALUES (:set, :tenant, :type, :policyId, :displayName, " + d.jsonDocument(":payload")
        + ", :complete)";
  }

  @Override
  public BackupSet create(NewBackupSet set) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (BackupItem item : set.items()) {
      counts.merge(item.policyType(), 1, Integer::sum);
    }
    return ctx.inTransaction("create a backup set of " + set.items().size() + " items for tenant '" + set.tenantId() + "'", h -> {
      long id = h.createQuery(insertSetSql)
          .bind("tenant", set.tenantId())
          .bind("schedule", set.scheduleId())
          .bind("run", set.runId())
          .bind("name", set.name())
          .bind("count", set.items().size())
          .bind("counts", ctx.json().counts(counts))
          .bind("createdAt", instant(set.createdAt()))
          .mapTo(Long.class)
          .one();
      List<BackupItem> items = set.items();
      for (int from = 0; from < items.size(); from += ctx.batchSize()) {
        PreparedBatch batch = h.prepareBatch(insertItemSql);
        for (BackupItem item : items.subList(from, Math.min(items.size(), from + ctx.batchSize()))) {
          batch.bind("set", id)
              .bind("tenant", set.tenantId())
              .bind("type", item.policyType())
              .bind("policyId", item.policyId())
              .bind("displayName", item.displayName())
              .bind("payload", item.payloadJson())
              .bind("complete", item.complete())
              .add();
        }
        batch.execute();
      }
      return new BackupSet(id, set.tenantId(), set.scheduleId(), set.runId(), set.name(), items.size(), counts,
          StoreContext.truncate(set.createdAt()), null);
    });
  }

  @Override
  public Optional<BackupSet> find(String tenantId, long backupSetId) {
    return ctx.withHandle("find backup set " + backupSetId + " of tenant '" + tenantId + "'", h -> h
        .createQuery(SELECT + "WHERE id = :id AND tenant_id = :tenant")
        .bind("id", backupSetId)
        .bind("tenant", tenantId)
        .map(ctx.rows().backupSet())
        .findOne());
  }

  @Override
  public List<BackupItem> items(String tenantId, long backupSetId) {
    return ctx.withHandle("read the items of backup set " + backupSetId + " of tenant '" + tenantId + "'", h -> h
        .createQuery("SELECT policy_type, policy_id, display_name, payload, is_complete FROM backup_items "
            + "WHERE backup_set_id = :set AND tenant_id = :tenant ORDER BY id")
        .bind("set", backupSetId)
        .bind("tenant", tenantId)
        .map(ctx.rows().backupItem())
        .list());
  }

  @Override
  public List<BackupSet> listLive(String tenantId, long scheduleId) {
    return ctx.withHandle("list the live backup sets of schedule " + scheduleId + " of tenant '" + tenantId + "'", h -> h
        .createQuery(SELECT + "WHERE tenant_id = :tenant AND schedule_id = :schedule AND deleted_at IS NULL "
            + "ORDER BY created_at DESC, id DESC")
        .bind("tenant", tenantId)
        .bind("schedule", scheduleId)
        .map(ctx.rows().backupSet())
        .list());
  }

  @Override
  public int softDelete(String tenantId, long scheduleId, Collection<Long> ids, Instant deletedAt) {
    Objects.requireNonNull(deletedAt, "deletedAt");
    if (ids.isEmpty()) {
      return 0;
    }
    return ctx.withHandle("soft-delete " + ids.size() + " backup sets of schedule " + scheduleId + " of tenant '" + tenantId
        + "'", h -> h.createUpdate("UPDATE backup_sets SET deleted_at = :at WHERE tenant_id = :tenant "
            + "AND schedule_id = :schedule AND deleted_at IS NULL AND id IN (<ids>)")
        .bind("at", instant(deletedAt))
        .bind("tenant", tenantId)
        .bind("schedule", scheduleId)
        .bindList("ids", List.copyOf(ids))
        .execute());
  }
}
