package com.tenantpilot.scheduling.jdbc.bench;

import com.tenantpilot.scheduling.dispatch.DispatchResult;
import com.tenantpilot.scheduling.dispatch.Dispatcher;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.jdbc.JdbcScheduling;
import com.tenantpilot.scheduling.port.AuditLog;
import com.tenantpilot.scheduling.port.ClaimRequest;
import com.tenantpilot.scheduling.port.RunStore;
import com.tenantpilot.scheduling.port.ScheduleStore;
import com.tenantpilot.scheduling.port.StoredSchedule;
import com.tenantpilot.scheduling.run.NewRun;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Dispatch and claim figures of the JDBC adapter on embedded PostgreSQL (a main, not a test).
 *
 * <pre>
 * mvn -B -q -pl scheduling-jdbc -am -Pbench -DskipTests verify
 * </pre>
 *
 * (the {@code bench} profile of scheduling-jdbc runs this class with the test classpath after the
 * test classes compile). Arguments, as {@code -Dbench.args="reps=7 claimLimit=10"}: {@code reps}
 * (repetitions of each measurement), {@code claimLimit} (runs per claim call).
 *
 * <ol>
 *   <li>(a) 100,000 enabled schedules, 10,000 of them due in the same minute: one real
 *       {@link Dispatcher#dispatch(Instant)} cycle (the core's dispatcher over the JDBC stores),
 *       with the default dispatch batch of 1,000 and with a batch of 10,000; the time of each
 *       port is measured too.
 *   <li>(b) 1,000,000 enabled schedules, none due: one dispatch cycle.
 *   <li>(c) 4 workers, each with its own connection, claiming 20,000 queued runs.
 * </ol>
 *
 * The embedded server runs with {@code fsync=off}: figures measure the adapter's SQL, not a disk.
 */
public final class JdbcDispatchBenchmark {

  private static final Instant NOW = Instant.parse("2026-03-02T01:30:00Z"); // 02:30 in Europe/Berlin
  private static final String ZONE = "Europe/Berlin";

  private JdbcDispatchBenchmark() {}

  /** Runs every measurement and prints a Markdown summary. */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int reps = Integer.parseInt(opts.getOrDefault("reps", "7"));
    int claimLimit = Integer.parseInt(opts.getOrDefault("claimLimit", "10"));
    List<String> report = new ArrayList<>();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setServerConfig("fsync", "off")
        .setServerConfig("synchronous_commit", "off")
        .setServerConfig("full_page_writes", "off")
        .setServerConfig("autovacuum", "off")
        .setServerConfig("shared_buffers", "512MB")
        .setServerConfig("max_wal_size", "4GB")
        .start();
        HikariDataSource ds = pool(pg, 8)) {
      Jdbi sql = Jdbi.create(ds);
      JdbcScheduling jdbc = JdbcScheduling.create(ds);
      jdbc.installSchema();
      String version = sql.withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
      report.add("PostgreSQL " + version + " (embedded, fsync off), JDK " + System.getProperty("java.version") + ", "
          + Runtime.getRuntime().availableProcessors() + " cores; " + reps + " repetitions after one warm-up; "
          + "load average at start " + loadAverage() + ".");

      load(sql, 100_000, 10_000);
      report.addAll(dueCycle(sql, jdbc, reps, 1_000));
      report.addAll(dueCycle(sql, jdbc, reps, 10_000));

      sql.useHandle(h -> h.execute("TRUNCATE backup_schedule_runs, backup_schedules, audit_logs RESTART IDENTITY"));
      load(sql, 1_000_000, 0);
      report.addAll(idleCycle(jdbc, Math.max(reps, 50)));

      report.addAll(claims(pg, sql, reps, claimLimit));
    }
    report.add("load average at the end " + loadAverage() + ".");
    System.out.println();
    System.out.println("## JDBC (embedded PostgreSQL) results");
    report.forEach(line -> System.out.println("- " + line));
  }

  private static HikariDataSource pool(EmbeddedPostgres pg, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
    config.setUsername("postgres");
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  /** {@code total} enabled daily schedules over 1,000 tenants; the first {@code due} are due at NOW. */
  private static void load(Jdbi sql, int total, int due) {
    long start = System.nanoTime();
    sql.useHandle(h -> h.createUpdate("INSERT INTO backup_schedules (tenant_id, name, is_enabled, frequency, time_of_day, "
            + "days_of_week, timezone, policy_types, retention_keep_last, next_run_at, created_at, updated_at) "
            + "SELECT 'tenant-' || (g % 1000), 'schedule ' || g, TRUE, 'daily', "
            + "CASE WHEN g <= :due THEN '02:30' ELSE lpad(((g % 20) + 3)::text, 2, '0') || ':' || lpad((g % 60)::text, 2, '0') END, "
            + "'[]', :zone, '[\"deviceConfiguration\",\"settingsCatalogPolicy\"]', 7, "
            + "CASE WHEN g <= :due THEN CAST(:now AS timestamptz) ELSE CAST(:now AS timestamptz) + ((g % 1380) + 60) * INTERVAL '1 minute' END, "
            + "CAST(:now AS timestamptz), CAST(:now AS timestamptz) FROM generate_series(1, :total) AS g")
        .bind("due", due).bind("zone", ZONE).bind("now", NOW.atOffset(ZoneOffset.UTC)).bind("total", total)
        .execute());
    sql.useHandle(h -> h.execute("VACUUM ANALYZE backup_schedules"));
    System.out.printf(Locale.ROOT, "loaded %,d schedules (%,d due) in %d ms%n", total, due, (System.nanoTime() - start) / 1_000_000);
  }

  private static List<String> dueCycle(Jdbi sql, JdbcScheduling jdbc, int reps, int batch) {
    Timer timer = new Timer();
    Dispatcher dispatcher = new Dispatcher(timer.wrap(ScheduleStore.class, jdbc.schedules()),
        timer.wrap(RunStore.class, jdbc.runs()), timer.wrap(AuditLog.class, jdbc.auditLog()),
        Clock.fixed(NOW, ZoneOffset.UTC), SchedulingOptions.builder().nodeId("bench").dispatchBatchSize(batch).build());
    long[] totals = new long[reps];
    Map<String, long[]> ports = new LinkedHashMap<>();
    for (int rep = -1; rep < reps; rep++) {
      sql.useHandle(h -> {
        h.execute("TRUNCATE backup_schedule_runs, audit_logs");
        h.createUpdate("UPDATE backup_schedules SET next_run_at = :now WHERE time_of_day = '02:30'")
            .bind("now", NOW.atOffset(ZoneOffset.UTC)).execute();
        h.execute("VACUUM ANALYZE backup_schedules");
        h.execute("VACUUM ANALYZE backup_schedule_runs");
      });
      timer.reset();
      long start = System.nanoTime();
      DispatchResult result = dispatcher.dispatch(NOW);
      long elapsed = System.nanoTime() - start;
      if (result.due() != 10_000 || result.created() != 10_000) {
        throw new IllegalStateException("unexpected dispatch result " + result);
      }
      if (rep >= 0) {
        totals[rep] = elapsed;
        int r = rep;
        Map<String, Long> spent = timer.totals();
        spent.forEach((port, nanos) -> ports.computeIfAbsent(port, p -> new long[reps])[r] = nanos);
        long stores = spent.entrySet().stream().filter(e -> !e.getKey().startsWith("AuditLog"))
            .mapToLong(Map.Entry::getValue).sum();
        ports.computeIfAbsent("findDue + createAllIfAbsent + advance", p -> new long[reps])[r] = stores;
        ports.computeIfAbsent("the core's own work (cycle minus port calls)", p -> new long[reps])[r] =
            elapsed - spent.values().stream().mapToLong(Long::longValue).sum();
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "(a) Dispatcher.dispatch(now), 100,000 schedules, 10,000 due, dispatchBatchSize %,d: "
        + "median %s, min %s", batch, ms(median(totals)), ms(min(totals))));
    ports.forEach((port, nanos) -> lines.add(String.format(Locale.ROOT, "    %s: median %s, min %s", port, ms(median(nanos)), ms(min(nanos)))));
    lines.forEach(System.out::println);
    return lines;
  }

  private static List<String> idleCycle(JdbcScheduling jdbc, int reps) {
    Dispatcher dispatcher = new Dispatcher(jdbc.schedules(), jdbc.runs(), jdbc.auditLog(), Clock.fixed(NOW, ZoneOffset.UTC),
        SchedulingOptions.builder().nodeId("bench").build());
    long[] totals = new long[reps];
    for (int rep = -5; rep < reps; rep++) {
      long start = System.nanoTime();
      DispatchResult result = dispatcher.dispatch(NOW);
      long elapsed = System.nanoTime() - start;
      if (result.due() != 0) {
        throw new IllegalStateException("unexpected dispatch result " + result);
      }
      if (rep >= 0) {
        totals[rep] = elapsed;
      }
    }
    String line = String.format(Locale.ROOT, "(b) Dispatcher.dispatch(now), 1,000,000 schedules, none due: median %s, min %s",
        ms(median(totals)), ms(min(totals)));
    System.out.println(line);
    return List.of(line);
  }

  private static List<String> claims(EmbeddedPostgres pg, Jdbi sql, int reps, int limit) throws Exception {
    int workers = 4;
    int total = 20_000;
    sql.useHandle(h -> h.execute("TRUNCATE backup_schedule_runs, backup_schedules RESTART IDENTITY"));
    load(sql, 200, 0);
    JdbcScheduling setup = JdbcScheduling.create(Jdbi.create(pg.getPostgresDatabase()),
        com.tenantpilot.scheduling.jdbc.JdbcSchedulingOptions.defaults());
    List<NewRun> runs = new ArrayList<>();
    for (StoredSchedule s : setup.schedules().findDue(NOW.plus(Duration.ofDays(2)), 1_000)) {
      for (int slot = 1; slot <= total / 200; slot++) {
        runs.add(NewRun.scheduled(s.id(), s.tenantId(), NOW.minus(Duration.ofMinutes(slot))));
      }
    }
    if (setup.runs().createAllIfAbsent(runs) != total) {
      throw new IllegalStateException("expected " + total + " runs");
    }
    List<HikariDataSource> pools = new ArrayList<>();
    List<JdbcScheduling> nodes = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      HikariDataSource ds = pool(pg, 1);
      pools.add(ds);
      nodes.add(JdbcScheduling.create(ds));
    }
    long[] rates = new long[reps];
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      for (int rep = -1; rep < reps; rep++) {
        sql.useHandle(h -> {
          h.execute("UPDATE backup_schedule_runs SET status = 'queued', attempts = 0, started_at = NULL, lease_owner = NULL, "
              + "lease_token = NULL, lease_expires_at = NULL");
          h.execute("VACUUM ANALYZE backup_schedule_runs");
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
          JdbcScheduling node = nodes.get(w);
          String owner = "worker-" + w;
          futures.add(pool.submit(() -> {
            go.await();
            int claimed = 0;
            List<Run> got;
            do {
              got = node.runs().claim(new ClaimRequest(owner, limit, Duration.ofMinutes(5), 1_000_000));
              claimed += got.size();
            } while (!got.isEmpty());
            return claimed;
          }));
        }
        long start = System.nanoTime();
        go.countDown();
        int claimed = 0;
        for (Future<Integer> f : futures) {
          claimed += f.get();
        }
        long elapsed = System.nanoTime() - start;
        long running = sql.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM backup_schedule_runs WHERE status = :s")
            .bind("s", RunStatus.RUNNING.storedName()).mapTo(Long.class).one());
        if (claimed != total || running != total) {
          throw new IllegalStateException("claimed " + claimed + ", running " + running + ", expected " + total);
        }
        if (rep >= 0) {
          rates[rep] = Math.round(total / (elapsed / 1e9));
        }
      }
    } finally {
      pool.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }
    long[] sorted = rates.clone();
    Arrays.sort(sorted);
    String line = String.format(Locale.ROOT, "(c) 4 workers (one connection each) claiming 20,000 queued runs, %d per claim: "
        + "median %,d claims/s, min %,d claims/s", limit, median(rates), sorted[0]);
    System.out.println(line);
    return List.of(line);
  }

  private static String loadAverage() {
    try {
      String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
    } catch (java.io.IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long min(long[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String arg : args) {
      for (String part : arg.trim().split("\\s+")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          opts.put(part.substring(0, eq), part.substring(eq + 1));
        }
      }
    }
    return opts;
  }

  /** Sums the time spent in each port method (benchmark only). */
  private static final class Timer {
    private final Map<String, AtomicLong> nanos = new LinkedHashMap<>();

    synchronized void reset() {
      nanos.clear();
    }

    synchronized Map<String, Long> totals() {
      Map<String, Long> copy = new LinkedHashMap<>();
      nanos.forEach((k, v) -> copy.put(k, v.get()));
      return copy;
    }

    <T> T wrap(Class<T> port, T target) {
      Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (p, method, args) -> {
        long start = System.nanoTime();
        try {
          return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
          throw e.getCause();
        } finally {
          long spent = System.nanoTime() - start;
          synchronized (this) {
            nanos.computeIfAbsent(port.getSimpleName() + "." + method.getName(), k -> new AtomicLong()).addAndGet(spent);
          }
        }
      });
      return port.cast(proxy);
    }
  }
}
