package com.tenantpilot.scheduling.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tenantpilot.scheduling.graph.PolicyType.ApiVersion;
import com.tenantpilot.scheduling.graph.PolicyType.AssignmentSource;
import com.tenantpilot.scheduling.graph.PolicyType.SubCollection;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTypeRegistryTest {

  private static final PolicyTypeRegistry DEFAULTS = PolicyTypeRegistry.defaults();

  private static InputStream json(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void the_bundled_registry_has_every_required_key_in_order() {
    assertThat(DEFAULTS.keys()).containsExactly(
        "deviceConfiguration", "deviceCompliancePolicy", "compliancePolicyV2", "settingsCatalogPolicy",
        "groupPolicyConfiguration", "endpointSecurityIntent", "appProtectionPolicy", "appConfigurationManagedDevice",
        "appConfigurationManagedApp", "powerShellScript", "macOSShellScript", "remediationScript",
        "windowsFeatureUpdateProfile", "windowsQualityUpdateProfile", "windowsDriverUpdateProfile",
        "autopilotDeploymentProfile", "enrollmentConfiguration", "assignmentFilter", "roleScopeTag");
    assertThat(DEFAULTS.types()).allMatch(t -> t.apiVersion() == ApiVersion.BETA);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "deviceConfiguration, deviceManagement/deviceConfigurations",
      "deviceCompliancePolicy, deviceManagement/deviceCompliancePolicies",
      "compliancePolicyV2, deviceManagement/compliancePolicies",
      "settingsCatalogPolicy, deviceManagement/configurationPolicies",
      "groupPolicyConfiguration, deviceManagement/groupPolicyConfigurations",
      "endpointSecurityIntent, deviceManagement/intents",
      "appProtectionPolicy, deviceAppManagement/managedAppPolicies",
      "appConfigurationManagedDevice, deviceAppManagement/mobileAppConfigurations",
      "appConfigurationManagedApp, deviceAppManagement/targetedManagedAppConfigurations",
      "powerShellScript, deviceManagement/deviceManagementScripts",
      "macOSShellScript, deviceManagement/deviceShellScripts",
      "remediationScript, deviceManagement/deviceHealthScripts",
      "windowsFeatureUpdateProfile, deviceManagement/windowsFeatureUpdateProfiles",
      "windowsQualityUpdateProfile, deviceManagement/windowsQualityUpdateProfiles",
      "windowsDriverUpdateProfile, deviceManagement/windowsDriverUpdateProfiles",
      "autopilotDeploymentProfile, deviceManagement/windowsAutopilotDeploymentProfiles",
      "enrollmentConfiguration, deviceManagement/deviceEnrollmentConfigurations",
      "assignmentFilter, deviceManagement/assignmentFilters",
      "roleScopeTag, deviceManagement/roleScopeTags"
  })
  void maps_each_key_to_its_graph_path(String key, String path) {
    assertThat(DEFAULTS.get(key).path()).isEqualTo(path);
  }

  @Test
  void records_the_extra_calls_a_complete_snapshot_needs() {
    assertThat(DEFAULTS.get("settingsCatalogPolicy").subCollections()).containsExactly(SubCollection.of("settings", "settings"));
    assertThat(DEFAULTS.get("deviceCompliancePolicy").subCollections()).singleElement()
        .satisfies(s -> {
          assertThat(s.name()).isEqualTo("scheduledActionsForRule");
          assertThat(s.query()).isEqualTo("$expand=scheduledActionConfigurations");
        });
    SubCollection definitionValues = DEFAULTS.get("groupPolicyConfiguration").subCollections().get(0);
    assertThat(definitionValues.name()).isEqualTo("definitionValues");
    assertThat(definitionValues.children()).extracting(SubCollection::name).containsExactly("presentationValues");
    assertThat(DEFAULTS.get("powerShellScript").itemGet()).isTrue();
    assertThat(DEFAULTS.get("macOSShellScript").itemGet()).isTrue();
    assertThat(DEFAULTS.get("remediationScript").itemGet()).isTrue();
    assertThat(DEFAULTS.get("deviceConfiguration").itemGet()).isFalse();
    assertThat(DEFAULTS.get("appConfigurationManagedApp").subCollections().get(0).optional()).isTrue();
    assertThat(DEFAULTS.get("appProtectionPolicy").assignmentsOptional()).isTrue();
    assertThat(DEFAULTS.get("assignmentFilter").assignments()).isEqualTo(AssignmentSource.NONE);
    assertThat(DEFAULTS.get("roleScopeTag").assignments()).isEqualTo(AssignmentSource.NONE);
    assertThat(DEFAULTS.get("deviceConfiguration").assignments()).isEqualTo(AssignmentSource.SEPARATE_CALL);
  }

  @Test
  void accepts_a_catalog_of_registered_keys() {
    DEFAULTS.requireAll(PolicyTypeCatalog.of(List.copyOf(DEFAULTS.keys())));
    assertThat(DEFAULTS.find("deviceConfiguration")).isPresent();
    assertThat(DEFAULTS.find("madeUpType")).isEmpty();
  }

  @Test
  void rejects_a_catalog_with_unknown_keys_naming_them_and_the_registry_keys() {
    UnmappedPolicyTypeException e = catchThrowableOfType(UnmappedPolicyTypeException.class,
        () -> DEFAULTS.requireAll(PolicyTypeCatalog.of("deviceConfiguration", "windowsKioskProfile", "iosVpn")));

    assertThat(e.unknownKeys()).containsExactly("windowsKioskProfile", "iosVpn");
    assertThat(e.registryKeys()).containsExactlyInAnyOrderElementsOf(DEFAULTS.keys());
    assertThat(e).hasMessageStartingWith("Policy types [windowsKioskProfile, iosVpn] have no Graph mapping")
        .hasMessageContaining("the registry knows [deviceConfiguration, deviceCompliancePolicy, ");
  }

  @Test
  void reads_a_host_registry_file_with_v1_and_no_assignments() {
    PolicyTypeRegistry registry = PolicyTypeRegistry.fromJson(json("""
        {"types": [
          {"key": "iosApp", "path": "deviceAppManagement/mobileApps", "apiVersion": "v1.0",
           "listQuery": "$filter=isof('microsoft.graph.iosStoreApp')", "assignments": "none",
           "subCollections": [{"name": "categories", "path": "categories", "optional": true}]}
        ]}
        """), "host.json");

    PolicyType type = registry.get("iosApp");
    assertThat(type.apiVersion()).isEqualTo(ApiVersion.V1_0);
    assertThat(type.listQuery()).isEqualTo("$filter=isof('microsoft.graph.iosStoreApp')");
    assertThat(type.assignments()).isEqualTo(AssignmentSource.NONE);
    assertThat(type.subCollections()).containsExactly(SubCollection.of("categories", "categories").asOptional());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "{\"types\":[{\"key\":\"a\",\"path\":\"x/y\",\"apiVersion\":\"v2\"}]}|host.json types[0]: apiVersion must be 'v1.0' or 'beta', was 'v2'",
      "{\"types\":[{\"key\":\"a\",\"path\":\"/x/y\"}]}|host.json types[0]: path must be Graph path segments separated by '/', without a leading '/', query or id, was '/x/y'",
      "{\"types\":[{\"key\":\"a\",\"path\":\"x\",\"colour\":1}]}|host.json types[0]: field 'colour' is unknown; allowed are",
      "{\"types\":[{\"key\":\"a\",\"path\":\"x\"},{\"key\":\"a\",\"path\":\"y\"}]}|host.json types[1]: key must be registered once, was 'a' twice",
      "{\"types\":[{\"key\":\"a\",\"path\":\"x\",\"itemGet\":\"yes\"}]}|host.json types[0]: itemGet must be true or false, was '\"yes\"'",
      "{\"types\":[{\"key\":\"a\",\"path\":\"x\",\"assignments\":\"expand\"}]}|host.json types[0]: assignments must be 'separateCall' or 'none', was 'expand'",
      "{\"types\":[{\"key\":\"a\",\"path\":\"x\",\"subCollections\":[{\"name\":\"assignments\",\"path\":\"assignments\"}]}]}|host.json types[0]: subCollections must be unique within a policy",
      "{\"types\":[]}|types must not be empty, was '[]'",
      "{\"type\":[]}|host.json must be an object with a 'types' array",
      "not json|host.json is not valid JSON"
  })
  void a_bad_registry_file_is_rejected_naming_the_entry_field_and_value(String text, String message) {
    assertThatThrownBy(() -> PolicyTypeRegistry.fromJson(json(text), "host.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void builds_in_code() {
    PolicyTypeRegistry registry = PolicyTypeRegistry.builder()
        .add(PolicyType.builder("custom", "deviceManagement/things")
            .apiVersion(ApiVersion.V1_0)
            .itemGet(true)
            .assignmentsOptional(true)
            .subCollection(SubCollection.of("parts", "parts").withQuery("$expand=detail")
                .withChildren(SubCollection.of("bits", "bits").asOptional()))
            .build())
        .addAll(PolicyTypeRegistry.builder().add(PolicyType.builder("other", "a/b").build()).build())
        .build();

    assertThat(registry.keys()).containsExactly("custom", "other");
    assertThat(registry.get("custom").subCollections().get(0).children().get(0).optional()).isTrue();
    assertThat(registry.get("other").apiVersion()).isEqualTo(ApiVersion.BETA);
    assertThatThrownBy(() -> registry.get("missing")).isInstanceOf(UnmappedPolicyTypeException.class)
        .hasMessageContaining("[missing]").hasMessageContaining("[custom, other]");
    assertThatThrownBy(() -> PolicyType.builder("bad key", "a").build())
        .hasMessage("key must be a letter followed by letters, digits, '_', '.' or '-', was 'bad key'");
    assertThatThrownBy(() -> SubCollection.of("settings", "settings").withQuery("?$top=5"))
        .hasMessage("query must be an OData query without '?', '#' or spaces, was '?$top=5'");
  }
}
