package com.tenantpilot.scheduling.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code demo} runs on its embedded defaults and shows what it promises. */
class DemoCommandTest {

  @Test
  void runs_two_days_on_h2_and_the_fake_graph() {
    HarnessRun run = HarnessRun.of("demo", "--days", "2", "--jdbc-url", "jdbc:h2:mem:demo-test;DB_CLOSE_DELAY=-1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("skipped, the local time does not exist")
        .contains("SCHEDULED SUCCESS")
        .contains("MANUAL    SUCCESS")
        .contains("GRAPH_FORBIDDEN")
        .contains("backup_schedule.run_completed")
        .contains("it@fabrikam.com: backup_schedule.run_finished");
  }

  @Test
  void rejects_a_bad_day_count() {
    HarnessRun run = HarnessRun.of("demo", "--days", "0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--days", "'0'");
  }
}
