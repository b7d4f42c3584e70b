package com.tenantpilot.scheduling.graph.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The fault queue of a {@link FakeGraphServer}.
 *
 * <p>A rule is a path pattern (a Java regex matched against the whole request path, without query
 * string, e.g. {@code .*&#47;deviceManagement/deviceConfigurations}), a {@link Fault} and how many
 * requests it applies to. Each request takes the first rule whose pattern matches and which has
 * uses left; requests that match no rule get the normal response. Delayed handlers wait on a latch
 * that {@link #releaseDelayed()} or closing the server opens, so no test needs to sleep.
 *
 * <p>Thread-safe.
 */
public final class Faults {

  private final List<Rule> rules = new ArrayList<>();
  private CountDownLatch release = new CountDownLatch(1);
  private boolean closed;

  Faults() {}

  /**
   * Answers the next {@code times} requests whose path matches {@code pathPattern} with {@code
   * status}, {@code headers} and {@code body} ({@code null} for the default Graph error body).
   */
  public Faults enqueue(String pathPattern, int status, Map<String, String> headers, String body, int times) {
    return enqueue(pathPattern, new Fault(status, headers == null ? Map.of() : headers, body, Duration.ZERO, false), times);
  }

  /** Applies {@code fault} to the next {@code times} requests whose path matches {@code pathPattern}. */
  public synchronized Faults enqueue(String pathPattern, Fault fault, int times) {
    Objects.requireNonNull(fault, "fault");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was '" + times + "'");
    }
    rules.add(new Rule(Pattern.compile(Objects.requireNonNull(pathPattern, "pathPattern")), fault, times));
    return this;
  }

  /** Applies {@code fault} to every request whose path matches {@code pathPattern}, until cleared. */
  public Faults always(String pathPattern, Fault fault) {
    return enqueue(pathPattern, fault, Integer.MAX_VALUE);
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  /** How many uses the rules have left in total (unbounded rules count once). */
  public synchronized long pending() {
    return rules.stream().mapToLong(r -> r.remaining == Integer.MAX_VALUE ? 1 : r.remaining).sum();
  }

  /** Lets every delayed handler answer now; later delays wait again. */
  public synchronized void releaseDelayed() {
    release.countDown();
    if (!closed) {
      release = new CountDownLatch(1);
    }
  }

  /** The fault for a request path, using up one of the rule's uses, or {@code null}. */
  synchronized Fault take(String path) {
    for (Rule rule : rules) {
      if (rule.remaining > 0 && rule.pattern.matcher(path).matches()) {
        if (rule.remaining != Integer.MAX_VALUE) {
          rule.remaining--;
        }
        return rule.fault;
      }
    }
    return null;
  }

  /** Waits up to {@code delay} or until released. */
  void await(Duration delay) throws InterruptedException {
    CountDownLatch latch;
    synchronized (this) {
      latch = release;
    }
    latch.await(delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  synchronized void close() {
    closed = true;
    release.countDown();
  }

  private static final class Rule {
    final Pattern pattern;
    final Fault fault;
    int remaining;

    Rule(Pattern pattern, Fault fault, int remaining) {
      this.pattern = pattern;
      this.fault = fault;
      this.remaining = remaining;
    }
  }
}
