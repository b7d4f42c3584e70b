package com.tenantpilot.scheduling.harness.bench;

import com.tenantpilot.scheduling.schedule.Recurrence;
import com.tenantpilot.scheduling.schedule.SlotCalculator;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link SlotCalculator#next}: next-slot computations per second on one thread,
 * DAILY and WEEKLY, in DST zones with 1-hour and 30-minute shifts and in UTC.
 *
 * <p>The {@code after} instants are 4096 random instants spread over 2026 (fixed seed),
 * precomputed and walked in turn, so the benchmark neither measures one cached answer nor the
 * random number generator. Run: {@code java -jar scheduling-harness.jar bench SlotBenchmark}.
 *
 * <p>JMH creates one state instance per thread; not meant for other use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class SlotBenchmark {

  private static final int INSTANTS = 4096;
  private static final long YEAR_START = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
  private static final long YEAR_SECONDS = 365L * 86_400;

  /** The schedule's zone. */
  @Param({"Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"})
  public String zone;

  /** DAILY, or WEEKLY on Monday, Wednesday and Saturday. */
  @Param({"DAILY", "WEEKLY"})
  public String frequency;

  private Recurrence recurrence;
  private final Instant[] afters = new Instant[INSTANTS];
  private int index;

  /** Builds the recurrence (at 02:30, in the DST gap on spring-forward days) and the instants. */
  @Setup
  public void setUp() {
    ZoneId id = ZoneId.of(zone);
    LocalTime time = LocalTime.of(2, 30);
    recurrence = frequency.equals("DAILY")
        ? Recurrence.daily(time, id)
        : Recurrence.weekly(time, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.SATURDAY), id);
    SplittableRandom rnd = new SplittableRandom(20260329L);
    for (int i = 0; i < INSTANTS; i++) {
      afters[i] = Instant.ofEpochSecond(YEAR_START + rnd.nextLong(YEAR_SECONDS), rnd.nextInt(1_000_000_000));
    }
  }

  /** One {@code next} call for the next precomputed instant. */
  @Benchmark
  public Instant next() {
    Instant after = afters[index];
    index = (index + 1) & (INSTANTS - 1);
    return SlotCalculator.next(recurrence, after);
  }
}
