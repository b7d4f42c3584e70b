package com.tenantpilot.scheduling.service;

import com.tenantpilot.scheduling.SchedulingException;

/** Thrown when a schedule or run does not exist for the tenant asked for. */
public class NotFoundException extends SchedulingException {

  /** Creates the exception naming what was looked for. */
  public NotFoundException(String what, String tenantId, long id) {
    super(what + " " + id + " not found for tenant '" + tenantId + "'");
  }
}
