package com.tenantpilot.scheduling.graph.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tenantpilot.scheduling.graph.PolicyType;
import com.tenantpilot.scheduling.graph.PolicyType.AssignmentSource;
import com.tenantpilot.scheduling.graph.PolicyType.SubCollection;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.port.GraphException;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.GraphFailure.Cause;
import com.tenantpilot.scheduling.port.PolicyFetch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every policy of one type of one tenant into {@link PolicySnapshot}s: the algorithm behind
 * {@code SdkGraphClient}, independent of how a request is sent.
 *
 * <p>For a type it lists the collection, following every {@code @odata.nextLink}; then for each
 * policy it optionally GETs the item, reads its assignments and every sub-collection of the
 * registry entry (each with all pages, children below each entry), and folds them into the policy
 * object as fields of the same name. Each HTTP try is made once, through the {@link Transport}:
 * there are no retries here.
 *
 * <p>Failures: a non-2xx on the list, or on any required part, fails the type with a {@link
 * GraphException} carrying the status and Graph's facts; except a 404 on a per-policy call, which
 * means the policy was deleted after it was listed: it is skipped and noted. A 403 or 404 on an
 * optional part marks the snapshot incomplete, with a note. Paging is guarded twice: a nextLink
 * seen before in the same walk (a loop), or one that leaves the service root, is a malformed
 * response; more than {@code maxPages} pages in one walk is an error. No page size is assumed.
 *
 * <p>Not thread-safe: one reader serves one fetch.
 */
public final class PolicyReader {

  private static final Logger log = LoggerFactory.getLogger(PolicyReader.class);
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Sends one GET, once. Implementations are thread-safe. */
  @FunctionalInterface
  public interface Transport {
    /**
     * Sends a GET to {@code url} once and returns whatever status came back.
     *
     * @throws GraphException when no response arrived (timeout, broken connection)
     */
    Reply get(HttpUrl url);
  }

  /**
   * One HTTP response. Immutable apart from the body array, which nobody writes to.
   *
   * @param status the HTTP status
   * @param header looks a header up by name, case-insensitively; {@code null} when absent
   * @param body the body bytes
   */
  public record Reply(int status, Function<String, String> header, byte[] body) {
    /** Checks. */
    public Reply {
      Objects.requireNonNull(header, "header");
      body = body == null ? new byte[0] : body;
    }
  }

  private final Transport transport;
  private final HttpUrl serviceRoot;
  private final Clock clock;
  private final int maxPages;
  private final String tenantId;
  private int requests;
  private final List<String> notes = new ArrayList<>();

