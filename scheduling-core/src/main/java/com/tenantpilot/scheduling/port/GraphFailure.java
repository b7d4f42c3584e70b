package com.tenantpilot.scheduling.port;

import java.time.Duration;

/**
 * What went wrong talking to Graph, as facts: never a token, never a payload. The core classifies
 * it ({@link com.tenantpilot.scheduling.run.FailureClass}) by status and cause alone, never by
 * message text.
 *
 * @param httpStatus the HTTP status, or {@code 0} when there was no response
 * @param cause what kind of failure it was
 * @param graphErrorCode Graph's {@code error.code}, or {@code null}
 * @param requestId Graph's {@code request-id}, or {@code null}
 * @param date the response's {@code Date} header, or {@code null}
 * @param retryAfter the server's Retry-After, or {@code null}
 * @param message a short, sanitised description for operators
 */
public record GraphFailure(
    int httpStatus,
    Cause cause,
    String graphErrorCode,
    String requestId,
    String date,
    Duration retryAfter,
    String message) {

  /** The kind of failure. */
  public enum Cause {
    /** Graph answered with a non-success HTTP status. */
    HTTP_STATUS,
    /** Connecting or reading timed out. */
    TIMEOUT,
    /** The connection failed or broke. */
    CONNECTION,
    /**
     * No request was sent because the tenant's credential could not be resolved or gave no token;
     * classified like a 401 (never retried).
     */
    AUTHENTICATION,
    /** Graph answered 2xx with a body that could not be read. */
    MALFORMED_RESPONSE,
    /** Anything else. */
    OTHER
  }

  /** A failure with an HTTP status and nothing else known. */
  public static GraphFailure status(int httpStatus, String message) {
    return new GraphFailure(httpStatus, Cause.HTTP_STATUS, null, null, null, null, message);
  }

  /** A 429 with a Retry-After. */
  public static GraphFailure throttled(Duration retryAfter) {
    return new GraphFailure(429, Cause.HTTP_STATUS, "TooManyRequests", null, null, retryAfter, "throttled");
  }

  /** A failure without a response. */
  public static GraphFailure of(Cause cause, String message) {
    return new GraphFailure(0, cause, null, null, null, null, message);
  }
}
