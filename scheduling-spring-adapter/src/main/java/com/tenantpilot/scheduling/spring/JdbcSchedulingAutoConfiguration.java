package com.tenantpilot.scheduling.spring;

import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.jdbc.JdbcSchedulingOptions;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicyStore;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The JDBC adapter's stores, DB lease lock, audit log and notifier on the host's
 * {@link DataSource}, when {@code scheduling-jdbc} is on the class path. Runs before
 * {@link SchedulingAutoConfiguration}, so the cluster-safe JDBC lock replaces the in-process one.
 * The schema is installed at startup unless {@code tenantpilot.scheduling.jdbc.install-schema=false}
 * (then apply the SQL files in {@code db/migration/{postgresql,h2}} with your own tool).
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    before = SchedulingAutoConfiguration.class)
@ConditionalOnClass(JdbcScheduling.class)
@ConditionalOnBean(DataSource.class)
@ConditionalOnProperty(prefix = "tenantpilot.scheduling", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TenantPilotSchedulingProperties.class)
public class JdbcSchedulingAutoConfiguration {

  /** The JDBC adapter, with the database's clock judging leases. */
  @Bean
  @ConditionalOnMissingBean
  public JdbcScheduling jdbcScheduling(DataSource dataSource, TenantPilotSchedulingProperties properties) {
    JdbcScheduling jdbc = JdbcScheduling.create(dataSource, JdbcSchedulingOptions.defaults());
    if (properties.getScheduling().getJdbc().isInstallSchema()) {
      jdbc.installSchema();
    }
    return jdbc;
  }

  /** Schedules in {@code backup_schedules}. */
  @Bean
  @ConditionalOnMissingBean
  public ScheduleStore scheduleStore(JdbcScheduling jdbc) {
    return jdbc.schedules();
  }

  /** Runs in {@code backup_schedule_runs}. */
  @Bean
  @ConditionalOnMissingBean
  public RunStore runStore(JdbcScheduling jdbc) {
    return jdbc.runs();
  }

  /** Backup sets in {@code backup_sets} and {@code backup_items}. */
  @Bean
  @ConditionalOnMissingBean
  public BackupSetStore backupSetStore(JdbcScheduling jdbc) {
    return jdbc.backupSets();
  }

  /** The policy inventory. */
  @Bean
  @ConditionalOnMissingBean
  public PolicyStore policyStore(JdbcScheduling jdbc) {
    return jdbc.policies();
  }

  /** The cluster-wide schedule lock, expiry judged by the database's clock. */
  @Bean
  @ConditionalOnMissingBean
  public ScheduleLock jdbcScheduleLock(JdbcScheduling jdbc) {
    return jdbc.lock();
  }

  /** Audit entries in {@code audit_logs}. */
  @Bean
  @ConditionalOnMissingBean
  public AuditLog auditLog(JdbcScheduling jdbc) {
    return jdbc.auditLog();
  }

  /** Database notifications in {@code notifications}. */
  @Bean
  @ConditionalOnMissingBean
  public Notifier notifier(JdbcScheduling jdbc) {
    return jdbc.notifier();
  }
}
