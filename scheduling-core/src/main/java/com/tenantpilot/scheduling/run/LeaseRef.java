package com.tenantpilot.scheduling.run;

/**
 * What a worker must present to write to a claimed run: the run and the fencing token it was
 * claimed with. A write with a stale token changes nothing.
 *
 * @param tenantId the run's tenant
 * @param runId the run
 * @param token the fencing token of the claim
 */
public record LeaseRef(String tenantId, long runId, long token) {}
