package com.tenantpilot.scheduling.harness.simulation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Simulation} did and whether its invariants held. Immutable.
 *
 * @param seed the seed it ran with
 * @param nodes how many nodes
 * @param schedules one entry per interval in which a schedule was enabled with one timing
 * @param window the simulated window
 * @param downtime the intervals in which no dispatcher was alive
 * @param runs every run, by id
 * @param invariants invariant name to whether it held, in report order
 * @param failures the first violations, each naming the seed and the step
 * @param counts named counters (runs by status, Graph outcomes, faults, backup sets...), sorted by name
 */
public record SimulationResult(
    long seed,
    int nodes,
    List<ScheduleEntry> schedules,
    Interval window,
    List<Interval> downtime,
    List<RunEntry> runs,
    Map<String, Boolean> invariants,
    List<String> failures,
    Map<String, Integer> counts) {

  /** Freezes the collections. */
  public SimulationResult {
    schedules = List.copyOf(schedules);
    downtime = List.copyOf(downtime);
    runs = List.copyOf(runs);
    invariants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(invariants));
    failures = List.copyOf(failures);
    counts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(counts));
  }

  /** Whether every invariant held. */
  public boolean passed() {
    return !invariants.containsValue(false);
  }

  /**
   * A half-open interval {@code [from, to)}.
   *
   * @param from start, inclusive
   * @param to end, exclusive
   */
  public record Interval(Instant from, Instant to) {}

  /**
   * A schedule's timing while it was enabled.
   *
   * @param id the schedule id
   * @param tenantId its tenant
   * @param timezone IANA zone
   * @param frequency {@code daily} or {@code weekly}
   * @param time {@code HH:MM}
   * @param days ISO day names for weekly, empty for daily
   * @param policyTypes its policy types (a legacy type included where one was stored)
   * @param retentionKeepLast how many backup sets it keeps
   * @param enabledFrom when it got this timing (created, edited or enabled)
   * @param enabledTo when it lost it (edited or disabled), or {@code null} if it kept it to the end
   */
  public record ScheduleEntry(long id, String tenantId, String timezone, String frequency, String time, List<String> days,
      List<String> policyTypes, int retentionKeepLast, Instant enabledFrom, Instant enabledTo) {}

  /**
   * One run as it ended up.
   *
   * @param id the run id
   * @param scheduleId its schedule
   * @param scheduledFor its slot
   * @param trigger {@code SCHEDULED}, {@code MANUAL} or {@code RETRY}
   * @param status the spec's status name
   * @param errorCode the spec's error code name, or {@code null}
   * @param attempts how many times it was claimed
   */
  public record RunEntry(long id, long scheduleId, Instant scheduledFor, String trigger, String status, String errorCode,
      int attempts) {}
}
