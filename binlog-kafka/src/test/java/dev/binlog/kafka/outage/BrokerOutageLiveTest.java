package dev.binlog.kafka.outage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.kafka.KafkaDelivery;
import dev.binlog.kafka.KafkaSink;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker killed for 30 s while rows keep being committed: the stream waits (the producer retries with back-off),
 * saves no position while nothing is acknowledged, never fails, and once the broker is back every row reaches the
 * topic: none missing, none twice under exactly-once, and under at-least-once at most the transactions that were in
 * flight when the broker went away. The broker runs in a child JVM ({@link KafkaBrokerProcess}) so that it comes back
 * on the same port with its log. Each delivery runs on the first server only: one run takes about a minute.
 */
class BrokerOutageLiveTest {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageLiveTest.class);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int ROWS_PER_TRANSACTION = 10;
    private static final Set<KafkaDelivery> RUN = ConcurrentHashMap.newKeySet();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static KafkaBrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBrokerProcess.create();
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @LiveTest
    void atLeastOnceWaitsOutTheOutageWithNoGap(LiveServer live) throws Exception {
        Outcome outcome = streamThroughOutage(live, KafkaDelivery.AT_LEAST_ONCE);

        assertThat(outcome.missing()).as("rows committed but not in the topic").isEmpty();
        // Only a transaction whose records were sent and not acknowledged when the broker went away can be sent
        // again (after a reconnect of the stream); the idempotent producer's own retries are not duplicates.
        assertThat(outcome.duplicates()).as("rows published twice").hasSizeLessThanOrEqualTo(5 * ROWS_PER_TRANSACTION);
    }

    @LiveTest
    void exactlyOnceWaitsOutTheOutageWithNoGapAndNoDuplicate(LiveServer live) throws Exception {
        Outcome outcome = streamThroughOutage(live, KafkaDelivery.EXACTLY_ONCE);

        assertThat(outcome.missing()).as("rows committed but not in the topic").isEmpty();
        assertThat(outcome.duplicates()).as("rows published twice").isEmpty();
    }

    /** What the topic holds against what the table holds, after the outage. */
    private record Outcome(List<Long> missing, Map<Long, Integer> duplicates) {
    }

    private Outcome streamThroughOutage(LiveServer live, KafkaDelivery delivery) throws Exception {
        Assumptions.assumeTrue(RUN.add(delivery), "runs on the first server only");
        String table = "outage_" + delivery.name().toLowerCase(Locale.ROOT);
        String prefix = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        String topic = prefix + "." + live.database() + "." + table;
        live.execute("CREATE TABLE " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL)");
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        StartPosition start = StartPosition.at(status.get("File").toString(),
                Long.parseLong(status.get("Position").toString()));
        List<String> states = new CopyOnWriteArrayList<>();
        Writer writer = new Writer(live, table);
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(broker.bootstrapServers()).topicPrefix(prefix)
                .delivery(delivery).build();
             BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                     .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                     .tlsMode(TlsMode.DISABLED).startPosition(start)
                     .filter(TableFilter.builder().include(live.database() + "." + table).build())
                     .listener(sink).positionStore(sink.positionStore(PositionStore.inMemory()))
                     .stateListener((previous, next, cause) -> states.add(previous + " -> " + next
                             + (cause == null ? "" : " (" + cause + ")")))
                     .build()) {
            client.start();
            writer.start();
            awaitTrue(() -> sink.statistics().records() >= 500, Duration.ofSeconds(60),
                    () -> "500 records before the outage; " + sink.statistics() + ", " + states);

            broker.stop();
            long stoppedAt = System.nanoTime();
            Optional<BinlogPosition> atStop = client.committedPosition();
            long recordsAtStop = sink.statistics().records();
            long rowsAtStop = writer.rows();
            // acknowledgements that arrived just before the kill may still let one save through
            Thread.sleep(2_000);
            Optional<BinlogPosition> settled = client.committedPosition();
            long recordsSettled = sink.statistics().records();
            while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
                assertThat(client.state()).as("client state while the broker is down").isNotEqualTo(ClientState.FAILED);
                Thread.sleep(500);
            }
            Optional<BinlogPosition> beforeRestart = client.committedPosition();
            long recordsBeforeRestart = sink.statistics().records();
            long rowsDuringOutage = writer.rows() - rowsAtStop;
            LOG.info("{}: at the stop {} ({} records), 2 s later {} ({}), before the restart {} ({}); {} rows "
                    + "committed meanwhile; states {}", delivery, atStop, recordsAtStop, settled, recordsSettled,
                    beforeRestart, recordsBeforeRestart, rowsDuringOutage, states);
            assertThat(beforeRestart).as("committed position while the broker was down").isEqualTo(settled);
            assertThat(recordsBeforeRestart).as("records acknowledged while the broker was down")
                    .isEqualTo(recordsSettled);
            assertThat(rowsDuringOutage).as("the writer went on during the outage").isGreaterThan(100);

            broker.start();
            Thread.sleep(5_000);
            writer.stop();
            long rows = writer.rows();
            awaitTrue(() -> sink.statistics().records() >= rows || client.state() == ClientState.FAILED,
                    Duration.ofSeconds(120), () -> rows + " records after the outage; " + sink.statistics()
                            + ", states " + states + ", error " + client.lastError());
            assertThat(client.state()).as("client state after the outage, " + client.lastError())
                    .isNotIn(ClientState.FAILED, ClientState.STOPPED);
            assertThat(states).as("state changes").noneMatch(s -> s.endsWith("-> FAILED"));
            BinlogPosition held = beforeRestart.orElseThrow();
            awaitTrue(() -> client.committedPosition().filter(p -> p.compareTo(held) > 0).isPresent(),
                    Duration.ofSeconds(30), () -> "a position saved after " + held + "; " + client.committedPosition());

            List<Long> ids = tableIds(live, table);
            assertThat(ids).as("rows in the table").hasSize((int) rows);
            Map<Long, Integer> seen = readIds(topic, rows, Duration.ofSeconds(60));
            List<Long> missing = ids.stream().filter(id -> !seen.containsKey(id)).toList();
            Map<Long, Integer> duplicates = new TreeMap<>();
            seen.forEach((id, n) -> {
                if (n > 1) {
                    duplicates.put(id, n);
                }
            });
            LOG.info("{}: {} rows, {} distinct ids in the topic, {} missing, {} duplicated {}; sink {}; states {}",
                    delivery, rows, seen.size(), missing.size(), duplicates.size(), duplicates.keySet(),
                    sink.statistics(), states);
            return new Outcome(missing, duplicates);
        } finally {
            writer.stop();
        }
    }

    private static List<Long> tableIds(LiveServer live, String table) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = live.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** Each id of the topic (from the record key) and how often it appears, read_committed from the beginning. */
    private static Map<Long, Integer> readIds(String topic, long expected, Duration timeout) throws Exception {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<Long, Integer> seen = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.merge(JSON.readTree(record.key()).get("id").asLong(), 1, Integer::sum);
                }
                if (seen.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    // a little longer, for duplicates behind the last new id
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return seen;
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout,
            Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what.get());
            }
            Thread.sleep(50);
        }
    }

    /**
     * Commits transactions of 10 rows, about 50 a second, on a thread of its own until stopped; ids come from the
     * auto-increment key.
     */
    private static final class Writer {

        private final LiveServer live;
        private final String table;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicLong rows = new AtomicLong();
        private volatile Throwable failure;
        private Thread thread;

        Writer(LiveServer live, String table) {
            this.live = live;
            this.table = table;
        }

        void start() {
            running.set(true);
            thread = new Thread(this::write, "outage-writer");
            thread.setDaemon(true);
            thread.start();
        }

        private void write() {
            StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (v) VALUES (?)");
            for (int i = 1; i < ROWS_PER_TRANSACTION; i++) {
                sql.append(", (?)");
            }
            try (Connection c = live.connection(); PreparedStatement insert = c.prepareStatement(sql.toString())) {
                for (long t = 0; running.get(); t++) {
                    for (int i = 1; i <= ROWS_PER_TRANSACTION; i++) {
                        insert.setLong(i, t);
                    }
                    insert.executeUpdate();
                    rows.addAndGet(ROWS_PER_TRANSACTION);
                    Thread.sleep(20);
                }
            } catch (Throwable e) {
                failure = e;
            }
        }

        /** Stops and waits for the last transaction; throws what stopped the writer early, if anything. */
        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(10_000);
            }
            if (failure != null) {
                throw new AssertionError("the writer failed", failure);
            }
        }

        /** Rows committed so far. */
        long rows() {
            return rows.get();
        }
    }
}
