package com.tenantpilot.scheduling.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code bench} hands its arguments to JMH; listing needs the generated benchmark list. */
class BenchCommandTest {

  @Test
  void lists_the_slot_benchmark_from_the_generated_benchmark_list() {
    HarnessRun run = HarnessRun.of("bench", "-l");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("com.tenantpilot.scheduling.harness.bench.SlotBenchmark.next");
  }

  @Test
  void a_bad_jmh_argument_fails() {
    HarnessRun run = HarnessRun.of("bench", "-f", "not-a-number");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("not-a-number");
  }
}
