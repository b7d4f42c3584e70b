package com.tenantpilot.scheduling.port;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A database notification for one user, e.g. the outcome of their "Run now".
 *
 * @param tenantId the tenant
 * @param userId the user to notify
 * @param type e.g. {@code backup_schedule.run_finished}
 * @param data small JSON-able values (run id, status, error code)
 * @param createdAt when it was created
 */
public record Notification(String tenantId, String userId, String type, Map<String, Object> data, Instant createdAt) {

  /** Checks and freezes. */
  public Notification {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdAt, "createdAt");
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
  }
}
