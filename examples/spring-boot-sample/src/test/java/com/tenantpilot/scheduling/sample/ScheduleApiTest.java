package com.tenantpilot.scheduling.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tenantpilot.scheduling.graph.fake.FakeGraphServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The sample app end to end over HTTP: H2, the fake Graph, the background scheduler, the REST API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tenantpilot.scheduling.poll-interval=PT0.2S",
    "spring.datasource.url=jdbc:h2:mem:sample-api-test;DB_CLOSE_DELAY=-1"})
class ScheduleApiTest {

  private static final String ADMIN = "admin@contoso.com";

  @Autowired
  private TestRestTemplate http;

  @Autowired
  private FakeGraphServer graph;

  private static Map<String, Object> nightly(String... policyTypes) {
    return Map.of("name", "Nightly", "enabled", true, "frequency", "DAILY", "timeOfDay", "02:30",
        "timezone", "Europe/Berlin", "policyTypes", List.of(policyTypes), "retentionKeepLast", 7);
  }

  private static HttpHeaders asUser(String user) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    if (user != null) {
      headers.set("X-User", user);
    }
    return headers;
  }

  private ResponseEntity<JsonNode> post(String path, Object body, String user) {
    return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, asUser(user)), JsonNode.class);
  }

  private ResponseEntity<JsonNode> get(String path) {
    return http.getForEntity(path, JsonNode.class);
  }

  private long createSchedule(String tenant) {
    ResponseEntity<JsonNode> created = post("/tenants/" + tenant + "/schedules",
        nightly("deviceConfiguration", "settingsCatalogPolicy"), ADMIN);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return created.getBody().get("id").asLong();
  }

  /** Polls the run history until the run has a terminal status, and returns it. */
  private JsonNode awaitFinished(String tenant, long scheduleId, long runId) {
    AtomicReference<JsonNode> finished = new AtomicReference<>();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
      ResponseEntity<JsonNode> runs = get("/tenants/" + tenant + "/schedules/" + scheduleId + "/runs");
      assertThat(runs.getStatusCode()).isEqualTo(HttpStatus.OK);
      for (JsonNode run : runs.getBody()) {
        if (run.get("id").asLong() == runId
            && List.of("SUCCESS", "PARTIAL", "FAILED", "SKIPPED", "CANCELED").contains(run.get("status").asText())) {
          finished.set(run);
          return true;
        }
      }
      return false;
    });
    return finished.get();
  }

  @Test
  void createsAScheduleAndReadsItBack() {
    ResponseEntity<JsonNode> created = post("/tenants/tenant-create/schedules",
        nightly("deviceConfiguration", "deviceCompliancePolicy"), ADMIN);

    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode s = created.getBody();
    assertThat(s.get("tenantId").asText()).isEqualTo("tenant-create");
    assertThat(s.get("name").asText()).isEqualTo("Nightly");
    assertThat(s.get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(s.get("timeOfDay").asText()).isEqualTo("02:30");
    assertThat(s.get("nextRunAt").isTextual()).isTrue();
    long id = s.get("id").asLong();

    JsonNode one = get("/tenants/tenant-create/schedules/" + id).getBody();
    assertThat(one).isEqualTo(s);
    JsonNode list = get("/tenants/tenant-create/schedules").getBody();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("id").asLong()).isEqualTo(id);

    ResponseEntity<JsonNode> preview = get("/tenants/tenant-create/schedules/" + id + "/preview?count=3");
    assertThat(preview.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(preview.getBody()).hasSize(3);
    for (JsonNode slot : preview.getBody()) {
      assertThat(slot.get("note").asText()).isIn("REGULAR", "SKIPPED_IN_GAP", "FIRST_OF_TWO_OCCURRENCES");
      assertThat(slot.get("description").asText()).startsWith(slot.get("date").asText());
    }
    assertThat(get("/tenants/tenant-create/schedules/" + id + "/preview?count=0").getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void rejectsInvalidInputWithEveryViolation() {
    Map<String, Object> bad = Map.of("name", "Broken", "enabled", true, "frequency", "DAILY", "timeOfDay", "25:61",
        "timezone", "Mars/Olympus_Mons", "policyTypes", List.of("deviceConfiguration", "noSuchPolicyType"),
        "retentionKeepLast", 7);

    ResponseEntity<JsonNode> response = post("/tenants/tenant-invalid/schedules", bad, ADMIN);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    JsonNode violations = response.getBody().get("violations");
    assertThat(violations).isNotNull();
    assertThat(violations.findValuesAsText("field")).contains("timeOfDay", "timezone", "policyTypes");
    for (JsonNode v : violations) {
      assertThat(v.has("field") && v.has("value") && v.has("reason")).isTrue();
    }
    assertThat(violations.findValuesAsText("value")).contains("25:61", "Mars/Olympus_Mons", "noSuchPolicyType");
    assertThat(get("/tenants/tenant-invalid/schedules").getBody()).isEmpty();
  }

  @Test
  void runNowBacksUpFromTheFakeGraphAndASuccessfulRunCannotBeRetried() {
    long id = createSchedule("tenant-run");

    ResponseEntity<JsonNode> accepted = post("/tenants/tenant-run/schedules/" + id + "/run-now", null, ADMIN);
    assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    assertThat(accepted.getBody().get("trigger").asText()).isEqualTo("MANUAL");
    assertThat(accepted.getBody().get("requestedBy").asText()).isEqualTo(ADMIN);
    assertThat(accepted.getBody().has("lease")).isFalse();
    long runId = accepted.getBody().get("id").asLong();

    JsonNode run = awaitFinished("tenant-run", id, runId);

    assertThat(run.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(run.get("backupSetId").isIntegralNumber()).isTrue();
    JsonNode types = run.get("summary").get("types");
    assertThat(types.get("deviceConfiguration").get("backedUp").asInt()).isEqualTo(3);
    assertThat(types.get("settingsCatalogPolicy").get("backedUp").asInt()).isEqualTo(3);
    assertThat(graph.requestCount("/tenant-run/.*")).isPositive();
    assertThat(graph.requestsWithAuthorization()).isZero();

    ResponseEntity<JsonNode> retry = post("/tenants/tenant-run/runs/" + runId + "/retry", null, ADMIN);
    assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(retry.getBody().get("error").asText()).contains("SUCCESS");
    ResponseEntity<JsonNode> cancel = post("/tenants/tenant-run/runs/" + runId + "/cancel", null, ADMIN);
    assertThat(cancel.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void stateChangingCallsNeedTheActingUser() {
    long id = createSchedule("tenant-user");

    ResponseEntity<JsonNode> missing = post("/tenants/tenant-user/schedules/" + id + "/run-now", null, null);
    assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(missing.getBody().get("error").asText()).contains("X-User");
    ResponseEntity<JsonNode> blank = post("/tenants/tenant-user/schedules/" + id + "/run-now", null, "  ");
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(post("/tenants/tenant-user/schedules", nightly("deviceConfiguration"), null).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(get("/tenants/tenant-user/schedules/" + id + "/runs").getBody()).isEmpty();
  }

  @Test
  void aTenantCannotSeeOrActOnAnotherTenantsSchedulesAndRuns() {
    long id = createSchedule("tenant-a");
    ResponseEntity<JsonNode> run = post("/tenants/tenant-a/schedules/" + id + "/run-now", null, ADMIN);
    long runId = run.getBody().get("id").asLong();

    ResponseEntity<JsonNode> foreign = get("/tenants/tenant-b/schedules/" + id);
    assertThat(foreign.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(foreign.getBody().get("error").asText()).contains("not found");
    assertThat(get("/tenants/tenant-b/schedules").getBody()).isEmpty();
    assertThat(get("/tenants/tenant-b/schedules/" + id + "/preview").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(get("/tenants/tenant-b/schedules/" + id + "/runs").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("/tenants/tenant-b/schedules/" + id + "/run-now", null, ADMIN).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("/tenants/tenant-b/runs/" + runId + "/retry", null, ADMIN).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("/tenants/tenant-b/runs/" + runId + "/cancel", null, ADMIN).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    assertThat(get("/tenants/tenant-a/schedules/" + id).getStatusCode()).isEqualTo(HttpStatus.OK);
    awaitFinished("tenant-a", id, runId);
  }
}
