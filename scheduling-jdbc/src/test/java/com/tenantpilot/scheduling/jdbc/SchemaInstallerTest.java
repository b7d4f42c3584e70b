package com.tenantpilot.scheduling.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantpilot.scheduling.jdbc.support.H2Database;
import com.tenantpilot.scheduling.jdbc.support.PostgresServer;
import com.tenantpilot.scheduling.jdbc.support.Race;
import com.tenantpilot.scheduling.jdbc.support.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaInstallerTest {

  @Test
  void installing_twice_applies_the_schema_once_on_h2() {
    H2Database db = H2Database.create(false, false);
    try {
      SchemaInstaller installer = SchemaInstaller.forDataSource(db.dataSource());
      assertThat(installer.installedVersion()).isZero();

      assertThat(installer.install()).containsExactly(1);
      assertThat(installer.install()).isEmpty();
      assertThat(installer.installedVersion()).isEqualTo(SchemaInstaller.latestVersion());
      for (String table : TestDatabase.TABLES) {
        assertThat(db.count("SELECT COUNT(*) FROM " + table)).as(table).isZero();
      }
    } finally {
      db.close();
    }
  }

  @Test
  void four_nodes_installing_at_once_on_postgres_all_succeed_and_apply_it_once() throws Exception {
    PostgresServer.Schema schema = PostgresServer.newSchema("install", false, c -> {});
    List<HikariDataSource> pools = Stream.generate(() -> {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(schema.dataSource().getJdbcUrl());
      config.setUsername("postgres");
      config.setMaximumPoolSize(1);
      return new HikariDataSource(config);
    }).limit(4).toList();
    try {
      List<List<Integer>> applied = Race.run(4, i -> SchemaInstaller.forDataSource(pools.get(i)).install());

      assertThat(applied).filteredOn(List::isEmpty).hasSize(3);
      assertThat(applied).filteredOn(a -> !a.isEmpty()).containsExactly(List.of(1));
      assertThat(schema.count("SELECT COUNT(*) FROM " + SchemaInstaller.VERSION_TABLE)).isEqualTo(1);
      assertThat(schema.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? AND table_name IN "
          + "('backup_schedules', 'backup_schedule_runs', 'backup_sets', 'backup_items', 'audit_logs', 'notifications', "
          + "'scheduler_locks', 'policies')", schema.name())).isEqualTo(8);
      assertThat(SchemaInstaller.forDataSource(schema.dataSource()).install()).isEmpty();
    } finally {
      pools.forEach(HikariDataSource::close);
      schema.close();
    }
  }

  @Test
  void a_changed_migration_is_refused() {
    H2Database db = H2Database.create(false, true);
    try {
      db.jdbi().useHandle(h -> h.execute("UPDATE " + SchemaInstaller.VERSION_TABLE + " SET checksum = 1 WHERE version = 1"));

      assertThatThrownBy(() -> SchemaInstaller.forDataSource(db.dataSource()).install())
          .isInstanceOf(SchemaInstallException.class)
          .hasMessageContaining("migration 1")
          .hasMessageContaining("checksum 1");
    } finally {
      db.close();
    }
  }

  @Test
  void tables_installed_by_another_tool_are_not_touched() {
    PostgresServer.Schema schema = PostgresServer.newSchema("flyway", true, c -> {});
    try {
      schema.jdbi().useHandle(h -> h.execute("DROP TABLE " + SchemaInstaller.VERSION_TABLE));

      assertThatThrownBy(() -> SchemaInstaller.forDataSource(schema.dataSource()).install())
          .isInstanceOf(SchemaInstallException.class)
          .hasMessageContaining("installed by another tool");
    } finally {
      schema.close();
    }
  }

  @Test
  void a_failing_migration_on_postgres_leaves_nothing_behind() {
    PostgresServer.Schema schema = PostgresServer.newSchema("broken", false, c -> {});
    try {
      // A table in the way makes the migration fail half-way; DDL is transactional on PostgreSQL.
      schema.jdbi().useHandle(h -> h.execute("CREATE TABLE audit_logs (id integer)"));

      assertThatThrownBy(() -> SchemaInstaller.forDataSource(schema.dataSource()).install())
          .isInstanceOf(SchemaInstallException.class)
          .hasMessageContaining("audit_logs");
      assertThat(schema.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?", schema.name()))
          .as("only the table that was in the way").isEqualTo(1);
    } finally {
      schema.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Database.class)
  void every_shipped_migration_file_is_listed_and_splits_into_statements(Database database) throws IOException, URISyntaxException {
    Path folder = Path.of(getClass().getClassLoader().getResource(database.migrationLocation()).toURI());
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files.map(f -> database.migrationLocation() + "/" + f.getFileName()).sorted().toList())
          .isEqualTo(SchemaInstaller.scripts(database));
    }
    for (String script : SchemaInstaller.scripts(database)) {
      assertThat(script).matches(".*/V\\d+__[a-z_]+\\.sql");
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(script)) {
        List<String> statements = SchemaInstaller.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        assertThat(statements).hasSizeGreaterThan(10)
            .allSatisfy(s -> assertThat(s).matches("(?s)(CREATE|INSERT) .*").doesNotContain(";").doesNotContain("--"));
      }
    }
  }
}
