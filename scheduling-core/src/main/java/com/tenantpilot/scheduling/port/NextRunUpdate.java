package com.tenantpilot.scheduling.port;

import java.time.Instant;

/**
 * Moves a schedule's {@code nextRunAt} forward, if it still holds the value the dispatcher read
 * (compare-and-set, so two dispatchers of the same minute agree).
 *
 * @param tenantId the schedule's tenant
 * @param scheduleId the schedule
 * @param expected the {@code nextRunAt} the dispatcher read
 * @param next the new {@code nextRunAt}
 */
public record NextRunUpdate(String tenantId, long scheduleId, Instant expected, Instant next) {}
