package dev.binlog.spring.autoconfigure;

import dev.binlog.spring.BinlogLeadership;
import dev.binlog.spring.actuate.BinlogClusterMetrics;
import dev.binlog.spring.actuate.BinlogEndpoint;
import dev.binlog.spring.actuate.BinlogEndpointArrays;
import dev.binlog.spring.actuate.BinlogInfoContributor;
import dev.binlog.spring.actuate.BinlogMetrics;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.stream.BinlogClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The {@code binlog} actuator endpoint and Micrometer meters, each only when its library is present. */
@AutoConfiguration(after = {BinlogAutoConfiguration.class, BinlogClusterAutoConfiguration.class})
@ConditionalOnBean(BinlogClient.class)
public final class BinlogActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Endpoint.class)
    static final class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(BinlogEndpoint.class)
        BinlogEndpoint binlogEndpoint(BinlogClient client, ListenerDispatcher dispatcher, Environment environment,
                ObjectProvider<BinlogLeadership> leadership) {
            return new BinlogEndpoint(client, dispatcher, BinlogAutoConfiguration.drainTimeout(environment),
                    leadership.getIfAvailable());
        }
    }

    /** Spring MVC reads a web endpoint's body as strings only: this lets the snapshot action's tables be an array. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
            "org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdvice",
            "tools.jackson.databind.json.JsonMapper"})
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static final class EndpointArraysConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnAvailableEndpoint(BinlogEndpoint.class)
        BinlogEndpointArrays binlogEndpointArrays() {
            return new BinlogEndpointArrays();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
    static final class InfoConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "binlogInfoContributor")
        BinlogInfoContributor binlogInfoContributor(BinlogClient client) {
            return new BinlogInfoContributor(client);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static final class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        BinlogMetrics binlogMetrics(BinlogClient client, ListenerDispatcher dispatcher,
                ObjectProvider<ObservationRegistry> observations, BinlogProperties properties) {
            return new BinlogMetrics(client, dispatcher, observations.getIfAvailable(),
                    properties.getMetrics().getMaxTables());
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(BinlogLeadership.class)
        BinlogClusterMetrics binlogClusterMetrics(BinlogLeadership leadership) {
            return new BinlogClusterMetrics(leadership);
        }
    }
}
