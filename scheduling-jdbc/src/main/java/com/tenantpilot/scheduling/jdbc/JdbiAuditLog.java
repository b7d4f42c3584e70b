package com.tenantpilot.scheduling.jdbc;

import static com.tenantpilot.scheduling.jdbc.internal.StoreContext.instant;

import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.jdbc.internal.Rows;
import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import com.tenantpilot.scheduling.port.AuditLog;
import java.util.List;
import org.jdbi.v3.core.statement.PreparedBatch;
import java.util.Objects;

/**
 * {@link AuditLog} on table {@code audit_logs}: one row per event, the metadata as a JSON object
 * (jsonb on PostgreSQL, so hosts can query it). The core never puts credentials, tokens or
 * payloads into metadata; this class writes what it is given and logs nothing. Thread-safe.
 */
public final class JdbiAuditLog implements AuditLog {

  private final StoreContext ctx;
  private final String insertSql;

  /** An audit log over {@code ctx}; see {@link JdbcScheduling} for the usual way to build one. */
  public JdbiAuditLog(StoreContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.insertSql = "INSERT INTO audit_logs (tenant_id, action, actor, resource_type, resource_id, metadata, "
        + "occurred_at) VALUES (:tenant, :action, :actor, :resourceType, :resourceId, " + ctx.dialect().json(":metadata")
        + ", :occurredAt)";
  }

  @Override
  public void record(AuditEvent event) {
    String metadata = ctx.json().object(event.metadata(), "metadata of audit event '" + event.action() + "'");
    ctx.withHandle("record audit event '" + event.action() + "' of tenant '" + event.tenantId() + "'", h -> h
        .createUpdate(insertSql)
        .bind("tenant", event.tenantId())
        .bind("action", event.action())
        .bind("actor", event.actor())
        .bind("resourceType", event.resourceType())
        .bind("resourceId", event.resourceId())
        .bind("metadata", metadata)
        .bind("occurredAt", instant(event.occurredAt()))
        .execute());
  }

  /** Writes the events as one JDBC batch in one transaction (the dispatcher's per-tenant entries). */
  @Override
  public void recordAll(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    ctx.inTransaction("record " + events.size() + " audit events", h -> {
      PreparedBatch batch = h.prepareBatch(insertSql);
      for (AuditEvent event : events) {
        batch.bind("tenant", event.tenantId())
            .bind("action", event.action())
            .bind("actor", event.actor())
            .bind("resourceType", event.resourceType())
            .bind("resourceId", event.resourceId())
            .bind("metadata", ctx.json().object(event.metadata(), "metadata of audit event '" + event.action() + "'"))
            .bind("occurredAt", instant(event.occurredAt()))
            .add();
      }
      return batch.execute();
    });
  }

  /** The tenant's newest events, newest first, at most {@code limit}. */
  public List<AuditEvent> recent(String tenantId, int limit) {
    return ctx.withHandle("read the audit log of tenant '" + tenantId + "'", h -> h
        .createQuery("SELECT tenant_id, action, actor, resource_type, resource_id, metadata, occurred_at "
            + "FROM audit_logs WHERE tenant_id = :tenant ORDER BY occurred_at DESC, id DESC LIMIT :limit")
        .bind("tenant", tenantId)
        .bind("limit", limit)
        .map((rs, c) -> new AuditEvent(rs.getString("tenant_id"), rs.getString("action"), rs.getString("actor"),
            rs.getString("resource_type"), rs.getString("resource_id"), Rows.instant(rs, "occurred_at"),
            ctx.json().parseObject(rs.getString("metadata"))))
        .list());
  }
}