  /**
   * A reader for one fetch.
   *
   * @param serviceRoot the tenant's service root (no API version), e.g. {@code https://graph.microsoft.com}
   */
  public PolicyReader(Transport transport, HttpUrl serviceRoot, String tenantId, Clock clock, int maxPages) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.serviceRoot = Objects.requireNonNull(serviceRoot, "serviceRoot");
    this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxPages = maxPages;
  }

  /** Reads every policy of {@code type}. */
  public PolicyFetch read(PolicyType type) {
    HttpUrl collection = serviceRoot.newBuilder()
        .addPathSegment(type.apiVersion().segment())
        .addPathSegments(type.path())
        .build();
    List<ObjectNode> listed = readCollection(withQuery(collection, type.listQuery()));
    List<PolicySnapshot> snapshots = new ArrayList<>(listed.size());
    for (ObjectNode entry : listed) {
      String id = text(entry, "id");
      if (id == null || id.isBlank()) {
        throw malformedEntry(collection, "a listed policy has no 'id'");
      }
      try {
        snapshots.add(readPolicy(type, collection, entry, id));
      } catch (PolicyGone gone) {
        String note = type.key() + " policy " + id + " skipped: it was deleted while the backup read it (HTTP 404 on "
            + gone.part + ")";
        log.info("tenant {}: {}", tenantId, note);
        notes.add(note);
      }
    }
    return new PolicyFetch(snapshots, requests, notes);
  }

  /** How many HTTP requests this reader made so far. */
  public int requests() {
    return requests;
  }

  private PolicySnapshot readPolicy(PolicyType type, HttpUrl collection, ObjectNode entry, String id) {
    HttpUrl item = collection.newBuilder().addPathSegment(id).build();
    List<String> itemNotes = new ArrayList<>();
    ObjectNode doc;
    if (type.itemGet()) {
      try {
        doc = readObject(item);
      } catch (GraphException e) {
        if (e.failure().httpStatus() == 404) {
          throw new PolicyGone("the item GET");
        }
        throw e;
      }
    } else {
      doc = entry.deepCopy();
    }
    boolean[] complete = {true};
    if (type.assignments() == AssignmentSource.SEPARATE_CALL) {
      SubCollection assignments = new SubCollection("assignments", "assignments", null, type.assignmentsOptional(), List.of());
      readPart(doc, item, assignments, "assignments", itemNotes, complete);
    }
    for (SubCollection sub : type.subCollections()) {
      readPart(doc, item, sub, sub.name(), itemNotes, complete);
    }
    String displayName = text(doc, "displayName") != null ? text(doc, "displayName") : text(doc, "name");
    String payload;
    try {
      payload = JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise the snapshot of " + type.key() + " policy " + id, e);
    }
    return new PolicySnapshot(type.key(), id, displayName, text(doc, "@odata.type"), payload, complete[0], itemNotes);
  }

  /** Reads one sub-collection (all pages, children below each entry) into {@code parent[sub.name]}. */
  private void readPart(ObjectNode parent, HttpUrl parentUrl, SubCollection sub, String label, List<String> itemNotes,
      boolean[] complete) {
    HttpUrl base = parentUrl.newBuilder().addPathSegments(sub.path()).build();
    List<ObjectNode> entries;
    try {
      entries = readCollection(withQuery(base, sub.query()));
    } catch (GraphException e) {
      int status = e.failure().httpStatus();
      if (sub.optional() && (status == 403 || status == 404)) {
        complete[0] = false;
        String note = label + " not read: HTTP " + status + describe(e.failure()) + "; the snapshot is incomplete";
        log.info("tenant {}: {} of {}", tenantId, note, parentUrl.encodedPath());
        itemNotes.add(note);
        return;
      }
      if (status == 404) {
        throw new PolicyGone(label);
      }
      throw e;
    }
    ArrayNode array = parent.putArray(sub.name());
    for (ObjectNode element : entries) {
      String elementId = text(element, "id");
      for (SubCollection child : sub.children()) {
        if (elementId == null || elementId.isBlank()) {
          throw malformedEntry(base, "an entry of " + label + " has no 'id', so its " + child.name() + " cannot be read");
        }
        HttpUrl elementUrl = base.newBuilder().addPathSegment(elementId).build();
        readPart(element, elementUrl, child, label + "[" + elementId + "]." + child.name(), itemNotes, complete);
      }
      array.add(element);
    }
  }

  /** Reads every page of a collection. */
  private List<ObjectNode> readCollection(HttpUrl first) {
    List<ObjectNode> result = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    HttpUrl next = first;
    int pages = 0;
    while (next != null) {
      if (!seen.add(next.toString())) {
        throw new GraphException(new GraphFailure(200, Cause.MALFORMED_RESPONSE, null, null, null, null,
            "@odata.nextLink loop: a page links to " + next.encodedPath() + " again"));
      }
      if (++pages > maxPages) {
        throw new GraphException(GraphFailure.of(Cause.OTHER,
            "more than maxPages=" + maxPages + " pages in " + first.encodedPath()));
      }
      ObjectNode page = readObject(next);
      JsonNode value = page.get("value");
      if (value == null || !value.isArray()) {
        throw malformedEntry(next, "a collection page has no 'value' array");
      }
      for (JsonNode element : value) {
        if (!element.isObject()) {
          throw malformedEntry(next, "a collection entry is not a JSON object");
        }
        result.add((ObjectNode) element);
      }
      next = nextLink(page, next);
    }
    return result;
  }

  private HttpUrl nextLink(ObjectNode page, HttpUrl current) {
    JsonNode link = page.get("@odata.nextLink");
    if (link == null || link.isNull()) {
      return null;
    }
    HttpUrl url = link.isTextual() ? HttpUrl.parse(link.asText()) : null;
    if (url == null) {
      throw malformedEntry(current, "@odata.nextLink is not an absolute URL");
    }
    if (!url.scheme().equals(serviceRoot.scheme()) || !url.host().equals(serviceRoot.host())
        || url.port() != serviceRoot.port()) {
      throw malformedEntry(current, "@odata.nextLink leaves the service root (host " + url.host() + ")");
    }
    return url;
  }

  /** One GET whose 2xx body must be a JSON object. */
  private ObjectNode readObject(HttpUrl url) {
    requests++;
    Reply reply = transport.get(url);
    if (reply.status() < 200 || reply.status() > 299) {
      throw new GraphException(GraphFailures.fromResponse(reply.status(), reply.header(), reply.body(), clock.instant()));
    }
    JsonNode node;
    try {
      node = JSON.readTree(new String(reply.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new GraphException(GraphFailures.malformed(reply.status(), reply.header(),
          "the body of " + url.encodedPath() + " is not valid JSON"), e);
    }
    if (node == null || !node.isObject()) {
      throw new GraphException(GraphFailures.malformed(reply.status(), reply.header(),
          "the body of " + url.encodedPath() + " is not a JSON object"));
    }
    return (ObjectNode) node;
  }

  private static GraphException malformedEntry(HttpUrl url, String what) {
    return new GraphException(new GraphFailure(200, Cause.MALFORMED_RESPONSE, null, null, null, null,
        what + " (" + url.encodedPath() + ")"));
  }

  private static HttpUrl withQuery(HttpUrl url, String query) {
    return query == null ? url : url.newBuilder().encodedQuery(query).build();
  }

  private static String describe(GraphFailure f) {
    StringBuilder s = new StringBuilder();
    if (f.graphErrorCode() != null) {
      s.append(' ').append(f.graphErrorCode());
    }
    if (f.requestId() != null) {
      s.append(" request-id=").append(f.requestId());
    }
    return s.toString();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  /** The policy disappeared between listing and reading; carries which call said so. */
  private static final class PolicyGone extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String part;

    PolicyGone(String part) {
      super(part, null, false, false);
      this.part = part;
    }
  }
}
