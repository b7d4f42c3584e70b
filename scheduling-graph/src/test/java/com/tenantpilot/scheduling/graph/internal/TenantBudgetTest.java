package com.tenantpilot.scheduling.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.tenantpilot.scheduling.graph.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TenantBudgetTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-06T09:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private final Sleeper advancing = d -> {
    sleeps.add(d);
    clock.advance(d);
  };
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private void acquireAndRelease(TenantBudget budget) throws InterruptedException {
    budget.acquire().close();
  }

  @Test
  void the_first_limit_requests_of_a_window_go_at_once() throws Exception {
    TenantBudget budget = new TenantBudget(3, Duration.ofSeconds(20), 4, clock, advancing);

    for (int i = 0; i < 3; i++) {
      acquireAndRelease(budget);
    }

    assertThat(sleeps).isEmpty();
  }

  @Test
  void the_next_request_waits_until_the_oldest_leaves_the_window() throws Exception {
    TenantBudget budget = new TenantBudget(3, Duration.ofSeconds(20), 4, clock, advancing);
    acquireAndRelease(budget);              // t=0
    clock.advance(Duration.ofSeconds(5));
    acquireAndRelease(budget);              // t=5
    clock.advance(Duration.ofSeconds(5));
    acquireAndRelease(budget);              // t=10

    acquireAndRelease(budget);              // the t=0 start leaves the window at t=20
    acquireAndRelease(budget);              // the t=5 start leaves it at t=25

    assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(5));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-06T09:00:25Z"));
  }

  @Test
  void a_sliding_window_never_admits_more_than_the_limit() throws Exception {
    TenantBudget budget = new TenantBudget(5, Duration.ofSeconds(10), 4, clock, advancing);
    List<Instant> starts = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      budget.acquire().close();
      starts.add(clock.instant());
      clock.advance(Duration.ofMillis(700));
    }

    for (Instant start : starts) {
      long inWindow = starts.stream().filter(s -> !s.isBefore(start) && s.isBefore(start.plusSeconds(10))).count();
      assertThat(inWindow).as("starts in the window from %s", start).isLessThanOrEqualTo(5);
    }
    assertThat(sleeps).isNotEmpty().allMatch(d -> !d.isNegative() && !d.isZero());
  }

  @Test
  void waits_through_the_real_clock_without_spinning() throws Exception {
    Clock real = Clock.systemUTC();
    List<Duration> asked = new ArrayList<>();
    TenantBudget budget = new TenantBudget(2, Duration.ofMillis(300), 4, real, d -> {
      asked.add(d);
      Sleeper.PARK.sleep(d);
    });
    Instant beforeFirst = real.instant();

    for (int i = 0; i < 3; i++) {
      budget.acquire().close();
    }
    Instant afterThird = real.instant();

    // The third start is a full window after the first, reached by a few computed waits, not a spin.
    assertThat(Duration.between(beforeFirst, afterThird)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(asked).hasSizeLessThanOrEqualTo(3).allMatch(d -> d.compareTo(Duration.ofMillis(300)) <= 0);
  }

  @Test
  void caps_the_requests_in_flight_and_queues_the_rest_in_order() throws Exception {
    TenantBudget budget = new TenantBudget(1000, Duration.ofSeconds(20), 2, clock, advancing);
    TenantBudget.Permit first = budget.acquire();
    TenantBudget.Permit second = budget.acquire();
    CountDownLatch third = new CountDownLatch(1);

    Future<?> waiting = executor.submit(() -> {
      try (TenantBudget.Permit p = budget.acquire()) {
        third.countDown();
      }
      return null;
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> budget.queued() == 1);
    assertThat(third.getCount()).isEqualTo(1);
    assertThat(budget.freeSlots()).isZero();

    first.close();
    assertThat(third.await(10, TimeUnit.SECONDS)).isTrue();
    waiting.get(10, TimeUnit.SECONDS);
    second.close();
    second.close();
    assertThat(budget.freeSlots()).isEqualTo(2);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void an_interrupted_wait_gives_its_slot_back() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    TenantBudget budget = new TenantBudget(1, Duration.ofHours(1), 2, clock, d -> {
      sleeping.countDown();
      new CountDownLatch(1).await();
    });
    budget.acquire().close();

    Future<?> blocked = executor.submit(() -> budget.acquire());
    assertThat(sleeping.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(budget.freeSlots()).isEqualTo(1);
    blocked.cancel(true);

    await().atMost(Duration.ofSeconds(10)).until(() -> budget.freeSlots() == 2);
  }

  @Test
  void rejects_bad_limits_naming_the_field_and_value() {
    assertThatThrownBy(() -> new TenantBudget(0, Duration.ofSeconds(1), 1, clock, advancing))
        .hasMessage("rateLimitRequests must be at least 1, was '0'");
    assertThatThrownBy(() -> new TenantBudget(1, Duration.ZERO, 1, clock, advancing))
        .hasMessage("rateLimitWindow must be positive, was 'PT0S'");
    assertThatThrownBy(() -> new TenantBudget(1, Duration.ofSeconds(1), 0, clock, advancing))
        .hasMessage("maxConcurrentRequestsPerTenant must be at least 1, was '0'");
  }
}
