package com.tenantpilot.scheduling.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tenantpilot.scheduling.engine.BackgroundScheduler;
import com.tenantpilot.scheduling.engine.SchedulingEngine;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.lock.CaffeineScheduleLock;
import com.tenantpilot.scheduling.memory.InMemoryStores;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.LockHandle;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.port.PolicySync;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.SyncReport;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import com.tenantpilot.scheduling.service.ScheduleService;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class SchedulingAutoConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SchedulingAutoConfiguration.class))
      .withPropertyValues("tenantpilot.supported-policy-types=deviceConfiguration,settingsCatalogPolicy");

  /** In-memory stores and a sync that returns one policy per type, standing in for the JDBC and Graph modules. */
  @Configuration(proxyBeanMethods = false)
  static class HostPorts {
    final InMemoryStores stores = new InMemoryStores(Clock.systemUTC());

    @Bean InMemoryStores inMemoryStores() { return stores; }
    @Bean ScheduleStore scheduleStore() { return stores.schedules(); }
    @Bean RunStore runStore() { return stores.runs(); }
    @Bean BackupSetStore backupSetStore() { return stores.backupSets(); }
    @Bean AuditLog auditLog() { return stores.auditLog(); }
    @Bean Notifier notifier() { return stores.notifier(); }

    @Bean
    PolicySync policySync() {
      return (tenantId, types) -> {
        Map<String, SyncReport.TypeSync> result = new LinkedHashMap<>();
        for (String type : types) {
          result.put(type, SyncReport.TypeSync.ok(List.of(new PolicySnapshot(type, type + "-1", "One", null,
              "{\"id\":\"" + type + "-1\"}", true, List.of())), List.of()));
        }
        return new SyncReport(result);
      };
    }
  }

  @Test
  void binds_options_and_catalog_from_properties() {
    runner.withPropertyValues("tenantpilot.scheduling.misfire-grace=PT5M", "tenantpilot.scheduling.max-attempts=6",
            "tenantpilot.scheduling.node-id=node-a", "tenantpilot.scheduling.max-running-per-tenant=2")
        .run(ctx -> {
          SchedulingOptions options = ctx.getBean(SchedulingOptions.class);
          assertThat(options.misfireGrace()).isEqualTo(Duration.ofMinutes(5));
          assertThat(options.maxAttempts()).isEqualTo(6);
          assertThat(options.nodeId()).isEqualTo("node-a");
          assertThat(options.maxRunningPerTenant()).isEqualTo(2);
          assertThat(options.leaseDuration()).isEqualTo(Duration.ofSeconds(90));
          assertThat(ctx.getBean(PolicyTypeCatalog.class).keys()).containsExactly("deviceConfiguration", "settingsCatalogPolicy");
          assertThat(ctx.getBean(ScheduleLock.class)).isInstanceOf(CaffeineScheduleLock.class);
        });
  }

  @Test
  void without_stores_there_is_no_engine_and_no_in_memory_fallback() {
    runner.run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx).doesNotHaveBean(SchedulingEngine.class);
      assertThat(ctx).doesNotHaveBean(BackgroundScheduler.class);
      assertThat(ctx).doesNotHaveBean(ScheduleStore.class);
    });
  }

  @Test
  void with_host_ports_it_builds_the_engine_service_and_background_scheduler() {
    runner.withUserConfiguration(HostPorts.class).run(ctx -> {
      assertThat(ctx).hasSingleBean(SchedulingEngine.class);
      assertThat(ctx).hasSingleBean(ScheduleService.class);
      assertThat(ctx).hasSingleBean(BackgroundScheduler.class);
    });
  }

  @Test
  void an_empty_supported_policy_types_list_fails_startup_naming_the_property() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SchedulingAutoConfiguration.class))
        .withUserConfiguration(HostPorts.class)
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("tenantpilot.supported-policy-types");
        });
  }

  @Test
  void invalid_options_fail_startup_naming_the_field_and_value() {
    runner.withUserConfiguration(HostPorts.class).withPropertyValues("tenantpilot.scheduling.max-attempts=0")
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("maxAttempts").hasMessageContaining("'0'");
        });
  }

  @Test
  void can_be_switched_off_entirely_or_just_the_background_threads() {
    runner.withUserConfiguration(HostPorts.class).withPropertyValues("tenantpilot.scheduling.enabled=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(SchedulingEngine.class).doesNotHaveBean(SchedulingOptions.class));
    runner.withUserConfiguration(HostPorts.class).withPropertyValues("tenantpilot.scheduling.background-enabled=false")
        .run(ctx -> assertThat(ctx).hasSingleBean(SchedulingEngine.class).doesNotHaveBean(BackgroundScheduler.class));
  }

  @Test
  void a_host_defined_port_replaces_the_default() {
    ScheduleLock custom = new ScheduleLock() {
      @Override public Optional<LockHandle> tryAcquire(String key, String owner, Duration ttl) { return Optional.empty(); }
      @Override public boolean renew(LockHandle handle, Duration ttl) { return false; }
      @Override public void release(LockHandle handle) { }
    };
    runner.withUserConfiguration(HostPorts.class).withBean(ScheduleLock.class, () -> custom)
        .run(ctx -> assertThat(ctx.getBean(ScheduleLock.class)).isSameAs(custom));
  }

  @Test
  void run_now_is_executed_by_the_background_scheduler() {
    runner.withUserConfiguration(HostPorts.class)
        .withPropertyValues("tenantpilot.scheduling.poll-interval=PT0.1S")
        .run(ctx -> {
          ScheduleService service = ctx.getBean(ScheduleService.class);
          Schedule schedule = service.create(new ScheduleInput("tenant-a", "Nightly", true, "DAILY", "02:00", List.of(),
              "Europe/Berlin", List.of("deviceConfiguration"), 3), "admin@contoso");
          Run run = service.runNow("tenant-a", schedule.id(), "admin@contoso");

          await().atMost(Duration.ofSeconds(20)).until(() ->
              ctx.getBean(RunStore.class).find("tenant-a", run.id()).orElseThrow().status() == RunStatus.SUCCESS);
          InMemoryStores stores = ctx.getBean(InMemoryStores.class);
          assertThat(stores.notifications()).singleElement().satisfies(n -> assertThat(n.userId()).isEqualTo("admin@contoso"));
        });
  }
}
