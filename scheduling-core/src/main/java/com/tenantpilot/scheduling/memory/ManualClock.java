package com.tenantpilot.scheduling.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told to: for simulations and tests that drive time explicitly.
 * Always in UTC. Thread-safe; time never goes backwards unless {@link #set} is asked to.
 */
public final class ManualClock extends Clock {

  private volatile Instant now;

  /** A clock that reads {@code start} until moved. */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** Moves the clock forward by {@code duration}, returning the new time. */
  public synchronized Instant advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, was '" + duration + "'");
    }
    now = now.plus(duration);
    return now;
  }

  /** Sets the clock to {@code instant}. */
  public synchronized void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("ManualClock is always UTC");
  }
}
