package com.tenantpilot.scheduling.engine;

import com.tenantpilot.scheduling.execution.RunWorker;
import com.tenantpilot.scheduling.run.Run;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a {@link SchedulingEngine} on threads inside a host service: a dispatch cycle at the
 * start of every minute, a worker poll every {@code pollInterval} (recover expired leases, claim
 * up to the free worker slots, execute on a bounded pool), and lease renewal for runs in flight.
 * Nothing waits by sleeping; timers fire and return.
 *
 * <p>Thread-safe. {@link #start()} once, {@link #close()} on shutdown (in-flight runs finish or,
 * if the JVM dies, are recovered by another node after one lease).
 */
public final class BackgroundScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackgroundScheduler.class);

  private final SchedulingEngine engine;
  private final Duration pollInterval;
  private final ScheduledExecutorService timers;
  private final ExecutorService workers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean started;

  /** A scheduler for {@code engine}, polling for runs every {@code pollInterval}. */
  public BackgroundScheduler(SchedulingEngine engine, Duration pollInterval) {
    this.engine = Objects.requireNonNull(engine, "engine");
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive, was '" + pollInterval + "'");
    }
    this.pollInterval = pollInterval;
    String node = engine.options().nodeId();
    this.timers = Executors.newScheduledThreadPool(2, named("backup-scheduler-" + node + "-timer"));
    this.workers = Executors.newFixedThreadPool(engine.options().workerConcurrency(), named("backup-scheduler-" + node + "-worker"));
  }

  /** Starts the timers. */
  public synchronized void start() {
    if (started) {
      throw new IllegalStateException("already started");
    }
    started = true;
    long millisIntoMinute = Math.floorMod(engine.clock().millis(), 60_000L);
    timers.scheduleAtFixedRate(this::dispatchSafely, 60_000L - millisIntoMinute, 60_000L, TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::pollSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    long renew = Math.max(1, engine.options().leaseRenewInterval().toMillis() / 2);
    timers.scheduleWithFixedDelay(() -> engine.worker().executor().renewActiveLeases(), renew, renew, TimeUnit.MILLISECONDS);
    log.info("backup scheduler {} started: dispatch every minute, poll every {}", engine.options().nodeId(), pollInterval);
  }

  /** Asks for a worker poll now, e.g. right after a "Run now". */
  public void wakeUp() {
    if (started) {
      timers.execute(this::pollSafely);
    }
  }

  /** Runs currently executing on this node. */
  public int inFlight() {
    return inFlight.get();
  }

  private void dispatchSafely() {
    try {
      engine.dispatcher().dispatch();
    } catch (RuntimeException e) {
      log.error("dispatch cycle failed; the next cycle will retry", e);
    }
  }

  private synchronized void pollSafely() {
    try {
      RunWorker worker = engine.worker();
      worker.recoverExpired();
      int free = engine.options().workerConcurrency() - inFlight.get();
      List<Run> claimed = worker.claim(free);
      for (Run run : claimed) {
        inFlight.incrementAndGet();
        workers.execute(() -> {
          try {
            worker.executeSafely(run);
          } finally {
            inFlight.decrementAndGet();
          }
        });
      }
    } catch (RuntimeException e) {
      log.error("worker poll failed; the next poll will retry", e);
    }
  }

  /** Stops the timers and waits up to 30 s for runs in flight. */
  @Override
  public void close() {
    timers.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
