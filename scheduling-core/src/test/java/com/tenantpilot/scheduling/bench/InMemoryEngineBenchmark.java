package com.tenantpilot.scheduling.bench;

import com.tenantpilot.scheduling.dispatch.DispatchResult;
import com.tenantpilot.scheduling.engine.SchedulingEngine;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.execution.RunResult;
import com.tenantpilot.scheduling.lock.CaffeineScheduleLock;
import com.tenantpilot.scheduling.memory.InMemoryStores;
import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.SyncReport;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures the engine on the in-memory stores: one dispatch cycle with 10,000 due schedules out
 * of 100,000, a cycle with nothing due, and the execution of the resulting runs (sync stubbed in
 * memory, so this is the engine's own cost). A benchmark main, not a test:
 *
 * <pre>
 * mvn -B -q -pl scheduling-core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=com.tenantpilot.scheduling.bench.InMemoryEngineBenchmark
 * </pre>
 */
public final class InMemoryEngineBenchmark {

  private InMemoryEngineBenchmark() {}

  /** Runs the measurements and prints a table. */
  public static void main(String[] args) {
    int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int due = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int repetitions = 5;
    long[] cycle = new long[repetitions];
    long[] empty = new long[repetitions];
    long[] exec = new long[repetitions];
    for (int rep = 0; rep < repetitions; rep++) {
      Instant start = Instant.parse("2026-06-01T00:00:00Z");
      ManualClock clock = new ManualClock(start);
      InMemoryStores stores = new InMemoryStores(clock);
      SchedulingEngine engine = SchedulingEngine.builder()
          .scheduleStore(stores.schedules()).runStore(stores.runs()).backupSetStore(stores.backupSets())
          .policyStore(stores.policies()).auditLog(stores.auditLog()).notifier(stores.notifier())
          .scheduleLock(new CaffeineScheduleLock(clock))
          .policySync((tenant, types) -> {
            Map<String, SyncReport.TypeSync> r = new LinkedHashMap<>();
            for (String t : types) {
              r.put(t, SyncReport.TypeSync.ok(List.of(new PolicySnapshot(t, "p", "p", null, "{}", true, List.of())), List.of()));
            }
            return new SyncReport(r);
          })
          .catalog(PolicyTypeCatalog.of("deviceConfiguration"))
          .clock(clock)
          .options(SchedulingOptions.builder().nodeId("bench").workerConcurrency(1000).maxRunningPerTenant(1000)
              .dispatchBatchSize(1000).build())
          .random(new Random(1)::nextDouble)
          .build();
      // `due` schedules at 00:05 UTC; the rest at 12:00 UTC, so they are not due at 00:05.
      for (int i = 0; i < total; i++) {
        String time = i < due ? "00:05" : "12:00";
        engine.schedules().create(new ScheduleInput("tenant-" + (i % 500), "s" + i, true, "DAILY", time, List.of(),
            "UTC", List.of("deviceConfiguration"), 3), "bench");
      }
      Instant now = Instant.parse("2026-06-01T00:05:00Z");
      clock.set(now);

      long t0 = System.nanoTime();
      DispatchResult r = engine.dispatcher().dispatch(now);
      cycle[rep] = System.nanoTime() - t0;
      if (r.created() != due) {
        throw new IllegalStateException("expected " + due + " runs, got " + r);
      }
      long t1 = System.nanoTime();
      DispatchResult nothing = engine.dispatcher().dispatch(now.plus(Duration.ofMinutes(1)));
      empty[rep] = System.nanoTime() - t1;
      if (nothing.due() != 0) {
        throw new IllegalStateException("expected nothing due, got " + nothing);
      }
      long t2 = System.nanoTime();
      int done = 0;
      List<RunResult> batch;
      do {
        batch = engine.worker().runOnce();
        done += batch.size();
      } while (!batch.isEmpty());
      exec[rep] = System.nanoTime() - t2;
      if (done != due) {
        throw new IllegalStateException("expected " + due + " executions, got " + done);
      }
    }
    System.out.printf("in-memory engine, %,d schedules, %,d due, %d repetitions (median / min)%n", total, due, repetitions);
    System.out.printf("  dispatch cycle, %,d due:        %8.1f ms / %8.1f ms%n", due, median(cycle), min(cycle));
    System.out.printf("  dispatch cycle, nothing due:    %8.3f ms / %8.3f ms%n", median(empty), min(empty));
    System.out.printf("  execute %,d runs (1 thread):   %8.1f ms / %8.1f ms  (%,.0f runs/s)%n", due, median(exec), min(exec),
        due / (median(exec) / 1000.0));
  }

  private static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }

  private static double min(long[] nanos) {
    return Arrays.stream(nanos).min().orElseThrow() / 1e6;
  }

}
