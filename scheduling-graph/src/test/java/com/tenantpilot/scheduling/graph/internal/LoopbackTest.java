package com.tenantpilot.scheduling.graph.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopbackTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "http://127.0.0.1:8080, true",
      "http://127.1.2.3, true",
      "http://localhost:1234/t, true",
      "http://LOCALHOST, true",
      "http://[::1]:9000, true",
      "https://graph.microsoft.com, false",
      "https://127.0.0.1.nip.io, false",
      "http://10.0.0.1, false",
      "http://[::2], false",
      "http://0.0.0.0, false",
  })
  void recognises_loopback_hosts_without_dns(String uri, boolean loopback) {
    assertThat(Loopback.isLoopback(URI.create(uri))).isEqualTo(loopback);
  }
}
