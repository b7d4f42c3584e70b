package com.tenantpilot.scheduling.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tenantpilot.scheduling.graph.fake.Fault;
import com.tenantpilot.scheduling.graph.fake.FakeGraphServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code backup} end to end: the real engine and SDK client against the fake Graph on 127.0.0.1, H2 as the store. */
class BackupCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FakeGraphServer graph;
  private String jdbcUrl;

  @BeforeEach
  void start() {
    graph = FakeGraphServer.builder().policiesPerType(3).pageSize(2).start();
    jdbcUrl = "jdbc:h2:mem:backup-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  @AfterEach
  void stop() {
    graph.close();
  }

  private HarnessRun backup(String... extra) {
    String[] base = {"backup", "--graph-base-url", graph.baseUrl() + "/contoso", "--tenant", "contoso",
        "--types", "deviceConfiguration,settingsCatalogPolicy", "--jdbc-url", jdbcUrl, "--backoff-base", "PT0.2S", "--json"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return HarnessRun.of(args);
  }

  @Test
  void backs_up_every_policy_of_the_types_and_reports_per_type() throws Exception {
    HarnessRun run = backup();

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(doc.get("errorCode").isNull()).isTrue();
    assertThat(doc.get("attempts").asInt()).isEqualTo(1);
    assertThat(doc.get("backupSetId").asLong()).isPositive();
    assertThat(doc.get("items").asInt()).isEqualTo(6);
    JsonNode dc = doc.get("summary").get("deviceConfiguration");
    assertThat(dc.get("found").asInt()).isEqualTo(3);
    assertThat(dc.get("backedUp").asInt()).isEqualTo(3);
    assertThat(dc.get("failed").asInt()).isZero();
    assertThat(dc.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(graph.requestsWithAuthorization()).as("loopback: no credentials sent").isZero();
  }

  @Test
  void a_throttled_type_is_retried_after_retry_after_and_every_try_is_counted() throws Exception {
    graph.faults().enqueue("/contoso/beta/deviceManagement/deviceConfigurations", Fault.throttled("0.3"), 1);

    JsonNode doc = JSON.readTree(backup().out());

    assertThat(doc.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(doc.get("attempts").asInt()).isEqualTo(2);
    // the throttled first page, then the second attempt's two pages (3 policies, 2 per page): no hidden retry
    assertThat(graph.requestCount("/contoso/beta/deviceManagement/deviceConfigurations")).isEqualTo(3);
  }

  @Test
  void a_401_fails_at_once_without_a_retry() throws Exception {
    graph.faults().always("/contoso/beta/deviceManagement/.*", Fault.unauthorized());

    HarnessRun run = backup();

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("status").asText()).isEqualTo("FAILED");
    assertThat(doc.get("errorCode").asText()).isEqualTo("GRAPH_UNAUTHORIZED");
    assertThat(doc.get("attempts").asInt()).isEqualTo(1);
    assertThat(doc.get("backupSetId").isNull()).isTrue();
    assertThat(graph.requestCount("/contoso/beta/deviceManagement/deviceConfigurations")).isEqualTo(1);
  }

  @Test
  void a_403_on_one_type_gives_partial_with_the_other_backed_up() throws Exception {
    graph.faults().always("/contoso/beta/deviceManagement/configurationPolicies", Fault.forbidden());

    JsonNode doc = JSON.readTree(backup().out());

    assertThat(doc.get("status").asText()).isEqualTo("PARTIAL");
    assertThat(doc.get("errorCode").asText()).isEqualTo("GRAPH_FORBIDDEN");
    assertThat(doc.get("items").asInt()).isEqualTo(3);
    assertThat(doc.get("summary").get("settingsCatalogPolicy").get("status").asText()).isEqualTo("FAILED");
  }

  @Test
  void retries_stop_at_max_attempts() throws Exception {
    graph.faults().always("/contoso/beta/deviceManagement/deviceConfigurations", Fault.serviceUnavailable());

    JsonNode doc = JSON.readTree(backup("--max-attempts", "2").out());

    assertThat(doc.get("status").asText()).isEqualTo("PARTIAL");
    assertThat(doc.get("errorCode").asText()).isEqualTo("GRAPH_UNAVAILABLE");
    assertThat(doc.get("attempts").asInt()).isEqualTo(2);
    assertThat(graph.requestCount("/contoso/beta/deviceManagement/deviceConfigurations")).isEqualTo(2);
  }

  @Test
  void a_second_backup_reuses_the_schedule() throws Exception {
    JsonNode first = JSON.readTree(backup().out());
    JsonNode second = JSON.readTree(backup().out());

    assertThat(second.get("scheduleId").asLong()).isEqualTo(first.get("scheduleId").asLong());
  }

  @Test
  void bad_flags_name_the_flag_and_value() {
    HarnessRun unknownType = HarnessRun.of("backup", "--graph-base-url", graph.baseUrl(), "--tenant", "t",
        "--types", "deviceConfiguration,nope", "--jdbc-url", jdbcUrl);
    HarnessRun badAttempts = backup("--max-attempts", "0");
    HarnessRun badDuration = HarnessRun.of("backup", "--graph-base-url", graph.baseUrl(), "--tenant", "t",
        "--types", "deviceConfiguration", "--backoff-base", "soon");

    assertThat(unknownType.exitCode()).isEqualTo(2);
    assertThat(unknownType.err()).contains("--types", "nope");
    assertThat(badAttempts.exitCode()).isEqualTo(2);
    assertThat(badAttempts.err()).contains("--max-attempts", "'0'");
    assertThat(badDuration.exitCode()).isEqualTo(2);
    assertThat(badDuration.err()).contains("--backoff-base", "soon");
  }
}
