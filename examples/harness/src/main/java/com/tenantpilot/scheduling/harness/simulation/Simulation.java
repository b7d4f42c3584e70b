package com.tenantpilot.scheduling.harness.simulation;

import com.tenantpilot.scheduling.engine.SchedulingEngine;
import com.tenantpilot.scheduling.engine.SchedulingOptions;
import com.tenantpilot.scheduling.execution.RunResult;
import com.tenantpilot.scheduling.memory.ManualClock;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.Notification;
import com.tenantpilot.scheduling.port.Notifier;
import com.tenantpilot.scheduling.run.Run;
import com.tenantpilot.scheduling.run.RunStatus;
import com.tenantpilot.scheduling.schedule.Recurrence;
import com.tenantpilot.scheduling.schedule.Schedule;
import com.tenantpilot.scheduling.schedule.ScheduleInput;
import com.tenantpilot.scheduling.schedule.ScheduleValidator;
import com.tenantpilot.scheduling.service.ScheduleService;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deterministic, seeded simulation of a cluster of {@link SchedulingEngine} nodes sharing one
 * set of stores and one lock over a window of simulated days.
 *
 * <p>The algorithm: one {@link ManualClock} shared by everyone moves minute by minute (and within
 * a minute by the time each Graph call takes). At every minute the simulation first applies the
 * planned faults, admin edits (time or zone changes, disable, re-enable) and user clicks (Run now,
 * Retry), then lets every live node, in a seeded order, dispatch at that minute, recover expired
 * leases, claim runs and execute them. Faults, when on: a node crashes (right after a claim, so
 * its runs stay RUNNING until their lease expires, or while idle), a node stalls (it claims runs
 * and executes them only after it wakes up, when another node has usually recovered them, so its
 * writes must be fenced off), every node goes down at once (so slots are missed), Graph fails with
 * every failure class, and Graph calls are slow: they outlive the lease and, in the middle, another
 * node recovers and claims (see {@link SimulatedGraphClient}).
 *
 * <p>A single {@link Random} seeded with the configuration's seed decides everything; each node's
 * retry jitter and the Graph fake get their own generators seeded from it. No threads, no sleeps:
 * the same seed gives the same result.
 *
 * <p>Every write to a run passes an {@link InvariantChecker} (through a decorated run store), a full
 * scan of the runs follows every ten minutes as a backstop, retention deletions and notifications are checked as
 * they happen, and slots are checked at the end.
 *
 * <p>Not thread-safe; run one simulation per thread.
 */
public final class Simulation {

