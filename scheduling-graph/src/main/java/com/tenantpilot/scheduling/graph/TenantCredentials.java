package com.tenantpilot.scheduling.graph;

import com.azure.core.credential.TokenCredential;

/**
 * The host's credential resolver: which azure-core {@link TokenCredential} reads Graph as a given
 * tenant. {@link SdkGraphClient} asks once per tenant and caches the client it builds from the
 * answer.
 *
 * <p>A client-secret credential (azure-identity):
 *
 * <pre>{@code
 * TenantCredentials credentials = tenantId -> new ClientSecretCredentialBuilder()
 *     .tenantId(tenantId)                       // the Entra tenant id of the host's tenant
 *     .clientId(System.getenv("TENANTPILOT_GRAPH_CLIENT_ID"))
 *     .clientSecret(System.getenv("TENANTPILOT_GRAPH_CLIENT_SECRET"))
 *     .build();
 * }</pre>
 *
 * <p>A certificate credential (PEM with the private key, or PFX with its password):
 *
 * <pre>{@code
 * TenantCredentials credentials = tenantId -> new ClientCertificateCredentialBuilder()
 *     .tenantId(tenantId)
 *     .clientId(System.getenv("TENANTPILOT_GRAPH_CLIENT_ID"))
 *     .pemCertificate(System.getenv("TENANTPILOT_GRAPH_CERTIFICATE_PATH"))
 *     .build();
 * }</pre>
 *
 * <p>{@link AzureIdentityTenantCredentials} builds both from those environment variables. For a
 * national cloud, set the credential's {@code authorityHost} and the client's {@linkplain
 * SdkGraphClient.Options.Builder#serviceRoot service root} to match.
 *
 * <p>Implementations must be thread-safe and must never log the secret or a token.
 */
@FunctionalInterface
public interface TenantCredentials {

  /**
   * The credential that reads Graph as {@code tenantId}.
   *
   * @param tenantId the host's tenant key, as passed to {@link SdkGraphClient#fetchPolicies}
   */
  TokenCredential credentialFor(String tenantId);
}
