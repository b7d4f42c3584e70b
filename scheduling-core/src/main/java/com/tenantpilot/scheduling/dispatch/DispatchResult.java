package com.tenantpilot.scheduling.dispatch;

import java.time.Instant;

/**
 * What one dispatch cycle did.
 *
 * @param now the cycle's instant
 * @param due schedules found due
 * @param created runs this cycle created (QUEUED, or SKIPPED for a missed slot)
 * @param alreadyPresent slots that already had a run (another node, or an earlier cycle, created it)
 * @param missed due slots that were past the misfire grace (recorded as MISSED_SLOT, not run)
 * @param invalid stored schedules that could not be read and were skipped
 */
public record DispatchResult(Instant now, int due, int created, int alreadyPresent, int missed, int invalid) {}
