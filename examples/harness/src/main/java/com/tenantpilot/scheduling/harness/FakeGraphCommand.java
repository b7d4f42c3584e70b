package com.tenantpilot.scheduling.harness;

import com.tenantpilot.scheduling.graph.fake.Fault;
import com.tenantpilot.scheduling.graph.fake.FakeGraphServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fake-graph}: serves the built-in fake Microsoft Graph on 127.0.0.1 until the process is
 * stopped, so {@code backup} (or a host under test) can be pointed at it. Tenants are path
 * prefixes: {@code http://127.0.0.1:PORT/{tenantId}}; without a prefix the tenant is
 * {@code default}.
 */
@Command(name = "fake-graph", mixinStandardHelpOptions = true,
    description = "Serve the built-in fake Microsoft Graph on 127.0.0.1 until stopped.")
public final class FakeGraphCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--policies-per-type", defaultValue = "3", description = "Policies of every type per tenant (default: ${DEFAULT-VALUE}).")
  int policiesPerType;

  @Option(names = "--page-size", defaultValue = "2", description = "Items per page, to exercise paging (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(names = "--throttle-first", defaultValue = "0",
      description = "Answer the first N list requests with 429 and Retry-After: 1.5 (default: ${DEFAULT-VALUE}).")
  int throttleFirst;

  @Override
  public Integer call() throws InterruptedException {
    if (policiesPerType < 0 || pageSize < 1) {
      throw new ParameterException(spec.commandLine(), "--policies-per-type must be >= 0 and --page-size >= 1, was '"
          + policiesPerType + "' and '" + pageSize + "'");
    }
    try (FakeGraphServer server = FakeGraphServer.builder().policiesPerType(policiesPerType).pageSize(pageSize).start()) {
      if (throttleFirst > 0) {
        server.faults().enqueue(".*/(deviceManagement|deviceAppManagement)/[A-Za-z]+", Fault.throttled("1.5"), throttleFirst);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("fake Graph serving on " + server.baseUrl() + " (per tenant: " + server.serviceRootPerTenant() + ")");
      out.println("try: java -jar examples/harness/target/scheduling-harness.jar backup --graph-base-url "
          + server.baseUrl() + "/contoso --tenant contoso --types deviceConfiguration,settingsCatalogPolicy");
      out.flush();
      new CountDownLatch(1).await();
      return 0;
    }
  }
}
