package com.tenantpilot.scheduling.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantpilot.scheduling.graph.PolicyType.ApiVersion;
import com.tenantpilot.scheduling.graph.PolicyType.AssignmentSource;
import com.tenantpilot.scheduling.graph.PolicyType.SubCollection;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy type registry: the single place where a policy type key meets a Graph path.
 *
 * <p>The registry is data: {@link #defaults()} reads the bundled {@code
 * com/tenantpilot/scheduling/graph/policy-types.json}; {@link #fromJson} reads a host's own file in
 * the same format; {@link #builder()} builds one in code. At startup, {@link #requireAll} checks
 * that every key of the host's supported catalog has a mapping.
 *
 * <p>Immutable and thread-safe.
 */
public final class PolicyTypeRegistry {

  /** The classpath location of the bundled registry file. */
  public static final String DEFAULT_RESOURCE = "/com/tenantpilot/scheduling/graph/policy-types.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, PolicyType> types;

  private PolicyTypeRegistry(Map<String, PolicyType> types) {
    this.types = Collections.unmodifiableMap(types);
  }

  /** The bundled registry of Intune policy types (all read from beta). */
  public static PolicyTypeRegistry defaults() {
    try (InputStream in = PolicyTypeRegistry.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The bundled registry " + DEFAULT_RESOURCE + " is missing from the classpath");
      }
      return fromJson(in, DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /**
   * Reads a registry file (format of the bundled {@code policy-types.json}).
   *
   * @param source a name for the file in error messages
   * @throws IllegalArgumentException naming the file, the entry and the rejected field and value
   */
  public static PolicyTypeRegistry fromJson(InputStream json, String source) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.path("types").isArray()) {
      throw new IllegalArgumentException(source + " must be an object with a 'types' array");
    }
    Builder builder = builder();
    int index = 0;
    for (JsonNode entry : root.get("types")) {
      String where = source + " types[" + index++ + "]";
      try {
        builder.add(readType(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  /** Starts an empty registry builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The registered keys, in registration order. */
  public Set<String> keys() {
    return types.keySet();
  }

  /** The registered types, in registration order. */
  public List<PolicyType> types() {
    return List.copyOf(types.values());
  }

  /** The mapping for {@code key}, if registered. */
  public Optional<PolicyType> find(String key) {
    return Optional.ofNullable(types.get(key));
  }

  /**
   * The mapping for {@code key}.
   *
   * @throws UnmappedPolicyTypeException if {@code key} is not registered
   */
  public PolicyType get(String key) {
    PolicyType type = types.get(key);
    if (type == null) {
      throw new UnmappedPolicyTypeException(List.of(String.valueOf(key)), keys());
    }
    return type;
  }

  /**
   * The startup check: every key of the host's supported catalog must be registered.
   *
   * @throws UnmappedPolicyTypeException naming the unknown keys and the registry's keys
   */
  public void requireAll(PolicyTypeCatalog catalog) {
    List<String> unknown = new ArrayList<>();
    for (String key : catalog.keys()) {
      if (!types.containsKey(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new UnmappedPolicyTypeException(unknown, keys());
    }
  }

  @Override
  public String toString() {
    return "PolicyTypeRegistry" + keys();
  }

  private static PolicyType readType(JsonNode entry) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException("entry must be an object, was '" + entry + "'");
    }
    rejectUnknownFields(entry, Set.of("key", "path", "apiVersion", "listQuery", "itemGet", "assignments",
        "assignmentsOptional", "subCollections"));
    PolicyType.Builder type = PolicyType.builder(text(entry, "key"), text(entry, "path"))
        .apiVersion(entry.has("apiVersion") ? ApiVersion.fromSegment(text(entry, "apiVersion")) : ApiVersion.BETA)
        .listQuery(text(entry, "listQuery"))
        .itemGet(bool(entry, "itemGet"))
        .assignments(entry.has("assignments")
            ? AssignmentSource.fromJsonName(text(entry, "assignments")) : AssignmentSource.SEPARATE_CALL)
        .assignmentsOptional(bool(entry, "assignmentsOptional"));
    for (SubCollection sub : readSubs(entry, "subCollections")) {
      type.subCollection(sub);
    }
    return type.build();
  }

  private static List<SubCollection> readSubs(JsonNode parent, String field) {
    JsonNode array = parent.get(field);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(field + " must be an array, was '" + array + "'");
    }
    List<SubCollection> subs = new ArrayList<>();
    for (JsonNode node : array) {
      if (!node.isObject()) {
        throw new IllegalArgumentException(field + " entry must be an object, was '" + node + "'");
      }
      rejectUnknownFields(node, Set.of("name", "path", "query", "optional", "children"));
      subs.add(new SubCollection(text(node, "name"), text(node, "path"), text(node, "query"),
          bool(node, "optional"), readSubs(node, "children")));
    }
    return subs;
  }

  private static void rejectUnknownFields(JsonNode node, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!allowed.contains(name) && !name.startsWith("_")) {
        throw new IllegalArgumentException("field '" + name + "' is unknown; allowed are " + allowed);
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, was '" + value + "'");
    }
    return value.asText();
  }

  private static boolean bool(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new IllegalArgumentException(field + " must be true or false, was '" + value + "'");
    }
    return value.asBoolean();
  }

  /** Builds a registry in code. Not thread-safe. */
  public static final class Builder {
    private final Map<String, PolicyType> types = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a type; a key registered twice is rejected, quoting it. */
    public Builder add(PolicyType type) {
      Objects.requireNonNull(type, "type");
      if (types.putIfAbsent(type.key(), type) != null) {
        throw new IllegalArgumentException("key must be registered once, was '" + type.key() + "' twice");
      }
      return this;
    }

    /** Adds every type of another registry. */
    public Builder addAll(PolicyTypeRegistry other) {
      other.types().forEach(this::add);
      return this;
    }

    /** The registry; an empty one is rejected. */
    public PolicyTypeRegistry build() {
      if (types.isEmpty()) {
        throw new IllegalArgumentException("types must not be empty, was '[]'");
      }
      return new PolicyTypeRegistry(new LinkedHashMap<>(types));
    }
  }
}
