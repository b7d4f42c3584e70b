package com.tenantpilot.scheduling.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One entry of the {@link PolicyTypeRegistry}: where a policy type key lives in Graph and which
 * calls a complete snapshot of one of its policies takes.
 *
 * <p>A snapshot of a policy is built from: the policy object from the list (or, with {@code
 * itemGet}, from a GET of the item, for properties that Graph leaves out of lists such as {@code
 * scriptContent}); its assignments from {@code /{id}/assignments} unless {@code assignments} is
 * {@link AssignmentSource#NONE}; and every {@linkplain SubCollection sub-collection}, folded into
 * the policy object as a field of the same name.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key the catalog key, e.g. {@code deviceConfiguration}
 * @param path the collection path below the API version, e.g. {@code
 *     deviceManagement/deviceConfigurations}
 * @param apiVersion the Graph API version the collection is read from
 * @param listQuery an OData query for the list call without the leading {@code ?}, or {@code null}
 * @param itemGet whether each listed policy is read again with a GET of the item
 * @param assignments how assignments are read
 * @param assignmentsOptional whether a 403 or 404 on the assignments call only marks the snapshot
 *     incomplete instead of failing the type (403) or skipping the policy (404)
 * @param subCollections the sub-collections a complete snapshot needs, in call order
 */
public record PolicyType(
    String key,
    String path,
    ApiVersion apiVersion,
    String listQuery,
    boolean itemGet,
    AssignmentSource assignments,
    boolean assignmentsOptional,
    List<SubCollection> subCollections) {

  static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,99}");
  static final Pattern PATH = Pattern.compile("[A-Za-z][A-Za-z0-9]*(/[A-Za-z][A-Za-z0-9]*)*");
  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
  static final Pattern QUERY = Pattern.compile("[^\\s#?]+");

  /** Checks every field; a rejected value is named and quoted. */
  public PolicyType {
    require(key != null && KEY.matcher(key).matches(), "key", key,
        "must be a letter followed by letters, digits, '_', '.' or '-'");
    require(path != null && PATH.matcher(path).matches(), "path", path,
        "must be Graph path segments separated by '/', without a leading '/', query or id");
    require(apiVersion != null, "apiVersion", apiVersion, "must be set");
    require(listQuery == null || QUERY.matcher(listQuery).matches(), "listQuery", listQuery,
        "must be an OData query without '?', '#' or spaces");
    require(assignments != null, "assignments", assignments, "must be set");
    subCollections = List.copyOf(Objects.requireNonNull(subCollections, "subCollections"));
    Set<String> names = new HashSet<>();
    if (assignments != AssignmentSource.NONE) {
      names.add("assignments");
    }
    for (SubCollection sub : subCollections) {
      require(names.add(sub.name()), "subCollections", sub.name(),
          "must be unique within a policy and must not be 'assignments' when assignments are read");
    }
  }

  /** Starts a builder for {@code key} at {@code path}; defaults: beta, assignments by separate call. */
  public static Builder builder(String key, String path) {
    return new Builder(key, path);
  }

  /** Where the collection is read from: {@code /v1.0} or {@code /beta}. */
  public enum ApiVersion {
    /** The stable endpoint, {@code /v1.0}. */
    V1_0("v1.0"),
    /** The beta endpoint, {@code /beta}, where most Intune policy types are complete. */
    BETA("beta");

    private final String segment;

    ApiVersion(String segment) {
      this.segment = segment;
    }

    /** The URL segment, {@code v1.0} or {@code beta}. */
    public String segment() {
      return segment;
    }

    /** The version for a URL segment; rejects anything else, quoting it. */
    public static ApiVersion fromSegment(String segment) {
      for (ApiVersion v : values()) {
        if (v.segment.equals(segment)) {
          return v;
        }
      }
      throw new IllegalArgumentException("apiVersion must be 'v1.0' or 'beta', was '" + segment + "'");
    }
  }

  /** How a policy's assignments are read. */
  public enum AssignmentSource {
    /** A separate, paged call to {@code /{id}/assignments} (the default). */
    SEPARATE_CALL("separateCall"),
    /** The type has no assignments. */
    NONE("none");

    private final String jsonName;

    AssignmentSource(String jsonName) {
      this.jsonName = jsonName;
    }

    /** The name used in the registry file. */
    public String jsonName() {
      return jsonName;
    }

    /** The source for its registry-file name; rejects anything else, quoting it. */
    public static AssignmentSource fromJsonName(String name) {
      for (AssignmentSource s : values()) {
        if (s.jsonName.equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("assignments must be 'separateCall' or 'none', was '" + name + "'");
    }
  }

  /**
   * A collection below each policy (or below each element of a parent sub-collection) that a
   * complete snapshot needs, e.g. a settings catalog policy's {@code settings}. It is read with
   * every page and folded into its parent object as a field named {@code name}.
   *
   * <p>Immutable and thread-safe.
   *
   * @param name the field the entries are folded into
   * @param path the navigation path below the parent item, e.g. {@code settings}
   * @param query an OData query without the leading {@code ?}, e.g. {@code $expand=definition}, or
   *     {@code null}
   * @param optional whether a 403 or 404 only marks the snapshot incomplete instead of failing the
   *     type (403) or skipping the policy as deleted (404)
   * @param children sub-collections of each entry, e.g. a definition value's {@code
   *     presentationValues}
   */
  public record SubCollection(String name, String path, String query, boolean optional, List<SubCollection> children) {

    /** Checks every field; a rejected value is named and quoted. */
    public SubCollection {
      require(name != null && NAME.matcher(name).matches(), "name", name, "must be letters and digits");
      require(path != null && PATH.matcher(path).matches(), "path", path,
          "must be Graph path segments separated by '/', without a leading '/' or query");
      require(query == null || QUERY.matcher(query).matches(), "query", query,
          "must be an OData query without '?', '#' or spaces");
      children = List.copyOf(Objects.requireNonNull(children, "children"));
      Set<String> names = new HashSet<>();
      for (SubCollection child : children) {
        require(names.add(child.name()), "children", child.name(), "must have unique names");
      }
    }

    /** A required sub-collection read from {@code path} into the field {@code name}, without query. */
    public static SubCollection of(String name, String path) {
      return new SubCollection(name, path, null, false, List.of());
    }

    /** This sub-collection with an OData query. */
    public SubCollection withQuery(String newQuery) {
      return new SubCollection(name, path, newQuery, optional, children);
    }

    /** This sub-collection, marked optional. */
    public SubCollection asOptional() {
      return new SubCollection(name, path, query, true, children);
    }

    /** This sub-collection with the given children read below each of its entries. */
    public SubCollection withChildren(SubCollection... newChildren) {
      return new SubCollection(name, path, query, optional, List.of(newChildren));
    }
  }

  /** Builds a {@link PolicyType} in code. Not thread-safe. */
  public static final class Builder {
    private final String key;
    private final String path;
    private ApiVersion apiVersion = ApiVersion.BETA;
    private String listQuery;
    private boolean itemGet;
    private AssignmentSource assignments = AssignmentSource.SEPARATE_CALL;
    private boolean assignmentsOptional;
    private final List<SubCollection> subCollections = new ArrayList<>();

    private Builder(String key, String path) {
      this.key = key;
      this.path = path;
    }

    /** The API version (default beta). */
    public Builder apiVersion(ApiVersion value) {
      this.apiVersion = value;
      return this;
    }

    /** An OData query for the list call, without {@code ?}. */
    public Builder listQuery(String value) {
      this.listQuery = value;
      return this;
    }

    /** Whether each policy is read again with a GET of the item (default false). */
    public Builder itemGet(boolean value) {
      this.itemGet = value;
      return this;
    }

    /** How assignments are read (default a separate call). */
    public Builder assignments(AssignmentSource value) {
      this.assignments = value;
      return this;
    }

    /** Whether a 403/404 on the assignments call only marks the snapshot incomplete. */
    public Builder assignmentsOptional(boolean value) {
      this.assignmentsOptional = value;
      return this;
    }

    /** Adds a sub-collection. */
    public Builder subCollection(SubCollection value) {
      this.subCollections.add(Objects.requireNonNull(value, "subCollection"));
      return this;
    }

    /** The policy type; throws {@link IllegalArgumentException} naming a rejected field. */
    public PolicyType build() {
      return new PolicyType(key, path, apiVersion, listQuery, itemGet, assignments, assignmentsOptional, subCollections);
    }
  }

  static void require(boolean ok, String field, Object value, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(field + " " + rule + ", was '" + value + "'");
    }
  }
}
