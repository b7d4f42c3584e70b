package com.tenantpilot.scheduling.graph.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake itself, spoken to with the JDK's HTTP client so it does not depend on the client under test. */
class FakeGraphServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCRIPTS = "/beta/deviceManagement/deviceManagementScripts";

  private final FakeGraphServer server = FakeGraphServer.builder().policiesPerType(5).pageSize(2).start();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : server.baseUrl() + pathOrUrl;
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void pages_a_list_with_nextLinks_and_leaves_item_only_properties_out() throws Exception {
    List<String> ids = new ArrayList<>();
    String next = SCRIPTS;
    int pages = 0;
    while (next != null) {
      JsonNode page = json(get(next));
      pages++;
      assertThat(page.get("@odata.context").asText()).endsWith("/beta/$metadata#deviceManagement/deviceManagementScripts");
      page.get("value").forEach(v -> {
        ids.add(v.get("id").asText());
        assertThat(v.has("scriptContent")).isFalse();
      });
      next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
    }

    assertThat(pages).isEqualTo(3);
    assertThat(ids).containsExactlyElementsOf(server.policyIds("default", "powerShellScript"));
    assertThat(server.requestCount(".*/deviceManagementScripts")).isEqualTo(3);
    assertThat(server.requests()).contains("GET " + SCRIPTS + "?$skiptoken=2", "GET " + SCRIPTS + "?$skiptoken=4");
  }

  @Test
  void answers_an_item_get_with_the_full_object() throws Exception {
    String id = server.policyIds("default", "powerShellScript").get(0);

    HttpResponse<String> response = get(SCRIPTS + "/" + id);

    JsonNode item = json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("request-id")).isPresent();
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(item.get("@odata.context").asText()).endsWith("#deviceManagement/deviceManagementScripts/$entity");
    assertThat(item.get("@odata.type").asText()).isEqualTo("#microsoft.graph.deviceManagementScript");
    assertThat(item.get("id").asText()).isEqualTo(id);
    assertThat(item.get("scriptContent").asText()).isNotBlank();
  }

  @Test
  void gives_every_tenant_its_own_ids_and_serves_v1_too() throws Exception {
    JsonNode a = json(get("/tenant-a/beta/deviceManagement/roleScopeTags"));
    JsonNode b = json(get("/tenant-b/v1.0/deviceManagement/roleScopeTags"));

    assertThat(a.at("/value/0/id").asText()).isEqualTo(server.policyIds("tenant-a", "roleScopeTag").get(0))
        .isNotEqualTo(b.at("/value/0/id").asText());
    assertThat(a.get("@odata.nextLink").asText()).startsWith(server.baseUrl() + "/tenant-a/beta/");
    assertThat(b.get("@odata.context").asText()).startsWith(server.baseUrl() + "/tenant-b/v1.0/$metadata#");
  }

  @Test
  void an_unknown_path_is_a_404_with_intunes_error_body() throws Exception {
    HttpResponse<String> response = get("/beta/deviceManagement/noSuchThings");

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = json(response).get("error");
    assertThat(error.get("code").asText()).isEqualTo("ResourceNotFound");
    assertThat(JSON.readTree(error.get("message").asText()).get("_version").asInt()).isEqualTo(3);
    assertThat(error.at("/innerError/request-id").asText()).isEqualTo(response.headers().firstValue("request-id").orElseThrow());
  }

  @Test
  void a_fault_applies_as_many_times_as_enqueued_then_the_normal_response_returns() throws Exception {
    server.faults().enqueue(".*/roleScopeTags", 503, Map.of("Retry-After", "3"), null, 2);

    assertThat(get("/beta/deviceManagement/roleScopeTags").statusCode()).isEqualTo(503);
    HttpResponse<String> second = get("/beta/deviceManagement/roleScopeTags");
    assertThat(second.statusCode()).isEqualTo(503);
    assertThat(second.headers().firstValue("Retry-After")).contains("3");
    assertThat(json(second).at("/error/code").asText()).isEqualTo("ServiceUnavailable");
    assertThat(server.faults().pending()).isZero();
    assertThat(get("/beta/deviceManagement/roleScopeTags").statusCode()).isEqualTo(200);
    assertThat(server.requestCount(".*/roleScopeTags")).isEqualTo(3);
  }

  @Test
  void an_unbounded_fault_applies_until_cleared() throws Exception {
    server.faults().always("/tenant-x/.*", Fault.forbidden());

    assertThat(get("/tenant-x/beta/deviceManagement/roleScopeTags").statusCode()).isEqualTo(403);
    assertThat(get("/tenant-x/beta/deviceManagement/assignmentFilters").statusCode()).isEqualTo(403);
    assertThat(get("/tenant-y/beta/deviceManagement/assignmentFilters").statusCode()).isEqualTo(200);
    server.faults().clear();
    assertThat(get("/tenant-x/beta/deviceManagement/roleScopeTags").statusCode()).isEqualTo(200);
    assertThat(server.totalRequests()).isEqualTo(4);
  }

  @Test
  void a_delayed_response_waits_until_released() throws Exception {
    server.faults().enqueue(".*/roleScopeTags", Fault.delay(Duration.ofMinutes(1)), 1);

    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/beta/deviceManagement/roleScopeTags")).build(),
        HttpResponse.BodyHandlers.ofString());
    await().atMost(Duration.ofSeconds(10)).until(() -> server.totalRequests() == 1);
    assertThat(pending).isNotDone();

    server.faults().releaseDelayed();
    assertThat(pending.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void a_dropped_connection_gives_no_response() {
    server.faults().enqueue(".*/roleScopeTags", Fault.disconnect(), 1);
    // The JDK client would silently repeat the GET on the broken connection; OkHttp is told not to.
    okhttp3.OkHttpClient okhttp = new okhttp3.OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    assertThatThrownBy(() -> okhttp.newCall(new okhttp3.Request.Builder()
        .url(server.baseUrl() + "/beta/deviceManagement/roleScopeTags").build()).execute())
        .isInstanceOf(IOException.class);
    assertThat(server.totalRequests()).isEqualTo(1);
  }

  @Test
  void counts_requests_with_an_authorization_header_and_forgets_on_reset() throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/beta/deviceManagement/roleScopeTags"))
        .header("Authorization", "Bearer x").build(), HttpResponse.BodyHandlers.discarding());
    get("/beta/deviceManagement/roleScopeTags");

    assertThat(server.requestsWithAuthorization()).isEqualTo(1);
    assertThat(server.totalRequests()).isEqualTo(2);
    server.resetCounters();
    assertThat(server.totalRequests()).isZero();
  }

  @Test
  void rejects_bad_settings_naming_the_field_and_value() {
    assertThatThrownBy(() -> FakeGraphServer.builder().pageSize(0))
        .hasMessage("pageSize must be at least 1, was '0'");
    assertThatThrownBy(() -> server.faults().enqueue(".*", Fault.notFound(), 0))
        .hasMessage("times must be at least 1, was '0'");
    assertThatThrownBy(() -> Fault.status(99)).hasMessage("status must be 0 or 100..599, was '99'");
  }
}
