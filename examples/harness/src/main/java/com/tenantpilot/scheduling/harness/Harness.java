package com.tenantpilot.scheduling.harness;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code scheduling-harness} command line: a top command whose work is done by subcommands.
 *
 * <p>To add a subcommand ({@code simulate}, {@code backup}, {@code demo}...), write a class in
 * this package annotated with {@code @Command(name = ...)} and add it to the {@code subcommands}
 * list below. A subcommand reads standard input through {@link #stdin()} and writes through
 * {@code spec.commandLine().getOut()} (or {@link #stdout()} for libraries that want a
 * {@link PrintStream}), so tests can run it in-process.
 *
 * <p>Exit codes: {@code 0} success, {@code 1} failure, {@code 2} bad usage (unknown or invalid
 * option values).
 *
 * <p>Not thread-safe: one instance serves one command line execution.
 */
@Command(
    name = "scheduling-harness",
    mixinStandardHelpOptions = true,
    version = "scheduling-harness 0.1.0",
    description = "Runs the TenantPilot backup scheduling core from the command line.",
    subcommands = {
        SlotsCommand.class,
        SimulateCommand.class,
        BackupCommand.class,
        DemoCommand.class,
        FakeGraphCommand.class,
        BenchCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Harness implements Runnable {

  private final InputStream stdin;
  private final PrintStream stdout;

  @Spec
  private CommandSpec spec;

  /** A harness on the process's standard streams. */
  public Harness() {
    this(System.in, System.out);
  }

  /** A harness reading {@code stdin} and writing {@code stdout}, for tests and embedding. */
  public Harness(InputStream stdin, PrintStream stdout) {
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.stdout = Objects.requireNonNull(stdout, "stdout");
  }

  /** The standard input subcommands read. */
  public InputStream stdin() {
    return stdin;
  }

  /** The standard output as a stream, for code that cannot write to a {@link PrintWriter}. */
  public PrintStream stdout() {
    return stdout;
  }

  /** Without a subcommand there is nothing to do: a usage error. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: one of " + spec.subcommands().keySet());
  }

  /**
   * The command line of a harness on the given streams: picocli's output and error writers wrap
   * {@code stdout} and {@code stderr}; bad usage prints the message and a hint (exit 2), and a
   * failure prints its message (exit 1).
   */
  public static CommandLine commandLine(InputStream stdin, PrintStream stdout, PrintStream stderr) {
    CommandLine commandLine = new CommandLine(new Harness(stdin, stdout));
    commandLine.setOut(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true));
    commandLine.setErr(new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
    commandLine.setParameterExceptionHandler((e, args) -> {
      CommandLine failed = e.getCommandLine();
      PrintWriter err = failed.getErr();
      err.println(e.getMessage());
      if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
        err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for usage.");
      }
      err.flush();
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
    commandLine.setExecutionExceptionHandler((e, failed, parseResult) -> {
      failed.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
      failed.getErr().flush();
      return failed.getCommandSpec().exitCodeOnExecutionException();
    });
    return commandLine;
  }

  /** Runs the harness on the process's standard streams and exits with its exit code. */
  public static void main(String[] args) {
    int exitCode = commandLine(System.in, System.out, System.err).execute(args);
    System.exit(exitCode);
  }
}
