package com.tenantpilot.scheduling.spring;

import com.tenantpilot.scheduling.graph.AzureIdentityTenantCredentials;
import com.tenantpilot.scheduling.graph.PolicyTypeRegistry;
import com.tenantpilot.scheduling.graph.SdkGraphClient;
import com.tenantpilot.scheduling.graph.TenantCredentials;
import com.tenantpilot.scheduling.policy.PolicyTypeCatalog;
import com.tenantpilot.scheduling.port.GraphClient;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The Microsoft Graph client when {@code scheduling-graph} is on the class path, configured from
 * {@code tenantpilot.graph.*}. At startup the supported policy types are checked against the
 * registry: a key it does not know fails startup. Credentials come from a host
 * {@link TenantCredentials} bean, else from the {@code TENANTPILOT_GRAPH_*} environment
 * variables; a loopback service root needs none.
 */
@AutoConfiguration(before = SchedulingAutoConfiguration.class)
@ConditionalOnClass(SdkGraphClient.class)
@ConditionalOnProperty(prefix = "tenantpilot.scheduling", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(TenantPilotSchedulingProperties.class)
public class GraphSchedulingAutoConfiguration {

  /** The bundled policy type registry. */
  @Bean
  @ConditionalOnMissingBean
  public PolicyTypeRegistry policyTypeRegistry() {
    return PolicyTypeRegistry.defaults();
  }

  /** The Graph client, one SDK client and request budget per tenant. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(GraphClient.class)
  public SdkGraphClient sdkGraphClient(TenantPilotSchedulingProperties properties, PolicyTypeRegistry registry,
      PolicyTypeCatalog catalog, Clock clock, ObjectProvider<TenantCredentials> credentials) {
    TenantPilotSchedulingProperties.Graph g = properties.getGraph();
    SdkGraphClient.Builder builder = SdkGraphClient.builder()
        .options(SdkGraphClient.Options.builder()
            .serviceRoot(g.getServiceRoot())
            .connectTimeout(g.getConnectTimeout())
            .readTimeout(g.getReadTimeout())
            .rateLimit(g.getRateLimitRequests(), g.getRateLimitWindow())
            .maxConcurrentRequestsPerTenant(g.getMaxConcurrentRequestsPerTenant())
            .build())
        .registry(registry)
        .catalog(catalog)
        .clock(clock);
    TenantCredentials host = credentials.getIfAvailable();
    if (host != null) {
      builder.credentials(host);
    } else if (!SdkGraphClient.isAnonymous(g.getServiceRoot())) {
      builder.credentials(AzureIdentityTenantCredentials.fromEnvironment(System.getenv()));
    }
    return builder.build();
  }
}
