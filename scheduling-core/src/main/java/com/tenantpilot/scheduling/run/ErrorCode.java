package com.tenantpilot.scheduling.run;

/**
 * Why a run did not fully succeed. Names are exactly the spec's, and are stored as they are.
 *
 * <p>When several problems apply, the run's error code is the most significant one: the one with
 * the highest {@link #severity()}.
 */
public enum ErrorCode {
  /** Some policy types are not in the supported catalog; they were skipped. */
  UNKNOWN_POLICY_TYPE(10, false),
  /** The dispatcher was down past the misfire grace; the slot was not run. */
  MISSED_SLOT(10, false),
  /** Another run of the same schedule held its lock. */
  CONCURRENT_RUN(10, false),
  /** Graph answered 429; retried with backoff, honouring Retry-After. */
  GRAPH_THROTTLED(20, true),
  /** Graph answered 502, 503 or 504, or the connection or read timed out; retried with backoff. */
  GRAPH_UNAVAILABLE(30, true),
  /** Anything unclassified; retried a limited number of times. */
  UNEXPECTED_ERROR(40, true),
  /** The run's worker died or stalled and the run ran out of attempts. */
  RUN_ABANDONED(50, false),
  /** Graph answered 403: the app lacks a permission. Never retried. */
  GRAPH_FORBIDDEN(60, false),
  /** Graph answered 401: the credentials are wrong or expired. Never retried. */
  GRAPH_UNAUTHORIZED(70, false);

  private final int severity;
  private final boolean retryable;

  ErrorCode(int severity, boolean retryable) {
    this.severity = severity;
    this.retryable = retryable;
  }

  /** How significant the problem is when several apply; higher wins. */
  public int severity() {
    return severity;
  }

  /** Whether a failure with this code is retried by default. */
  public boolean retryable() {
    return retryable;
  }

  /** The more significant of two codes; either may be {@code null}. */
  public static ErrorCode mostSignificant(ErrorCode a, ErrorCode b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return b.severity > a.severity ? b : a;
  }
}
