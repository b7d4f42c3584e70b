package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.port.GraphClient;
import com.tenantpilot.scheduling.port.GraphException;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.PolicyFetch;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.PolicySync;
import com.tenantpilot.scheduling.port.SyncReport;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's default {@link PolicySync}: reads each type through the {@link GraphClient} and
 * replaces the tenant's inventory of that type in the {@link PolicyStore}. A failing type is
 * reported and does not stop the others; its inventory is left as it was.
 *
 * <p>Thread-safe if the ports are.
 */
public final class GraphPolicySync implements PolicySync {

  private static final Logger log = LoggerFactory.getLogger(GraphPolicySync.class);

  private final GraphClient graph;
  private final PolicyStore inventory;
  private final Clock clock;

  /** A sync over the given Graph client and inventory. */
  public GraphPolicySync(GraphClient graph, PolicyStore inventory, Clock clock) {
    this.graph = Objects.requireNonNull(graph, "graph");
    this.inventory = Objects.requireNonNull(inventory, "inventory");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public SyncReport sync(String tenantId, List<String> policyTypes) {
    Map<String, SyncReport.TypeSync> types = new LinkedHashMap<>();
    for (String type : policyTypes) {
      try {
        PolicyFetch fetch = graph.fetchPolicies(tenantId, type);
        inventory.replace(tenantId, type, fetch.policies(), clock.instant());
        types.put(type, SyncReport.TypeSync.ok(fetch.policies(), fetch.notes()));
      } catch (GraphException e) {
        log.warn("sync of {} for tenant {} failed: {}", type, tenantId, e.getMessage());
        types.put(type, SyncReport.TypeSync.failed(e.failure()));
      } catch (RuntimeException e) {
        log.error("sync of {} for tenant {} failed unexpectedly", type, tenantId, e);
        types.put(type, SyncReport.TypeSync.failed(GraphFailure.of(GraphFailure.Cause.OTHER, e.getClass().getSimpleName())));
      }
    }
    return new SyncReport(types);
  }
}
