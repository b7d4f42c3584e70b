package com.tenantpilot.scheduling.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tenantpilot.scheduling.graph.SdkGraphClient;
import com.tenantpilot.scheduling.graph.UnmappedPolicyTypeException;
import com.tenantpilot.scheduling.graph.fake.FakeGraphServer;
import com.tenantpilot.scheduling.jdbc.JdbcScheduleLock;
import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.port.GraphClient;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleLock;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import com.tenantpilot.scheduling.service.ScheduleService;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The whole stack as a Spring Boot host gets it: H2 through a DataSource, the SDK client against a fake Graph on 127.0.0.1. */
class JdbcAndGraphAutoConfigurationTest {

  private FakeGraphServer graph;
  private ApplicationContextRunner runner;

  @BeforeEach
  void start() {
    graph = FakeGraphServer.builder().policiesPerType(3).pageSize(2).start();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:spring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(JdbcSchedulingAutoConfiguration.class,
            GraphSchedulingAutoConfiguration.class, SchedulingAutoConfiguration.class))
        .withBean(DataSource.class, () -> h2)
        .withPropertyValues(
            "tenantpilot.supported-policy-types=deviceConfiguration,settingsCatalogPolicy",
            "tenantpilot.graph.service-root=" + graph.serviceRootPerTenant(),
            "tenantpilot.scheduling.poll-interval=PT0.1S");
  }

  @AfterEach
  void stop() {
    graph.close();
  }

  @Test
  void wires_the_jdbc_stores_the_cluster_lock_and_the_sdk_graph_client() {
    runner.run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx).hasSingleBean(JdbcScheduling.class);
      assertThat(ctx.getBean(ScheduleLock.class)).isInstanceOf(JdbcScheduleLock.class);
      assertThat(ctx.getBean(GraphClient.class)).isInstanceOf(SdkGraphClient.class);
      assertThat(((SdkGraphClient) ctx.getBean(GraphClient.class)).anonymous()).isTrue();
    });
  }

  @Test
  void run_now_backs_up_through_graph_into_the_database() {
    runner.run(ctx -> {
      ScheduleService service = ctx.getBean(ScheduleService.class);
      Schedule schedule = service.create(new ScheduleInput("contoso", "Nightly", true, "DAILY", "02:30", List.of(),
          "Europe/Berlin", List.of("deviceConfiguration", "settingsCatalogPolicy"), 5), "admin@contoso.com");
      Run run = service.runNow("contoso", schedule.id(), "admin@contoso.com");

      await().atMost(Duration.ofSeconds(30)).until(() ->
          ctx.getBean(RunStore.class).find("contoso", run.id()).orElseThrow().status().isTerminal());
      Run done = ctx.getBean(RunStore.class).find("contoso", run.id()).orElseThrow();
      assertThat(done.status()).isEqualTo(RunStatus.SUCCESS);
      assertThat(ctx.getBean(BackupSetStore.class).items("contoso", done.backupSetId())).hasSize(6);
      assertThat(graph.requestCount("/contoso/beta/deviceManagement/deviceConfigurations")).isEqualTo(2);
    });
  }

  @Test
  void a_supported_type_the_graph_registry_does_not_know_fails_startup() {
    runner.withPropertyValues("tenantpilot.supported-policy-types=deviceConfiguration,notARealType").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().isInstanceOf(UnmappedPolicyTypeException.class)
          .hasMessageContaining("notARealType");
    });
  }

  @Test
  void installing_the_schema_can_be_left_to_the_host() {
    runner.withPropertyValues("tenantpilot.scheduling.jdbc.install-schema=false", "tenantpilot.scheduling.background-enabled=false")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx.getBean(JdbcScheduling.class).installer().installedVersion()).isZero();
        });
  }
}
