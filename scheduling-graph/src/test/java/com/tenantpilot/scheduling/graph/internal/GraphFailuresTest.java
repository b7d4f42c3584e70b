package com.tenantpilot.scheduling.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.GraphFailure.Cause;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GraphFailuresTest {

  private static final Instant NOW = Instant.parse("2024-12-04T10:00:00Z");

  private static Function<String, String> headers(Map<String, String> values) {
    TreeMap<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    map.putAll(values);
    return map::get;
  }

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final String INTUNE_403 = "{\"error\":{\"code\":\"Forbidden\",\"message\":\"{\\r\\n  \\\"_version\\\": 3,\\r\\n"
      + "  \\\"Message\\\": \\\"An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000"
      + " - Activity ID: 9b1c2d3e-1111-2222-3333-444455556666 - Url: https://fef.msua06.manage.microsoft.com/"
      + "DeviceConfiguration_2411/StatelessDeviceConfigurationFEService/deviceManagement/deviceConfigurations"
      + "?api-version=5024-10-01\\\",\\r\\n  \\\"CustomApiErrorPhrase\\\": \\\"\\\",\\r\\n  \\\"RetryAfter\\\": null,\\r\\n"
      + "  \\\"ErrorSourceService\\\": \\\"\\\",\\r\\n  \\\"HttpHeaders\\\": \\\"{}\\\"\\r\\n}\","
      + "\"innerError\":{\"date\":\"2024-12-04T10:00:00\",\"request-id\":\"9b1c2d3e-1111-2222-3333-444455556666\","
      + "\"client-request-id\":\"9b1c2d3e-1111-2222-3333-444455556666\"}}}";

  @Test
  void reads_intunes_json_in_message_and_the_request_id_from_inner_error() {
    GraphFailure f = GraphFailures.fromResponse(403, headers(Map.of()), body(INTUNE_403), NOW);

    assertThat(f.httpStatus()).isEqualTo(403);
    assertThat(f.cause()).isEqualTo(Cause.HTTP_STATUS);
    assertThat(f.graphErrorCode()).isEqualTo("Forbidden");
    assertThat(f.requestId()).isEqualTo("9b1c2d3e-1111-2222-3333-444455556666");
    assertThat(f.date()).isEqualTo("2024-12-04T10:00:00");
    assertThat(f.retryAfter()).isNull();
    assertThat(f.message()).isEqualTo("An error has occurred (activity 9b1c2d3e-1111-2222-3333-444455556666)");
  }

  @Test
  void prefers_the_request_id_and_date_headers() {
    GraphFailure f = GraphFailures.fromResponse(403,
        headers(Map.of("request-id", "from-header", "Date", "Wed, 04 Dec 2024 10:00:00 GMT")), body(INTUNE_403), NOW);

    assertThat(f.requestId()).isEqualTo("from-header");
    assertThat(f.date()).isEqualTo("Wed, 04 Dec 2024 10:00:00 GMT");
  }

  @Test
  void reads_a_lower_case_innererror_and_a_plain_message() {
    GraphFailure f = GraphFailures.fromResponse(503, headers(Map.of("Retry-After", "2.128")),
        body("{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"Try later\",\"innererror\":{\"request-id\":\"r-1\"}}}"),
        NOW);

    assertThat(f.requestId()).isEqualTo("r-1");
    assertThat(f.message()).isEqualTo("Try later");
    assertThat(f.retryAfter()).isEqualTo(Duration.ofMillis(2128));
  }

  @Test
  void uses_intunes_retry_after_when_there_is_no_header() {
    String body = "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"{\\\"_version\\\":3,\\\"Message\\\":\\\"Slow down\\\","
        + "\\\"RetryAfter\\\":\\\"30\\\"}\"}}";

    GraphFailure f = GraphFailures.fromResponse(429, headers(Map.of()), body(body), NOW);

    assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(f.message()).isEqualTo("Slow down");
  }

  @Test
  void survives_bodies_that_are_not_graph_json() {
    for (String text : new String[] {"", "<html>Bad gateway</html>", "{\"error\":\"flat\"}", "{\"error\":{\"message\":{\"nested\":1}}}",
        "{\"error\":{\"code\":\"X\",\"message\":\"{not json\"}}"}) {
      GraphFailure f = GraphFailures.fromResponse(502, headers(Map.of()), body(text), NOW);
      assertThat(f.httpStatus()).as(text).isEqualTo(502);
      assertThat(f.message()).as(text).isNotBlank().doesNotContain("<html>");
    }
  }

  @Test
  void never_keeps_a_token_or_a_long_message() {
    String jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJl";
    String body = "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Token Authorization: Bearer abc.def-ghi "
        + "and " + jwt + " rejected at https://login.example/x?token=1 " + "x".repeat(500) + "\"}}";

    GraphFailure f = GraphFailures.fromResponse(401, headers(Map.of()), body(body), NOW);

    assertThat(f.message()).doesNotContain("abc.def-ghi", jwt, "token=1").contains("Bearer <redacted>", "<redacted>", "<url>")
        .hasSize(GraphFailures.MAX_MESSAGE).endsWith("...");
  }

  @Test
  void tells_timeouts_from_broken_connections() {
    assertThat(GraphFailures.fromIoException(new SocketTimeoutException("Read timed out")).cause()).isEqualTo(Cause.TIMEOUT);
    assertThat(GraphFailures.fromIoException(new InterruptedIOException("timeout")).cause()).isEqualTo(Cause.TIMEOUT);
    assertThat(GraphFailures.fromIoException(new ConnectException("Connection refused")).cause()).isEqualTo(Cause.CONNECTION);
    assertThat(GraphFailures.fromIoException(new IOException("unexpected end of stream on http://127.0.0.1:1/")).message())
        .isEqualTo("connection failed: IOException: unexpected end of stream on <url>");
  }
}
