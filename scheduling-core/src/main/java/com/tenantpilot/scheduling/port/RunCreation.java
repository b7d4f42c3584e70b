package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.run.Run;

/**
 * The result of an insert-if-absent.
 *
 * @param run the run now stored for the slot: the new one, or the one that was already there
 * @param created whether this call created it
 */
public record RunCreation(Run run, boolean created) {}
