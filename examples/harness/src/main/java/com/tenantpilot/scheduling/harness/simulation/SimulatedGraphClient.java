package com.tenantpilot.scheduling.harness.simulation;

import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.port.GraphClient;
import com.tenantpilot.scheduling.port.GraphException;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.PolicyFetch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded, in-memory {@link GraphClient}. Every call moves the shared {@link ManualClock} by the
 * time the call "takes"; with faults on, a call may fail with any failure class of the spec (429
 * with a Retry-After, also fractional; 502, 503, 504, timeouts, broken connections, 401, 403, 500,
 * unreadable bodies, other errors) or be slow: it moves the clock past the run's lease and then,
 * before returning, runs the {@link #onSlowCall} hook, through which the simulation lets another
 * node recover and claim runs "at that moment". That is how concurrency is modelled without
 * threads.
 *
 * <p>Not thread-safe: a simulation is single-threaded.
 */
public final class SimulatedGraphClient implements GraphClient {

  private final ManualClock clock;
  private final Random random;
  private final boolean faults;
  private final Duration slowCallDuration;
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private Runnable onSlowCall = () -> {};
  private boolean slowCallsEnabled = true;
  private int depth;

  /**
   * A client on {@code clock}, drawing from {@code random}.
   *
   * @param slowCallDuration at least how long a slow call takes (more than a lease)
   */
  public SimulatedGraphClient(ManualClock clock, Random random, boolean faults, Duration slowCallDuration) {
    this.clock = clock;
    this.random = random;
    this.faults = faults;
    this.slowCallDuration = slowCallDuration;
  }

  /** Sets what happens in the middle of a slow call (another node's recovery and claim). */
  public void onSlowCall(Runnable hook) {
    this.onSlowCall = hook;
  }

  /** Turns slow calls on or off (off while a stalled node replays its stale runs). */
  public void slowCallsEnabled(boolean enabled) {
    this.slowCallsEnabled = enabled;
  }

  /** How many calls ended in each outcome so far ({@code ok}, {@code slow}, {@code http_429}, ...). */
  public Map<String, Integer> outcomes() {
    return new TreeMap<>(outcomes);
  }

  @Override
  public PolicyFetch fetchPolicies(String tenantId, String policyType) {
    clock.advance(Duration.ofMillis(100 + random.nextInt(2400)));
    if (faults) {
      double roll = random.nextDouble();
      if (roll < 0.10) {
        GraphFailure failure = failure();
        count(label(failure));
        throw new GraphException(failure);
      }
      if (roll < 0.112 && slowCallsEnabled && depth == 0) {
        count("slow");
        clock.advance(slowCallDuration.plusSeconds(random.nextInt(120)));
        depth++;
        try {
          onSlowCall.run();
        } finally {
          depth--;
        }
      }
    }
    count("ok");
    int n = random.nextInt(4);
    List<PolicySnapshot> policies = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = policyType + "-" + i;
      policies.add(new PolicySnapshot(policyType, id, "Policy " + i, "#microsoft.graph." + policyType,
          "{\"id\":\"" + id + "\",\"tenant\":\"" + tenantId + "\",\"assignments\":[]}", i != 3, List.of()));
    }
    return new PolicyFetch(policies, 1 + n, List.of());
  }

  private GraphFailure failure() {
    int kind = random.nextInt(13);
    switch (kind) {
      case 0:
      case 1:
        return GraphFailure.throttled(retryAfter());
      case 2:
        return GraphFailure.status(429, "throttled without Retry-After");
      case 3: return GraphFailure.status(502, "bad gateway");
      case 4: return GraphFailure.status(503, "service unavailable");
      case 5: return GraphFailure.status(504, "gateway timeout");
      case 6: return GraphFailure.of(GraphFailure.Cause.TIMEOUT, "read timed out");
      case 7: return GraphFailure.of(GraphFailure.Cause.CONNECTION, "connection reset");
      case 8: return GraphFailure.status(401, "token expired");
      case 9: return GraphFailure.status(403, "missing permission");
      case 10: return GraphFailure.status(500, "internal server error");
      case 11: return GraphFailure.of(GraphFailure.Cause.MALFORMED_RESPONSE, "unreadable body");
      default: return GraphFailure.of(GraphFailure.Cause.OTHER, "something else");
    }
  }

  private Duration retryAfter() {
    switch (random.nextInt(5)) {
      case 0: return Duration.ofMillis(1500);
      case 1: return Duration.ofMillis(250);
      case 2: return Duration.ofSeconds(30);
      case 3: return Duration.ofMillis(61_750);
      default: return Duration.ofMinutes(20);
    }
  }

  private static String label(GraphFailure f) {
    return f.httpStatus() == 0 ? f.cause().name().toLowerCase(java.util.Locale.ROOT) : "http_" + f.httpStatus();
  }

  private void count(String outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
  }
}
