package com.tenantpilot.scheduling.jdbc.internal;

import com.tenantpilot.scheduling.backup.BackupItem;
import com.tenantpilot.scheduling.backup.BackupSet;
import com.tenantpilot.scheduling.policy.PolicySnapshot;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.ErrorCode;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.run.RunTrigger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Maps result rows to the core's records, column by column, and lists each table's columns in
 * the order the mappers read them. Thread-safe.
 */
public final class Rows {

  /** The columns of {@code backup_schedules}. */
  public static final String SCHEDULE_COLUMNS = "id, tenant_id, name, is_enabled, frequency, time_of_day, days_of_week, "
      + "timezone, policy_types, retention_keep_last, next_run_at, last_run_at, last_run_status, created_at, updated_at";

  /** The columns of {@code backup_schedule_runs}. */
  public static final String RUN_COLUMNS = "id, backup_schedule_id, tenant_id, scheduled_for, trigger, status, attempts, "
      + "not_before, started_at, finished_at, error_code, error_message, summary, backup_set_id, requested_by, "
      + "retry_of, lease_owner, lease_token, lease_expires_at, created_at";

  /** The columns of {@code backup_sets}. */
  public static final String BACKUP_SET_COLUMNS =
      "id, tenant_id, schedule_id, run_id, name, item_count, counts_by_type, created_at, deleted_at";

  private final Json json;

  /** Mappers that read JSON columns with {@code json}. */
  public Rows(Json json) {
    this.json = json;
  }

  /** Reads a {@code TIMESTAMP WITH TIME ZONE} column as an instant, independent of any zone. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /** A schedule row, strings verbatim. */
  public RowMapper<StoredSchedule> schedule() {
    return (rs, ctx) -> new StoredSchedule(
        rs.getLong("id"),
        rs.getString("tenant_id"),
        rs.getString("name"),
        rs.getBoolean("is_enabled"),
        rs.getString("frequency"),
        rs.getString("time_of_day"),
        json.parseStrings(rs.getString("days_of_week")),
        rs.getString("timezone"),
        json.parseStrings(rs.getString("policy_types")),
        rs.getInt("retention_keep_last"),
        instant(rs, "next_run_at"),
        instant(rs, "last_run_at"),
        rs.getString("last_run_status"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  /** A run row; the lease is present once a token was ever issued. */
  public RowMapper<Run> run() {
    return (rs, ctx) -> {
      Long token = nullableLong(rs, "lease_token");
      Run.Lease lease = token == null ? null
          : new Run.Lease(rs.getString("lease_owner"), token, instant(rs, "lease_expires_at"));
      String errorCode = rs.getString("error_code");
      return new Run(
          rs.getLong("id"),
          rs.getLong("backup_schedule_id"),
          rs.getString("tenant_id"),
          instant(rs, "scheduled_for"),
          RunTrigger.fromStored(rs.getString("trigger")),
          RunStatus.fromStored(rs.getString("status")),
          rs.getInt("attempts"),
          instant(rs, "not_before"),
          instant(rs, "started_at"),
          instant(rs, "finished_at"),
          errorCode == null ? null : ErrorCode.valueOf(errorCode),
          rs.getString("error_message"),
          json.parseSummary(rs.getString("summary")),
          nullableLong(rs, "backup_set_id"),
          rs.getString("requested_by"),
          nullableLong(rs, "retry_of"),
          lease,
          instant(rs, "created_at"));
    };
  }

  /** A backup set header. */
  public RowMapper<BackupSet> backupSet() {
    return (rs, ctx) -> new BackupSet(
        rs.getLong("id"),
        rs.getString("tenant_id"),
        nullableLong(rs, "schedule_id"),
        nullableLong(rs, "run_id"),
        rs.getString("name"),
        rs.getInt("item_count"),
        json.parseCounts(rs.getString("counts_by_type")),
        instant(rs, "created_at"),
        instant(rs, "deleted_at"));
  }

  /** A backup item; the payload as stored. */
  public RowMapper<BackupItem> backupItem() {
    return (rs, ctx) -> new BackupItem(
        rs.getString("policy_type"),
        rs.getString("policy_id"),
        rs.getString("display_name"),
        rs.getString("payload"),
        rs.getBoolean("is_complete"));
  }

  /** A policy of the inventory. */
  public RowMapper<PolicySnapshot> policy() {
    return (rs, ctx) -> new PolicySnapshot(
        rs.getString("policy_type"),
        rs.getString("policy_id"),
        rs.getString("display_name"),
        rs.getString("odata_type"),
        rs.getString("payload"),
        rs.getBoolean("is_complete"),
        json.parseStrings(rs.getString("notes")));
  }
}
