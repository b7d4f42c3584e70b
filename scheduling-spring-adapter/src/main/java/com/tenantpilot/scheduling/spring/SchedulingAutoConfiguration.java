package com.tenantpilot.scheduling.spring;

import com.tenantpilot.scheduling.engine.BackgroundScheduler;
import com.tenantpilot.scheduling.engine.SchedulingEngine;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.lock.CaffeineScheduleLock;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupCreator;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.GraphClient;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.PolicySync;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.service.ScheduleService;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configures the scheduling engine from {@code tenantpilot.*} properties and the port beans
 * the host (or the JDBC and Graph auto-configurations) provides. Every bean backs off when the
 * host defines its own ({@code @ConditionalOnMissingBean}), so any port can be replaced. The
 * engine is created only when the stores, audit log and notifier exist: the library never falls
 * back to in-memory stores that would lose backups on restart.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "tenantpilot.scheduling", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TenantPilotSchedulingProperties.class)
public class SchedulingAutoConfiguration {

  /** The clock: UTC system time. */
  @Bean
  @ConditionalOnMissingBean
  public Clock tenantPilotClock() {
    return Clock.systemUTC();
  }

  /** The supported policy types from {@code tenantpilot.supported-policy-types}. */
  @Bean
  @ConditionalOnMissingBean
  public PolicyTypeCatalog policyTypeCatalog(TenantPilotSchedulingProperties properties) {
    if (properties.getSupportedPolicyTypes().isEmpty()) {
      throw new IllegalStateException("tenantpilot.supported-policy-types must list at least one policy type key, was '[]'");
    }
    return PolicyTypeCatalog.of(properties.getSupportedPolicyTypes());
  }

  /** The engine options from {@code tenantpilot.scheduling.*}. */
  @Bean
  @ConditionalOnMissingBean
  public SchedulingOptions schedulingOptions(TenantPilotSchedulingProperties properties) {
    TenantPilotSchedulingProperties.Scheduling s = properties.getScheduling();
    return SchedulingOptions.builder()
        .nodeId(s.getNodeId() != null ? s.getNodeId() : defaultNodeId())
        .misfireGrace(s.getMisfireGrace())
        .dispatchBatchSize(s.getDispatchBatchSize())
        .leaseDuration(s.getLeaseDuration())
        .leaseRenewInterval(s.getLeaseRenewInterval())
        .maxAttempts(s.getMaxAttempts())
        .maxAttemptsUnknownError(s.getMaxAttemptsUnknownError())
        .backoffBase(s.getBackoffBase())
        .backoffMax(s.getBackoffMax())
        .workerConcurrency(s.getWorkerConcurrency())
        .maxRunningPerTenant(s.getMaxRunningPerTenant())
        .invalidScheduleRetry(s.getInvalidScheduleRetry())
        .build();
  }

  /** The in-process schedule lock; the JDBC auto-configuration replaces it with the cluster lock. */
  @Bean
  @ConditionalOnMissingBean
  public ScheduleLock scheduleLock(Clock clock) {
    return new CaffeineScheduleLock(clock);
  }

  /** The engine, when the host provides the stores, audit log and notifier. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean({ScheduleStore.class, RunStore.class, BackupSetStore.class, AuditLog.class, Notifier.class})
  public SchedulingEngine schedulingEngine(ScheduleStore scheduleStore, RunStore runStore, BackupSetStore backupSetStore,
      AuditLog auditLog, Notifier notifier, ScheduleLock scheduleLock, PolicyTypeCatalog catalog, Clock clock,
      SchedulingOptions options, ObjectProvider<PolicyStore> policyStore, ObjectProvider<GraphClient> graphClient,
      ObjectProvider<PolicySync> policySync, ObjectProvider<BackupCreator> backupCreator) {
    PolicySync sync = policySync.getIfAvailable();
    if (sync == null && (graphClient.getIfAvailable() == null || policyStore.getIfAvailable() == null)) {
      throw new IllegalStateException("the backup scheduling engine needs a PolicySync bean, or a GraphClient and a "
          + "PolicyStore bean for the default sync (add scheduling-graph and scheduling-jdbc, or define your own)");
    }
    SecureRandom random = new SecureRandom();
    return SchedulingEngine.builder()
        .scheduleStore(scheduleStore).runStore(runStore).backupSetStore(backupSetStore)
        .policyStore(policyStore.getIfAvailable()).graphClient(graphClient.getIfAvailable())
        .policySync(sync).backupCreator(backupCreator.getIfAvailable())
        .scheduleLock(scheduleLock).auditLog(auditLog).notifier(notifier)
        .catalog(catalog).clock(clock).options(options).random(random::nextDouble)
        .build();
  }

  /** Admin actions, for the host's controllers. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(SchedulingEngine.class)
  public ScheduleService scheduleService(SchedulingEngine engine) {
    return engine.schedules();
  }

  /** The background dispatcher and workers; off with {@code tenantpilot.scheduling.background-enabled=false}. */
  @Bean(initMethod = "start", destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnBean(SchedulingEngine.class)
  @ConditionalOnProperty(prefix = "tenantpilot.scheduling", name = "background-enabled", havingValue = "true", matchIfMissing = true)
  public BackgroundScheduler backgroundScheduler(SchedulingEngine engine, TenantPilotSchedulingProperties properties) {
    return new BackgroundScheduler(engine, properties.getScheduling().getPollInterval());
  }

  private static String defaultNodeId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "node";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
