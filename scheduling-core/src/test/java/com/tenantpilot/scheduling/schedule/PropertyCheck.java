package com.tenantpilot.scheduling.schedule;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A hand-rolled property runner: draws cases from a seeded generator and reports the seed and the
 * case of the first failure, so that it can be replayed.
 *
 * <p>Each run draws a fresh master seed unless {@code -Dslots.seed=N} fixes it; case {@code i}
 * gets its own seed from the master. {@code -Dslots.replay=i:seed} replays exactly one case
 * (every property then runs that single case). Both are printed on failure.
 */
final class PropertyCheck {

  private static final Long MASTER_SEED = Long.getLong("slots.seed");
  private static final String REPLAY = System.getProperty("slots.replay");

  /** Makes case number {@code index} from its own random source. */
  @FunctionalInterface
  interface Generator<C> {
    /** The case for {@code index}, drawn from {@code rnd}. */
    C generate(int index, SplittableRandom rnd);
  }

  private PropertyCheck() {}

  /**
   * Checks {@code property} on {@code cases} generated cases.
   *
   * @return the number of cases checked
   */
  static <C> int forAll(String name, int cases, Generator<C> generator, Consumer<C> property) {
    if (REPLAY != null) {
      String[] parts = REPLAY.split(":", 2);
      check(name, Integer.parseInt(parts[0]), Long.parseLong(parts[1]), null, generator, property);
      return 1;
    }
    long master = MASTER_SEED != null ? MASTER_SEED : new SplittableRandom().nextLong();
    SplittableRandom seeds = new SplittableRandom(master);
    for (int i = 0; i < cases; i++) {
      check(name, i, seeds.nextLong(), master, generator, property);
    }
    return cases;
  }

  private static <C> void check(String name, int index, long caseSeed, Long master, Generator<C> generator,
      Consumer<C> property) {
    C c = generator.generate(index, new SplittableRandom(caseSeed));
    try {
      property.accept(c);
    } catch (AssertionError | RuntimeException e) {
      String report = "property '" + name + "' failed on case #" + index + ": " + c
          + "\n  replay this case: -Dslots.replay=" + index + ":" + caseSeed
          + (master == null ? "" : "\n  replay the run:   -Dslots.seed=" + master)
          + "\n  " + e.getMessage();
      System.err.println(report);
      throw new AssertionError(report, e);
    }
  }
}
