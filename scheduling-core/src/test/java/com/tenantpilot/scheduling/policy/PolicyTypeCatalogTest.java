package com.tenantpilot.scheduling.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyTypeCatalogTest {

  private static final PolicyTypeCatalog CATALOG =
      PolicyTypeCatalog.of("deviceConfiguration", "deviceCompliancePolicy", "settingsCatalogPolicy");

  @Test
  void split_keeps_order_and_separates_unknown_keys() {
    PolicyTypeCatalog.Split split = CATALOG.split(
        List.of("settingsCatalogPolicy", "legacyType", "deviceConfiguration", "retiredType"));

    assertThat(split.known()).containsExactly("settingsCatalogPolicy", "deviceConfiguration");
    assertThat(split.unknown()).containsExactly("legacyType", "retiredType");
  }

  @Test
  void split_collapses_duplicates() {
    PolicyTypeCatalog.Split split = CATALOG.split(
        List.of("deviceConfiguration", "legacyType", "deviceConfiguration", "legacyType"));

    assertThat(split.known()).containsExactly("deviceConfiguration");
    assertThat(split.unknown()).containsExactly("legacyType");
  }

  @Test
  void split_with_only_unknown_keys_has_nothing_known() {
    PolicyTypeCatalog.Split split = CATALOG.split(List.of("legacyType"));

    assertThat(split.known()).isEmpty();
    assertThat(split.unknown()).containsExactly("legacyType");
  }

  @Test
  void split_with_only_known_keys_has_nothing_unknown() {
    PolicyTypeCatalog.Split split = CATALOG.split(List.of("deviceCompliancePolicy"));

    assertThat(split.known()).containsExactly("deviceCompliancePolicy");
    assertThat(split.unknown()).isEmpty();
  }

  @Test
  void keys_keep_configuration_order_and_collapse_duplicates() {
    assertThat(PolicyTypeCatalog.of("b", "a", "b").keys()).containsExactly("b", "a");
    assertThat(CATALOG.toString()).contains("deviceConfiguration", "settingsCatalogPolicy");
  }

  @Test
  void supports_only_exact_keys() {
    assertThat(CATALOG.supports("deviceConfiguration")).isTrue();
    assertThat(CATALOG.supports("DeviceConfiguration")).isFalse();
    assertThat(CATALOG.supports(null)).isFalse();
  }

  @Test
  void an_empty_catalog_is_rejected() {
    assertThatThrownBy(() -> PolicyTypeCatalog.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("supportedPolicyTypes").hasMessageContaining("'[]'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1type", "device configuration", "type/with/slash"})
  void a_malformed_key_is_rejected_and_quoted(String key) {
    assertThatThrownBy(() -> PolicyTypeCatalog.of("deviceConfiguration", key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("supportedPolicyTypes").hasMessageContaining("'" + key + "'");
  }

  @Test
  void a_null_key_is_rejected() {
    assertThatThrownBy(() -> PolicyTypeCatalog.of(Arrays.asList("deviceConfiguration", null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'null'");
  }
}
