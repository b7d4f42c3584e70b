package com.tenantpilot.scheduling.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the backup scheduling library under the {@code tenantpilot} prefix. Every
 * field has the spec's default; the README's configuration table lists them.
 */
@ConfigurationProperties(prefix = "tenantpilot")
public class TenantPilotSchedulingProperties {

  /** The policy type keys this host supports ({@code tenantpilot.supported-policy-types}); required, non-empty. */
  private List<String> supportedPolicyTypes = new ArrayList<>();

  /** Engine settings ({@code tenantpilot.scheduling.*}). */
  private final Scheduling scheduling = new Scheduling();

  /** Microsoft Graph client settings ({@code tenantpilot.graph.*}). */
  private final Graph graph = new Graph();

  /** Graph client settings. */
  public Graph getGraph() {
    return graph;
  }

  /** The supported policy type keys. */
  public List<String> getSupportedPolicyTypes() {
    return supportedPolicyTypes;
  }

  /** Sets the supported policy type keys. */
  public void setSupportedPolicyTypes(List<String> supportedPolicyTypes) {
    this.supportedPolicyTypes = supportedPolicyTypes;
  }

  /** Engine settings. */
  public Scheduling getScheduling() {
    return scheduling;
  }

  /** Engine settings under {@code tenantpilot.scheduling}. */
  public static class Scheduling {
    /** Whether the library is auto-configured at all. */
    private boolean enabled = true;
    /** Whether this instance runs the dispatcher and workers on background threads (false: admin API only). */
    private boolean backgroundEnabled = true;
    /** This node's name, the lease and lock owner; defaults to the host name plus a random suffix. */
    private String nodeId;
    /** How late a slot may still run; later it is recorded as MISSED_SLOT. */
    private Duration misfireGrace = Duration.ofMinutes(15);
    /** Due schedules read per query in a dispatch cycle. */
    private int dispatchBatchSize = 1000;
    /** Lease of a claimed run and its schedule lock. */
    private Duration leaseDuration = Duration.ofSeconds(90);
    /** How often a working node renews its leases. */
    private Duration leaseRenewInterval = Duration.ofSeconds(30);
    /** Attempts of a run for throttled and transient failures. */
    private int maxAttempts = 4;
    /** Attempts of a run when an unclassified failure happened. */
    private int maxAttemptsUnknownError = 2;
    /** First retry delay, doubled per attempt, with jitter. */
    private Duration backoffBase = Duration.ofSeconds(30);
    /** Longest retry delay before Retry-After. */
    private Duration backoffMax = Duration.ofMinutes(15);
    /** Runs this node executes at once. */
    private int workerConcurrency = 4;
    /** Runs of one tenant executing at once across the cluster. */
    private int maxRunningPerTenant = 1;
    /** How long an unreadable stored schedule waits before the dispatcher looks at it again. */
    private Duration invalidScheduleRetry = Duration.ofHours(1);
    /** How often the worker looks for queued runs. */
    private Duration pollInterval = Duration.ofSeconds(5);
    /** JDBC adapter settings. */
    private final Jdbc jdbc = new Jdbc();

    /** @return JDBC adapter settings */
    public Jdbc getJdbc() { return jdbc; }

