package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.audit.AuditEvent;

/** Writes audit entries. Thread-safe. */
public interface AuditLog {

  /** Records one entry. */
  void record(AuditEvent event);
}
