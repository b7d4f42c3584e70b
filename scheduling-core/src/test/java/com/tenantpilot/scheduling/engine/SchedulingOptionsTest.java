package com.tenantpilot.scheduling.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine's options: the spec's defaults, and rejected values named with their field. */
class SchedulingOptionsTest {

  @Test
  void defaults_are_the_specs() {
    SchedulingOptions o = SchedulingOptions.defaults("n1");

    assertThat(o.misfireGrace()).isEqualTo(Duration.ofMinutes(15));
    assertThat(o.leaseDuration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(o.leaseRenewInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.maxAttempts()).isEqualTo(4);
    assertThat(o.maxAttemptsUnknownError()).isEqualTo(2);
    assertThat(o.maxRunningPerTenant()).isEqualTo(1);
  }

  @Test
  void a_rejected_value_names_the_field_and_quotes_the_value() {
    assertThatThrownBy(() -> SchedulingOptions.builder().misfireGrace(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("misfireGrace").hasMessageContaining("'PT0S'");
    assertThatThrownBy(() -> SchedulingOptions.builder().leaseRenewInterval(Duration.ofSeconds(90)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaseRenewInterval");
    assertThatThrownBy(() -> SchedulingOptions.builder().maxAttempts(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts").hasMessageContaining("'0'");
  }
}
