package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.audit.AuditEvent;

/** Writes audit entries. Thread-safe. */
public interface AuditLog {

  /** Records one entry. */
  void record(AuditEvent event);

  /**
   * Records several entries; adapters may write them in one batch. The default records them one
   * by one.
   */
  default void recordAll(java.util.List<AuditEvent> events) {
    for (AuditEvent event : events) {
      record(event);
    }
  }
}
