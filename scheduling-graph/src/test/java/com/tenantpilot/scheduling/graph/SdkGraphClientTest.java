package com.tenantpilot.scheduling.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.core.requests.middleware.GraphTelemetryHandler;
import com.microsoft.kiota.http.middleware.RedirectHandler;
import com.microsoft.kiota.http.middleware.RetryHandler;
import com.tenantpilot.scheduling.graph.fake.FakeGraphServer;
import com.tenantpilot.scheduling.graph.fake.Fault;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.GraphException;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.GraphFailure.Cause;
import com.tenantpilot.scheduling.port.PolicyFetch;
import com.tenantpilot.scheduling.run.FailureClass;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link SdkGraphClient} against the {@link FakeGraphServer} on 127.0.0.1. Every test asserts the
 * exact number of requests the server received: nothing may retry behind the core's back.
 */
class SdkGraphClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIGS = ".*/beta/deviceManagement/deviceConfigurations";

  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private FakeGraphServer server(UnaryOperator<FakeGraphServer.Builder> config) {
    FakeGraphServer server = config.apply(FakeGraphServer.builder()).start();
    closeables.add(server);
    return server;
  }

  private FakeGraphServer server() {
    return server(b -> b);
  }

  private SdkGraphClient client(String serviceRoot, UnaryOperator<SdkGraphClient.Options.Builder> options) {
    SdkGraphClient client = SdkGraphClient.builder()
        .options(options.apply(SdkGraphClient.Options.builder().serviceRoot(serviceRoot)).build())
        .clock(Clock.systemUTC())
        .build();
    closeables.add(client);
    return client;
  }

  private SdkGraphClient client(FakeGraphServer server) {
    return client(server.serviceRoot(), o -> o);
  }

  private static GraphFailure failureOf(Runnable call) {
    GraphException e = catchThrowableOfType(GraphException.class, call::run);
    assertThat(e).as("a GraphException").isNotNull();
    return e.failure();
  }

  private static JsonNode payload(PolicySnapshot snapshot) {
    try {
      return JSON.readTree(snapshot.payloadJson());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Nested
  class Reading {

    @Test
    void follows_every_nextLink_over_three_pages() {
      FakeGraphServer server = server(b -> b.policiesPerType(5).pageSize(2));
      PolicyFetch fetch = client(server).fetchPolicies("contoso", "deviceConfiguration");

      assertThat(fetch.policies()).extracting(PolicySnapshot::policyId)
          .containsExactlyElementsOf(server.policyIds("default", "deviceConfiguration"));
      // 3 list pages (2 + 2 + 1) and one assignments call per policy.
      assertThat(server.requestCount(CONFIGS)).isEqualTo(3);
      assertThat(server.requestCount(CONFIGS + "/[^/]+/assignments")).isEqualTo(5);
      assertThat(server.totalRequests()).isEqualTo(8);
      assertThat(fetch.requests()).isEqualTo(8);
      assertThat(fetch.notes()).isEmpty();
    }

    @Test
    void keeps_the_raw_policy_json_and_folds_in_assignments() {
      FakeGraphServer server = server();
      PolicyFetch fetch = client(server).fetchPolicies("contoso", "deviceConfiguration");

      PolicySnapshot first = fetch.policies().get(0);
      JsonNode json = payload(first);
      assertThat(first.odataType()).isEqualTo("#microsoft.graph.windows10GeneralConfiguration");
      assertThat(first.displayName()).isEqualTo("Windows 10 device restrictions 1");
      assertThat(first.complete()).isTrue();
      assertThat(json.get("@odata.type").asText()).isEqualTo("#microsoft.graph.windows10GeneralConfiguration");
      assertThat(json.get("passwordMinimumLength").asInt()).isEqualTo(12);
      assertThat(json.get("assignments")).hasSize(2);
      assertThat(json.at("/assignments/0/target/@odata.type").asText()).isEqualTo("#microsoft.graph.groupAssignmentTarget");
      assertThat(payload(fetch.policies().get(2)).at("/omaSettings/1/isEncrypted").asBoolean()).isTrue();
      assertThat(server.totalRequests()).isEqualTo(5);
    }

    @Test
    void reads_settings_catalog_settings_beyond_25_entries_across_pages() {
      FakeGraphServer server = server(b -> b.policiesPerType(2).subCollectionSize("settings", 30).subCollectionPageSize(25));
      PolicyFetch fetch = client(server).fetchPolicies("contoso", "settingsCatalogPolicy");

      assertThat(fetch.policies()).hasSize(2);
      for (PolicySnapshot snapshot : fetch.policies()) {
        JsonNode settings = payload(snapshot).get("settings");
        assertThat(settings).hasSize(30);
        assertThat(settings.get(0).get("id").asText()).isEqualTo("0");
        assertThat(settings.get(29).get("id").asText()).isEqualTo("29");
        assertThat(settings.get(25).at("/settingInstance/@odata.type").asText()).startsWith("#microsoft.graph.");
      }
      assertThat(fetch.policies().get(0).displayName()).isEqualTo("Defender Antivirus baseline 1");
      // 1 list page; per policy 1 assignments call and 2 settings pages (25 + 5).
      assertThat(server.requestCount(".*/configurationPolicies/[^/]+/settings")).isEqualTo(4);
      assertThat(server.totalRequests()).isEqualTo(7);
      assertThat(fetch.requests()).isEqualTo(7);
    }

    @Test
    void folds_group_policy_definition_values_with_their_presentation_values() {
      FakeGraphServer server = server();
      PolicyFetch fetch = client(server).fetchPolicies("contoso", "groupPolicyConfiguration");

      JsonNode json = payload(fetch.policies().get(0));
      assertThat(json.get("definitionValues")).hasSize(2);
      for (JsonNode value : json.get("definitionValues")) {
        assertThat(value.get("@odata.type").asText()).isEqualTo("#microsoft.graph.groupPolicyDefinitionValue");
        assertThat(value.at("/definition/displayName").asText()).isEqualTo("Configure the home page URL");
        assertThat(value.get("presentationValues")).hasSize(1);
        assertThat(value.at("/presentationValues/0/value").asText()).isEqualTo("https://intranet.contoso.com");
      }
      assertThat(server.requestCount(".*/definitionValues")).isEqualTo(3);
      assertThat(server.requestCount(".*/definitionValues/[^/]+/presentationValues")).isEqualTo(6);
      // 2 list pages + per policy: assignments, definitionValues, 2 presentationValues.
      assertThat(server.totalRequests()).isEqualTo(14);
      assertThat(server.requests()).anyMatch(r -> r.endsWith("/definitionValues?$expand=definition"))
          .anyMatch(r -> r.endsWith("/presentationValues?$expand=presentation"));
    }

    @Test
    void reads_each_script_again_for_its_content() {
      FakeGraphServer server = server();
      PolicyFetch fetch = client(server).fetchPolicies("contoso", "powerShellScript");

      for (PolicySnapshot snapshot : fetch.policies()) {
        JsonNode json = payload(snapshot);
        assertThat(json.get("scriptContent").asText()).isNotBlank();
        assertThat(json.get("@odata.context").asText()).endsWith("/$entity");
        assertThat(json.get("assignments")).hasSize(2);
      }
      assertThat(server.requestCount(".*/deviceManagementScripts/[^/]+")).isEqualTo(3);
      assertThat(server.totalRequests()).isEqualTo(8);
    }

    @Test
    void reads_every_registered_type_without_credentials() {
      FakeGraphServer server = server();
      SdkGraphClient client = client(server);
      int requests = 0;
      for (PolicyType type : client.registry().types()) {
        PolicyFetch fetch = client.fetchPolicies("contoso", type.key());
        requests += fetch.requests();
        assertThat(fetch.policies()).as(type.key()).hasSize(3).allMatch(PolicySnapshot::complete);
        for (PolicySnapshot snapshot : fetch.policies()) {
          JsonNode json = payload(snapshot);
          assertThat(json.get("@odata.type").asText()).as(type.key()).startsWith("#microsoft.graph.");
          assertThat(json.has("assignments")).as(type.key())
              .isEqualTo(type.assignments() == PolicyType.AssignmentSource.SEPARATE_CALL);
          for (PolicyType.SubCollection sub : type.subCollections()) {
            assertThat(json.get(sub.name())).as(type.key() + "." + sub.name()).isNotEmpty();
          }
        }
      }
      assertThat(client.anonymous()).isTrue();
      assertThat(server.requestsWithAuthorization()).isZero();
      assertThat(server.totalRequests()).isEqualTo(requests);
      assertThat(requests).isEqualTo(125);
    }

    @Test
    void reads_each_tenant_as_itself_with_one_cached_client_per_tenant() {
      FakeGraphServer server = server();
      SdkGraphClient client = client(server.serviceRootPerTenant(), o -> o);

      PolicyFetch a = client.fetchPolicies("tenant-a", "assignmentFilter");
      PolicyFetch b = client.fetchPolicies("tenant-b", "assignmentFilter");
      client.fetchPolicies("tenant-a", "roleScopeTag");

      assertThat(a.policies()).extracting(PolicySnapshot::policyId)
          .containsExactlyElementsOf(server.policyIds("tenant-a", "assignmentFilter"))
          .doesNotContainAnyElementsOf(server.policyIds("tenant-b", "assignmentFilter"));
      assertThat(b.policies()).extracting(PolicySnapshot::policyId)
          .containsExactlyElementsOf(server.policyIds("tenant-b", "assignmentFilter"));
      assertThat(server.requestCount("/tenant-a/beta/.*")).isEqualTo(4);
      assertThat(server.requestCount("/tenant-b/beta/.*")).isEqualTo(2);
      assertThat(server.totalRequests()).isEqualTo(6);
      assertThat(client.cachedTenants()).isEqualTo(2);
      client.forgetTenant("tenant-a");
      assertThat(client.cachedTenants()).isEqualTo(1);
    }
  }

  @Nested
  class Failures {

    @Test
    void throttled_429_carries_a_fractional_retry_after() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.throttled("2.128"), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.httpStatus()).isEqualTo(429);
      assertThat(f.cause()).isEqualTo(Cause.HTTP_STATUS);
      assertThat(f.graphErrorCode()).isEqualTo("TooManyRequests");
      assertThat(f.retryAfter()).isEqualTo(Duration.ofMillis(2128));
      assertThat(f.requestId()).isNotBlank();
      assertThat(f.date()).endsWith("GMT");
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.THROTTLED);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void throttled_in_the_middle_of_a_type_stops_at_that_request() {
      FakeGraphServer server = server();
      String firstPolicy = server.policyIds("default", "deviceConfiguration").get(0);
      server.faults().enqueue(CONFIGS + "/" + firstPolicy + "/assignments", Fault.throttled("7"), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.httpStatus()).isEqualTo(429);
      assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(7));
      // 2 list pages, then the first assignments call; no retry, no further calls.
      assertThat(server.totalRequests()).isEqualTo(3);
    }

    @Test
    void retry_after_as_http_date_is_relative_to_the_response_date() {
      FakeGraphServer server = server();
      Instant retryAt = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      server.faults().enqueue(CONFIGS, Fault.throttled(
          java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(retryAt.atOffset(java.time.ZoneOffset.UTC))), 1);
      // A client clock years away proves that the server's Date, not the client's clock, is the base.
      SdkGraphClient client = SdkGraphClient.builder()
          .options(SdkGraphClient.Options.builder().serviceRoot(server.serviceRoot()).build())
          .clock(new MutableClock(Instant.parse("2020-01-01T00:00:00Z")))
          .build();
      closeables.add(client);

      GraphFailure f = failureOf(() -> client.fetchPolicies("contoso", "deviceConfiguration"));

      Instant serverDate = java.time.ZonedDateTime.parse(f.date(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant();
      assertThat(f.retryAfter()).isEqualTo(Duration.between(serverDate, retryAt));
      assertThat(f.retryAfter()).isBetween(Duration.ofMinutes(50), Duration.ofMinutes(61));
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void service_unavailable_503_is_transient_and_sent_once() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.serviceUnavailable(), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.httpStatus()).isEqualTo(503);
      assertThat(f.graphErrorCode()).isEqualTo("ServiceUnavailable");
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.TRANSIENT);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void service_unavailable_503_with_retry_after_zero_is_not_repeated_by_okhttp() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.serviceUnavailable().withHeader("Retry-After", "0"), 2);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.httpStatus()).isEqualTo(503);
      assertThat(f.retryAfter()).isEqualTo(Duration.ZERO);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void gateway_timeout_504_is_transient_and_sent_once() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.gatewayTimeout(), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.httpStatus()).isEqualTo(504);
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.TRANSIENT);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void unauthorized_401_is_an_auth_failure_sent_once() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.unauthorized().withHeader("WWW-Authenticate",
          "Bearer realm=\"\", error=\"invalid_token\", error_description=\"token expired\""), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.httpStatus()).isEqualTo(401);
      assertThat(f.graphErrorCode()).isEqualTo("InvalidAuthenticationToken");
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.AUTH);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void forbidden_403_keeps_a_short_message_from_intunes_json_in_message() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.forbidden(), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.httpStatus()).isEqualTo(403);
      assertThat(f.graphErrorCode()).isEqualTo("Forbidden");
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.PERMISSION);
      assertThat(f.message()).startsWith("Application is not authorized to perform this operation.")
          .contains("(activity " + f.requestId() + ")")
          .doesNotContain("_version", "Url:", "https://", "Operation ID", "CustomApiErrorPhrase")
          .hasSizeLessThanOrEqualTo(300);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void a_policy_deleted_between_list_and_item_get_is_skipped_and_noted() {
      FakeGraphServer server = server();
      List<String> ids = server.policyIds("default", "powerShellScript");
      server.faults().enqueue(".*/deviceManagementScripts/" + ids.get(1), Fault.notFound(), 1);

      PolicyFetch fetch = client(server).fetchPolicies("contoso", "powerShellScript");

      assertThat(fetch.policies()).extracting(PolicySnapshot::policyId).containsExactly(ids.get(0), ids.get(2));
      assertThat(fetch.notes()).singleElement().asString()
          .contains("powerShellScript policy " + ids.get(1), "deleted", "404");
      // 2 list pages; item + assignments for policies 1 and 3; only the item GET for policy 2.
      assertThat(server.requestCount(".*/deviceManagementScripts/" + ids.get(1) + "(/.*)?")).isEqualTo(1);
      assertThat(server.totalRequests()).isEqualTo(7);
      assertThat(fetch.requests()).isEqualTo(7);
    }

    @Test
    void a_404_on_a_required_sub_collection_also_means_the_policy_is_gone() {
      FakeGraphServer server = server();
      List<String> ids = server.policyIds("default", "settingsCatalogPolicy");
      server.faults().enqueue(".*/configurationPolicies/" + ids.get(0) + "/settings", Fault.notFound(), 1);

      PolicyFetch fetch = client(server).fetchPolicies("contoso", "settingsCatalogPolicy");

      assertThat(fetch.policies()).extracting(PolicySnapshot::policyId).containsExactly(ids.get(1), ids.get(2));
      assertThat(fetch.notes()).singleElement().asString().contains(ids.get(0), "settings");
      assertThat(server.totalRequests()).isEqualTo(8);
    }

    @Test
    void a_403_on_an_optional_sub_collection_marks_only_that_policy_incomplete() {
      FakeGraphServer server = server();
      List<String> ids = server.policyIds("default", "appConfigurationManagedApp");
      server.faults().enqueue(".*/targetedManagedAppConfigurations/" + ids.get(1) + "/apps", Fault.forbidden(), 1);

      PolicyFetch fetch = client(server).fetchPolicies("contoso", "appConfigurationManagedApp");

      assertThat(fetch.policies()).hasSize(3);
      PolicySnapshot incomplete = fetch.policies().get(1);
      assertThat(incomplete.complete()).isFalse();
      assertThat(incomplete.notes()).singleElement().asString().contains("apps not read: HTTP 403 Forbidden", "incomplete");
      assertThat(payload(incomplete).has("apps")).isFalse();
      assertThat(payload(incomplete).get("assignments")).hasSize(2);
      assertThat(fetch.policies().get(0).complete()).isTrue();
      assertThat(payload(fetch.policies().get(2)).get("apps")).hasSize(2);
      // 2 list pages, then assignments and apps for each of the 3 policies.
      assertThat(server.totalRequests()).isEqualTo(8);
    }

    @Test
    void a_403_on_optional_assignments_marks_the_policy_incomplete() {
      FakeGraphServer server = server();
      List<String> ids = server.policyIds("default", "appProtectionPolicy");
      server.faults().enqueue(".*/managedAppPolicies/" + ids.get(0) + "/assignments", Fault.forbidden(), 1);

      PolicyFetch fetch = client(server).fetchPolicies("contoso", "appProtectionPolicy");

      assertThat(fetch.policies()).extracting(PolicySnapshot::complete).containsExactly(false, true, true);
      assertThat(server.totalRequests()).isEqualTo(5);
    }

    @Test
    void a_403_on_a_required_sub_collection_fails_the_type() {
      FakeGraphServer server = server();
      String first = server.policyIds("default", "deviceCompliancePolicy").get(0);
      server.faults().enqueue(".*/deviceCompliancePolicies/" + first + "/scheduledActionsForRule", Fault.forbidden(), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceCompliancePolicy"));

      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.PERMISSION);
      // 2 list pages, assignments and the scheduled actions of the first policy.
      assertThat(server.totalRequests()).isEqualTo(4);
    }

    @Test
    void a_404_on_the_list_fails_the_type() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.notFound(), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.httpStatus()).isEqualTo(404);
      assertThat(f.graphErrorCode()).isEqualTo("ResourceNotFound");
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.UNKNOWN);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void malformed_json_is_a_malformed_response() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.malformedJson(), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.cause()).isEqualTo(Cause.MALFORMED_RESPONSE);
      assertThat(f.httpStatus()).isEqualTo(200);
      assertThat(f.message()).contains("not valid JSON").doesNotContain("\"value\"");
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.UNKNOWN);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void a_response_slower_than_the_read_timeout_is_a_timeout() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.delay(Duration.ofSeconds(30)), 1);
      SdkGraphClient client = client(server.serviceRoot(), o -> o.readTimeout(Duration.ofMillis(300)));

      GraphFailure f = failureOf(() -> client.fetchPolicies("contoso", "deviceConfiguration"));
      server.faults().releaseDelayed();

      assertThat(f.cause()).isEqualTo(Cause.TIMEOUT);
      assertThat(f.httpStatus()).isZero();
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.TRANSIENT);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void a_dropped_connection_is_a_connection_failure_sent_once() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, Fault.disconnect(), 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.cause()).isEqualTo(Cause.CONNECTION);
      assertThat(FailureClass.of(f)).isEqualTo(FailureClass.TRANSIENT);
      assertThat(server.totalRequests()).isEqualTo(1);
    }

    @Test
    void a_nextLink_seen_twice_is_a_loop() {
      FakeGraphServer server = server();
      String loop = "{\"value\":[],\"@odata.nextLink\":\"" + server.baseUrl()
          + "/beta/deviceManagement/deviceConfigurations?$skiptoken=again\"}";
      server.faults().enqueue(CONFIGS, 200, Map.of(), loop, 5);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.cause()).isEqualTo(Cause.MALFORMED_RESPONSE);
      assertThat(f.message()).contains("nextLink loop");
      // The first page and the linked page; the second link to the same page is not followed.
      assertThat(server.totalRequests()).isEqualTo(2);
    }

    @Test
    void more_pages_than_max_pages_is_an_error() {
      FakeGraphServer server = server(b -> b.policiesPerType(5).pageSize(2));
      SdkGraphClient client = client(server.serviceRoot(), o -> o.maxPages(2));

      GraphFailure f = failureOf(() -> client.fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.cause()).isEqualTo(Cause.OTHER);
      assertThat(f.message()).contains("maxPages=2");
      assertThat(server.totalRequests()).isEqualTo(2);
    }

    @Test
    void a_nextLink_to_another_host_is_not_followed() {
      FakeGraphServer server = server();
      server.faults().enqueue(CONFIGS, 200, Map.of(),
          "{\"value\":[],\"@odata.nextLink\":\"https://graph.example.invalid/beta/deviceManagement/deviceConfigurations\"}", 1);

      GraphFailure f = failureOf(() -> client(server).fetchPolicies("contoso", "deviceConfiguration"));

      assertThat(f.cause()).isEqualTo(Cause.MALFORMED_RESPONSE);
      assertThat(f.message()).contains("leaves the service root");
      assertThat(server.totalRequests()).isEqualTo(1);
    }
  }

  @Nested
  class OneRetryLayer {

    @Test
    void the_sdk_retry_and_redirect_handlers_are_not_in_the_chain() {
      FakeGraphServer server = server();
      SdkGraphClient client = client(server);

      assertThat(client.interceptors())
          .noneMatch(RetryHandler.class::isInstance)
          .noneMatch(RedirectHandler.class::isInstance)
          .anyMatch(GraphTelemetryHandler.class::isInstance);
    }
  }

  @Nested
  class Budget {

    @Test
    void the_rate_limit_waits_on_the_clock_instead_of_spinning() {
      FakeGraphServer server = server();
      MutableClock clock = new MutableClock(Instant.parse("2025-01-06T09:00:00Z"));
      List<Duration> sleeps = new ArrayList<>();
      SdkGraphClient client = SdkGraphClient.builder()
          .options(SdkGraphClient.Options.builder().serviceRoot(server.serviceRoot())
              .rateLimit(3, Duration.ofMinutes(1)).build())
          .clock(clock)
          .sleeper(d -> {
            sleeps.add(d);
            clock.advance(d);
          })
          .build();
      closeables.add(client);

      PolicyFetch fetch = client.fetchPolicies("contoso", "deviceConfiguration");

      // 5 requests at a frozen clock: 3 go at once, the 4th waits one window, the 5th then fits.
      assertThat(sleeps).containsExactly(Duration.ofMinutes(1));
      assertThat(fetch.policies()).hasSize(3);
      assertThat(server.totalRequests()).isEqualTo(5);
    }

    @Test
    void a_tenant_at_its_concurrency_cap_does_not_hold_up_another_tenant() throws Exception {
      FakeGraphServer server = server();
      server.faults().enqueue("/tenant-a/.*", Fault.delay(Duration.ofSeconds(30)), 1);
      SdkGraphClient client = client(server.serviceRootPerTenant(), o -> o.maxConcurrentRequestsPerTenant(1));
      var executor = java.util.concurrent.Executors.newSingleThreadExecutor();
      closeables.add(executor::shutdownNow);

      var slow = executor.submit(() -> client.fetchPolicies("tenant-a", "roleScopeTag"));
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> server.requestCount("/tenant-a/.*") == 1);

      PolicyFetch other = client.fetchPolicies("tenant-b", "roleScopeTag");
      assertThat(other.policies()).hasSize(3);
      assertThat(client.budget("tenant-a").freeSlots()).isZero();
      assertThat(client.budget("tenant-b").freeSlots()).isEqualTo(1);
      assertThat(slow).isNotDone();

      server.faults().releaseDelayed();
      assertThat(slow.get(10, java.util.concurrent.TimeUnit.SECONDS).policies()).hasSize(3);
      assertThat(server.requestCount("/tenant-a/.*")).isEqualTo(2);
      assertThat(server.requestCount("/tenant-b/.*")).isEqualTo(2);
    }
  }

  @Nested
  class Configuration {

    @Test
    void the_catalog_startup_check_names_unknown_keys_and_the_registry_keys() {
      PolicyTypeCatalog catalog = PolicyTypeCatalog.of("deviceConfiguration", "legacyKioskProfile", "madeUpType");

      assertThatThrownBy(() -> SdkGraphClient.builder().clock(Clock.systemUTC()).credentials(t -> null)
          .catalog(catalog).build())
          .isInstanceOf(UnmappedPolicyTypeException.class)
          .hasMessageContaining("[legacyKioskProfile, madeUpType]")
          .hasMessageContaining("deviceConfiguration, deviceCompliancePolicy")
          .hasMessageContaining("roleScopeTag");
    }

    @Test
    void a_catalog_within_the_registry_passes_the_startup_check() {
      FakeGraphServer server = server();
      SdkGraphClient client = SdkGraphClient.builder()
          .options(SdkGraphClient.Options.builder().serviceRoot(server.serviceRoot()).build())
          .clock(Clock.systemUTC())
          .catalog(PolicyTypeCatalog.of("deviceConfiguration", "settingsCatalogPolicy"))
          .build();
      closeables.add(client);

      assertThat(client.fetchPolicies("contoso", "deviceConfiguration").policies()).hasSize(3);
      assertThat(server.totalRequests()).isEqualTo(5);
    }

    @Test
    void an_unregistered_type_is_rejected_before_any_request() {
      FakeGraphServer server = server();

      assertThatThrownBy(() -> client(server).fetchPolicies("contoso", "madeUpType"))
          .isInstanceOf(UnmappedPolicyTypeException.class)
          .hasMessageContaining("[madeUpType]");
      assertThatThrownBy(() -> client(server).fetchPolicies(" ", "deviceConfiguration"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("tenantId must not be blank, was ' '");
      assertThat(server.totalRequests()).isZero();
    }

    @Test
    void a_public_service_root_needs_credentials() {
      assertThatThrownBy(() -> SdkGraphClient.builder().clock(Clock.systemUTC()).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("credentials must be set when serviceRoot is not a loopback address, was "
              + "'https://graph.microsoft.com'");

      SdkGraphClient client = SdkGraphClient.builder()
          .options(SdkGraphClient.Options.builder().serviceRoot("https://graph.microsoft.us").build())
          .credentials(tenantId -> request -> reactor.core.publisher.Mono.empty())
          .clock(Clock.systemUTC())
          .build();
      closeables.add(client);
      assertThat(client.anonymous()).isFalse();
      assertThat(client.options().serviceRoot()).isEqualTo("https://graph.microsoft.us");
    }

    @Test
    void a_failing_credential_resolver_fails_the_fetch_before_any_request() {
      // The resolver fails before a client exists, so nothing is sent to this (unreachable) host.
      SdkGraphClient client = SdkGraphClient.builder()
          .options(SdkGraphClient.Options.builder().serviceRoot("https://graph.example.invalid").build())
          .credentials(tenantId -> {
            if (tenantId.equals("unknown-tenant")) {
              return null;
            }
            throw new IllegalStateException("no app registration for " + tenantId);
          })
          .clock(Clock.systemUTC())
          .build();
      closeables.add(client);

      GraphFailure thrown = failureOf(() -> client.fetchPolicies("tenant-a", "deviceConfiguration"));
      GraphFailure missing = failureOf(() -> client.fetchPolicies("unknown-tenant", "deviceConfiguration"));

      assertThat(thrown.cause()).isEqualTo(Cause.AUTHENTICATION);
      assertThat(missing.cause()).isEqualTo(Cause.AUTHENTICATION);
      assertThat(FailureClass.of(thrown)).isEqualTo(FailureClass.AUTH);
      assertThat(thrown.message()).isEqualTo("no credential for tenant tenant-a: IllegalStateException: "
          + "no app registration for tenant-a");
      assertThat(missing.message()).isEqualTo("the credential resolver returned no credential for tenant unknown-tenant");
      assertThat(client.cachedTenants()).isZero();
    }

    @Test
    void a_closed_client_refuses_to_fetch() {
      FakeGraphServer server = server();
      SdkGraphClient client = client(server);
      client.close();

      assertThatThrownBy(() -> client.fetchPolicies("contoso", "deviceConfiguration"))
          .isInstanceOf(IllegalStateException.class).hasMessage("This SdkGraphClient is closed");
      assertThat(server.totalRequests()).isZero();
    }

    @Test
    void a_clock_is_required() {
      assertThatThrownBy(() -> SdkGraphClient.builder().credentials(t -> null).build())
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("clock must be set");
    }

    @Test
    void rejected_options_name_the_field_and_quote_the_value() {
      SdkGraphClient.Options.Builder b = SdkGraphClient.Options.builder();

      assertThatThrownBy(() -> b.serviceRoot("http://graph.microsoft.com"))
          .hasMessageStartingWith("serviceRoot must be an https URL").hasMessageEndingWith("was 'http://graph.microsoft.com'");
      assertThatThrownBy(() -> b.serviceRoot("https://graph.microsoft.com/?x=1"))
          .hasMessageEndingWith("was 'https://graph.microsoft.com/?x=1'");
      assertThatThrownBy(() -> b.serviceRoot("http://127.0.0.1:8080/t{tenantId}"))
          .hasMessage("serviceRoot may contain {tenantId} only as a whole path segment, was 'http://127.0.0.1:8080/t{tenantId}'");
      assertThatThrownBy(() -> b.readTimeout(Duration.ZERO)).hasMessage("readTimeout must be positive, was 'PT0S'");
      assertThatThrownBy(() -> b.connectTimeout(Duration.ofSeconds(-1)))
          .hasMessage("connectTimeout must be positive, was 'PT-1S'");
      assertThatThrownBy(() -> b.callTimeout(null)).hasMessage("callTimeout must be zero or positive, was 'null'");
      assertThatThrownBy(() -> b.rateLimit(0, Duration.ofSeconds(20)))
          .hasMessage("rateLimitRequests must be at least 1, was '0'");
      assertThatThrownBy(() -> b.rateLimit(10, Duration.ZERO)).hasMessage("rateLimitWindow must be positive, was 'PT0S'");
      assertThatThrownBy(() -> b.maxConcurrentRequestsPerTenant(0))
          .hasMessage("maxConcurrentRequestsPerTenant must be 1..256, was '0'");
      assertThatThrownBy(() -> b.maxPages(0)).hasMessage("maxPages must be at least 1, was '0'");
    }

    @Test
    void options_have_documented_defaults_and_round_trip_through_their_builder() {
      SdkGraphClient.Options defaults = SdkGraphClient.Options.defaults();

      assertThat(defaults.serviceRoot()).isEqualTo("https://graph.microsoft.com");
      assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
      assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(60));
      assertThat(defaults.rateLimitRequests()).isEqualTo(1000);
      assertThat(defaults.rateLimitWindow()).isEqualTo(Duration.ofSeconds(20));
      assertThat(defaults.maxConcurrentRequestsPerTenant()).isEqualTo(4);
      SdkGraphClient.Options copy = defaults.toBuilder().serviceRoot("http://localhost:9000/").build();
      assertThat(copy.serviceRoot()).isEqualTo("http://localhost:9000");
      assertThat(copy.maxPages()).isEqualTo(defaults.maxPages());
    }
  }
}
