package com.tenantpilot.scheduling.graph;

import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.core.authentication.AzureIdentityAccessTokenProvider;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.kiota.http.middleware.RedirectHandler;
import com.microsoft.kiota.http.middleware.RetryHandler;
import com.tenantpilot.scheduling.graph.internal.BearerTokenInterceptor;
import com.tenantpilot.scheduling.graph.internal.GraphFailures;
import com.tenantpilot.scheduling.graph.internal.Loopback;
import com.tenantpilot.scheduling.graph.internal.PolicyReader;
import com.tenantpilot.scheduling.graph.internal.RetryAfterShield;
import com.tenantpilot.scheduling.graph.internal.Sleeper;
import com.tenantpilot.scheduling.graph.internal.TenantBudget;
import com.tenantpilot.scheduling.graph.internal.TokenUnavailableException;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.GraphClient;
import com.tenantpilot.scheduling.port.GraphException;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.GraphFailure.Cause;
import com.tenantpilot.scheduling.port.PolicyFetch;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link GraphClient} port on the Microsoft Graph Java SDK (microsoft-graph 6.x, Kiota).
 *
 * <p><b>How it talks to Graph.</b> Policy types are read from arbitrary (mostly beta) paths that
 * the registry names, as raw JSON, so this client sends plain GETs through an OkHttp client built
 * by the SDK's {@link GraphClientFactory} with the SDK's Graph middleware (telemetry, user agent,
 * URL replacement, header inspection) and the tenant's bearer token, rather than through the typed
 * v1.0 request builders. The SDK's {@link RetryHandler} and {@link RedirectHandler} are removed from
 * the chain, OkHttp's own connection retries and redirects are off, the SDK's CAE claims replay is
 * replaced by a plain token interceptor, and {@code Retry-After} is hidden from OkHttp's
 * follow-up logic (which would otherwise repeat a 503 carrying {@code Retry-After: 0}). So every
 * HTTP try is made exactly once: the core's retry policy is the only retry layer and counts every
 * attempt.
 *
 * <p><b>Tenants.</b> Each tenant gets its own cached OkHttp client (sharing one connection pool)
 * with its own credential from the host's {@link TenantCredentials}, and its own request budget:
 * {@link Options#rateLimitRequests()} per {@link Options#rateLimitWindow()} and {@link
 * Options#maxConcurrentRequestsPerTenant()} in flight, so a large tenant cannot throttle the
 * others. When the service root is a loopback address no credential is asked for and no
 * Authorization header is sent (anonymous): that is how tests and the example harness use the
 * {@link com.tenantpilot.scheduling.graph.fake.FakeGraphServer}. A service root may contain the
 * path segment {@code {tenantId}}, replaced by the tenant key, e.g. {@code
 * http://127.0.0.1:8080/{tenantId}} for the fake server's per-tenant data.
 *
 * <p><b>Failures</b> are reported as {@link GraphException} with the HTTP status, cause, Graph
 * error code, request id, Date and Retry-After (see {@link PolicyReader} for the 404/403 rules on
 * single policies and optional parts). A credential that cannot be resolved or yields no token is reported with
 * cause {@link Cause#AUTHENTICATION} and status 0 (no request was sent); the core treats it like
 * a 401 and never retries it.
 *
 * <p>Thread-safe. Close it to release connections.
 */
public final class SdkGraphClient implements GraphClient, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SdkGraphClient.class);
  private static final String TENANT_SEGMENT = "{tenantId}";

  private final PolicyTypeRegistry registry;
  private final Options options;
  private final TenantCredentials credentials;
  private final Clock clock;
  private final Sleeper sleeper;
  private final boolean anonymous;
  private final OkHttpClient baseHttp;
  private final ConcurrentMap<String, Tenant> tenants = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private SdkGraphClient(Builder b) {
    this.registry = b.registry != null ? b.registry : PolicyTypeRegistry.defaults();
    this.options = b.options != null ? b.options : Options.defaults();
    this.clock = Objects.requireNonNull(b.clock, "clock must be set (inject the host's java.time.Clock)");
    this.sleeper = b.sleeper;
    this.anonymous = isAnonymous(options.serviceRoot());
    if (!anonymous && b.credentials == null) {
      throw new IllegalArgumentException("credentials must be set when serviceRoot is not a loopback address, was '"
          + options.serviceRoot() + "'");
    }
    this.credentials = b.credentials;
    if (b.catalog != null) {
      registry.requireAll(b.catalog);
    }
    this.baseHttp = buildBaseHttp(options);
  }

  /** Starts a builder; a clock is required, credentials unless the service root is loopback. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads every policy of {@code policyType} in {@code tenantId}, as that tenant, every page and
   * every part; each HTTP request once.
   *
   * @throws GraphException when the type cannot be read
   * @throws UnmappedPolicyTypeException when the registry has no entry for {@code policyType}
   * @throws IllegalArgumentException when {@code tenantId} is blank
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public PolicyFetch fetchPolicies(String tenantId, String policyType) {
    if (closed) {
      throw new IllegalStateException("This SdkGraphClient is closed");
    }
    if (tenantId == null || tenantId.isBlank()) {
      throw new IllegalArgumentException("tenantId must not be blank, was '" + tenantId + "'");
    }
    PolicyType type = registry.get(policyType);
    Tenant tenant = tenant(tenantId);
    PolicyReader reader = new PolicyReader(url -> send(tenant, url), tenant.root, tenantId, clock, options.maxPages());
    Instant started = clock.instant();
    try {
      PolicyFetch fetch = reader.read(type);
      log.info("tenant {}: read {} {} policies with {} requests in {} ms", tenantId, fetch.policies().size(),
          policyType, fetch.requests(), Duration.between(started, clock.instant()).toMillis());
      return fetch;
    } catch (GraphException e) {
      log.warn("tenant {}: reading {} failed after {} requests: {}", tenantId, policyType, reader.requests(),
          e.getMessage());
      throw e;
    }
  }

  /** The registry this client reads types from. */
  public PolicyTypeRegistry registry() {
    return registry;
  }

  /** The options this client was built with. */
  public Options options() {
    return options;
  }

  /**
   * Whether a client on {@code serviceRoot} sends no credentials: the root is a loopback address
   * (a test server or the fake Graph). Hosts use it to decide whether to resolve credentials.
   */
  public static boolean isAnonymous(String serviceRoot) {
    return Loopback.isLoopback(URI.create(serviceRoot.replace(TENANT_SEGMENT, "t")));
  }

  /** Whether this client sends no credentials (its service root is a loopback address). */
  public boolean anonymous() {
    return anonymous;
  }

  /** Drops a tenant's cached client and budget, e.g. after its credential was rotated. */
  public void forgetTenant(String tenantId) {
    tenants.remove(tenantId);
  }

  /** Closes idle connections and the HTTP dispatcher. */
  @Override
  public void close() {
    closed = true;
    tenants.clear();
    baseHttp.dispatcher().executorService().shutdown();
    baseHttp.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "SdkGraphClient[" + options.serviceRoot() + (anonymous ? ", anonymous" : "") + ", " + tenants.size()
        + " tenants]";
  }

  /** The interceptor chain of the base client (for tests of the one-retry-layer rule). */
  List<Interceptor> interceptors() {
    return baseHttp.interceptors();
  }

  /** How many tenants have a cached client (for tests). */
  int cachedTenants() {
    return tenants.size();
  }

  /** A tenant's budget (for tests). */
  TenantBudget budget(String tenantId) {
    return tenant(tenantId).budget;
  }

  private Tenant tenant(String tenantId) {
    return tenants.computeIfAbsent(tenantId, this::newTenant);
  }

  /** A tenant's client and budget; a resolver that fails is a failure of this fetch, not cached. */
  private Tenant newTenant(String tenantId) {
    HttpUrl root = rootFor(tenantId);
    OkHttpClient http = baseHttp;
    if (!anonymous) {
      TokenCredential credential;
      try {
        credential = credentials.credentialFor(tenantId);
      } catch (RuntimeException e) {
        throw new GraphException(GraphFailure.of(Cause.AUTHENTICATION, "no credential for tenant " + tenantId + ": "
            + e.getClass().getSimpleName() + ": " + GraphFailures.sanitize(String.valueOf(e.getMessage()))), e);
      }
      if (credential == null) {
        throw new GraphException(GraphFailure.of(Cause.AUTHENTICATION, "the credential resolver returned no credential for tenant "
            + tenantId));
      }
      var tokens = new AzureIdentityAccessTokenProvider(credential, new String[] {root.host()}, null, false,
          root.scheme() + "://" + root.host() + "/.default");
      http = baseHttp.newBuilder().addInterceptor(new BearerTokenInterceptor(tokens)).build();
    }
    TenantBudget budget = new TenantBudget(options.rateLimitRequests(), options.rateLimitWindow(),
        options.maxConcurrentRequestsPerTenant(), clock, sleeper);
    return new Tenant(http, budget, root);
  }

  private HttpUrl rootFor(String tenantId) {
    HttpUrl template = HttpUrl.get(options.serviceRoot());
    List<String> segments = template.pathSegments();
    HttpUrl.Builder b = template.newBuilder();
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).equals(TENANT_SEGMENT)) {
        b.setPathSegment(i, tenantId);
      }
    }
    HttpUrl root = b.build();
    // A root of "/" has one empty segment; drop it so the API version follows the host directly.
    if (root.pathSegments().size() == 1 && root.pathSegments().get(0).isEmpty()) {
      root = root.newBuilder().removePathSegment(0).build();
    }
    return root;
  }

  /** One GET, once, within the tenant's budget. */
  private PolicyReader.Reply send(Tenant tenant, HttpUrl url) {
    TenantBudget.Permit permit;
    try {
      permit = tenant.budget.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(GraphFailure.of(Cause.OTHER, "interrupted while waiting for the tenant's request budget"));
    }
    Request request = new Request.Builder().url(url).get().header("Accept", "application/json").build();
    Instant start = clock.instant();
    try (permit; Response response = tenant.http.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : body.bytes();
      Headers headers = response.headers();
      Function<String, String> header = name -> "Retry-After".equalsIgnoreCase(name)
          ? firstNonNull(headers.get(RetryAfterShield.HEADER), headers.get("Retry-After"))
          : headers.get(name);
      if (log.isDebugEnabled()) {
        log.debug("GET {} -> {} in {} ms, request-id={}", url.encodedPath(), response.code(),
            Duration.between(start, clock.instant()).toMillis(), headers.get("request-id"));
      }
      return new PolicyReader.Reply(response.code(), header, bytes);
    } catch (TokenUnavailableException e) {
      throw new GraphException(GraphFailure.of(Cause.AUTHENTICATION, e.getMessage()));
    } catch (IOException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new GraphException(GraphFailure.of(Cause.OTHER, "interrupted during the request"), e);
      }
      GraphFailure failure = GraphFailures.fromIoException(e);
      log.debug("GET {} -> no response ({})", url.encodedPath(), failure.cause());
      throw new GraphException(failure, e);
    }
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  private static OkHttpClient buildBaseHttp(Options options) {
    GraphClientOption graphOption = new GraphClientOption();
    List<Interceptor> chain = new ArrayList<>();
    for (Interceptor i : GraphClientFactory.createDefaultGraphInterceptors(graphOption)) {
      if (!(i instanceof RetryHandler) && !(i instanceof RedirectHandler)) {
        chain.add(i);
      }
    }
    return GraphClientFactory.create(graphOption, chain)
        .connectTimeout(options.connectTimeout())
        .readTimeout(options.readTimeout())
        .writeTimeout(options.readTimeout())
        .callTimeout(options.callTimeout())
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        .addNetworkInterceptor(new RetryAfterShield())
        .build();
  }

  private static final class Tenant {
    final OkHttpClient http;
    final TenantBudget budget;
    final HttpUrl root;

    Tenant(OkHttpClient http, TenantBudget budget, HttpUrl root) {
      this.http = http;
      this.budget = budget;
      this.root = root;
    }
  }

  /** Builds an {@link SdkGraphClient}. Not thread-safe. */
  public static final class Builder {
    private PolicyTypeRegistry registry;
    private Options options;
    private TenantCredentials credentials;
    private Clock clock;
    private PolicyTypeCatalog catalog;
    private Sleeper sleeper = Sleeper.PARK;

    private Builder() {}

    /** The policy type registry (default {@link PolicyTypeRegistry#defaults()}). */
    public Builder registry(PolicyTypeRegistry value) {
      this.registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    /** The options (default {@link Options#defaults()}). */
    public Builder options(Options value) {
      this.options = Objects.requireNonNull(value, "options");
      return this;
    }

    /** The credential resolver; required unless the service root is a loopback address. */
    public Builder credentials(TenantCredentials value) {
      this.credentials = Objects.requireNonNull(value, "credentials");
      return this;
    }

    /** The clock (required): budgets, durations and HTTP-date Retry-After read time from it. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * The host's supported catalog; {@link #build()} then fails with {@link
     * UnmappedPolicyTypeException} when a key of it has no registry entry (the startup check).
     */
    public Builder catalog(PolicyTypeCatalog value) {
      this.catalog = Objects.requireNonNull(value, "catalog");
      return this;
    }

    /** How budget waits are spent (tests pass one that advances a fake clock). */
    Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /**
     * The client.
     *
     * @throws UnmappedPolicyTypeException if a catalog key has no registry entry
     * @throws IllegalArgumentException if credentials are missing for a non-loopback service root
     */
    public SdkGraphClient build() {
      return new SdkGraphClient(this);
    }
  }

  /**
   * The client's configuration: service root, timeouts, per-tenant budget and paging guard.
   *
   * <p>Immutable and thread-safe.
   */
  public static final class Options {
    private final String serviceRoot;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration callTimeout;
    private final int rateLimitRequests;
    private final Duration rateLimitWindow;
    private final int maxConcurrentRequestsPerTenant;
    private final int maxPages;

    private Options(Builder b) {
      this.serviceRoot = b.serviceRoot;
      this.connectTimeout = b.connectTimeout;
      this.readTimeout = b.readTimeout;
      this.callTimeout = b.callTimeout;
      this.rateLimitRequests = b.rateLimitRequests;
      this.rateLimitWindow = b.rateLimitWindow;
      this.maxConcurrentRequestsPerTenant = b.maxConcurrentRequestsPerTenant;
      this.maxPages = b.maxPages;
    }

    /** The defaults: public Graph, 10 s connect, 60 s read, 1,000 requests per 20 s, 4 in flight. */
    public static Options defaults() {
      return builder().build();
    }

    /** Starts a builder with the defaults. */
    public static Builder builder() {
      return new Builder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
      return new Builder()
          .serviceRoot(serviceRoot)
          .connectTimeout(connectTimeout)
          .readTimeout(readTimeout)
          .callTimeout(callTimeout)
          .rateLimit(rateLimitRequests, rateLimitWindow)
          .maxConcurrentRequestsPerTenant(maxConcurrentRequestsPerTenant)
          .maxPages(maxPages);
    }

    /** The service root without API version, e.g. {@code https://graph.microsoft.com}. */
    public String serviceRoot() {
      return serviceRoot;
    }

    /** How long connecting may take. */
    public Duration connectTimeout() {
      return connectTimeout;
    }

    /** How long the server may stay silent while a response is read. */
    public Duration readTimeout() {
      return readTimeout;
    }

    /** How long one request may take in total, or zero for no limit. */
    public Duration callTimeout() {
      return callTimeout;
    }

    /** Requests per tenant per {@link #rateLimitWindow()}. */
    public int rateLimitRequests() {
      return rateLimitRequests;
    }

    /** The sliding window of the rate limit. */
    public Duration rateLimitWindow() {
      return rateLimitWindow;
    }

    /** Requests per tenant in flight at once. */
    public int maxConcurrentRequestsPerTenant() {
      return maxConcurrentRequestsPerTenant;
    }

    /** The most pages one collection walk may take before it is treated as an error. */
    public int maxPages() {
      return maxPages;
    }

    @Override
    public String toString() {
      return "Options[serviceRoot=" + serviceRoot + ", connectTimeout=" + connectTimeout + ", readTimeout="
          + readTimeout + ", callTimeout=" + callTimeout + ", rateLimit=" + rateLimitRequests + "/" + rateLimitWindow
          + ", maxConcurrentRequestsPerTenant=" + maxConcurrentRequestsPerTenant + ", maxPages=" + maxPages + "]";
    }

    /**
     * Builds {@link Options}; each setter rejects a bad value at once, naming the field and quoting
     * the value. Not thread-safe.
     */
    public static final class Builder {
      private String serviceRoot = "https://graph.microsoft.com";
      private Duration connectTimeout = Duration.ofSeconds(10);
      private Duration readTimeout = Duration.ofSeconds(60);
      private Duration callTimeout = Duration.ofMinutes(2);
      private int rateLimitRequests = 1000;
      private Duration rateLimitWindow = Duration.ofSeconds(20);
      private int maxConcurrentRequestsPerTenant = 4;
      private int maxPages = 1000;

      private Builder() {}

      /**
       * The service root: {@code https://graph.microsoft.com} (default), a national cloud such as
       * {@code https://graph.microsoft.us}, or a loopback test server such as {@code
       * http://127.0.0.1:8080}. The registry adds {@code /v1.0} or {@code /beta}. A path segment
       * {@code {tenantId}} is replaced by the tenant key. Plain http is allowed for loopback only.
       */
      public Builder serviceRoot(String value) {
        URI uri;
        try {
          uri = value == null ? null : new URI(value.replace(TENANT_SEGMENT, "t"));
        } catch (URISyntaxException e) {
          uri = null;
        }
        boolean ok = uri != null && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null
            && uri.getUserInfo() == null && ("https".equals(uri.getScheme())
                || ("http".equals(uri.getScheme()) && Loopback.isLoopback(uri)));
        if (!ok) {
          throw new IllegalArgumentException("serviceRoot must be an https URL (http only for a loopback address) "
              + "without query, fragment or user info, was '" + value + "'");
        }
        if (value.contains(TENANT_SEGMENT) && !value.matches("[^{}]*/\\{tenantId}(/[^{}]*)?")) {
          throw new IllegalArgumentException("serviceRoot may contain {tenantId} only as a whole path segment, was '"
              + value + "'");
        }
        this.serviceRoot = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        return this;
      }

      /** How long connecting may take (default 10 s). */
      public Builder connectTimeout(Duration value) {
        this.connectTimeout = positive("connectTimeout", value);
        return this;
      }

      /** How long the server may stay silent while a response is read (default 60 s). */
      public Builder readTimeout(Duration value) {
        this.readTimeout = positive("readTimeout", value);
        return this;
      }

      /** How long one request may take in total (default 2 min); zero means no limit. */
      public Builder callTimeout(Duration value) {
        if (value == null || value.isNegative()) {
          throw new IllegalArgumentException("callTimeout must be zero or positive, was '" + value + "'");
        }
        this.callTimeout = value;
        return this;
      }

      /** At most {@code requests} per tenant in any sliding {@code window} (default 1,000 per 20 s). */
      public Builder rateLimit(int requests, Duration window) {
        if (requests < 1) {
          throw new IllegalArgumentException("rateLimitRequests must be at least 1, was '" + requests + "'");
        }
        this.rateLimitWindow = positive("rateLimitWindow", window);
        this.rateLimitRequests = requests;
        return this;
      }

      /** At most this many requests per tenant in flight (default 4). */
      public Builder maxConcurrentRequestsPerTenant(int value) {
        if (value < 1 || value > 256) {
          throw new IllegalArgumentException("maxConcurrentRequestsPerTenant must be 1..256, was '" + value + "'");
        }
        this.maxConcurrentRequestsPerTenant = value;
        return this;
      }

      /** The most pages of one collection (default 1,000); more is treated as an error. */
      public Builder maxPages(int value) {
        if (value < 1) {
          throw new IllegalArgumentException("maxPages must be at least 1, was '" + value + "'");
        }
        this.maxPages = value;
        return this;
      }

      /** The options. */
      public Options build() {
        return new Options(this);
      }

      private static Duration positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
          throw new IllegalArgumentException(field + " must be positive, was '" + value + "'");
        }
        return value;
      }
    }
  }
}
