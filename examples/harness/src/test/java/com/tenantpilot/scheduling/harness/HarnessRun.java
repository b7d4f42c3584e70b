package com.tenantpilot.scheduling.harness;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One in-process execution of the harness command line with captured streams.
 *
 * @param exitCode the command's exit code
 * @param out what it wrote to standard output
 * @param err what it wrote to standard error
 */
record HarnessRun(int exitCode, String out, String err) {

  /** Runs {@code args} with empty standard input. */
  static HarnessRun of(String... args) {
    return withInput("", args);
  }

  /** Runs {@code args} with {@code stdin} as standard input. */
  static HarnessRun withInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exitCode = Harness.commandLine(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    return new HarnessRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Standard output split into lines. */
  List<String> lines() {
    return out.lines().toList();
  }
}
