package com.tenantpilot.scheduling.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.core.authentication.AzureIdentityAccessTokenProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.microsoft.kiota.http.middleware.AuthorizationHandler;
import com.tenantpilot.scheduling.graph.fake.FakeGraphServer;
import com.tenantpilot.scheduling.graph.fake.Fault;
import java.io.IOException;
import java.time.OffsetDateTime;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The interceptors that keep every HTTP try single, each next to the stock behaviour it replaces,
 * so an SDK or OkHttp upgrade that changes the stock behaviour shows up here.
 */
class OneTryInterceptorsTest {

  private static final String ROLE_TAGS = "/beta/deviceManagement/roleScopeTags";
  private static final String CLAIMS_CHALLENGE = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/"
      + "common/oauth2/authorize\", error=\"insufficient_claims\", claims=\"eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2Vud"
      + "GlhbCI6dHJ1ZSwgInZhbHVlIjoiMTcwMjY4MjE4MSJ9fX0=\"";

  private final FakeGraphServer server = FakeGraphServer.start();
  private final TokenCredential credential =
      context -> Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));
  private final AzureIdentityAccessTokenProvider tokens = new AzureIdentityAccessTokenProvider(credential,
      new String[] {"127.0.0.1"}, null, false, "https://graph.microsoft.com/.default");

  @AfterEach
  void stop() {
    server.close();
  }

  private int get(Interceptor... interceptors) throws IOException {
    OkHttpClient.Builder b = new OkHttpClient.Builder().retryOnConnectionFailure(false).followRedirects(false);
    for (Interceptor i : interceptors) {
      b.addInterceptor(i);
    }
    try (Response r = b.build().newCall(new Request.Builder().url(server.baseUrl() + ROLE_TAGS).build()).execute()) {
      return r.code();
    }
  }

  @Test
  void the_bearer_interceptor_sends_the_token_and_a_401_claims_challenge_once() throws IOException {
    server.faults().enqueue(".*/roleScopeTags", Fault.unauthorized().withHeader("WWW-Authenticate", CLAIMS_CHALLENGE), 5);

    int status = get(new BearerTokenInterceptor(tokens));

    assertThat(status).isEqualTo(401);
    assertThat(server.totalRequests()).isEqualTo(1);
    assertThat(server.requestsWithAuthorization()).isEqualTo(1);
  }

  @Test
  void the_sdks_authorization_handler_would_replay_a_401_claims_challenge() throws IOException {
    server.faults().enqueue(".*/roleScopeTags", Fault.unauthorized().withHeader("WWW-Authenticate", CLAIMS_CHALLENGE), 5);

    int status = get(new AuthorizationHandler(new BaseBearerTokenAuthenticationProvider(tokens)));

    assertThat(status).isEqualTo(401);
    assertThat(server.totalRequests()).isEqualTo(2);
  }

  @Test
  void a_credential_without_a_token_stops_the_request_before_it_is_sent() {
    TokenCredential broken = context -> Mono.error(new IllegalStateException("AADSTS7000215: Invalid client secret provided."));
    AzureIdentityAccessTokenProvider brokenTokens = new AzureIdentityAccessTokenProvider(broken,
        new String[] {"127.0.0.1"}, null, false, "https://graph.microsoft.com/.default");

    assertThatThrownBy(() -> get(new BearerTokenInterceptor(brokenTokens)))
        .isInstanceOf(TokenUnavailableException.class)
        .hasMessageStartingWith("no access token: IllegalStateException: AADSTS7000215");
    assertThat(server.totalRequests()).isZero();
  }

  @Test
  void no_token_is_sent_to_a_host_outside_the_allowed_hosts() throws IOException {
    AzureIdentityAccessTokenProvider graphOnly = new AzureIdentityAccessTokenProvider(credential,
        new String[] {"graph.microsoft.com"}, null, false, "https://graph.microsoft.com/.default");

    assertThat(get(new BearerTokenInterceptor(graphOnly))).isEqualTo(200);
    assertThat(server.requestsWithAuthorization()).isZero();
  }

  @Test
  void okhttp_alone_repeats_a_503_with_retry_after_zero() throws IOException {
    server.faults().enqueue(".*/roleScopeTags", Fault.serviceUnavailable().withHeader("Retry-After", "0"), 5);

    assertThat(get()).isEqualTo(503);
    assertThat(server.totalRequests()).isEqualTo(2);
  }

  @Test
  void the_retry_after_shield_keeps_a_503_with_retry_after_zero_to_one_try() throws IOException {
    server.faults().enqueue(".*/roleScopeTags", Fault.serviceUnavailable().withHeader("Retry-After", "0"), 5);
    OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .addNetworkInterceptor(new RetryAfterShield()).build();

    try (Response r = http.newCall(new Request.Builder().url(server.baseUrl() + ROLE_TAGS).build()).execute()) {
      assertThat(r.code()).isEqualTo(503);
      assertThat(r.header(RetryAfterShield.HEADER)).isEqualTo("0");
      assertThat(r.header("Retry-After")).isNull();
    }
    assertThat(server.totalRequests()).isEqualTo(1);
  }
}
