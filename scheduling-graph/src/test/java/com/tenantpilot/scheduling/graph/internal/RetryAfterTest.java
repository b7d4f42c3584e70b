package com.tenantpilot.scheduling.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2024-12-04T10:00:00Z");

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource({
      "2.128, PT2.128S",
      "0, PT0S",
      "120, PT2M",
      "' 7 ', PT7S",
      "0.000000001, PT0.000000001S",
  })
  void reads_delta_seconds_with_or_without_a_fraction(String value, String expected) {
    assertThat(RetryAfter.parse(value, null, NOW)).isEqualTo(Duration.parse(expected));
  }

  @Test
  void reads_an_http_date_relative_to_the_response_date() {
    assertThat(RetryAfter.parse("Wed, 04 Dec 2024 10:01:30 GMT", "Wed, 04 Dec 2024 09:59:00 GMT", NOW))
        .isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void reads_an_http_date_relative_to_the_clock_without_a_response_date() {
    assertThat(RetryAfter.parse("Wed, 04 Dec 2024 10:01:30 GMT", null, NOW)).isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("Wed, 04 Dec 2024 10:01:30 GMT", "not a date", NOW)).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void a_date_in_the_past_means_now() {
    assertThat(RetryAfter.parse("Wed, 04 Dec 2024 09:00:00 GMT", null, NOW)).isEqualTo(Duration.ZERO);
  }

  @Test
  void an_absent_or_unreadable_value_is_null() {
    assertThat(RetryAfter.parse(null, null, NOW)).isNull();
    assertThat(RetryAfter.parse(" ", null, NOW)).isNull();
    assertThat(RetryAfter.parse("-5", null, NOW)).isNull();
    assertThat(RetryAfter.parse("soon", null, NOW)).isNull();
    assertThat(RetryAfter.parse("1e3", null, NOW)).isNull();
  }
}
