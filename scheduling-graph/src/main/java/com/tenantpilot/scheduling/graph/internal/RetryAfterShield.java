package com.tenantpilot.scheduling.graph.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A network interceptor that hides {@code Retry-After} from OkHttp's own follow-up logic.
 *
 * <p>OkHttp silently repeats a request once when a 503 carries {@code Retry-After: 0}; that try
 * would be invisible to the core's retry policy. This interceptor sits below OkHttp's retry and
 * follow-up stage and moves the header to {@value #HEADER}, where {@code SdkGraphClient} reads it.
 * Stateless and thread-safe.
 */
public final class RetryAfterShield implements Interceptor {

  /** Where the server's Retry-After value is kept. */
  public static final String HEADER = "X-TenantPilot-Retry-After";

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    String retryAfter = response.header("Retry-After");
    if (retryAfter == null) {
      return response;
    }
    return response.newBuilder().removeHeader("Retry-After").header(HEADER, retryAfter).build();
  }
}
