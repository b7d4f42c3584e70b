package com.tenantpilot.scheduling.jdbc;

import static com.tenantpilot.scheduling.jdbc.internal.StoreContext.instant;

import com.tenantpilot.scheduling.jdbc.internal.Rows;
import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import com.tenantpilot.scheduling.port.Notification;
import com.tenantpilot.scheduling.port.Notifier;
import java.util.List;
import java.util.Objects;

/**
 * {@link Notifier} that writes database notifications to table {@code notifications}: the
 * tenant, the user ({@code notifiable_id}), the type, the data as a JSON object, {@code read_at}
 * (NULL until the host's UI marks it read) and {@code created_at}. Thread-safe.
 */
public final class JdbiNotifier implements Notifier {

  private final StoreContext ctx;
  private final String insertSql;

  /** A notifier over {@code ctx}; see {@link JdbcScheduling} for the usual way to build one. */
  public JdbiNotifier(StoreContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.insertSql = "INSERT INTO notifications (tenant_id, notifiable_id, type, data, created_at) "
        + "VALUES (:tenant, :user, :type, " + ctx.dialect().json(":data") + ", :createdAt)";
  }

  @Override
  public void notify(Notification n) {
    String data = ctx.json().object(n.data(), "data of notification '" + n.type() + "'");
    ctx.withHandle("notify a user of tenant '" + n.tenantId() + "'", h -> h.createUpdate(insertSql)
        .bind("tenant", n.tenantId())
        .bind("user", n.userId())
        .bind("type", n.type())
        .bind("data", data)
        .bind("createdAt", instant(n.createdAt()))
        .execute());
  }

  /** The user's unread notifications in that tenant, newest first, at most {@code limit}. */
  public List<Notification> unread(String tenantId, String userId, int limit) {
    return ctx.withHandle("read the notifications of a user of tenant '" + tenantId + "'", h -> h
        .createQuery("SELECT tenant_id, notifiable_id, type, data, created_at FROM notifications "
            + "WHERE tenant_id = :tenant AND notifiable_id = :user AND read_at IS NULL "
            + "ORDER BY created_at DESC, id DESC LIMIT :limit")
        .bind("tenant", tenantId)
        .bind("user", userId)
        .bind("limit", limit)
        .map((rs, c) -> new Notification(rs.getString("tenant_id"), rs.getString("notifiable_id"), rs.getString("type"),
            ctx.json().parseObject(rs.getString("data")), Rows.instant(rs, "created_at")))
        .list());
  }
}
