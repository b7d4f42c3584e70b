package com.tenantpilot.scheduling.graph.internal;

import com.microsoft.kiota.authentication.AccessTokenProvider;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds one tenant's bearer token to each request, and does nothing else.
 *
 * <p>It replaces the SDK's {@code AuthorizationHandler}, which answers a 401 carrying a
 * Continuous-Access-Evaluation claims challenge by sending the request a second time: here every
 * HTTP try is made exactly once and the core's retry policy sees the 401. The token comes from the
 * SDK's {@link AccessTokenProvider}, which only issues tokens for its allowed hosts (the configured
 * service root's host). The token never leaves this class except in the request header.
 *
 * <p>Thread-safe.
 */
public final class BearerTokenInterceptor implements Interceptor {

  private final AccessTokenProvider tokens;

  /** An interceptor that takes tokens from {@code tokens}. */
  public BearerTokenInterceptor(AccessTokenProvider tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null) {
      return chain.proceed(request);
    }
    String token;
    try {
      token = tokens.getAuthorizationToken(request.url().uri(), Map.of());
    } catch (RuntimeException e) {
      throw new TokenUnavailableException("no access token: " + e.getClass().getSimpleName() + ": "
          + GraphFailures.sanitize(String.valueOf(e.getMessage())));
    }
    if (token == null || token.isEmpty()) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder().header("Authorization", "Bearer " + token).build());
  }

  @Override
  public String toString() {
    return "BearerTokenInterceptor";
  }
}
