package com.tenantpilot.scheduling.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web app that embeds the backup scheduling library the way a TenantPilot service
 * does: the JDBC stores on the app's {@code DataSource}, the SDK Graph client from
 * {@code tenantpilot.graph.*} (a local fake Graph unless {@code sample.fake-graph.enabled=false}),
 * the background scheduler, and a REST API over {@code ScheduleService}
 * ({@link ScheduleController}).
 */
@SpringBootApplication
public class SampleApplication {

  /** Not instantiated by callers; Spring creates it. */
  public SampleApplication() {
  }

  /**
   * Starts the app.
   *
   * @param args Spring Boot command-line arguments, e.g. {@code --server.port=8081}
   */
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
