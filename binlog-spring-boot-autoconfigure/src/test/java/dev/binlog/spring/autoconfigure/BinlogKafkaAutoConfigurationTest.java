package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.PositionStore;
import dev.binlog.kafka.KafkaSink;
import dev.binlog.spring.actuate.BinlogKafkaMetrics;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.TestCertificates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code binlog.kafka.*} without a broker or a server: off unless enabled, and off without binlog-kafka on the class
 * path; when on, a sink connected where the {@link KafkaConnectionDetails} say, and under exactly-once the client's
 * position store is the sink's, not the configured one. Nothing here connects (the stream does not start).
 */
class BinlogKafkaAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class, KafkaAutoConfiguration.class,
                    BinlogKafkaAutoConfiguration.class))
            .withPropertyValues("binlog.host=db.example", "binlog.username=repl", "binlog.auto-startup=false",
                    "binlog.position-store.type=memory", "spring.kafka.bootstrap-servers=127.0.0.1:9");

    @Test
    void nothingKafkaUnlessEnabled() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(BinlogClient.class).doesNotHaveBean(KafkaSink.class)
                    .doesNotHaveBean(BinlogSink.class);
            assertThat(context.getBean(BinlogClient.class).settings().positionStore())
                    .isSameAs(context.getBean(PositionStore.class));
        });
        runner.withPropertyValues("binlog.kafka.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KafkaSink.class));
    }

    @Test
    void enabledWithoutBinlogKafkaOnTheClassPathFailsTheStartNamingTheDependency() {
        runner.withPropertyValues("binlog.kafka.enabled=true")
                .withClassLoader(new FilteredClassLoader("dev.binlog.kafka."))
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(
                        "binlog.kafka.enabled=true, but the Kafka sink needs dev.binlog:binlog-kafka on the class "
                                + "path: add the dependency, or remove binlog.kafka.enabled"));
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class,
                        BinlogKafkaAutoConfiguration.class))
                .withPropertyValues("binlog.host=db.example", "binlog.username=repl", "binlog.auto-startup=false",
                        "binlog.kafka.enabled=true")
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.kafka."))
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(
                        "the Kafka sink needs org.springframework.boot:spring-boot-kafka (spring-boot-starter-kafka) "
                                + "on the class path"));
        runner.withClassLoader(new FilteredClassLoader("dev.binlog.kafka.", "org.springframework.boot.kafka.",
                        "org.springframework.kafka.", "org.apache.kafka."))
                .run(context -> assertThat(context).as("an application without Kafka").hasNotFailed()
                        .hasSingleBean(BinlogClient.class).doesNotHaveBean(BinlogSink.class));
    }

    @Test
    void enabledSinkConnectsAsSpringKafkaSays() {
        runner.withPropertyValues("binlog.kafka.enabled=true").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(KafkaSink.class);
            assertThat(context.getBean(BinlogSink.class).description())
                    .isEqualTo("Kafka sink (debezium, at-least-once) to binlog.{schema}.{table} on 127.0.0.1:9");
            assertThat(context.getBean(BinlogClient.class).settings().positionStore())
                    .as("at least once: the configured store, fed once Kafka acknowledged")
                    .hasToString(context.getBean(PositionStore.class) + " (after Kafka acknowledged)");
        });
    }

    @Test
    void keyColumnsBindInBothSpellingsTheStartFailureSuggests() {
        runner.withPropertyValues("binlog.kafka.enabled=true", "binlog.kafka.key-columns.shop.log=a,b",
                "binlog.kafka.key-columns[shop.audit_trail]=c").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(BinlogKafkaProperties.class).getKeyColumns()).isEqualTo(
                            Map.of("shop.log", List.of("a", "b"), "shop.audit_trail", List.of("c")));
                });
    }

    @Test
    void connectionDetailsBeanWinsOverSpringKafkaBootstrapServers() {
        runner.withPropertyValues("binlog.kafka.enabled=true", "binlog.kafka.format=maxwell",
                "binlog.kafka.topic=changes")
                .withBean(KafkaConnectionDetails.class, () -> () -> List.of("127.0.0.1:19092"))
                .run(context -> assertThat(context.getBean(BinlogSink.class).description())
                        .isEqualTo("Kafka sink (maxwell, at-least-once) to changes on 127.0.0.1:19092"));
    }

    @Test
    void springKafkasSslBundleReachesTheSinksProducer(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "kafka CA");
        runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
                .withPropertyValues("binlog.kafka.enabled=true", "spring.kafka.ssl.bundle=kafka",
                        "spring.kafka.security.protocol=SSL",
                        "spring.ssl.bundle.pem.kafka.truststore.certificate=file:" + certificates.caPem())
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(KafkaSink.class);
                    SslBundle bundle = context.getBean(SslBundles.class).getBundle("kafka");
                    Map<String, Object> viaDetails = BinlogKafkaAutoConfiguration.producerProperties(
                            context.getBean(KafkaProperties.class), context.getBean(KafkaConnectionDetails.class),
                            context.getBeanProvider(SslBundles.class));
                    Map<String, Object> viaProperties = BinlogKafkaAutoConfiguration.producerProperties(
                            context.getBean(KafkaProperties.class), null, context.getBeanProvider(SslBundles.class));
                    for (Map<String, Object> producer : List.of(viaDetails, viaProperties)) {
                        assertThat(producer).containsEntry("ssl.engine.factory.class", SslBundleSslEngineFactory.class)
                                .containsEntry(SslBundle.class.getName(), bundle)
                                .containsEntry("security.protocol", "SSL");
                    }
                    assertThat(viaDetails).containsEntry("bootstrap.servers", List.of("127.0.0.1:9"));
                });
    }

    @Test
    void exactlyOnceKeepsThePositionInTheSinksStore() {
        runner.withPropertyValues("binlog.kafka.enabled=true", "binlog.kafka.delivery=exactly-once").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(BinlogClient.class).settings().positionStore())
                    .isNotSameAs(context.getBean(PositionStore.class))
                    .hasToString("Kafka topic binlog-offsets (exactly-once)");
        });
        runner.withPropertyValues("binlog.kafka.enabled=true", "binlog.kafka.delivery=exactly-once",
                "binlog.kafka.offsets-topic=orders-positions").run(context -> assertThat(
                        context.getBean(BinlogClient.class).settings().positionStore())
                .hasToString("Kafka topic orders-positions (exactly-once)"));
    }

    @Test
    void sinkCountersAreMeters() {
        runner.withPropertyValues("binlog.kafka.enabled=true").run(context -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(BinlogKafkaMetrics.class).bindTo(registry);
            assertThat(registry.get("binlog.kafka.records").functionCounter().count()).isZero();
            assertThat(registry.get("binlog.kafka.transactions").functionCounter().count()).isZero();
            assertThat(registry.get("binlog.kafka.skipped.oversized").functionCounter().count()).isZero();
        });
    }

    @Test
    void aSinkSettingItRefusesNamesTheProperty() {
        runner.withPropertyValues("binlog.kafka.enabled=true", "binlog.kafka.max-records-per-transaction=0")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("binlog.kafka: max records per transaction must be at least 1, not 0"));
    }
}
