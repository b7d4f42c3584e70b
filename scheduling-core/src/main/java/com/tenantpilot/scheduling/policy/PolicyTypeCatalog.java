package com.tenantpilot.scheduling.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The policy type keys this host supports (host configuration, e.g.
 * {@code tenantpilot.supported-policy-types}), such as {@code deviceConfiguration}.
 *
 * <p>The core never knows a Graph URL: a key is an opaque name that the Graph adapter maps to its
 * resource. Save time rejects unknown keys; run time {@linkplain #split splits} a schedule's keys
 * into known and unknown, because stored rows may predate a catalog change.
 *
 * <p>Immutable and thread-safe.
 */
public final class PolicyTypeCatalog {

  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");

  private final Set<String> keys;

  private PolicyTypeCatalog(Set<String> keys) {
    this.keys = keys;
  }

  /**
   * A catalog of the given keys, in the given order.
   *
   * @throws IllegalArgumentException if the list is empty or a key is blank or malformed
   */
  public static PolicyTypeCatalog of(Collection<String> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("supportedPolicyTypes must not be empty, was '[]'");
    }
    Set<String> copy = new LinkedHashSet<>();
    for (String key : keys) {
      if (key == null || !KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("supportedPolicyTypes entry must be a letter followed by letters, digits, '_', '.' or '-', was '" + key + "'");
      }
      copy.add(key);
    }
    return new PolicyTypeCatalog(Collections.unmodifiableSet(copy));
  }

  /** A catalog of the given keys. */
  public static PolicyTypeCatalog of(String... keys) {
    return of(List.of(keys));
  }

  /** The supported keys, in configuration order. */
  public Set<String> keys() {
    return keys;
  }

  /** Whether {@code key} is supported. */
  public boolean supports(String key) {
    return key != null && keys.contains(key);
  }

  /** Splits a schedule's stored keys into supported and unsupported ones, keeping their order. */
  public Split split(List<String> policyTypes) {
    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String key : new LinkedHashSet<>(policyTypes)) {
      (supports(key) ? known : unknown).add(key);
    }
    return new Split(List.copyOf(known), List.copyOf(unknown));
  }

  /**
   * A schedule's policy types at run time.
   *
   * @param known the keys this host can back up
   * @param unknown the keys it cannot (legacy rows, or a type removed from the catalog)
   */
  public record Split(List<String> known, List<String> unknown) {}

  @Override
  public String toString() {
    return "PolicyTypeCatalog" + keys;
  }
}
