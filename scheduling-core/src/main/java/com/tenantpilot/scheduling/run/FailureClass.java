package com.tenantpilot.scheduling.run;

import com.tenantpilot.scheduling.port.GraphFailure;

/**
 * The spec's failure classes, decided by HTTP status and failure cause, never by message text.
 *
 * <table>
 *   <caption>classification</caption>
 *   <tr><th>class</th><th>when</th><th>error code</th><th>retry</th></tr>
 *   <tr><td>THROTTLED</td><td>429</td><td>GRAPH_THROTTLED</td><td>yes, honouring Retry-After</td></tr>
 *   <tr><td>TRANSIENT</td><td>502, 503, 504, timeout, broken connection</td><td>GRAPH_UNAVAILABLE</td><td>yes</td></tr>
 *   <tr><td>AUTH</td><td>401, or no token could be obtained</td><td>GRAPH_UNAUTHORIZED</td><td>never</td></tr>
 *   <tr><td>PERMISSION</td><td>403</td><td>GRAPH_FORBIDDEN</td><td>never</td></tr>
 *   <tr><td>UNKNOWN</td><td>anything else</td><td>UNEXPECTED_ERROR</td><td>limited</td></tr>
 * </table>
 */
public enum FailureClass {
  /** Graph throttled the request. */
  THROTTLED(ErrorCode.GRAPH_THROTTLED),
  /** Graph or the network was briefly unavailable. */
  TRANSIENT(ErrorCode.GRAPH_UNAVAILABLE),
  /** The credentials were rejected. */
  AUTH(ErrorCode.GRAPH_UNAUTHORIZED),
  /** The app lacks a permission. */
  PERMISSION(ErrorCode.GRAPH_FORBIDDEN),
  /** Anything else. */
  UNKNOWN(ErrorCode.UNEXPECTED_ERROR);

  private final ErrorCode errorCode;

  FailureClass(ErrorCode errorCode) {
    this.errorCode = errorCode;
  }

  /** The run error code of this class. */
  public ErrorCode errorCode() {
    return errorCode;
  }

  /** Classifies a failure. */
  public static FailureClass of(GraphFailure failure) {
    switch (failure.cause()) {
      case TIMEOUT:
      case CONNECTION:
        return TRANSIENT;
      case AUTHENTICATION:
        return AUTH;
      case HTTP_STATUS:
        switch (failure.httpStatus()) {
          case 429: return THROTTLED;
          case 502:
          case 503:
          case 504: return TRANSIENT;
          case 401: return AUTH;
          case 403: return PERMISSION;
          default: return UNKNOWN;
        }
      default:
        return UNKNOWN;
    }
  }
}
