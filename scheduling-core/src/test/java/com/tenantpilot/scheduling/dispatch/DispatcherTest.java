package com.tenantpilot.scheduling.dispatch;

import static com.tenantpilot.scheduling.engine.EngineFixture.ADMIN;
import static com.tenantpilot.scheduling.engine.EngineFixture.DEVICE_CONFIG;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_A;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.audit.AuditEvent;
import com.tenantpilot.scheduling.engine.EngineFixture;
import com.tenantpilot.scheduling.port.NextRunUpdate;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunTrigger;
import com.tenantpilot.scheduling.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** SPEC section 4: one dispatch cycle. */
class DispatcherTest {

  private final EngineFixture f = EngineFixture.create();

  @Test
  void selects_only_schedules_whose_next_run_is_due() {
    Schedule due = f.dailyUtc(TENANT_A, "09:00");
    Schedule later = f.dailyUtc(TENANT_A, "10:00");

    DispatchResult result = f.engine.dispatcher().dispatch(f.at("2026-03-02T09:00:00Z"));

    assertThat(result.due()).isEqualTo(1);
    assertThat(result.created()).isEqualTo(1);
    assertThat(f.runs(due)).singleElement().satisfies(r -> {
      assertThat(r.scheduledFor()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
      assertThat(r.trigger()).isEqualTo(RunTrigger.SCHEDULED);
      assertThat(r.status()).isEqualTo(RunStatus.QUEUED);
    });
    assertThat(f.runs(later)).isEmpty();
  }

  @Test
  void nothing_is_due_before_the_slot() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    DispatchResult result = f.engine.dispatcher().dispatch(f.at("2026-03-02T08:59:00Z"));

    assertThat(result.due()).isZero();
    assertThat(f.runs(s)).isEmpty();
  }

  @Test
  void creates_the_run_for_the_latest_slot_at_or_before_now() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    f.engine.dispatcher().dispatch(f.at("2026-03-02T09:07:00Z"));

