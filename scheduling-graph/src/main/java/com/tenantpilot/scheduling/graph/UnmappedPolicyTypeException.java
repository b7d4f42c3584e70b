package com.tenantpilot.scheduling.graph;

import com.tenantpilot.scheduling.SchedulingException;
import java.util.List;
import java.util.Set;

/**
 * Thrown when a policy type key has no entry in the {@link PolicyTypeRegistry}: at startup, when
 * the host's supported catalog names keys the registry does not know, or when a key is read that
 * was never registered. The message names the unknown keys and the registry's keys. Its fields
 * are immutable.
 */
public class UnmappedPolicyTypeException extends SchedulingException {

  private final List<String> unknownKeys;
  private final Set<String> registryKeys;

  /** Creates the exception for the unknown keys, against the registry's keys. */
  public UnmappedPolicyTypeException(List<String> unknownKeys, Set<String> registryKeys) {
    super("Policy types " + unknownKeys + " have no Graph mapping in the policy type registry; "
        + "the registry knows " + registryKeys);
    this.unknownKeys = List.copyOf(unknownKeys);
    this.registryKeys = Set.copyOf(registryKeys);
  }

  /** The keys without a mapping, in the order they were asked for. */
  public List<String> unknownKeys() {
    return unknownKeys;
  }

  /** The keys the registry knows. */
  public Set<String> registryKeys() {
    return registryKeys;
  }
}
