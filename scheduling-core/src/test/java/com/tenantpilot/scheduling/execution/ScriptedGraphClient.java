package com.tenantpilot.scheduling.execution;

import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.port.GraphClient;
import com.tenantpilot.scheduling.port.GraphException;
import com.tenantpilot.scheduling.port.GraphFailure;
import com.tenantpilot.scheduling.port.PolicyFetch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A programmable in-memory {@link GraphClient} for tests: per tenant and policy type a queue of
 * scripted answers (policies, a {@link GraphFailure}, or an unexpected exception), each optionally
 * taking time on the {@link ManualClock}; a call counter per tenant and type; and a one-shot hook
 * that runs inside the next call (to let "another node" act while this one waits on Graph).
 *
 * <p>When a queue is empty the call succeeds with one policy whose payload contains
 * {@link #PAYLOAD_MARKER}, so tests can prove payloads never leak into audit entries.
 *
 * <p>Thread-safe (every method is synchronized except the hook, which runs outside the monitor).
 */
public final class ScriptedGraphClient implements GraphClient {

  /** A string inside every default payload; it must never appear in audit metadata. */
  public static final String PAYLOAD_MARKER = "SECRET-POLICY-PAYLOAD-7f3a";

  private final ManualClock clock;
  private final Map<String, Deque<Step>> scripts = new HashMap<>();
  private final Map<String, Integer> calls = new HashMap<>();
  private Runnable hook;

  /** A client that advances {@code clock} for steps that take time. */
  public ScriptedGraphClient(ManualClock clock) {
    this.clock = clock;
  }

  private sealed interface Step permits Answer, Failure, Crash {
    Duration takes();
  }

  private record Answer(List<PolicySnapshot> policies, Duration takes) implements Step {}

  private record Failure(GraphFailure failure, Duration takes) implements Step {}

  private record Crash(RuntimeException error, Duration takes) implements Step {}

  /** Queues successful answers, one per call. */
  public synchronized ScriptedGraphClient answers(String tenant, String type, List<PolicySnapshot> policies) {
    queue(tenant, type).add(new Answer(policies, Duration.ZERO));
    return this;
  }

  /** Queues failures, one per call, in order. */
  public synchronized ScriptedGraphClient fails(String tenant, String type, GraphFailure... failures) {
    for (GraphFailure f : failures) {
      queue(tenant, type).add(new Failure(f, Duration.ZERO));
    }
    return this;
  }

  /** Queues the same failure {@code times} times. */
  public synchronized ScriptedGraphClient failsTimes(String tenant, String type, int times, GraphFailure failure) {
    for (int i = 0; i < times; i++) {
      queue(tenant, type).add(new Failure(failure, Duration.ZERO));
    }
    return this;
  }

  /** Queues a call that throws something that is not a {@link GraphException}. */
  public synchronized ScriptedGraphClient crashes(String tenant, String type, RuntimeException error) {
    queue(tenant, type).add(new Crash(error, Duration.ZERO));
    return this;
  }

  /** Queues a successful but slow call that moves the clock by {@code takes}. */
  public synchronized ScriptedGraphClient slowAnswer(String tenant, String type, Duration takes) {
    queue(tenant, type).add(new Answer(List.of(policy(tenant, type, "p1")), takes));
    return this;
  }

  /** Runs {@code action} once, inside the next Graph call, before it answers. */
  public synchronized ScriptedGraphClient duringNextCall(Runnable action) {
    this.hook = action;
    return this;
  }

  /** Graph calls made for that tenant and type. */
  public synchronized int calls(String tenant, String type) {
    return calls.getOrDefault(key(tenant, type), 0);
  }

  /** Graph calls made for that tenant, all types. */
  public synchronized int calls(String tenant) {
    return calls.entrySet().stream().filter(e -> e.getKey().startsWith(tenant + "|")).mapToInt(Map.Entry::getValue).sum();
  }

  /** Every Graph call made. */
  public synchronized int totalCalls() {
    return calls.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** A policy snapshot whose payload carries {@link #PAYLOAD_MARKER}. */
  public static PolicySnapshot policy(String tenant, String type, String id) {
    return new PolicySnapshot(type, id, "Policy " + id, "#microsoft.graph." + type,
        "{\"id\":\"" + id + "\",\"tenant\":\"" + tenant + "\",\"secret\":\"" + PAYLOAD_MARKER + "\"}", true, List.of());
  }

  @Override
  public PolicyFetch fetchPolicies(String tenantId, String policyType) {
    Runnable once;
    Step step;
    synchronized (this) {
      calls.merge(key(tenantId, policyType), 1, Integer::sum);
      once = hook;
      hook = null;
      Deque<Step> q = scripts.get(key(tenantId, policyType));
      step = q == null || q.isEmpty() ? new Answer(List.of(policy(tenantId, policyType, "p1")), Duration.ZERO) : q.poll();
    }
    if (once != null) {
      once.run();
    }
    if (!step.takes().isZero()) {
      clock.advance(step.takes());
    }
    if (step instanceof Failure f) {
      throw new GraphException(f.failure());
    }
    if (step instanceof Crash c) {
      throw c.error();
    }
    return new PolicyFetch(((Answer) step).policies(), 1, List.of());
  }

  private Deque<Step> queue(String tenant, String type) {
    return scripts.computeIfAbsent(key(tenant, type), k -> new ArrayDeque<>());
  }

  private static String key(String tenant, String type) {
    return tenant + "|" + type;
  }
}
