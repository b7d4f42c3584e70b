package com.tenantpilot.scheduling.graph;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@link TenantCredentials} on azure-identity: one app registration (multi-tenant, consented in
 * every customer tenant) that signs in to each tenant with a client secret or a certificate.
 *
 * <p>The host's tenant key is used as the Entra tenant id. azure-identity is an optional
 * dependency of this module: a host that uses this class adds {@code com.azure:azure-identity}.
 * The secret is held in memory only and never appears in {@link #toString()} or a message.
 *
 * <p>Immutable and thread-safe.
 */
public final class AzureIdentityTenantCredentials implements TenantCredentials {

  /** The app registration's client id. */
  public static final String CLIENT_ID = "TENANTPILOT_GRAPH_CLIENT_ID";
  /** The client secret (choose this or a certificate). */
  public static final String CLIENT_SECRET = "TENANTPILOT_GRAPH_CLIENT_SECRET";
  /** Path of a PEM (certificate and private key) or PFX/P12 file. */
  public static final String CERTIFICATE_PATH = "TENANTPILOT_GRAPH_CERTIFICATE_PATH";
  /** Password of a PFX/P12 file, if it has one. */
  public static final String CERTIFICATE_PASSWORD = "TENANTPILOT_GRAPH_CERTIFICATE_PASSWORD";
  /** The Entra authority host for national clouds, e.g. {@code https://login.microsoftonline.us}. */
  public static final String AUTHORITY_HOST = "TENANTPILOT_GRAPH_AUTHORITY_HOST";

  private enum Kind { SECRET, PEM, PFX }

  private final Kind kind;
  private final String clientId;
  private final String secretOrPath;
  private final String certificatePassword;
  private final String authorityHost;

  private AzureIdentityTenantCredentials(Kind kind, String clientId, String secretOrPath, String certificatePassword,
      String authorityHost) {
    this.kind = kind;
    this.clientId = requireText(clientId, CLIENT_ID);
    this.secretOrPath = Objects.requireNonNull(secretOrPath);
    this.certificatePassword = certificatePassword;
    this.authorityHost = authorityHost;
  }

  /** Signs in with a client secret. */
  public static AzureIdentityTenantCredentials clientSecret(String clientId, String clientSecret) {
    return new AzureIdentityTenantCredentials(Kind.SECRET, clientId, requireText(clientSecret, "clientSecret"), null, null);
  }

  /**
   * Signs in with a certificate: a PEM file holding certificate and private key, or a PFX/P12 file
   * (by extension) with its password, or {@code null} without one.
   */
  public static AzureIdentityTenantCredentials certificate(String clientId, Path certificate, String pfxPassword) {
    Objects.requireNonNull(certificate, "certificate");
    String name = certificate.getFileName().toString().toLowerCase(Locale.ROOT);
    Kind kind = name.endsWith(".pfx") || name.endsWith(".p12") ? Kind.PFX : Kind.PEM;
    return new AzureIdentityTenantCredentials(kind, clientId, certificate.toString(), pfxPassword, null);
  }

  /**
   * Reads {@value #CLIENT_ID} and either {@value #CERTIFICATE_PATH} (with {@value
   * #CERTIFICATE_PASSWORD} for PFX) or {@value #CLIENT_SECRET}, and optionally {@value
   * #AUTHORITY_HOST}; a certificate wins when both are set. Pass {@code System.getenv()}.
   *
   * @throws IllegalArgumentException naming the missing variable, or the certificate path that does
   *     not exist; never quoting a secret
   */
  public static AzureIdentityTenantCredentials fromEnvironment(Map<String, String> env) {
    String clientId = env.get(CLIENT_ID);
    requireText(clientId, CLIENT_ID);
    String path = env.get(CERTIFICATE_PATH);
    AzureIdentityTenantCredentials credentials;
    if (path != null && !path.isBlank()) {
      if (!Files.isReadable(Path.of(path))) {
        throw new IllegalArgumentException(CERTIFICATE_PATH + " must name a readable file, was '" + path + "'");
      }
      credentials = certificate(clientId, Path.of(path), env.get(CERTIFICATE_PASSWORD));
    } else if (env.get(CLIENT_SECRET) != null && !env.get(CLIENT_SECRET).isBlank()) {
      credentials = clientSecret(clientId, env.get(CLIENT_SECRET));
    } else {
      throw new IllegalArgumentException("Set " + CLIENT_SECRET + " or " + CERTIFICATE_PATH + " for Graph credentials");
    }
    String authority = env.get(AUTHORITY_HOST);
    return authority == null || authority.isBlank() ? credentials : credentials.withAuthorityHost(authority);
  }

  /** The same credentials against another Entra authority host (national clouds). */
  public AzureIdentityTenantCredentials withAuthorityHost(String host) {
    if (host == null || !host.startsWith("https://")) {
      throw new IllegalArgumentException("authorityHost must be an https URL, was '" + host + "'");
    }
    return new AzureIdentityTenantCredentials(kind, clientId, secretOrPath, certificatePassword, host);
  }

  /** Builds the azure-identity credential for {@code tenantId}; no network call happens here. */
  @Override
  public TokenCredential credentialFor(String tenantId) {
    requireText(tenantId, "tenantId");
    switch (kind) {
      case SECRET: {
        ClientSecretCredentialBuilder b = new ClientSecretCredentialBuilder()
            .tenantId(tenantId).clientId(clientId).clientSecret(secretOrPath);
        return (authorityHost == null ? b : b.authorityHost(authorityHost)).build();
      }
      case PFX: {
        ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder()
            .tenantId(tenantId).clientId(clientId).pfxCertificate(secretOrPath);
        if (certificatePassword != null) {
          b.clientCertificatePassword(certificatePassword);
        }
        return (authorityHost == null ? b : b.authorityHost(authorityHost)).build();
      }
      default: {
        ClientCertificateCredentialBuilder b = new ClientCertificateCredentialBuilder()
            .tenantId(tenantId).clientId(clientId).pemCertificate(secretOrPath);
        return (authorityHost == null ? b : b.authorityHost(authorityHost)).build();
      }
    }
  }

  /** Describes the kind of credential, never the secret. */
  @Override
  public String toString() {
    return "AzureIdentityTenantCredentials[" + kind.name().toLowerCase(Locale.ROOT) + ", clientId=" + clientId
        + (kind == Kind.SECRET ? "" : ", certificate=" + secretOrPath)
        + (authorityHost == null ? "" : ", authorityHost=" + authorityHost) + "]";
  }

  private static String requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must be set and not blank");
    }
    return value;
  }
}
