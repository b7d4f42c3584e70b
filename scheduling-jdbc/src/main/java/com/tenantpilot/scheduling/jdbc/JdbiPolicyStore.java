package com.tenantpilot.scheduling.jdbc;

import static com.tenantpilot.scheduling.jdbc.internal.StoreContext.instant;

import com.tenantpilot.scheduling.jdbc.internal.Dialect;
import com.tenantpilot.scheduling.jdbc.internal.StoreContext;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.port.PolicyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * {@link PolicyStore} on table {@code policies}: one row per {@code (tenant_id, policy_type,
 * policy_id)}. {@link #replace} deletes the tenant's rows of that type and inserts the new ones
 * in one transaction. {@link #list} orders by policy id in Java ({@link String#compareTo}), so the
 * order does not depend on the database's collation. Thread-safe.
 */
public final class JdbiPolicyStore implements PolicyStore {

  private final StoreContext ctx;
  private final String insertSql;

  /** A store over {@code ctx}; see {@link JdbcScheduling} for the usual way to build one. */
  public JdbiPolicyStore(StoreContext ctx) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    Dialect d = ctx.dialect();
    this.insertSql = "INSERT INTO policies (tenant_id, policy_type, policy_id, display_name, odata_type, payload, "
        + "is_complete, notes, synced_at) VALUES (:tenant, :type, :policyId, :displayName, :odataType, "
        + d.jsonDocument(":payload") + ", :complete, " + d.json(":notes") + ", :syncedAt)";
  }

  @Override
  public void replace(String tenantId, String policyType, List<PolicySnapshot> policies, Instant syncedAt) {
    Objects.requireNonNull(syncedAt, "syncedAt");
    ctx.inTransaction("replace " + policies.size() + " policies of type '" + policyType + "' of tenant '" + tenantId + "'", h -> {
      h.createUpdate("DELETE FROM policies WHERE tenant_id = :tenant AND policy_type = :type")
          .bind("tenant", tenantId)
          .bind("type", policyType)
          .execute();
      for (int from = 0; from < policies.size(); from += ctx.batchSize()) {
        PreparedBatch batch = h.prepareBatch(insertSql);
        for (PolicySnapshot p : policies.subList(from, Math.min(policies.size(), from + ctx.batchSize()))) {
          batch.bind("tenant", tenantId)
              .bind("type", policyType)
              .bind("policyId", p.policyId())
              .bind("displayName", p.displayName())
              .bind("odataType", p.odataType())
              .bind("payload", p.payloadJson())
              .bind("complete", p.complete())
              .bind("notes", ctx.json().strings(p.notes()))
              .bind("syncedAt", instant(syncedAt))
              .add();
        }
        batch.execute();
      }
      return null;
    });
  }

  @Override
  public List<PolicySnapshot> list(String tenantId, String policyType) {
    List<PolicySnapshot> policies = new ArrayList<>(ctx.withHandle("list policies of type '" + policyType + "' of tenant '"
        + tenantId + "'", h -> h.createQuery("SELECT policy_type, policy_id, display_name, odata_type, payload, "
            + "is_complete, notes FROM policies WHERE tenant_id = :tenant AND policy_type = :type")
        .bind("tenant", tenantId)
        .bind("type", policyType)
        .map(ctx.rows().policy())
        .list()));
    policies.sort(Comparator.comparing(PolicySnapshot::policyId));
    return List.copyOf(policies);
  }
}
