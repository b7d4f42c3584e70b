package com.tenantpilot.scheduling.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.ClientCertificateCredential;
import com.azure.identity.ClientSecretCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzureIdentityTenantCredentialsTest {

  @TempDir
  Path dir;

  @Test
  void builds_a_client_secret_credential_per_tenant_from_the_environment() {
    AzureIdentityTenantCredentials credentials = AzureIdentityTenantCredentials.fromEnvironment(Map.of(
        "TENANTPILOT_GRAPH_CLIENT_ID", "11111111-2222-3333-4444-555555555555",
        "TENANTPILOT_GRAPH_CLIENT_SECRET", "s3cr3t-value"));

    assertThat(credentials.credentialFor("contoso.onmicrosoft.com")).isInstanceOf(ClientSecretCredential.class);
    assertThat(credentials.toString()).contains("secret", "11111111-2222-3333-4444-555555555555")
        .doesNotContain("s3cr3t-value");
  }

  @Test
  void prefers_a_certificate_and_reads_pem_or_pfx_by_extension() throws Exception {
    Path pem = Files.writeString(dir.resolve("app.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path pfx = Files.writeString(dir.resolve("app.pfx"), "binary");

    AzureIdentityTenantCredentials fromPem = AzureIdentityTenantCredentials.fromEnvironment(Map.of(
        "TENANTPILOT_GRAPH_CLIENT_ID", "app", "TENANTPILOT_GRAPH_CLIENT_SECRET", "ignored",
        "TENANTPILOT_GRAPH_CERTIFICATE_PATH", pem.toString(),
        "TENANTPILOT_GRAPH_AUTHORITY_HOST", "https://login.microsoftonline.us"));
    AzureIdentityTenantCredentials fromPfx = AzureIdentityTenantCredentials.fromEnvironment(Map.of(
        "TENANTPILOT_GRAPH_CLIENT_ID", "app", "TENANTPILOT_GRAPH_CERTIFICATE_PATH", pfx.toString(),
        "TENANTPILOT_GRAPH_CERTIFICATE_PASSWORD", "pfx-password"));

    assertThat(fromPem.toString()).startsWith("AzureIdentityTenantCredentials[pem").contains("login.microsoftonline.us");
    assertThat(fromPfx.toString()).startsWith("AzureIdentityTenantCredentials[pfx").doesNotContain("pfx-password");
    assertThat(fromPem.credentialFor("tenant-a")).isInstanceOf(ClientCertificateCredential.class);
    assertThat(fromPfx.credentialFor("tenant-a")).isInstanceOf(ClientCertificateCredential.class);
  }

  @Test
  void names_what_is_missing_without_quoting_secrets() {
    assertThatThrownBy(() -> AzureIdentityTenantCredentials.fromEnvironment(Map.of()))
        .hasMessage("TENANTPILOT_GRAPH_CLIENT_ID must be set and not blank");
    assertThatThrownBy(() -> AzureIdentityTenantCredentials.fromEnvironment(Map.of("TENANTPILOT_GRAPH_CLIENT_ID", "app")))
        .hasMessage("Set TENANTPILOT_GRAPH_CLIENT_SECRET or TENANTPILOT_GRAPH_CERTIFICATE_PATH for Graph credentials");
    assertThatThrownBy(() -> AzureIdentityTenantCredentials.fromEnvironment(Map.of("TENANTPILOT_GRAPH_CLIENT_ID", "app",
        "TENANTPILOT_GRAPH_CERTIFICATE_PATH", dir.resolve("missing.pem").toString())))
        .hasMessage("TENANTPILOT_GRAPH_CERTIFICATE_PATH must name a readable file, was '" + dir.resolve("missing.pem") + "'");
    assertThatThrownBy(() -> AzureIdentityTenantCredentials.clientSecret("app", "s").withAuthorityHost("http://login"))
        .hasMessage("authorityHost must be an https URL, was 'http://login'");
    assertThatThrownBy(() -> AzureIdentityTenantCredentials.clientSecret("app", " "))
        .hasMessage("clientSecret must be set and not blank");
  }
}
