package com.tenantpilot.scheduling.port;

/** Delivers notifications to users (a database notification in the JDBC adapter). Thread-safe. */
public interface Notifier {

  /** Delivers one notification. */
  void notify(Notification notification);
}
