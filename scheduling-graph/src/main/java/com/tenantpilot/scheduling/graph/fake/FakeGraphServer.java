package com.tenantpilot.scheduling.graph.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.tenantpilot.scheduling.graph.PolicyTypeRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Microsoft Graph for demos and tests: a JDK {@link HttpServer} on 127.0.0.1 with an
 * ephemeral port, serving synthetic Intune tenants for every type of a {@link PolicyTypeRegistry}.
 *
 * <p><b>What it serves.</b> For each registered type: a few policies (bodies modelled on the Graph
 * docs' samples, with {@code @odata.type}), each with assignments and every sub-collection of the
 * registry entry; every collection is paged with {@code @odata.nextLink} ({@code $skiptoken}) at a
 * configurable page size; item GETs answer with the full object (types with {@code itemGet} leave
 * properties such as {@code scriptContent} out of their lists, as Graph does). Both {@code /beta}
 * and {@code /v1.0} serve the same data; unknown paths answer 404 with an Intune error body.
 *
 * <p><b>Tenants.</b> A path may start with a tenant segment: {@code /{tenant}/beta/...} serves that
 * tenant's own data (ids differ per tenant); a path that starts with the API version serves the
 * tenant {@code default}. Point {@code SdkGraphClient} at {@link #serviceRootPerTenant()} ({@code
 * http://127.0.0.1:PORT/{tenantId}}) to give every tenant its own data, or at {@link
 * #serviceRoot()} to share one. The server never checks credentials; it counts requests that
 * carried an Authorization header ({@link #requestsWithAuthorization()}).
 *
 * <p><b>Faults and counters.</b> {@link #faults()} injects 429/503/504/401/403/404, malformed JSON,
 * slow responses and dropped connections per path pattern; {@link #requestCount(String)} and
 * {@link #totalRequests()} count what arrived, so tests can prove that nothing retried.
 *
 * <pre>{@code
 * try (FakeGraphServer server = FakeGraphServer.builder().pageSize(2).start()) {
 *   server.faults().enqueue(".*&#47;deviceConfigurations", Fault.throttled("2.128"), 1);
 *   SdkGraphClient client = SdkGraphClient.builder()
 *       .options(SdkGraphClient.Options.builder().serviceRoot(server.serviceRootPerTenant()).build())
 *       .clock(Clock.systemUTC())
 *       .build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class FakeGraphServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FakeGraphServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> VERSIONS = Set.of("beta", "v1.0");
  private static final String DEFAULT_TENANT = "default";
  private static final String SAMPLES = "/com/tenantpilot/scheduling/graph/fake/samples.json";
  private static final String CONTENT_TYPE =
      "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

  static {
    // The JDK server writes headers and body in separate segments; without TCP_NODELAY each
    // response waits ~40 ms for a delayed ACK. Read once when the JDK's server config loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final PolicyTypeRegistry registry;
  private final Settings settings;
  private final Clock clock;
  private final JsonNode samples;
  private final HttpServer http;
  private final ExecutorService executor;
  private final String baseUrl;
  private final Faults faults = new Faults();
  private final ConcurrentMap<String, SyntheticTenant> tenants = new ConcurrentHashMap<>();
  private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
  private final AtomicLong requestIds = new AtomicLong();

  private FakeGraphServer(Builder b) throws IOException {
    this.registry = b.registry != null ? b.registry : PolicyTypeRegistry.defaults();
    this.settings = new Settings(b.policiesPerType, b.pageSize, b.subCollectionPageSize, b.subCollectionSize,
        Map.copyOf(b.subCollectionSizes));
    this.clock = b.clock;
    this.samples = loadSamples();
    this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "fake-graph");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    http.start();
    this.baseUrl = "http://127.0.0.1:" + http.getAddress().getPort();
    log.info("Fake Graph listening on {}", baseUrl);
  }

  /** Starts a server with the defaults (3 policies per type, 2 per page). */
  public static FakeGraphServer start() {
    return builder().start();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The service root that serves the tenant {@code default} to every caller. */
  public String serviceRoot() {
    return baseUrl;
  }

  /** The service root template that gives every tenant its own data: {@code http://127.0.0.1:PORT/{tenantId}}. */
  public String serviceRootPerTenant() {
    return baseUrl + "/{tenantId}";
  }

  /** The ephemeral port. */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The fault queue. */
  public Faults faults() {
    return faults;
  }

  /** The registry whose types this server serves. */
  public PolicyTypeRegistry registry() {
    return registry;
  }

  /** The ids of a tenant's policies of a type, in list order ({@code default} for the shared tenant). */
  public List<String> policyIds(String tenant, String typeKey) {
    return tenant(tenant).policyIds(typeKey);
  }

  /** How many requests arrived whose path (without query) matches the regex {@code pathPattern}. */
  public int requestCount(String pathPattern) {
    Pattern p = Pattern.compile(pathPattern);
    return (int) recorded.stream().filter(r -> p.matcher(r.path).matches()).count();
  }

  /** How many requests arrived in total. */
  public int totalRequests() {
    return recorded.size();
  }

  /** How many requests carried an Authorization header. */
  public int requestsWithAuthorization() {
    return (int) recorded.stream().filter(r -> r.authorized).count();
  }

  /** Every request that arrived, as {@code METHOD path?query}, in arrival order. */
  public List<String> requests() {
    List<String> out = new ArrayList<>();
    for (Recorded r : recorded) {
      out.add(r.method + " " + r.path + (r.query == null ? "" : "?" + r.query));
    }
    return out;
  }

  /** Forgets the recorded requests. */
  public void resetCounters() {
    recorded.clear();
  }

  /** Stops the server at once and releases delayed handlers. */
  @Override
  public void close() {
    faults.close();
    http.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeGraphServer[" + baseUrl + "]";
  }

  private SyntheticTenant tenant(String name) {
    return tenants.computeIfAbsent(name, t -> new SyntheticTenant(t, registry, samples, settings));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getRawPath();
      recorded.add(new Recorded(exchange.getRequestMethod(), path, uri.getRawQuery(),
          exchange.getRequestHeaders().containsKey("Authorization")));
      String requestId = new UUID(0x7e57L, requestIds.incrementAndGet()).toString();
      Fault fault = faults.take(path);
      if (fault != null) {
        if (!fault.delay().isZero()) {
          try {
            faults.await(fault.delay());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (fault.dropConnection()) {
          throw new DroppedConnection();
        }
        if (fault.status() != 0) {
          String body = fault.body() != null ? fault.body() : errorBody(fault.status(), requestId);
          send(exchange, fault.status(), fault.headers(), body, requestId);
          return;
        }
      }
      serve(exchange, uri, requestId);
    } catch (IOException e) {
      // The client went away (e.g. it timed out on a delayed response): nothing to answer.
      log.debug("Fake Graph could not answer: {}", e.toString());
    }
  }

  private void serve(HttpExchange exchange, URI uri, String requestId) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      send(exchange, 405, Map.of(), graphError("BadRequest", "This fake serves GET only.", requestId), requestId);
      return;
    }
    List<String> segments = new ArrayList<>();
    for (String s : uri.getRawPath().split("/")) {
      if (!s.isEmpty()) {
        segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
      }
    }
    String tenantName = DEFAULT_TENANT;
    String prefix = "";
    if (!segments.isEmpty() && !VERSIONS.contains(segments.get(0))) {
      tenantName = segments.remove(0);
      prefix = "/" + uri.getRawPath().split("/")[1];
    }
    if (segments.isEmpty() || !VERSIONS.contains(segments.get(0))) {
      send(exchange, 404, Map.of(), errorBody(404, requestId), requestId);
      return;
    }
    String version = segments.remove(0);
    String key = String.join("/", segments);
    SyntheticTenant tenant = tenant(tenantName);
    String base = baseUrl + prefix;
    List<ObjectNode> collection = tenant.collection(key);
    if (collection != null) {
      int size = tenant.isTopLevel(key) ? settings.pageSize() : settings.subCollectionPageSize();
      sendPage(exchange, uri, base + "/" + version + "/$metadata#" + key, collection, size, requestId);
      return;
    }
    ObjectNode item = tenant.item(key);
    if (item != null) {
      ObjectNode body = JSON.createObjectNode();
      body.put("@odata.context", base + "/" + version + "/$metadata#" + key.substring(0, key.lastIndexOf('/')) + "/$entity");
      body.setAll(item);
      send(exchange, 200, Map.of(), write(body), requestId);
      return;
    }
    send(exchange, 404, Map.of(), errorBody(404, requestId), requestId);
  }

  private void sendPage(HttpExchange exchange, URI uri, String context, List<ObjectNode> all, int size,
      String requestId) throws IOException {
    Map<String, String> query = parseQuery(uri.getRawQuery());
    int offset = 0;
    String token = query.remove("$skiptoken");
    if (token != null) {
      try {
        offset = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        send(exchange, 400, Map.of(), graphError("BadRequest", "Invalid $skiptoken.", requestId), requestId);
        return;
      }
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("@odata.context", context);
    var value = body.putArray("value");
    int end = Math.min(all.size(), offset + size);
    for (int i = Math.max(0, offset); i < end; i++) {
      value.add(all.get(i));
    }
    if (end < all.size()) {
      StringBuilder next = new StringBuilder(baseUrl).append(uri.getRawPath()).append('?');
      query.forEach((k, v) -> next.append(k).append('=').append(v).append('&'));
      next.append("$skiptoken=").append(end);
      body.put("@odata.nextLink", next.toString());
    }
    send(exchange, 200, Map.of(), write(body), requestId);
  }

  private void send(HttpExchange exchange, int status, Map<String, String> extra, String body, String requestId)
      throws IOException {
    Headers h = exchange.getResponseHeaders();
    h.set("Content-Type", CONTENT_TYPE);
    h.set("request-id", requestId);
    String clientRequestId = exchange.getRequestHeaders().getFirst("client-request-id");
    h.set("client-request-id", clientRequestId != null ? clientRequestId : requestId);
    extra.forEach(h::set);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Graph's error body for a status; Intune's JSON-in-message for 400, 403, 404 and 500. */
  private String errorBody(int status, String requestId) {
    switch (status) {
      case 401:
        return graphError("InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", requestId);
      case 429:
        return graphError("TooManyRequests", "Too many requests from this application for this tenant.", requestId);
      case 503:
        return graphError("ServiceUnavailable", "The service is temporarily unavailable. Please retry later.", requestId);
      case 504:
        return graphError("GatewayTimeout", "The gateway did not receive a timely response from the upstream server.",
            requestId);
      case 403:
        return intuneError("Forbidden", "Application is not authorized to perform this operation. Application must have "
            + "one of the following scopes: DeviceManagementConfiguration.Read.All, "
            + "DeviceManagementConfiguration.ReadWrite.All", requestId);
      case 404:
        return intuneError("ResourceNotFound", "Resource not found", requestId);
      case 400:
        return intuneError("BadRequest", "The request is invalid", requestId);
      default:
        return intuneError(status >= 500 ? "InternalServerError" : "UnknownError", "An error has occurred", requestId);
    }
  }

  private String intuneError(String code, String message, String requestId) {
    ObjectNode inner = JSON.createObjectNode();
    inner.put("_version", 3);
    inner.put("Message", message + " - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000"
        + " - Activity ID: " + requestId + " - Url: https://fef.msua06.manage.microsoft.com/StatelessFEService"
        + "/deviceManagement?api-version=5024-10-01");
    inner.put("CustomApiErrorPhrase", "");
    inner.putNull("RetryAfter");
    inner.put("ErrorSourceService", "");
    inner.put("HttpHeaders", "{}");
    return graphError(code, write(inner), requestId);
  }

  private String graphError(String code, String message, String requestId) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    error.put("message", message);
    ObjectNode inner = error.putObject("innerError");
    inner.put("date", clock.instant().toString().replaceAll("\\.\\d+Z$", "Z"));
    inner.put("request-id", requestId);
    inner.put("client-request-id", requestId);
    return write(root);
  }

  private static Map<String, String> parseQuery(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(name.replace("%24", "$"), value);
    }
    return out;
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode loadSamples() {
    try (InputStream in = FakeGraphServer.class.getResourceAsStream(SAMPLES)) {
      if (in == null) {
        throw new IllegalStateException(SAMPLES + " is missing from the classpath");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Thrown inside a handler to make the JDK server drop the connection without a response. */
  private static final class DroppedConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DroppedConnection() {
      super("fault: drop the connection", null, false, false);
    }
  }

  private record Recorded(String method, String path, String query, boolean authorized) {}

  /** The data shape of generated tenants. */
  record Settings(int policiesPerType, int pageSize, int subCollectionPageSize, int subCollectionSize,
      Map<String, Integer> subCollectionSizes) {}

  /** Configures and starts a {@link FakeGraphServer}. Not thread-safe. */
  public static final class Builder {
    private PolicyTypeRegistry registry;
    private int policiesPerType = 3;
    private int pageSize = 2;
    private int subCollectionPageSize = 25;
    private int subCollectionSize = 3;
    private final Map<String, Integer> subCollectionSizes = new HashMap<>();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The types to serve (default {@link PolicyTypeRegistry#defaults()}). */
    public Builder registry(PolicyTypeRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /** Policies per type and tenant (default 3). */
    public Builder policiesPerType(int value) {
      this.policiesPerType = atLeast("policiesPerType", value, 0);
      return this;
    }

    /** Entries per page of a policy list (default 2, so lists page). */
    public Builder pageSize(int value) {
      this.pageSize = atLeast("pageSize", value, 1);
      return this;
    }

    /** Entries per page of assignments and sub-collections (default 25). */
    public Builder subCollectionPageSize(int value) {
      this.subCollectionPageSize = atLeast("subCollectionPageSize", value, 1);
      return this;
    }

    /** Entries per sub-collection without a size of its own in the samples (default 3). */
    public Builder subCollectionSize(int value) {
      this.subCollectionSize = atLeast("subCollectionSize", value, 0);
      return this;
    }

    /** Entries of every sub-collection named {@code name}, e.g. {@code settings}, 30. */
    public Builder subCollectionSize(String name, int value) {
      subCollectionSizes.put(Objects.requireNonNull(name, "name"), atLeast("subCollectionSize", value, 0));
      return this;
    }

    /**
     * The clock for {@code innerError.date} in error bodies (default the system UTC clock; this is
     * demo code). The {@code Date} header always comes from the JDK server itself.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Binds 127.0.0.1 on an ephemeral port and starts serving. */
    public FakeGraphServer start() {
      try {
        return new FakeGraphServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start the fake Graph server", e);
      }
    }

    private static int atLeast(String field, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(field + " must be at least " + min + ", was '" + value + "'");
      }
      return value;
    }
  }
}
