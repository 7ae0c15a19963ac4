package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.actuate.BinlogKafkaMetrics;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.autoconfigure.BinlogKafkaAutoConfiguration;
import dev.binlog.spring.autoconfigure.BinlogStreamLifecycle;
import dev.binlog.spring.listener.InvalidListenerException;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.testsupport.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code binlog.kafka.enabled=true} end to end, against a real server and a real broker: every change reaches the
 * {@code @BinlogListener} methods and the topic {@code {prefix}.{schema}.{table}}, in Debezium's envelope (with a
 * tombstone after a delete) or, exactly once, in Maxwell's JSON with the position in {@code {prefix}-offsets}; a table
 * without a primary key fails the start until {@code binlog.kafka.key-columns} names its key.
 */
class KafkaSinkLiveTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Item(int id, String name) {
    }

    static class ItemListener {
        static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

        @BinlogListener(table = "${test.schema}.kafka_items")
        void on(Item item, ChangeType type) {
            RECEIVED.add(type + " " + item.id() + " " + item.name());
        }
    }

    private ApplicationContextRunner runner(LiveServer live, String table, String prefix, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class, KafkaAutoConfiguration.class,
                        BinlogKafkaAutoConfiguration.class))
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.type=memory",
                        "binlog.filter.include=" + live.database() + "." + table, "test.schema=" + live.database(),
                        "binlog.kafka.enabled=true", "spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                        "binlog.kafka.topic-prefix=" + prefix)
                .withPropertyValues(properties);
    }

    private static void createItems(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS kafka_items",
                "CREATE TABLE kafka_items (id INT PRIMARY KEY, name VARCHAR(20))");
    }

    private static void changeItem(LiveServer live) {
        live.execute("INSERT INTO kafka_items VALUES (1, 'cup')", "UPDATE kafka_items SET name = 'mug' WHERE id = 1",
                "DELETE FROM kafka_items WHERE id = 1");
    }

    @LiveTest
    void listenersAndTheTopicReceiveEveryChangeInDebeziumsEnvelope(LiveServer live) throws Exception {
        ItemListener.RECEIVED.clear();
        createItems(live);
        String prefix = TestKafka.uniquePrefix("spring-debezium");
        String topic = prefix + "." + live.database() + ".kafka_items";

        runner(live, "kafka_items", prefix).withBean(ItemListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            changeItem(live);
            List<ConsumerRecord<String, String>> records = TestKafka.read(topic, 4, Duration.ofSeconds(60));

            assertThat(records).extracting(ConsumerRecord::key)
                    .containsExactly("{\"id\":1}", "{\"id\":1}", "{\"id\":1}", "{\"id\":1}");
            assertThat(records.subList(0, 3)).extracting(r -> json(r).get("op").asText())
                    .containsExactly("c", "u", "d");
            assertThat(json(records.get(0)).get("after").toString()).isEqualTo("{\"id\":1,\"name\":\"cup\"}");
            assertThat(json(records.get(1)).get("before").toString()).isEqualTo("{\"id\":1,\"name\":\"cup\"}");
            assertThat(json(records.get(1)).get("after").toString()).isEqualTo("{\"id\":1,\"name\":\"mug\"}");
            assertThat(json(records.get(2)).get("after").isNull()).isTrue();
            assertThat(records.get(3).value()).as("the tombstone after the delete").isNull();
            awaitReceived(3);
            assertThat(ItemListener.RECEIVED).containsExactly("INSERT 1 cup", "UPDATE 1 mug", "DELETE 1 mug");

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(BinlogKafkaMetrics.class).bindTo(registry);
            awaitCount(registry, "binlog.kafka.transactions", 3);
            assertThat(registry.get("binlog.kafka.transactions").functionCounter().count()).isEqualTo(3);
            assertThat(registry.get("binlog.kafka.records").functionCounter().count()).isEqualTo(4);
        });
    }

    @LiveTest
    void exactlyOnceInMaxwellsJsonKeepsThePositionInTheOffsetsTopic(LiveServer live) throws Exception {
        ItemListener.RECEIVED.clear();
        createItems(live);
        String prefix = TestKafka.uniquePrefix("spring-maxwell");
        String topic = prefix + "." + live.database() + ".kafka_items";

        runner(live, "kafka_items", prefix, "binlog.kafka.delivery=exactly-once", "binlog.kafka.format=maxwell")
                .withBean(ItemListener.class).run(context -> {
                    assertThat(context).hasNotFailed();
                    changeItem(live);
                    List<ConsumerRecord<String, String>> records = TestKafka.read(topic, 3, Duration.ofSeconds(60));

                    assertThat(records).extracting(r -> json(r).get("type").asText())
                            .containsExactly("insert", "update", "delete");
                    assertThat(records).extracting(r -> json(r).get("data").toString()).containsExactly(
                            "{\"id\":1,\"name\":\"cup\"}", "{\"id\":1,\"name\":\"mug\"}",
                            "{\"id\":1,\"name\":\"mug\"}");
                    assertThat(json(records.get(1)).get("old").toString()).isEqualTo("{\"name\":\"cup\"}");
                    awaitReceived(3);

                    BinlogClient client = context.getBean(BinlogClient.class);
                    List<ConsumerRecord<String, String>> offsets = TestKafka.read(prefix + "-offsets", 3,
                            Duration.ofSeconds(30));
                    assertThat(offsets).isNotEmpty().allSatisfy(r -> assertThat(r.key()).isEqualTo(prefix));
                    assertThat(json(offsets.get(offsets.size() - 1)).get("position").asText())
                            .isEqualTo(client.committedPosition().orElseThrow().toString());
                    assertThat(client.settings().positionStore().load()).isEqualTo(client.committedPosition());
                    assertThat(client.settings().positionStore()).hasToString("Kafka topic " + prefix
                            + "-offsets (exactly-once)");
                });
    }

    @LiveTest
    void aTableWithoutPrimaryKeyFailsTheStartUntilItsKeyColumnsAreConfigured(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS kafka_log", "CREATE TABLE kafka_log (a INT, b VARCHAR(10))");
        String table = live.database() + ".kafka_log";
        String prefix = TestKafka.uniquePrefix("spring-keyless");

        runner(live, "kafka_log", prefix).run(context -> {
            assertThat(context).hasFailed();
            assertThat(invalid(context.getStartupFailure())).isEqualTo("Kafka records need a key, but " + table
                    + " has no primary key: configure key columns (Spring: binlog.kafka.key-columns." + table
                    + "=col1,col2; KafkaSink.Builder.keyColumns) or leave it out of the filter");
        });

        runner(live, "kafka_log", prefix, "binlog.fail-fast=false").run(context -> {
            assertThat(context).as("in the background the start fails, once, not retried").hasNotFailed();
            BinlogStreamLifecycle lifecycle = context.getBean(BinlogStreamLifecycle.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (lifecycle.startFailure().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(lifecycle.startFailure()).get().isInstanceOf(InvalidListenerException.class)
                    .extracting(Throwable::getMessage).asString().contains(table + " has no primary key");
            assertThat(context.getBean(BinlogClient.class).state()).isEqualTo(ClientState.NEW);
        });

        runner(live, "kafka_log", prefix, "binlog.kafka.key-columns[" + table + "]=a").run(context -> {
            assertThat(context).hasNotFailed();
            live.execute("INSERT INTO kafka_log VALUES (7, 'x')");
            List<ConsumerRecord<String, String>> records = TestKafka.read(prefix + "." + table, 1,
                    Duration.ofSeconds(60));
            assertThat(records).extracting(ConsumerRecord::key).containsExactly("{\"a\":7}");
        });
    }

    private static void awaitCount(SimpleMeterRegistry registry, String name, double count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (registry.get(name).functionCounter().count() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        return JSON.readTree(record.value());
    }

    private static String invalid(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidListenerException) {
                return t.getMessage();
            }
        }
        throw new AssertionError("no InvalidListenerException in " + failure, failure);
    }

    private static void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (ItemListener.RECEIVED.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ItemListener.RECEIVED).hasSize(count);
    }
}
