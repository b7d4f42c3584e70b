package com.tenantpilot.scheduling.architecture;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

/**
 * Fixture classes for {@link CoreArchitectureTest}: each breaks (or, for {@link UsesInjectedClock},
 * keeps) one architecture rule on purpose. They are never executed, only imported by ArchUnit.
 */
final class RuleBreakers {

  private RuleBreakers() {}

  static class UsesTechnology {
    Object mapper() {
      return new com.fasterxml.jackson.databind.ObjectMapper();
    }
  }

  static class ReadsInstantNow {
    Instant now() {
      return Instant.now();
    }
  }

  static class ReadsInstantNowFromClock {
    Instant now(Clock clock) {
      return Instant.now(clock);
    }
  }

  static class ReadsSystemTime {
    long millis() {
      return System.currentTimeMillis();
    }

    long nanos() {
      return System.nanoTime();
    }
  }

  static class ReadsDefaults {
    Object defaults() {
      return List.of(ZoneId.systemDefault(), Clock.systemUTC(), Clock.systemDefaultZone(), TimeZone.getDefault(),
          new java.util.Date());
    }
  }

  static class ReadsLocalDateNow {
    LocalDate today() {
      return LocalDate.now();
    }
  }

  static class Sleeps {
    void nap() throws InterruptedException {
      Thread.sleep(1);
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }

  static class UsesInjectedClock {
    LocalDate today(Clock clock) {
      return LocalDate.now(clock);
    }

    Instant instant(Clock clock) {
      return clock.instant();
    }
  }
}
