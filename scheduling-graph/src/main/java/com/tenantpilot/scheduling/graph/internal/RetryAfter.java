package com.tenantpilot.scheduling.graph.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Parses HTTP {@code Retry-After} and {@code Date} values.
 *
 * <p>Retry-After is either delta-seconds, which Graph sometimes sends with a fraction ({@code
 * 2.128}), or an HTTP date, which is taken relative to the response's {@code Date} (the server's
 * clock) or, without one, to the caller's clock reading. Stateless and thread-safe.
 */
public final class RetryAfter {

  private static final Pattern SECONDS = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?");

  private RetryAfter() {}

  /**
   * The wait a Retry-After value asks for, never negative, or {@code null} when it is absent or
   * unreadable.
   *
   * @param value the header value
   * @param responseDate the response's {@code Date} header, or {@code null}
   * @param now the caller's clock reading, used when there is no readable response date
   */
  public static Duration parse(String value, String responseDate, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    if (SECONDS.matcher(v).matches()) {
      BigDecimal seconds = new BigDecimal(v);
      return Duration.ofSeconds(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }
    Instant at = httpDate(v);
    if (at == null) {
      return null;
    }
    Instant base = httpDate(responseDate);
    Duration wait = Duration.between(base != null ? base : now, at);
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** An HTTP date (RFC 1123, e.g. {@code Wed, 21 Oct 2015 07:28:00 GMT}), or {@code null}. */
  public static Instant httpDate(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
