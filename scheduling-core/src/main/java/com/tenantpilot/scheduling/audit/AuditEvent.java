package com.tenantpilot.scheduling.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit entry. Metadata is a small map of counts, codes and ids; it never holds credentials,
 * tokens or policy payloads.
 *
 * @param tenantId the tenant, or {@code system} for cross-tenant events such as a dispatch cycle
 * @param action the stored action name ({@link AuditAction#key()})
 * @param actor a user id, or {@code system}
 * @param resourceType {@code backup_schedule}, {@code backup_schedule_run} or {@code backup_set}
 * @param resourceId the resource's id as text, or {@code null}
 * @param occurredAt when it happened
 * @param metadata small JSON-able values (strings, numbers, booleans, lists of those)
 */
public record AuditEvent(
    String tenantId,
    String action,
    String actor,
    String resourceType,
    String resourceId,
    Instant occurredAt,
    Map<String, Object> metadata) {

  /** The actor name for the library itself. */
  public static final String SYSTEM = "system";

  /** Checks and freezes, keeping the metadata order. */
  public AuditEvent {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(occurredAt, "occurredAt");
    metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