    /** @return whether the library is auto-configured */
    public boolean isEnabled() { return enabled; }
    /** @param v whether the library is auto-configured */
    public void setEnabled(boolean v) { enabled = v; }
    /** @return whether background threads run */
    public boolean isBackgroundEnabled() { return backgroundEnabled; }
    /** @param v whether background threads run */
    public void setBackgroundEnabled(boolean v) { backgroundEnabled = v; }
    /** @return this node's name, or null for the default */
    public String getNodeId() { return nodeId; }
    /** @param v this node's name */
    public void setNodeId(String v) { nodeId = v; }
    /** @return the misfire grace */
    public Duration getMisfireGrace() { return misfireGrace; }
    /** @param v the misfire grace */
    public void setMisfireGrace(Duration v) { misfireGrace = v; }
    /** @return the dispatch batch size */
    public int getDispatchBatchSize() { return dispatchBatchSize; }
    /** @param v the dispatch batch size */
    public void setDispatchBatchSize(int v) { dispatchBatchSize = v; }
    /** @return the lease duration */
    public Duration getLeaseDuration() { return leaseDuration; }
    /** @param v the lease duration */
    public void setLeaseDuration(Duration v) { leaseDuration = v; }
    /** @return the lease renewal interval */
    public Duration getLeaseRenewInterval() { return leaseRenewInterval; }
    /** @param v the lease renewal interval */
    public void setLeaseRenewInterval(Duration v) { leaseRenewInterval = v; }
    /** @return attempts for throttled and transient failures */
    public int getMaxAttempts() { return maxAttempts; }
    /** @param v attempts for throttled and transient failures */
    public void setMaxAttempts(int v) { maxAttempts = v; }
    /** @return attempts after an unclassified failure */
    public int getMaxAttemptsUnknownError() { return maxAttemptsUnknownError; }
    /** @param v attempts after an unclassified failure */
    public void setMaxAttemptsUnknownError(int v) { maxAttemptsUnknownError = v; }
    /** @return the first retry delay */
    public Duration getBackoffBase() { return backoffBase; }
    /** @param v the first retry delay */
    public void setBackoffBase(Duration v) { backoffBase = v; }
    /** @return the longest retry delay */
    public Duration getBackoffMax() { return backoffMax; }
    /** @param v the longest retry delay */
    public void setBackoffMax(Duration v) { backoffMax = v; }
    /** @return runs executed at once on this node */
    public int getWorkerConcurrency() { return workerConcurrency; }
    /** @param v runs executed at once on this node */
    public void setWorkerConcurrency(int v) { workerConcurrency = v; }
    /** @return runs of one tenant at once */
    public int getMaxRunningPerTenant() { return maxRunningPerTenant; }
    /** @param v runs of one tenant at once */
    public void setMaxRunningPerTenant(int v) { maxRunningPerTenant = v; }
    /** @return the wait for unreadable schedules */
    public Duration getInvalidScheduleRetry() { return invalidScheduleRetry; }
    /** @param v the wait for unreadable schedules */
    public void setInvalidScheduleRetry(Duration v) { invalidScheduleRetry = v; }
    /** @return the worker poll interval */
    public Duration getPollInterval() { return pollInterval; }
    /** @param v the worker poll interval */
    public void setPollInterval(Duration v) { pollInterval = v; }
  }

  /** JDBC adapter settings under {@code tenantpilot.scheduling.jdbc}. */
  public static class Jdbc {
    /** Whether the schema is installed (idempotently) at startup. */
    private boolean installSchema = true;

    /** @return whether the schema is installed at startup */
    public boolean isInstallSchema() { return installSchema; }
    /** @param v whether the schema is installed at startup */
    public void setInstallSchema(boolean v) { installSchema = v; }
  }

  /** Graph client settings under {@code tenantpilot.graph}. */
  public static class Graph {
    /** The Graph service root; national clouds and test servers by setting it. */
    private String serviceRoot = "https://graph.microsoft.com";
    /** Connect timeout per request. */
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** Read timeout per request. */
    private Duration readTimeout = Duration.ofSeconds(60);
    /** Requests per tenant per window (Intune's documented per-app-per-tenant limit). */
    private int rateLimitRequests = 1000;
    /** The rate limit's window. */
    private Duration rateLimitWindow = Duration.ofSeconds(20);
    /** Requests of one tenant in flight at once. */
    private int maxConcurrentRequestsPerTenant = 4;

    /** @return the service root */
    public String getServiceRoot() { return serviceRoot; }
    /** @param v the service root */
    public void setServiceRoot(String v) { serviceRoot = v; }
    /** @return the connect timeout */
    public Duration getConnectTimeout() { return connectTimeout; }
    /** @param v the connect timeout */
    public void setConnectTimeout(Duration v) { connectTimeout = v; }
    /** @return the read timeout */
    public Duration getReadTimeout() { return readTimeout; }
    /** @param v the read timeout */
    public void setReadTimeout(Duration v) { readTimeout = v; }
    /** @return requests per window per tenant */
    public int getRateLimitRequests() { return rateLimitRequests; }
    /** @param v requests per window per tenant */
    public void setRateLimitRequests(int v) { rateLimitRequests = v; }
    /** @return the rate limit window */
    public Duration getRateLimitWindow() { return rateLimitWindow; }
    /** @param v the rate limit window */
    public void setRateLimitWindow(Duration v) { rateLimitWindow = v; }
    /** @return concurrent requests per tenant */
    public int getMaxConcurrentRequestsPerTenant() { return maxConcurrentRequestsPerTenant; }
    /** @param v concurrent requests per tenant */
    public void setMaxConcurrentRequestsPerTenant(int v) { maxConcurrentRequestsPerTenant = v; }
  }
}
