package com.tenantpilot.scheduling.retention;

import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_A;
import static com.tenantpilot.scheduling.engine.EngineFixture.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.audit.AuditAction;
import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import com.tenantpilot.scheduling.engine.EngineFixture;
import com.tenantpilot.scheduling.port.BackupSetStore;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.schedule.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC section 7: retention after SUCCESS or PARTIAL. */
class RetentionServiceTest {

  private final EngineFixture f = EngineFixture.create();

  @Test
  void keeps_the_newest_n_sets_of_the_schedule_and_soft_deletes_the_older_ones() {
    Schedule s = f.dailyUtcKeeping(TENANT_A, "09:00", 3);
    List<Long> sets = new ArrayList<>();

    for (int day = 0; day < 5; day++) {
      Run run = f.fireNextSlot(s);
      assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
      sets.add(run.backupSetId());
      assertThat(f.stores.backupSets().listLive(TENANT_A, s.id())).hasSizeLessThanOrEqualTo(3);
    }

    assertThat(f.stores.backupSets().listLive(TENANT_A, s.id())).extracting(BackupSet::id)
        .containsExactly(sets.get(4), sets.get(3), sets.get(2));
    for (long deleted : sets.subList(0, 2)) {
      assertThat(f.stores.backupSets().find(TENANT_A, deleted).orElseThrow().deletedAt()).as("soft-deleted").isNotNull();
    }
    assertThat(f.runs(s).get(0).summary().retentionDeleted()).isEqualTo(1);
  }

  @Test
  void never_touches_sets_made_by_hand_by_other_schedules_or_of_other_tenants() {
    Schedule s = f.dailyUtcKeeping(TENANT_A, "09:00", 1);
    Schedule other = f.dailyUtcKeeping(TENANT_A, "10:00", 1);
    BackupSet byHand = set(TENANT_A, null, Instant.parse("2026-01-01T00:00:00Z"));
    BackupSet otherSchedules = set(TENANT_A, other.id(), Instant.parse("2026-01-01T00:00:00Z"));
    BackupSet otherTenants = set(TENANT_B, s.id(), Instant.parse("2026-01-01T00:00:00Z"));
    BackupSet older = set(TENANT_A, s.id(), Instant.parse("2026-01-01T00:00:00Z"));

    Run run = f.fireNextSlot(s);

    assertThat(live(older)).isFalse();
    assertThat(live(byHand)).isTrue();
    assertThat(live(otherSchedules)).isTrue();
    assertThat(f.stores.backupSets().find(TENANT_B, otherTenants.id()).orElseThrow().deletedAt()).isNull();
    assertThat(live(f.stores.backupSets().find(TENANT_A, run.backupSetId()).orElseThrow())).isTrue();
  }

  @Test
  void never_deletes_the_set_just_written_even_if_its_clock_says_it_is_the_oldest() {
    Schedule s = f.dailyUtcKeeping(TENANT_A, "09:00", 1);
    BackupSet justWritten = set(TENANT_A, s.id(), Instant.parse("2026-01-01T00:00:00Z"));
    BackupSet newer = set(TENANT_A, s.id(), Instant.parse("2026-02-01T00:00:00Z"));
    RetentionService retention = new RetentionService(f.stores.backupSets(), f.stores.auditLog());

    RetentionService.Result result = retention.apply(s, justWritten.id(), f.clock.instant());

    assertThat(result).isEqualTo(new RetentionService.Result(1, null));
    assertThat(live(justWritten)).isTrue();
    assertThat(live(newer)).isFalse();
  }

  @Test
  void audits_retention_applied_with_the_count() {
    Schedule s = f.dailyUtcKeeping(TENANT_A, "09:00", 1);
    set(TENANT_A, s.id(), Instant.parse("2026-01-01T00:00:00Z"));
    set(TENANT_A, s.id(), Instant.parse("2026-01-02T00:00:00Z"));

    f.fireNextSlot(s);

    assertThat(f.audits(AuditAction.RETENTION_APPLIED)).singleElement().satisfies(e -> {
      assertThat(e.tenantId()).isEqualTo(TENANT_A);
      assertThat(e.resourceId()).isEqualTo(String.valueOf(s.id()));
      assertThat(e.metadata()).containsEntry("deleted", 2).containsEntry("keepLast", 1);
    });
  }

  @Test
  void a_retention_failure_keeps_the_run_status_and_is_recorded_in_summary_and_audit() {
    EngineFixture.Ports ports = new EngineFixture.Ports();
    ports.backupSetStore = FailingSoftDelete::new;
    EngineFixture g = EngineFixture.create(EngineFixture.T0, o -> o, ports);
    Schedule s = g.dailyUtcKeeping(TENANT_A, "09:00", 1);
    g.stores.backupSets().create(new NewBackupSet(TENANT_A, s.id(), null, "old", List.of(),
        Instant.parse("2026-01-01T00:00:00Z")));

    Run run = g.fireNextSlot(s);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCESS);
    assertThat(run.backupSetId()).isNotNull();
    assertThat(run.summary().retentionError()).contains("disk on fire");
    assertThat(g.audits(AuditAction.RETENTION_APPLIED)).singleElement()
        .satisfies(e -> assertThat(e.metadata().get("error").toString()).contains("disk on fire"));
    assertThat(g.stores.backupSets().listLive(TENANT_A, s.id())).hasSize(2);
  }

  @Test
  void a_failed_run_applies_no_retention() {
    Schedule s = f.dailyUtcKeeping(TENANT_A, "09:00", 1);
    BackupSet old = set(TENANT_A, s.id(), Instant.parse("2026-01-01T00:00:00Z"));
    f.graph.fails(TENANT_A, EngineFixture.DEVICE_CONFIG,
        com.tenantpilot.scheduling.port.GraphFailure.status(403, "forbidden"));

    assertThat(f.fireNextSlot(s).status()).isEqualTo(RunStatus.FAILED);

    assertThat(live(old)).isTrue();
    assertThat(f.audits(AuditAction.RETENTION_APPLIED)).isEmpty();
  }

  private BackupSet set(String tenant, Long scheduleId, Instant createdAt) {
    return f.stores.backupSets().create(new NewBackupSet(tenant, scheduleId, null, "set", List.of(), createdAt));
  }

  private boolean live(BackupSet set) {
    return f.stores.backupSets().find(set.tenantId(), set.id()).orElseThrow().deletedAt() == null;
  }

  /** A backup set store whose soft delete fails. */
  static final class FailingSoftDelete implements BackupSetStore {
    private final BackupSetStore delegate;

    FailingSoftDelete(BackupSetStore delegate) {
      this.delegate = delegate;
    }

    @Override public BackupSet create(NewBackupSet set) { return delegate.create(set); }
    @Override public Optional<BackupSet> find(String t, long id) { return delegate.find(t, id); }
    @Override public List<BackupItem> items(String t, long id) { return delegate.items(t, id); }
    @Override public List<BackupSet> listLive(String t, long id) { return delegate.listLive(t, id); }

    @Override
    public int softDelete(String tenantId, long scheduleId, Collection<Long> ids, Instant deletedAt) {
      throw new IllegalStateException("disk on fire");
    }
  }

}