  /** The zones schedules are drawn from; most have DST changes, two have odd offsets or history. */
  public static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe",
      "America/Santiago", "Asia/Kolkata", "UTC", "Pacific/Apia");
  /** The supported policy types. */
  public static final List<String> CATALOG = List.of("deviceConfiguration", "deviceCompliancePolicy",
      "settingsCatalogPolicy", "appProtectionPolicy", "endpointSecurityPolicy");
  /** A type that was dropped from the catalog; legacy schedules still hold it. */
  public static final String LEGACY_TYPE = "windowsUpdateRingLegacy";

  private static final List<String> TIMES = List.of("02:30", "00:00", "02:00", "03:00", "01:30", "00:30", "23:59",
      "12:00", "09:15", "23:30");
  private static final int TENANTS = 4;
  private static final int USERS = 5;
  private static final int DAY = 1440;
  private static final int BACKSTOP_SCAN_MINUTES = 10;

  private final SimulationConfig config;
  private final Random random;
  private final ManualClock clock;
  private final SimulationStores stores;
  private final InvariantChecker checker;
  private final ObservedRunStore runs;
  private final ObservedBackupSetStore backupSets;
  private final SimulatedGraphClient graph;
  private final ScheduleService legacyService;
  private final List<Node> nodes = new ArrayList<>();
  private final List<SimSchedule> schedules = new ArrayList<>();
  private final TreeMap<Integer, List<Edit>> edits = new TreeMap<>();
  private final BitSet alive = new BitSet();
  private final Map<String, Integer> counts = new TreeMap<>();
  private final int ticks;
  private final Duration grace;

  private int tick;
  private Node current;
  private String action = "setup";

  private Simulation(SimulationConfig config) {
    this.config = config;
    this.random = new Random(config.seed());
    this.clock = new ManualClock(config.start());
    this.stores = config.stores().create(clock);
    this.checker = new InvariantChecker(config.seed(), false);
    this.runs = new ObservedRunStore(stores.runs(), checker, clock);
    this.backupSets = new ObservedBackupSetStore(stores.backupSets(), stores.schedules(), stores::allBackupSets, checker);
    this.ticks = config.days() * DAY;
    SchedulingOptions base = SchedulingOptions.defaults("node-1");
    this.grace = base.misfireGrace();
    this.graph = new SimulatedGraphClient(clock, new Random(random.nextLong()), config.faults(),
        base.leaseDuration().plusSeconds(5));
    graph.onSlowCall(this::peerStepsInDuringSlowCall);
    Notifier notifier = this::notified;
    PolicyTypeCatalog catalog = PolicyTypeCatalog.of(CATALOG);
    for (int k = 1; k <= config.nodes(); k++) {
      Random jitter = new Random(random.nextLong());
      SchedulingEngine engine = SchedulingEngine.builder()
          .scheduleStore(stores.schedules())
          .runStore(runs)
          .backupSetStore(backupSets)
          .policyStore(stores.policies())
          .scheduleLock(stores.lock())
          .graphClient(graph)
          .auditLog(stores.auditLog())
          .notifier(notifier)
          .catalog(catalog)
          .clock(clock)
          .options(base.toBuilder().nodeId("node-" + k).build())
          .random(jitter::nextDouble)
          .build();
      nodes.add(new Node("node-" + k, engine));
    }
    List<String> withLegacy = new ArrayList<>(CATALOG);
    withLegacy.add(LEGACY_TYPE);
    // legacy rows were saved when the catalog still had the type
    this.legacyService = new ScheduleService(stores.schedules(), runs, stores.auditLog(),
        new ScheduleValidator(PolicyTypeCatalog.of(withLegacy)), clock);
    checker.step(this::describeStep);
  }

  /** Runs the simulation described by {@code config}. */
  public static SimulationResult run(SimulationConfig config) {
    return new Simulation(config).execute();
  }

  private SimulationResult execute() {
    createSchedules();
    planEdits();
    for (tick = 0; tick < ticks; tick++) {
      Instant t = tickTime(tick);
      if (clock.instant().isBefore(t)) {
        clock.set(t);
      }
      current = null;
      if (config.faults()) {
        planFaults();
      }
      boolean anyUp = nodes.stream().anyMatch(n -> n.up(tick));
      if (anyUp) {
        applyEdits();
        userClicks();
      } else {
        postponeEdits();
      }
      List<Node> order = new ArrayList<>(nodes);
      Collections.shuffle(order, random);
      for (Node node : order) {
        if (node.up(tick)) {
          work(node, t);
        }
      }
      current = null;
      if (tick % BACKSTOP_SCAN_MINUTES == 0) {
        // every write was already observed through the decorated run store; this scan is a backstop
        action = "backstop scan";
        checker.observeAll(stores.allRuns());
      }
    }
    return finish();
  }

  // ---- setup ----

  private void createSchedules() {
    action = "create schedules";
    ScheduleService service = nodes.get(0).engine.schedules();
    for (int i = 0; i < config.schedules(); i++) {
      String tenant = "tenant-" + (1 + random.nextInt(TENANTS));
      boolean daily = random.nextInt(100) < 65;
      List<String> days = daily ? List.of() : randomDays();
      String time = randomTime();
      String zone = ZONES.get(random.nextInt(ZONES.size()));
      List<String> types = new ArrayList<>();
      int n = 1 + random.nextInt(3);
      while (types.size() < n) {
        String type = CATALOG.get(random.nextInt(CATALOG.size()));
        if (!types.contains(type)) {
          types.add(type);
        }
      }
      int legacy = random.nextInt(100);
      if (legacy < 6) {
        types = List.of(LEGACY_TYPE);
      } else if (legacy < 14) {
        types.add(LEGACY_TYPE);
      }
      int keep = 1 + random.nextInt(5);
      ScheduleInput input = new ScheduleInput(tenant, "backup " + (i + 1), true, daily ? "DAILY" : "WEEKLY", time, days,
          zone, types, keep);
      boolean isLegacy = types.contains(LEGACY_TYPE);
      Schedule created = (isLegacy ? legacyService : service).create(input, "admin");
      SimSchedule s = new SimSchedule(created.id(), tenant, isLegacy, input);
      s.open(clock.instant(), 0);
      schedules.add(s);
    }
  }

  private List<String> randomDays() {
    List<String> all = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    List<String> days = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    while (days.size() < n) {
      String d = all.get(random.nextInt(7));
      if (!days.contains(d)) {
        days.add(d);
      }
    }
    Collections.sort(days, (a, b) -> all.indexOf(a) - all.indexOf(b));
    return days;
  }

  private String randomTime() {
    if (random.nextInt(100) < 70) {
      return TIMES.get(random.nextInt(TIMES.size()));
    }
    return String.format(Locale.ROOT, "%02d:%02d", random.nextInt(24), random.nextInt(60));
  }

  /** Some schedules change mid-way: a new time and zone, or disabled (and maybe enabled again). */
  private void planEdits() {
    for (int i = 0; i < schedules.size(); i++) {
      if (random.nextInt(100) >= 40) {
        continue;
      }
      int at = ticks / 3 + random.nextInt(Math.max(1, ticks / 3));
      int kind = random.nextInt(3);
      if (kind == 0) {
        addEdit(at, new Edit(i, EditKind.RETIME));
      } else {
        addEdit(at, new Edit(i, EditKind.DISABLE));
        if (kind == 2) {
          addEdit(at + 60 + random.nextInt(3 * DAY), new Edit(i, EditKind.ENABLE));
        }
      }
    }
  }

  private void addEdit(int at, Edit edit) {
    edits.computeIfAbsent(at, k -> new ArrayList<>()).add(edit);
  }

  // ---- each minute ----

  private void planFaults() {
    action = "faults";
    if (random.nextInt(4 * DAY) == 0) {
      int d = 20 + random.nextInt(340);
      count("outages");
      for (Node n : nodes) {
        n.downUntil = Math.max(n.downUntil, tick + d);
        n.held = List.of();
      }
    }
    for (Node n : nodes) {
      if (n.up(tick) && random.nextInt(2 * DAY) == 0) {
        count("node_crashes_idle");
        n.downUntil = tick + 5 + random.nextInt(235);
        n.held = List.of();
      }
    }
  }

  private void applyEdits() {
    List<Edit> due = edits.remove(tick);
    if (due == null) {
      return;
    }
    for (Edit e : due) {
      SimSchedule s = schedules.get(e.schedule());
      ScheduleService service = s.legacy ? legacyService : nodes.get(0).engine.schedules();
      action = "edit " + e.kind() + " schedule " + s.id;
      switch (e.kind()) {
        case RETIME -> {
          if (!s.enabled) {
            continue;
          }
          ScheduleInput old = s.input;
          String zone = old.timezone();
          while (zone.equals(old.timezone())) {
            zone = ZONES.get(random.nextInt(ZONES.size()));
          }
          ScheduleInput input = new ScheduleInput(old.tenantId(), old.name(), true, old.frequency(), randomTime(),
              old.daysOfWeek(), zone, old.policyTypes(), old.retentionKeepLast());
          service.update(s.tenant, s.id, input, "admin");
          s.close(tick);
          s.input = input;
          s.open(clock.instant(), tick);
          count("edits_retimed");
        }
        case DISABLE -> {
          service.setEnabled(s.tenant, s.id, false, "admin");
          s.close(tick);
          count("edits_disabled");
        }
        case ENABLE -> {
          service.setEnabled(s.tenant, s.id, true, "admin");
          s.open(clock.instant(), tick);
          count("edits_enabled");
        }
        default -> throw new IllegalStateException(e.kind().name());
      }
    }
  }

  private void postponeEdits() {
    List<Edit> due = edits.remove(tick);
    if (due != null) {
      edits.computeIfAbsent(tick + 1, k -> new ArrayList<>()).addAll(due);
    }
  }

  private void userClicks() {
    if (random.nextInt(360) != 0) {
      return;
    }
    String user = "user-" + (1 + random.nextInt(USERS));
    ScheduleService service = nodes.get(0).engine.schedules();
    if (random.nextInt(10) < 7) {
      SimSchedule s = schedules.get(random.nextInt(schedules.size()));
      action = "run now of schedule " + s.id + " by " + user;
      service.runNow(s.tenant, s.id, user);
      count("clicks_run_now");
      return;
    }
    List<Run> retryable = new ArrayList<>();
    for (Run r : checker.lastSeenRuns()) {
      if (r.status() == RunStatus.FAILED || r.status() == RunStatus.PARTIAL) {
        retryable.add(r);
      }
    }
    if (retryable.isEmpty()) {
      return;
    }
    Run r = retryable.get(random.nextInt(retryable.size()));
    action = "retry of run " + r.id() + " by " + user;
    service.retry(r.tenantId(), r.id(), user);
    count("clicks_retry");
  }

  private void work(Node node, Instant t) {
    current = node;
    if (!node.held.isEmpty()) {
      replayStale(node);
    }
    action = "dispatch";
    node.engine.dispatcher().dispatch(t);
    alive.set(tick);
    recoverAndClaim(node, true);
  }

  private void recoverAndClaim(Node node, boolean mayFail) {
    action = "recover";
    node.engine.worker().recoverExpired();
    checker.checkLeasesAfterRecovery(clock.instant());
    action = "claim";
    List<Run> claimed = node.engine.worker().claim(node.engine.options().workerConcurrency());
    if (claimed.isEmpty()) {
      return;
    }
    if (mayFail && config.faults()) {
      int roll = random.nextInt(100);
      if (roll < 3) {
        count("node_stalls");
        node.held = claimed;
        node.stalledUntil = tick + 2 + random.nextInt(10);
        return;
      }
      if (roll < 5) {
        count("node_crashes_holding_runs");
        node.downUntil = tick + 5 + random.nextInt(120);
        return;
      }
    }
    for (Run run : claimed) {
      execute(node, run);
    }
  }

  private void execute(Node node, Run run) {
    action = "execute run " + run.id();
    RunResult result = node.engine.worker().executeSafely(run);
    count("executions_" + result.kind().name().toLowerCase(Locale.ROOT));
    if (result.kind() == RunResult.Kind.CRASHED) {
      count("executions_threw");
    }
    Optional<Run> now = runs.find(run.tenantId(), run.id());
    boolean takenOver = now.isPresent() && (now.get().lease() == null || now.get().lease().token() != run.lease().token());
    if (takenOver && result.kind() != RunResult.Kind.LEASE_LOST) {
      checker.fail(InvariantChecker.STALE_WRITES_FENCED, "run " + run.id() + " was taken over (lease " + now.get().lease()
          + ", claimed with token " + run.lease().token() + ") but its execution on " + node.id + " ended " + result);
    }
  }

  /** A stalled node wakes up and carries on with the runs it claimed before it froze. */
  private void replayStale(Node node) {
    List<Run> held = node.held;
    node.held = List.of();
    graph.slowCallsEnabled(false);
    try {
      for (Run run : held) {
        action = "stale execution of run " + run.id();
        Optional<Run> before = runs.find(run.tenantId(), run.id());
        boolean recovered = before.isPresent() && (before.get().status() != RunStatus.RUNNING
            || before.get().lease() == null || before.get().lease().token() != run.lease().token());
        int setsBefore = backupSets.created();
        RunResult result = node.engine.worker().executeSafely(run);
        count("stale_executions");
        if (!recovered) {
          continue;
        }
        count("stale_executions_fenced");
        Optional<Run> after = runs.find(run.tenantId(), run.id());
        if (result.kind() != RunResult.Kind.LEASE_LOST || !after.equals(before) || backupSets.created() != setsBefore) {
          checker.fail(InvariantChecker.STALE_WRITES_FENCED, "stale execution of run " + run.id() + " on " + node.id
              + " (claimed with token " + run.lease().token() + ", run meanwhile " + before.get().status() + " lease "
              + before.get().lease() + ") ended " + result + "; run before " + before.get() + ", after "
              + after.orElse(null) + "; backup sets written " + (backupSets.created() - setsBefore));
        }
      }
    } finally {
      graph.slowCallsEnabled(true);
    }
  }

  /** Called by the Graph fake in the middle of a slow call: another live node recovers and claims. */
  private void peerStepsInDuringSlowCall() {
    Node caller = current;
    String callerAction = action;
    Node peer = null;
    int start = caller == null ? 0 : nodes.indexOf(caller) + 1;
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get((start + i) % nodes.size());
      if (n != caller && n.up(tick)) {
        peer = n;
        break;
      }
    }
    if (peer == null) {
      count("slow_calls_without_peer");
      return;
    }
    count("slow_calls_with_peer");
    current = peer;
    try {
      recoverAndClaim(peer, false);
    } finally {
      current = caller;
      action = callerAction;
    }
  }

  private void notified(Notification n) {
    Object id = n.data().get("runId");
    Run run = id instanceof Number num ? runs.find(n.tenantId(), num.longValue()).orElse(null) : null;
    checker.checkNotification(n, run);
    count("notifications");
    stores.notifier().notify(n);
  }

  // ---- the end ----

  private SimulationResult finish() {
    tick = ticks;
    current = null;
    action = "final checks";
    List<Run> all = stores.allRuns();
    checker.observeAll(all);
    List<InvariantChecker.Segment> segments = new ArrayList<>();
    List<SimulationResult.ScheduleEntry> entries = new ArrayList<>();
    for (SimSchedule s : schedules) {
      if (s.enabled) {
        s.close(ticks);
      }
      for (Interval seg : s.segments) {
        segments.add(new InvariantChecker.Segment(s.id, seg.recurrence(), seg.from(), seg.fromTick(), seg.toTick()));
        ScheduleInput in = seg.input();
        entries.add(new SimulationResult.ScheduleEntry(s.id, s.tenant, in.timezone(),
            in.frequency().toLowerCase(Locale.ROOT), in.timeOfDay(), in.daysOfWeek(), in.policyTypes(),
            in.retentionKeepLast(), seg.from(), seg.toTick() >= ticks ? null : tickTime(seg.toTick())));
      }
    }
    checker.checkSlots(segments, alive, config.start(), grace, all);
    checker.step("final checks");
    checker.checkInteractiveRunsNotified(all);

    List<SimulationResult.RunEntry> runEntries = new ArrayList<>();
    for (Run r : all) {
      runEntries.add(new SimulationResult.RunEntry(r.id(), r.scheduleId(), r.scheduledFor(), r.trigger().name(),
          r.status().name(), r.errorCode() == null ? null : r.errorCode().name(), r.attempts()));
      count("runs");
      count("runs_status_" + r.status().name());
      count("runs_trigger_" + r.trigger().name());
      if (r.errorCode() != null) {
        count("runs_error_" + r.errorCode().name());
      }
    }
    List<SimulationResult.Interval> downtime = new ArrayList<>();
    for (int i = alive.nextClearBit(0); i < ticks; ) {
      int end = Math.min(ticks, alive.nextSetBit(i) < 0 ? ticks : alive.nextSetBit(i));
      downtime.add(new SimulationResult.Interval(tickTime(i), tickTime(end)));
      i = alive.nextClearBit(end);
    }
    counts.put("backup_sets_created", backupSets.created());
    counts.put("backup_sets_deleted", backupSets.deleted());
    graph.outcomes().forEach((k, v) -> counts.put("graph_" + k, v));
    return new SimulationResult(config.seed(), config.nodes(), entries,
        new SimulationResult.Interval(config.start(), tickTime(ticks)), downtime, runEntries, checker.results(),
        checker.failures(), counts);
  }

  // ---- helpers ----

  private Instant tickTime(int i) {
    return config.start().plus(Duration.ofMinutes(i));
  }

  private String describeStep() {
    return "minute " + tick + " (" + (tick >= ticks ? "end" : tickTime(tick).toString()) + ")"
        + (current == null ? "" : " " + current.id) + " " + action;
  }

  private void count(String name) {
    counts.merge(name, 1, Integer::sum);
  }

  private static Recurrence recurrence(ScheduleInput in) {
    ZoneId zone = ZoneId.of(in.timezone());
    LocalTime time = LocalTime.parse(in.timeOfDay());
    if (in.frequency().equalsIgnoreCase("DAILY")) {
      return Recurrence.daily(time, zone);
    }
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String d : in.daysOfWeek()) {
      for (DayOfWeek dow : DayOfWeek.values()) {
        if (dow.name().startsWith(d)) {
          days.add(dow);
        }
      }
    }
    return Recurrence.weekly(time, days, zone);
  }

  private static final class Node {
    final String id;
    final SchedulingEngine engine;
    int downUntil;
    int stalledUntil;
    List<Run> held = List.of();

    Node(String id, SchedulingEngine engine) {
      this.id = id;
      this.engine = engine;
    }

    boolean up(int tick) {
      return tick >= downUntil && tick >= stalledUntil;
    }
  }

  private enum EditKind { RETIME, DISABLE, ENABLE }

  private record Edit(int schedule, EditKind kind) {}

  private record Interval(ScheduleInput input, Recurrence recurrence, Instant from, int fromTick, int toTick) {}

  private static final class SimSchedule {
    final long id;
    final String tenant;
    final boolean legacy;
    ScheduleInput input;
    boolean enabled;
    Instant openFrom;
    int openTick;
    final List<Interval> segments = new ArrayList<>();

    SimSchedule(long id, String tenant, boolean legacy, ScheduleInput input) {
      this.id = id;
      this.tenant = tenant;
      this.legacy = legacy;
      this.input = input;
    }

    void open(Instant from, int fromTick) {
      enabled = true;
      openFrom = from;
      openTick = fromTick;
    }

    void close(int toTick) {
      if (enabled) {
        segments.add(new Interval(input, recurrence(input), openFrom, openTick, toTick));
      }
      enabled = false;
    }
  }
}
