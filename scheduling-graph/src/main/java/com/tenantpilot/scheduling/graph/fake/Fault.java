package com.tenantpilot.scheduling.graph.fake;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One injected misbehaviour of the {@link FakeGraphServer}: a status with headers and body, a
 * delay before the (normal or faulty) response, or a dropped connection.
 *
 * <p>A status of {@code 0} means "the normal response"; with a delay that is a slow but correct
 * answer. A {@code null} body means the Graph-style error body for the status (Intune's
 * JSON-in-message for 403, 404 and 500). Immutable and thread-safe.
 *
 * @param status the HTTP status, or {@code 0} for the normal response
 * @param headers extra response headers (they replace the server's defaults of the same name,
 *     except {@code Date}, which the JDK server always sets itself)
 * @param body the response body, or {@code null} for the default error body of the status
 * @param delay how long the handler waits before answering (released early by {@link
 *     Faults#releaseDelayed()} or {@link FakeGraphServer#close()})
 * @param dropConnection whether the connection is dropped without any response
 */
public record Fault(int status, Map<String, String> headers, String body, Duration delay, boolean dropConnection) {

  /** Checks and freezes. */
  public Fault {
    if (status != 0 && (status < 100 || status > 599)) {
      throw new IllegalArgumentException("status must be 0 or 100..599, was '" + status + "'");
    }
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    delay = delay == null ? Duration.ZERO : delay;
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, was '" + delay + "'");
    }
  }

  /** A response with {@code status} and the default Graph error body for it. */
  public static Fault status(int status) {
    return new Fault(status, Map.of(), null, Duration.ZERO, false);
  }

  /** 429 Too Many Requests with the given {@code Retry-After} value (seconds, fractional, or HTTP date). */
  public static Fault throttled(String retryAfter) {
    return status(429).withHeader("Retry-After", retryAfter);
  }

  /** 503 Service Unavailable. */
  public static Fault serviceUnavailable() {
    return status(503);
  }

  /** 504 Gateway Timeout. */
  public static Fault gatewayTimeout() {
    return status(504);
  }

  /** 401 Unauthorized (InvalidAuthenticationToken). */
  public static Fault unauthorized() {
    return status(401);
  }

  /** 403 Forbidden with Intune's JSON document inside {@code error.message}. */
  public static Fault forbidden() {
    return status(403);
  }

  /** 404 Not Found, as Intune answers for a deleted item. */
  public static Fault notFound() {
    return status(404);
  }

  /** 200 OK whose body is cut off in the middle of the JSON. */
  public static Fault malformedJson() {
    return status(200).withBody("{\"@odata.context\":\"https://graph.microsoft.com/beta/$metadata#x\",\"value\":[{\"id\":\"1\",");
  }

  /** The normal response, after {@code delay}. */
  public static Fault delay(Duration delay) {
    return new Fault(0, Map.of(), null, delay, false);
  }

  /** The connection is dropped without a response. */
  public static Fault disconnect() {
    return new Fault(0, Map.of(), null, Duration.ZERO, true);
  }

  /** This fault with one more response header. */
  public Fault withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new Fault(status, h, body, delay, dropConnection);
  }

  /** This fault with its own body. */
  public Fault withBody(String newBody) {
    return new Fault(status, headers, newBody, delay, dropConnection);
  }

  /** This fault answered after {@code newDelay}. */
  public Fault delayedBy(Duration newDelay) {
    return new Fault(status, headers, body, newDelay, dropConnection);
  }
}
