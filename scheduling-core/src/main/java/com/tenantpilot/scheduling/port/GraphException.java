package com.tenantpilot.scheduling.port;

import com.tenantpilot.scheduling.SchedulingException;

/** Thrown by a {@link GraphClient} when a request fails; carries the {@link GraphFailure}. */
public class GraphException extends SchedulingException {

  private final GraphFailure failure;

  /** Creates the exception for a failure. */
  public GraphException(GraphFailure failure) {
    super(describe(failure));
    this.failure = failure;
  }

  /** Creates the exception for a failure, with the underlying cause. */
  public GraphException(GraphFailure failure, Throwable cause) {
    super(describe(failure), cause);
    this.failure = failure;
  }

  /** The facts of the failure. */
  public GraphFailure failure() {
    return failure;
  }

  private static String describe(GraphFailure f) {
    StringBuilder s = new StringBuilder("Graph request failed: ");
    s.append(f.httpStatus() == 0 ? f.cause().name() : "HTTP " + f.httpStatus());
    if (f.graphErrorCode() != null) {
      s.append(" ").append(f.graphErrorCode());
    }
    if (f.requestId() != null) {
      s.append(" request-id=").append(f.requestId());
    }
    if (f.message() != null) {
      s.append(": ").append(f.message());
    }
    return s.toString();
  }
}
