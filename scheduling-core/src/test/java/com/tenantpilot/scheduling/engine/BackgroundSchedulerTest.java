package com.tenantpilot.scheduling.engine;

import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.schedule.Schedule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The threaded runtime: one real-thread test, no sleeps. */
class BackgroundSchedulerTest {

  @Test
  void executes_a_run_now_on_its_worker_threads_and_closes_cleanly() {
    EngineFixture f = EngineFixture.create();
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    try (BackgroundScheduler scheduler = new BackgroundScheduler(f.engine, Duration.ofMillis(20))) {
      scheduler.start();
      Run run = f.engine.schedules().runNow(TENANT_A, s.id(), "alice");
      scheduler.wakeUp();

      await().atMost(Duration.ofSeconds(5)).until(() -> f.run(run).status() == RunStatus.SUCCESS);

      assertThat(f.run(run).backupSetId()).isNotNull();
      await().atMost(Duration.ofSeconds(5)).until(() -> scheduler.inFlight() == 0);
      assertThat(f.stores.notifications()).singleElement().satisfies(n -> assertThat(n.userId()).isEqualTo("alice"));
    }
  }

  @Test
  void rejects_a_non_positive_poll_interval_naming_the_value() {
    EngineFixture f = EngineFixture.create();

    assertThatThrownBy(() -> new BackgroundScheduler(f.engine, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pollInterval")
        .hasMessageContaining("PT0S");
  }
}
