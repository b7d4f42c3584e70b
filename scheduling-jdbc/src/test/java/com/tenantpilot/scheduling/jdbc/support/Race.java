package com.tenantpilot.scheduling.jdbc.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts several tasks at the same moment and collects their results (for concurrency tests). */
public final class Race {

  private Race() {}

  /** A task that receives its index. */
  @FunctionalInterface
  public interface Task<T> {
    /** Runs the task of runner {@code index}. */
    T run(int index) throws Exception;
  }

  /** Runs {@code runners} copies of {@code task} released together; results in runner order. */
  public static <T> List<T> run(int runners, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(runners);
    CountDownLatch ready = new CountDownLatch(runners);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < runners; i++) {
        int index = i;
        Callable<T> call = () -> {
          ready.countDown();
          go.await();
          return task.run(index);
        };
        futures.add(pool.submit(call));
      }
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
