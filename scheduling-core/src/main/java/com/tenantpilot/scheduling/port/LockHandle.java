package com.tenantpilot.scheduling.port;

/**
 * Proof of holding a lock; needed to renew or release it.
 *
 * @param key the lock key, e.g. {@code lock:backup_schedule:42}
 * @param owner who took it
 * @param token unique per acquisition, so a holder whose lock expired and was taken by someone
 *     else cannot renew or release the new holder's lock
 */
public record LockHandle(String key, String owner, String token) {}
