package com.tenantpilot.scheduling.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.backup.NewBackupSet;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract of {@link com.tenantpilot.scheduling.port.BackupSetStore} and {@link com.tenantpilot.scheduling.port.PolicyStore}. */
public abstract class BackupSetStoreContract extends ContractSupport {

  private static final BackupItem DC = new BackupItem("deviceConfiguration", "dc-1", "Baseline",
      "{\"@odata.type\":\"#microsoft.graph.windows10GeneralConfiguration\",\"id\":\"dc-1\",\"assignments\":[]}", true);
  private static final BackupItem SC = new BackupItem("settingsCatalogPolicy", "sc-1", "Edge ✓",
      "{\"id\":\"sc-1\",\"settings\":[{\"id\":\"0\"}]}", false);

  private BackupSet create(String tenant, Long scheduleId, Instant at) {
    return stores.backupSets().create(new NewBackupSet(tenant, scheduleId, null, "set " + at, List.of(DC, SC), at));
  }

  @Test
  void create_writes_the_set_and_its_items() {
    long schedule = insert("tenant-a", "a", T0).id();
    BackupSet set = stores.backupSets().create(new NewBackupSet("tenant-a", schedule, 5L, "Nightly", List.of(DC, SC, DC2()), T0));

    assertThat(set.id()).isPositive();
    assertThat(set.itemCount()).isEqualTo(3);
    assertThat(set.countsByType()).containsEntry("deviceConfiguration", 2).containsEntry("settingsCatalogPolicy", 1);
    assertThat(set.deletedAt()).isNull();
    assertThat(stores.backupSets().find("tenant-a", set.id())).contains(set);
    assertThat(stores.backupSets().items("tenant-a", set.id())).containsExactlyInAnyOrder(DC, SC, DC2());
  }

  private static BackupItem DC2() {
    return new BackupItem("deviceConfiguration", "dc-2", null, "{\"id\":\"dc-2\"}", true);
  }

  @Test
  void sets_and_items_are_scoped_by_tenant() {
    long schedule = insert("tenant-a", "a", T0).id();
    BackupSet set = create("tenant-a", schedule, T0);

    assertThat(stores.backupSets().find("tenant-b", set.id())).isEmpty();
    assertThat(stores.backupSets().items("tenant-b", set.id())).isEmpty();
    assertThat(stores.backupSets().listLive("tenant-b", schedule)).isEmpty();
    assertThat(stores.backupSets().softDelete("tenant-b", schedule, List.of(set.id()), T0)).isZero();
    assertThat(stores.backupSets().find("tenant-a", set.id()).orElseThrow().deletedAt()).isNull();
  }

  @Test
  void list_live_is_newest_first_and_only_the_schedules_sets() {
    long a = insert("tenant-a", "a", T0).id();
    long b = insert("tenant-a", "b", T0).id();
    BackupSet old = create("tenant-a", a, T0);
    BackupSet newer = create("tenant-a", a, T0.plus(Duration.ofDays(1)));
    BackupSet sameTime = create("tenant-a", a, T0.plus(Duration.ofDays(1)));
    create("tenant-a", b, T0.plus(Duration.ofDays(2)));
    create("tenant-a", null, T0.plus(Duration.ofDays(3)));

    assertThat(stores.backupSets().listLive("tenant-a", a)).extracting(BackupSet::id)
        .containsExactly(sameTime.id(), newer.id(), old.id());
  }

  @Test
  void soft_delete_touches_only_live_sets_of_that_schedule() {
    long a = insert("tenant-a", "a", T0).id();
    long b = insert("tenant-a", "b", T0).id();
    BackupSet mine = create("tenant-a", a, T0);
    BackupSet other = create("tenant-a", b, T0);
    BackupSet manual = create("tenant-a", null, T0);
    Instant when = T0.plusSeconds(60);

    int deleted = stores.backupSets().softDelete("tenant-a", a, List.of(mine.id(), other.id(), manual.id()), when);

    assertThat(deleted).isEqualTo(1);
    assertThat(stores.backupSets().find("tenant-a", mine.id()).orElseThrow().deletedAt()).isEqualTo(when);
    assertThat(stores.backupSets().find("tenant-a", other.id()).orElseThrow().deletedAt()).isNull();
    assertThat(stores.backupSets().find("tenant-a", manual.id()).orElseThrow().deletedAt()).isNull();
    assertThat(stores.backupSets().listLive("tenant-a", a)).isEmpty();
    assertThat(stores.backupSets().softDelete("tenant-a", a, List.of(mine.id()), when.plusSeconds(1))).isZero();
    assertThat(stores.backupSets().items("tenant-a", mine.id())).hasSize(2);
  }

  @Test
  void the_policy_inventory_is_replaced_per_tenant_and_type() {
    PolicySnapshot p1 = new PolicySnapshot("deviceConfiguration", "p1", "One", "#microsoft.graph.x", "{\"id\":\"p1\"}", true, List.of());
    PolicySnapshot p2 = new PolicySnapshot("deviceConfiguration", "p2", null, null, "{\"id\":\"p2\"}", false, List.of("partial"));
    stores.policies().replace("tenant-a", "deviceConfiguration", List.of(p2, p1), T0);
    stores.policies().replace("tenant-b", "deviceConfiguration", List.of(p1), T0);

    assertThat(stores.policies().list("tenant-a", "deviceConfiguration")).containsExactly(p1, p2);
    stores.policies().replace("tenant-a", "deviceConfiguration", List.of(p2), T0.plusSeconds(60));
    assertThat(stores.policies().list("tenant-a", "deviceConfiguration")).containsExactly(p2);
    assertThat(stores.policies().list("tenant-b", "deviceConfiguration")).containsExactly(p1);
    assertThat(stores.policies().list("tenant-a", "settingsCatalogPolicy")).isEmpty();
  }
}
