package com.tenantpilot.scheduling.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.GraphFailure.Cause;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailureClassTest {

  /** The spec's failure table (section 6): status or cause, class, error code, retried by default. */
  static Stream<Arguments> table() {
    return Stream.of(
        row(GraphFailure.status(429, "too many"), FailureClass.THROTTLED, ErrorCode.GRAPH_THROTTLED, true),
        row(GraphFailure.throttled(Duration.ofSeconds(30)), FailureClass.THROTTLED, ErrorCode.GRAPH_THROTTLED, true),
        row(GraphFailure.status(502, "bad gateway"), FailureClass.TRANSIENT, ErrorCode.GRAPH_UNAVAILABLE, true),
        row(GraphFailure.status(503, "unavailable"), FailureClass.TRANSIENT, ErrorCode.GRAPH_UNAVAILABLE, true),
        row(GraphFailure.status(504, "gateway timeout"), FailureClass.TRANSIENT, ErrorCode.GRAPH_UNAVAILABLE, true),
        row(GraphFailure.of(Cause.TIMEOUT, "read timed out"), FailureClass.TRANSIENT, ErrorCode.GRAPH_UNAVAILABLE, true),
        row(GraphFailure.of(Cause.CONNECTION, "reset"), FailureClass.TRANSIENT, ErrorCode.GRAPH_UNAVAILABLE, true),
        row(GraphFailure.status(401, "unauthorized"), FailureClass.AUTH, ErrorCode.GRAPH_UNAUTHORIZED, false),
        row(GraphFailure.status(403, "forbidden"), FailureClass.PERMISSION, ErrorCode.GRAPH_FORBIDDEN, false),
        row(GraphFailure.status(400, "bad request"), FailureClass.UNKNOWN, ErrorCode.UNEXPECTED_ERROR, true),
        row(GraphFailure.status(404, "not found"), FailureClass.UNKNOWN, ErrorCode.UNEXPECTED_ERROR, true),
        row(GraphFailure.status(500, "server error"), FailureClass.UNKNOWN, ErrorCode.UNEXPECTED_ERROR, true),
        row(GraphFailure.of(Cause.MALFORMED_RESPONSE, "bad json"), FailureClass.UNKNOWN, ErrorCode.UNEXPECTED_ERROR, true),
        row(GraphFailure.of(Cause.OTHER, "?"), FailureClass.UNKNOWN, ErrorCode.UNEXPECTED_ERROR, true));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("table")
  void classifies_by_status_and_cause(GraphFailure failure, FailureClass expected, ErrorCode code, boolean retried) {
    FailureClass actual = FailureClass.of(failure);
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.errorCode()).isEqualTo(code);
    assertThat(actual.errorCode().retryable()).isEqualTo(retried);
  }

  @Test
  void never_classifies_by_message_text() {
    assertThat(FailureClass.of(GraphFailure.status(500, "503 Service Unavailable, 429 Too Many Requests")))
        .isEqualTo(FailureClass.UNKNOWN);
    assertThat(FailureClass.of(GraphFailure.status(403, "timeout"))).isEqualTo(FailureClass.PERMISSION);
  }

  @Test
  void most_significant_error_code_is_the_higher_severity_and_null_safe() {
    assertThat(ErrorCode.mostSignificant(null, null)).isNull();
    assertThat(ErrorCode.mostSignificant(ErrorCode.UNKNOWN_POLICY_TYPE, null)).isEqualTo(ErrorCode.UNKNOWN_POLICY_TYPE);
    assertThat(ErrorCode.mostSignificant(null, ErrorCode.GRAPH_FORBIDDEN)).isEqualTo(ErrorCode.GRAPH_FORBIDDEN);
    assertThat(ErrorCode.mostSignificant(ErrorCode.UNKNOWN_POLICY_TYPE, ErrorCode.GRAPH_THROTTLED))
        .isEqualTo(ErrorCode.GRAPH_THROTTLED);
    assertThat(ErrorCode.mostSignificant(ErrorCode.GRAPH_UNAUTHORIZED, ErrorCode.GRAPH_UNAVAILABLE))
        .isEqualTo(ErrorCode.GRAPH_UNAUTHORIZED);
    assertThat(ErrorCode.mostSignificant(ErrorCode.MISSED_SLOT, ErrorCode.CONCURRENT_RUN))
        .as("a tie keeps the first").isEqualTo(ErrorCode.MISSED_SLOT);
  }

  private static Arguments row(GraphFailure failure, FailureClass expected, ErrorCode code, boolean retried) {
    return Arguments.of(failure, expected, code, retried);
  }
}
