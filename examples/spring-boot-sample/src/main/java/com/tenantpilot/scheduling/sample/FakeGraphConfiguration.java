package com.tenantpilot.scheduling.sample;

import com.tenantpilot.scheduling.graph.fake.FakeGraphServer;
import com.tenantpilot.scheduling.spring.TenantPilotSchedulingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code sample.fake-graph.enabled=true} (the default): starts a {@link FakeGraphServer} on
 * 127.0.0.1 and points {@code tenantpilot.graph.service-root} at its per-tenant root, so the
 * auto-configured {@code SdkGraphClient} talks to it. The root is a loopback address, so the
 * adapter uses no credentials.
 *
 * <p>The service root is set on the bound {@link TenantPilotSchedulingProperties} right after
 * binding (the fake server's port is only known once it has started), and the properties bean is
 * registered as depending on the server, so that on shutdown the Graph client and the engine stop
 * before the server does.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "sample.fake-graph", name = "enabled", havingValue = "true", matchIfMissing = true)
public class FakeGraphConfiguration {

  /** The name of the fake server bean. */
  public static final String FAKE_GRAPH_SERVER = "fakeGraphServer";

  private static final Logger LOG = LoggerFactory.getLogger(FakeGraphConfiguration.class);

  /** Not instantiated by callers; Spring creates it. */
  public FakeGraphConfiguration() {
  }

  /**
   * The fake Graph: three policies per type and tenant, two per page (so lists page).
   *
   * @return the started server; Spring closes it on shutdown
   */
  @Bean(name = FAKE_GRAPH_SERVER, destroyMethod = "close")
  public FakeGraphServer fakeGraphServer() {
    FakeGraphServer server = FakeGraphServer.builder().policiesPerType(3).pageSize(2).start();
    LOG.info("fake Microsoft Graph serving on {}", server.serviceRootPerTenant());
    return server;
  }

  /**
   * Points the Graph settings at the fake server.
   *
   * @param server the fake server, resolved lazily when the properties are bound
   * @return the post-processor; static so that it does not force this configuration to be created early
   */
  @Bean
  public static BeanPostProcessor fakeGraphServiceRoot(ObjectProvider<FakeGraphServer> server) {
    return new ServiceRootPostProcessor(server);
  }

  /** Sets {@code tenantpilot.graph.service-root} on the bound properties to the fake server's per-tenant root. */
  static final class ServiceRootPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final ObjectProvider<FakeGraphServer> server;
    private ConfigurableBeanFactory beanFactory;

    ServiceRootPostProcessor(ObjectProvider<FakeGraphServer> server) {
      this.server = server;
    }

    /** Keeps the bean factory, to register the dependency on the fake server. */
    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
      this.beanFactory = (ConfigurableBeanFactory) beanFactory;
    }

    /** Sets the service root on the {@link TenantPilotSchedulingProperties} bean; other beans pass through. */
    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
      // After initialization: the @ConfigurationProperties binding (before initialization) is done.
      if (bean instanceof TenantPilotSchedulingProperties properties) {
        properties.getGraph().setServiceRoot(server.getObject().serviceRootPerTenant());
        beanFactory.registerDependentBean(FAKE_GRAPH_SERVER, beanName);
      }
      return bean;
    }
  }
}