    assertThat(f.onlyRun(s).scheduledFor()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(f.onlyRun(s).status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void a_slot_exactly_at_the_misfire_grace_is_still_queued() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    DispatchResult result = f.engine.dispatcher().dispatch(f.at("2026-03-02T09:15:00Z"));

    assertThat(result.missed()).isZero();
    assertThat(f.onlyRun(s).status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void a_slot_one_second_past_the_misfire_grace_is_recorded_as_missed_slot() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    DispatchResult result = f.engine.dispatcher().dispatch(f.at("2026-03-02T09:15:01Z"));

    assertThat(result.missed()).isEqualTo(1);
    Run run = f.onlyRun(s);
    assertThat(run.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.MISSED_SLOT);
    assertThat(run.scheduledFor()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void misfire_grace_is_configurable() {
    EngineFixture g = EngineFixture.create(o -> o.misfireGrace(Duration.ofMinutes(2)));
    Schedule inGrace = g.dailyUtc(TENANT_A, "09:00");
    Schedule late = g.dailyUtc(TENANT_A, "08:57");

    g.engine.dispatcher().dispatch(g.at("2026-03-02T09:02:00Z"));

    assertThat(g.onlyRun(inGrace).status()).isEqualTo(RunStatus.QUEUED);
    assertThat(g.onlyRun(late).status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(g.onlyRun(late).errorCode()).isEqualTo(ErrorCode.MISSED_SLOT);
  }

  @Test
  void creates_one_missed_slot_record_without_catch_up_after_three_days_down() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    f.engine.dispatcher().dispatch(f.at("2026-03-05T12:00:00Z"));

    Run run = f.onlyRun(s);
    assertThat(run.status()).isEqualTo(RunStatus.SKIPPED);
    assertThat(run.errorCode()).isEqualTo(ErrorCode.MISSED_SLOT);
    assertThat(run.scheduledFor()).isEqualTo(Instant.parse("2026-03-05T09:00:00Z"));
    assertThat(f.schedule(s).nextRunAt()).isEqualTo(Instant.parse("2026-03-06T09:00:00Z"));
  }

  @Test
  void next_run_becomes_the_first_slot_strictly_after_now() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");

    f.engine.dispatcher().dispatch(f.at("2026-03-02T09:00:00Z"));

    assertThat(f.schedule(s).nextRunAt()).isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
  }

  @Test
  void dispatching_the_same_minute_twice_creates_exactly_one_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    Instant now = f.at("2026-03-02T09:00:00Z");

    DispatchResult first = f.engine.dispatcher().dispatch(now);
    DispatchResult second = f.engine.dispatcher().dispatch(now);

    assertThat(first.created()).isEqualTo(1);
    assertThat(second.created()).isZero();
    assertThat(f.runs(s)).hasSize(1);
  }

  @Test
  void two_dispatchers_on_the_same_stores_create_exactly_one_run() {
    Schedule s = f.dailyUtc(TENANT_A, "09:00");
    Instant now = f.at("2026-03-02T09:00:00Z");
    StoredSchedule stale = f.stores.schedules().find(TENANT_A, s.id()).orElseThrow();

    // node 2 read the schedule before node 1 advanced it: its write must change nothing
    f.engine.dispatcher().dispatch(now);
    f.node("node-2").dispatcher().dispatch(now);
    int created = f.stores.runs().createAllIfAbsent(
        List.of(com.tenantpilot.scheduling.run.NewRun.scheduled(s.id(), TENANT_A, now)));
    int moved = f.stores.schedules().advance(List.of(new NextRunUpdate(TENANT_A, s.id(), stale.nextRunAt(),
        Instant.parse("2026-03-02T09:01:00Z"))));

    assertThat(created).isZero();
    assertThat(moved).isZero();
    assertThat(f.runs(s)).hasSize(1);
    assertThat(f.schedule(s).nextRunAt()).isEqualTo(Instant.parse("2026-03-03T09:00:00Z"));
  }

  @Test
  void a_corrupt_schedule_is_audited_and_parked_without_stopping_the_others() {
    Schedule good = f.dailyUtc(TENANT_A, "09:00");
    Schedule badZone = f.dailyUtc(TENANT_A, "09:00");
    Schedule badTime = f.dailyUtc(TENANT_B, "09:00");
    corrupt(badZone, r -> withTimeAndZone(r, r.timeOfDay(), "Mars/Olympus_Mons"));
    corrupt(badTime, r -> withTimeAndZone(r, "25:99", r.timezone()));
    Instant now = f.at("2026-03-02T09:00:00Z");

    DispatchResult result = f.engine.dispatcher().dispatch(now);

    assertThat(result.invalid()).isEqualTo(2);
    assertThat(f.onlyRun(good).status()).isEqualTo(RunStatus.QUEUED);
    assertThat(f.runs(badZone)).isEmpty();
    assertThat(f.runs(badTime)).isEmpty();
    for (Schedule bad : List.of(badZone, badTime)) {
      StoredSchedule row = f.stores.schedules().find(bad.tenantId(), bad.id()).orElseThrow();
      assertThat(row.enabled()).as("parked, not disabled").isTrue();
      assertThat(row.nextRunAt()).isEqualTo(now.plus(f.options.invalidScheduleRetry()));
    }
    assertThat(f.audits(AuditAction.DISPATCH_SCHEDULE_INVALID))
        .extracting(AuditEvent::resourceId)
        .containsExactlyInAnyOrder(String.valueOf(badZone.id()), String.valueOf(badTime.id()));
    assertThat(f.audits(AuditAction.DISPATCH_SCHEDULE_INVALID))
        .anySatisfy(e -> assertThat(e.metadata().get("problems").toString()).contains("timezone"))
        .anySatisfy(e -> assertThat(e.metadata().get("problems").toString()).contains("timeOfDay"));
  }

  @Test
  void writes_one_aggregated_dispatch_audit_per_tenant_when_anything_was_due() {
    f.dailyUtc(TENANT_A, "09:00");
    f.dailyUtc(TENANT_A, "09:00");
    f.dailyUtc(TENANT_B, "08:50");

    f.engine.dispatcher().dispatch(f.at("2026-03-02T09:00:00Z"));

    List<AuditEvent> dispatch = f.audits(AuditAction.DISPATCH);
    assertThat(dispatch).extracting(AuditEvent::tenantId).containsExactlyInAnyOrder(TENANT_A, TENANT_B);
    AuditEvent a = dispatch.stream().filter(e -> e.tenantId().equals(TENANT_A)).findFirst().orElseThrow();
    assertThat(a.actor()).isEqualTo(AuditEvent.SYSTEM);
    assertThat(a.metadata()).containsEntry("due", 2).containsEntry("queued", 2).containsEntry("missed", 0);
    AuditEvent b = dispatch.stream().filter(e -> e.tenantId().equals(TENANT_B)).findFirst().orElseThrow();
    assertThat(b.metadata()).containsEntry("due", 1).containsEntry("queued", 1);
  }

  @Test
  void writes_no_dispatch_audit_when_nothing_was_due() {
    f.dailyUtc(TENANT_A, "09:00");

    f.engine.dispatcher().dispatch(f.at("2026-03-02T08:30:00Z"));

    assertThat(f.audits(AuditAction.DISPATCH)).isEmpty();
  }

  @Test
  void a_wall_time_in_the_spring_forward_gap_produces_no_run_that_date() {
    EngineFixture g = EngineFixture.create(Instant.parse("2026-03-28T02:00:00Z"), UnaryOperator.identity(),
        new EngineFixture.Ports());
    Schedule s = g.engine.schedules().create(EngineFixture.daily(TENANT_A, "02:30", "Europe/Berlin"), ADMIN);

    // every minute from Saturday 03:00 to Monday 02:00 Berlin time
    for (Instant t = g.clock.instant(); t.isBefore(Instant.parse("2026-03-30T01:00:00Z")); t = t.plusSeconds(60)) {
      g.engine.dispatcher().dispatch(g.at(t.toString()));
    }

    ZoneId berlin = ZoneId.of("Europe/Berlin");
    assertThat(g.runs(s)).extracting(r -> r.scheduledFor().atZone(berlin).toLocalDate().toString())
        .containsExactly("2026-03-30");
    assertThat(g.onlyRun(s).scheduledFor()).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
    assertThat(g.onlyRun(s).status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void a_wall_time_in_the_fall_back_overlap_runs_once_at_the_first_occurrence() {
    EngineFixture g = EngineFixture.create(Instant.parse("2026-10-24T12:00:00Z"), UnaryOperator.identity(),
        new EngineFixture.Ports());
    Schedule s = g.engine.schedules().create(EngineFixture.daily(TENANT_A, "02:30", "Europe/Berlin"), ADMIN);

    for (Instant t = g.clock.instant(); t.isBefore(Instant.parse("2026-10-25T12:00:00Z")); t = t.plusSeconds(60)) {
      g.engine.dispatcher().dispatch(g.at(t.toString()));
    }

    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET): only the first one fires
    assertThat(g.runs(s)).extracting(Run::scheduledFor).containsExactly(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(g.schedule(s).nextRunAt()).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
  }

  @Test
  void two_nodes_dispatching_the_same_minute_concurrently_create_exactly_one_run_per_schedule() throws Exception {
    List<Schedule> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(f.dailyUtc(i % 2 == 0 ? TENANT_A : TENANT_B, "09:00"));
    }
    Instant now = f.at("2026-03-02T09:00:00Z");
    List<Dispatcher> nodes = List.of(f.engine.dispatcher(), f.node("node-2").dispatcher(), f.node("node-3").dispatcher());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(nodes.size());
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    try {
      List<java.util.concurrent.Future<DispatchResult>> results = new ArrayList<>();
      for (Dispatcher d : nodes) {
        results.add(pool.submit(() -> {
          go.await();
          return d.dispatch(now);
        }));
      }
      go.countDown();
      int created = 0;
      for (java.util.concurrent.Future<DispatchResult> r : results) {
        created += r.get(10, java.util.concurrent.TimeUnit.SECONDS).created();
      }
      assertThat(created).isEqualTo(200);
    } finally {
      pool.shutdownNow();
    }
    assertThat(all).allSatisfy(s -> assertThat(f.runs(s)).hasSize(1));
    assertThat(f.stores.allRuns()).hasSize(200);
  }

  @Test
  void cost_follows_the_due_count_and_more_due_schedules_than_one_batch_are_all_handled() {
    CountingScheduleStore[] counting = new CountingScheduleStore[1];
    EngineFixture.Ports ports = new EngineFixture.Ports();
    ports.scheduleStore = s -> counting[0] = new CountingScheduleStore(s);
    EngineFixture g = EngineFixture.create(EngineFixture.T0, o -> o.dispatchBatchSize(2), ports);
    List<Schedule> due = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      due.add(g.dailyUtc(i % 2 == 0 ? TENANT_A : TENANT_B, "09:00"));
    }
    for (int i = 0; i < 50; i++) {
      g.dailyUtc(TENANT_A, "18:00");
    }

    DispatchResult result = g.engine.dispatcher().dispatch(g.at("2026-03-02T09:00:00Z"));

    assertThat(result.due()).isEqualTo(5);
    assertThat(result.created()).isEqualTo(5);
    assertThat(due).allSatisfy(s -> assertThat(g.runs(s)).hasSize(1));
    assertThat(counting[0].limits).isNotEmpty().allSatisfy(l -> assertThat(l).isEqualTo(2));
    assertThat(counting[0].rowsRead).as("rows read follow the due count, not the 55 schedules").isEqualTo(5);
  }

  private void corrupt(Schedule s, UnaryOperator<StoredSchedule> change) {
    f.stores.putRaw(change.apply(f.stores.schedules().find(s.tenantId(), s.id()).orElseThrow()));
  }

  private static StoredSchedule withTimeAndZone(StoredSchedule r, String time, String zone) {
    return new StoredSchedule(r.id(), r.tenantId(), r.name(), r.enabled(), r.frequency(), time, r.daysOfWeek(), zone,
        r.policyTypes(), r.retentionKeepLast(), r.nextRunAt(), r.lastRunAt(), r.lastRunStatus(), r.createdAt(),
        r.updatedAt());
  }

  /** Counts the dispatcher's queries. */
  static final class CountingScheduleStore implements ScheduleStore {
    private final ScheduleStore delegate;
    final List<Integer> limits = new ArrayList<>();
    int rowsRead;

    CountingScheduleStore(ScheduleStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<StoredSchedule> findDue(Instant now, int limit) {
      limits.add(limit);
      List<StoredSchedule> rows = delegate.findDue(now, limit);
      rowsRead += rows.size();
      return rows;
    }

    @Override public StoredSchedule insert(StoredSchedule s) { return delegate.insert(s); }
    @Override public boolean update(StoredSchedule s) { return delegate.update(s); }
    @Override public boolean delete(String t, long id) { return delegate.delete(t, id); }
    @Override public Optional<StoredSchedule> find(String t, long id) { return delegate.find(t, id); }
    @Override public List<StoredSchedule> list(String t) { return delegate.list(t); }
    @Override public int advance(List<NextRunUpdate> u) { return delegate.advance(u); }
    @Override public void recordLastRun(String t, long id, Instant at, RunStatus st) { delegate.recordLastRun(t, id, at, st); }
  }
}
