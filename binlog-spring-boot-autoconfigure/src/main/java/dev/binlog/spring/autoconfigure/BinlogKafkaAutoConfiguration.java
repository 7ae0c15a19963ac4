package dev.binlog.spring.autoconfigure;

import dev.binlog.ConfigurationException;
import dev.binlog.kafka.KafkaDelivery;
import dev.binlog.kafka.KafkaSink;
import dev.binlog.spring.actuate.BinlogKafkaMetrics;
import dev.binlog.stream.BinlogClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code binlog.kafka.enabled=true}: a {@link KafkaSink} publishes every committed row change the stream delivers,
 * after the {@code @BinlogListener} methods, on the stream's thread ({@link BinlogSink}). It connects as Boot's
 * {@code spring.kafka.*} producer settings say, with the bootstrap servers, security protocol and SSL bundle of the
 * {@link KafkaConnectionDetails} bean (Boot's from {@code spring.kafka.*}, or a {@code @ServiceConnection}'s). The sink
 * owns its producer, not spring-kafka's {@code ProducerFactory}: exactly-once needs one fixed {@code transactional.id}
 * per source, so that a second instance is fenced.
 */
@AutoConfiguration(after = {BinlogAutoConfiguration.class, BinlogClusterAutoConfiguration.class},
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(name = {KafkaSinkUnavailableCondition.KAFKA_SINK, KafkaSinkUnavailableCondition.KAFKA_PROPERTIES})
@ConditionalOnBooleanProperty("binlog.kafka.enabled")
@ConditionalOnBean(BinlogClient.class)
@EnableConfigurationProperties({BinlogKafkaProperties.class, KafkaProperties.class})
public final class BinlogKafkaAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(BinlogKafkaAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KafkaSink binlogKafkaSink(BinlogKafkaProperties properties, KafkaProperties kafka,
            ObjectProvider<KafkaConnectionDetails> connectionDetails, ObjectProvider<SslBundles> sslBundles) {
        Map<String, Object> producer = producerProperties(kafka, connectionDetails.getIfAvailable(), sslBundles);
        try {
            KafkaSink.Builder builder = KafkaSink.builder()
                    .producerProperties(producer)
                    .format(properties.getFormat())
                    .topicPrefix(properties.getTopicPrefix())
                    .singleTopic(properties.getTopic())
                    .delivery(properties.getDelivery())
                    .maxRecordsPerTransaction(properties.getMaxRecordsPerTransaction())
                    .oversizedRecords(properties.getOversized());
            if (properties.getTombstones() != null) {
                builder.tombstones(properties.getTombstones());
            }
            properties.getKeyColumns().forEach(builder::keyColumns);
            if (properties.getSourceName() != null) {
                builder.sourceName(properties.getSourceName());
            }
            if (properties.getDelivery() != KafkaDelivery.EXACTLY_ONCE
                    && (properties.getTransactionalId() != null || properties.getOffsetsTopic() != null)) {
                LOG.warn("binlog.kafka.transactional-id and binlog.kafka.offsets-topic apply to "
                        + "binlog.kafka.delivery=exactly-once only; under at-least-once they are ignored");
            }
            if (properties.getDelivery() == KafkaDelivery.EXACTLY_ONCE) {
                if (properties.getTransactionalId() != null) {
                    builder.transactionalId(properties.getTransactionalId());
                }
                if (properties.getOffsetsTopic() != null) {
                    builder.offsetsTopic(properties.getOffsetsTopic());
                }
            }
            return builder.build();
        } catch (ConfigurationException e) {
            throw new ConfigurationException("binlog.kafka: " + e.getMessage(), e);
        }
    }

    @Bean
    BinlogSink binlogKafkaBinlogSink(KafkaSink binlogKafkaSink, BinlogKafkaProperties properties, KafkaProperties kafka,
            ObjectProvider<KafkaConnectionDetails> connectionDetails) {
        KafkaConnectionDetails details = connectionDetails.getIfAvailable();
        List<String> servers = details != null ? details.getProducer().getBootstrapServers()
                : kafka.getProducer().getBootstrapServers() != null ? kafka.getProducer().getBootstrapServers()
                        : kafka.getBootstrapServers();
        String topics = properties.getTopic() != null ? properties.getTopic()
                : properties.getTopicPrefix() + ".{schema}.{table}";
        return new KafkaBinlogSink(binlogKafkaSink, "Kafka sink (" + properties.getFormat().name().toLowerCase(Locale.ROOT)
                + ", " + properties.getDelivery().name().toLowerCase(Locale.ROOT).replace('_', '-') + ") to " + topics + " on "
                + String.join(",", servers));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static final class MetricsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        BinlogKafkaMetrics binlogKafkaMetrics(KafkaSink binlogKafkaSink) {
            return new BinlogKafkaMetrics(binlogKafkaSink);
        }
    }

    /**
     * What Boot's own producer factory would be given: {@code spring.kafka.*} and {@code spring.kafka.producer.*},
     * then where to connect from the connection details (servers, security protocol, SSL bundle), as Boot's
     * {@code KafkaAutoConfiguration} applies them. Without a connection details bean (Boot's Kafka auto-configuration
     * excluded), the SSL bundle named in the properties.
     */
    static Map<String, Object> producerProperties(KafkaProperties kafka, KafkaConnectionDetails details,
            ObjectProvider<SslBundles> sslBundles) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        if (details != null) {
            KafkaConnectionDetails.Configuration connection = details.getProducer();
            producer.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, connection.getBootstrapServers());
            if (connection.getSecurityProtocol() != null && !connection.getSecurityProtocol().isEmpty()) {
                producer.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, connection.getSecurityProtocol());
            }
            applySslBundle(producer, connection.getSslBundle());
            return producer;
        }
        String bundle = kafka.getProducer().getSsl().getBundle() != null ? kafka.getProducer().getSsl().getBundle()
                : kafka.getSsl().getBundle();
        if (bundle != null) {
            SslBundles bundles = sslBundles.getIfAvailable();
            if (bundles == null) {
                throw new ConfigurationException("spring.kafka.ssl.bundle=" + bundle + " but the application has no "
                        + "SSL bundles; define it under spring.ssl.bundle.pem." + bundle);
            }
            applySslBundle(producer, bundles.getBundle(bundle));
        }
        return producer;
    }

    private static void applySslBundle(Map<String, Object> producer, SslBundle bundle) {
        if (bundle != null) {
            producer.put(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, SslBundleSslEngineFactory.class);
            producer.put(SslBundle.class.getName(), bundle);
        }
    }
}
