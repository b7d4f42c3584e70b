package com.tenantpilot.scheduling.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.port.GraphFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC section 6: the retry policy in isolation, with a fixed jitter source. */
class RetryPolicyTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant NEXT_SLOT = NOW.plus(Duration.ofDays(1));
  private static final SchedulingOptions DEFAULTS = SchedulingOptions.defaults("n");
  private static final GraphFailure UNAVAILABLE = GraphFailure.status(503, "x");

  @Test
  void backoff_doubles_per_attempt_and_jitter_stays_in_the_upper_half() {
    RetryPolicy low = new RetryPolicy(DEFAULTS, () -> 0.0);
    RetryPolicy high = new RetryPolicy(DEFAULTS, () -> 0.999999);

    for (int attempt = 1; attempt <= 4; attempt++) {
      long full = 30_000L << (attempt - 1);
      assertThat(low.backoff(attempt)).isEqualTo(Duration.ofMillis(full / 2));
      assertThat(high.backoff(attempt)).isBetween(Duration.ofMillis(full - 1), Duration.ofMillis(full));
    }
  }

  @Test
  void backoff_is_capped_at_backoff_max_even_for_huge_attempt_numbers() {
    RetryPolicy high = new RetryPolicy(DEFAULTS, () -> 0.999999);

    assertThat(high.backoff(10)).isLessThanOrEqualTo(Duration.ofMinutes(15)).isGreaterThan(Duration.ofMinutes(14));
    assertThat(high.backoff(1000)).isLessThanOrEqualTo(Duration.ofMinutes(15)).isPositive();
  }

  @Test
  void retry_after_wins_when_longer_than_the_backoff() {
    RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.0);

    RetryPolicy.Decision d = policy.decide(1, List.of(GraphFailure.throttled(Duration.ofMinutes(5))), NOW, NEXT_SLOT);

    assertThat(d).isEqualTo(new RetryPolicy.Retry(NOW.plus(Duration.ofMinutes(5))));
  }

  @Test
  void backoff_wins_when_longer_than_retry_after() {
    RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.0);

    RetryPolicy.Decision d = policy.decide(3, List.of(GraphFailure.throttled(Duration.ofSeconds(2))), NOW, NEXT_SLOT);

    assertThat(d).isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(60)));
  }

  @Test
  void auth_and_permission_failures_are_never_retried() {
    RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.0);

    assertThat(policy.decide(1, List.of(GraphFailure.status(401, "x")), NOW, NEXT_SLOT))
        .isEqualTo(new RetryPolicy.GiveUp(RetryPolicy.Reason.NOT_RETRYABLE));
    assertThat(policy.decide(1, List.of(GraphFailure.status(403, "x")), NOW, NEXT_SLOT))
        .isEqualTo(new RetryPolicy.GiveUp(RetryPolicy.Reason.NOT_RETRYABLE));
  }

  @Test
  void an_attempt_with_any_auth_or_permission_failure_is_not_retried_even_with_transient_failures_beside_it() {
    RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.0);

    assertThat(policy.decide(1, List.of(UNAVAILABLE, GraphFailure.status(401, "x")), NOW, NEXT_SLOT))
        .isEqualTo(new RetryPolicy.GiveUp(RetryPolicy.Reason.NOT_RETRYABLE));
    assertThat(policy.decide(1, List.of(GraphFailure.status(403, "x"), UNAVAILABLE), NOW, NEXT_SLOT))
        .isEqualTo(new RetryPolicy.GiveUp(RetryPolicy.Reason.NOT_RETRYABLE));
  }

  @Test
  void gives_up_after_max_attempts() {
    RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.0);

    assertThat(policy.decide(3, List.of(UNAVAILABLE), NOW, NEXT_SLOT)).isInstanceOf(RetryPolicy.Retry.class);
    assertThat(policy.decide(4, List.of(UNAVAILABLE), NOW, NEXT_SLOT))
        .isEqualTo(new RetryPolicy.GiveUp(RetryPolicy.Reason.EXHAUSTED));
  }

  @Test
  void an_unknown_failure_allows_one_more_attempt_only() {
    RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.0);
    GraphFailure unknown = GraphFailure.status(500, "x");

    assertThat(policy.decide(1, List.of(unknown), NOW, NEXT_SLOT)).isInstanceOf(RetryPolicy.Retry.class);
    assertThat(policy.decide(2, List.of(unknown), NOW, NEXT_SLOT))
        .isEqualTo(new RetryPolicy.GiveUp(RetryPolicy.Reason.EXHAUSTED));
  }

  @Test
  void never_retries_at_or_after_the_next_slot() {
    RetryPolicy policy = new RetryPolicy(DEFAULTS, () -> 0.0);

    assertThat(policy.decide(1, List.of(UNAVAILABLE), NOW, NOW.plusSeconds(15)))
        .isEqualTo(new RetryPolicy.GiveUp(RetryPolicy.Reason.NEXT_SLOT));
    assertThat(policy.decide(1, List.of(UNAVAILABLE), NOW, NOW.plusSeconds(16)))
        .isEqualTo(new RetryPolicy.Retry(NOW.plusSeconds(15)));
  }
}
