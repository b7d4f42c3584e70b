package com.tenantpilot.scheduling.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Unmatched;

/**
 * {@code bench [jmh args]}: runs the JMH benchmarks compiled into this jar (see
 * {@code META-INF/BenchmarkList}), passing every argument to JMH unchanged.
 *
 * <p>For example {@code bench -f 1 -wi 2 -i 3 -w 2s -r 2s SlotBenchmark}; {@code bench -l} lists
 * the benchmarks and {@code bench -h} prints JMH's options. Forks run this jar's classpath.
 *
 * <p>Not thread-safe: picocli makes one instance per execution.
 */
@Command(
    name = "bench",
    description = {"Runs the JMH benchmarks in this jar; every argument goes to JMH (bench -h lists them)."})
public final class BenchCommand implements Callable<Integer> {

  @Unmatched
  List<String> jmhArgs = new ArrayList<>();

  @ParentCommand
  Harness harness;

  /** Lists, explains or runs the benchmarks; exit 1 if a run produced no result (JMH errors also exit 1). */
  @Override
  public Integer call() throws Exception {
    CommandLineOptions options = new CommandLineOptions(jmhArgs.toArray(String[]::new));
    PrintStream out = harness.stdout();
    if (options.shouldHelp()) {
      options.showHelp();
      return 0;
    }
    if (options.shouldListProfilers()) {
      options.listProfilers();
      return 0;
    }
    if (options.shouldListResultFormats()) {
      options.listResultFormats();
      return 0;
    }
    OutputFormat format = OutputFormatFactory.createFormatInstance(out, options.verbosity().orElse(VerboseMode.NORMAL));
    Runner runner = new Runner(options, format);
    if (options.shouldList()) {
      runner.list();
      return 0;
    }
    if (options.shouldListWithParams()) {
      runner.listWithParams(options);
      return 0;
    }
    return runner.run().isEmpty() ? 1 : 0;
  }
}
