package dev.binlog.bench;

import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.bench.KafkaResults.Run;
import dev.binlog.kafka.KafkaDelivery;
import dev.binlog.kafka.KafkaSink;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.MariaDbProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Rows published end to end into Kafka: a narrow table ({@code id BIGINT PRIMARY KEY, a INT, b INT, c INT}) filled by
 * transactions of {@value #ROWS_PER_TRANSACTION} rows, then streamed from the start of that data by our client into
 * its {@code KafkaSink} (Debezium JSON, one record per row) until the sink counts every row acknowledged
 * (at-least-once) or committed (exactly-once). The peer is a plain {@code KafkaProducer} with the sink's producer
 * settings ({@code acks=all}, idempotent; for exactly-once transactional, one Kafka transaction per
 * {@value #ROWS_PER_TRANSACTION} records) replaying the very records the sink wrote: the broker's own ceiling on this
 * machine, so ours ÷ producer is the share of it the whole path reaches. At-least-once also has a producer that waits
 * for each transaction's acknowledgements before the next, as the sink does, which tells the round trips apart from
 * the rest of our path.
 *
 * <p>The broker is spring-kafka-test's {@link EmbeddedKafkaKraftBroker} (KRaft, one node) in this JVM, so it shares
 * the two cores with the client and the server, as the other end-to-end runs do. Every run writes a topic of its own,
 * created with 3 partitions before the clock starts.
 *
 * <p>Alone, from the {@code benchmarks} folder (class path as for {@link SnapshotBenchmark}):
 * {@code java -cp target/classes:$(cat target/cp.txt) dev.binlog.bench.KafkaBenchmark [rows]}; it starts its own
 * server and writes {@code target/kafka-summary.json}.
 */
public final class KafkaBenchmark {

    /**
     * 14–31 s per run of ours on this shared machine (11,000–14,000 rows/s at least once, 6,400–9,100 exactly once);
     * with the broker's start, the fill and the three producer replays the whole benchmark took 86–103 s.
     */
    static final long ROWS = 200_000;
    static final int ROWS_PER_TRANSACTION = 100;
    static final String AT_LEAST_ONCE = "at_least_once";
    static final String EXACTLY_ONCE = "exactly_once";
    private static final String TABLE = "kafka_narrow";
    private static final int PARTITIONS = 3;
    /**
     * {@code -Dbinlog.bench.kafka.await=flush}: the producer awaiting each transaction calls {@code flush()} (which
     * sends at once, ignoring {@code linger.ms}) instead of waiting for the callbacks as the sink does.
     */
    private static final boolean FLUSH_EACH = "flush".equals(System.getProperty("binlog.bench.kafka.await"));

    private final MariaDbProcess server;
    private final long rows;
    private String bootstrapServers;
    private int topics;

    public KafkaBenchmark(MariaDbProcess server) {
        this(server, ROWS);
    }

    /** {@code rows}: a multiple of {@value #ROWS_PER_TRANSACTION}. */
    KafkaBenchmark(MariaDbProcess server, long rows) {
        if (rows <= 0 || rows % ROWS_PER_TRANSACTION != 0) {
            throw new IllegalArgumentException("rows must be a positive multiple of " + ROWS_PER_TRANSACTION);
        }
        this.server = server;
        this.rows = rows;
    }

    public KafkaResults run() throws Exception {
        long started = System.nanoTime();
        quietBrokerLogs();
        EmbeddedKafkaKraftBroker broker = startBroker();
        try {
            bootstrapServers = broker.getBrokersAsString();
            StartPosition start = fill();
            System.out.printf("kafka: %,d rows in transactions of %d, broker at %s%n", rows, ROWS_PER_TRANSACTION,
                    bootstrapServers);
            List<Run> runs = new ArrayList<>();
            String aloTopic = newTopic();
            runs.add(print(ours(KafkaDelivery.AT_LEAST_ONCE, start, aloTopic)));
            List<ProducerRecord<byte[], byte[]>> records = runs.get(0).error() == null ? readBack(aloTopic)
                    : List.of();
            double meanBytes = records.stream().mapToLong(r -> r.key().length + r.value().length).average()
                    .orElse(Double.NaN);
            if (records.size() != rows) {
                runs.set(0, withError(runs.get(0), "the topic holds " + records.size() + " records, not " + rows));
            } else {
                runs.add(print(producer(AT_LEAST_ONCE, KafkaResults.PRODUCER, records, false)));
                runs.add(print(producer(AT_LEAST_ONCE, KafkaResults.PRODUCER_AWAITING, records, false)));
            }
            runs.add(print(ours(KafkaDelivery.EXACTLY_ONCE, start, newTopic())));
            if (!records.isEmpty()) {
                runs.add(print(producer(EXACTLY_ONCE, KafkaResults.PRODUCER, records, true)));
            }
            System.out.printf("kafka: done in %.0f s (records of %.0f bytes: key + value)%n",
                    (System.nanoTime() - started) / 1e9, meanBytes);
            return new KafkaResults(rows, ROWS_PER_TRANSACTION, meanBytes, runs);
        } finally {
            broker.destroy();
        }
    }

    /**
     * The broker logs every topic and transaction at INFO through slf4j-simple, which would bury the benchmark's own
     * lines; slf4j-simple reads a logger's level when the logger is made, so this holds for the broker started after.
     */
    private static void quietBrokerLogs() {
        for (String name : List.of("org.apache.kafka", "kafka", "state.change.logger", "org.springframework.kafka")) {
            System.setProperty("org.slf4j.simpleLogger.log." + name, "warn");
        }
    }

    private static EmbeddedKafkaKraftBroker startBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "auto.create.topics.enable", "true",
                "num.partitions", String.valueOf(PARTITIONS),
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return broker;
    }

    /** The table filled by transactions of 100 rows; returns where its data starts in the binary log. */
    private StartPosition fill() throws SQLException {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS bench");
            s.execute("DROP TABLE IF EXISTS bench." + TABLE);
            s.execute("CREATE TABLE bench." + TABLE + " (id BIGINT PRIMARY KEY, a INT, b INT, c INT)");
        }
        long filling = System.nanoTime();
        try (Connection c = server.adminConnection("bench"); Statement s = c.createStatement();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " SELECT ? + seq - 1, seq,"
                     + " seq * 2, seq * 3 FROM seq_1_to_" + ROWS_PER_TRANSACTION)) {
            StartPosition start;
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                start = StartPosition.at(rs.getString(1), rs.getLong(2));
            }
            for (long id = 1; id <= rows; id += ROWS_PER_TRANSACTION) {
                insert.setLong(1, id);
                insert.executeUpdate();
            }
            System.out.printf("kafka: filled %s in %.1f s%n", TABLE, (System.nanoTime() - filling) / 1e9);
            return start;
        }
    }

    /** A fresh topic prefix whose row topic exists (3 partitions) before any run's clock starts. */
    private String newTopic() throws Exception {
        String prefix = "bench-" + (++topics);
        String topic = prefix + ".bench." + TABLE;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private Run ours(KafkaDelivery delivery, StartPosition start, String topic) throws Exception {
        String name = delivery.name().toLowerCase(Locale.ROOT);
        String prefix = topic.substring(0, topic.indexOf('.'));
        try (KafkaSink sink = KafkaSink.builder().bootstrapServers(bootstrapServers).topicPrefix(prefix)
                .producerProperties(extraProducerProperties()).delivery(delivery).build();
             BinlogClient client = BinlogClient.builder()
                     .host(server.host()).port(server.port()).user(server.adminUser())
                     .password(server.adminPassword()).tlsMode(TlsMode.DISABLED)
                     .startPosition(start)
                     .filter(TableFilter.builder().include("bench." + TABLE).build())
                     .listener(sink)
                     .positionStore(sink.positionStore(PositionStore.inMemory()))
                     .build()) {
            long begin = System.nanoTime();
            client.start();
            return await(name, KafkaResults.OURS, begin, () -> sink.statistics().records(), () -> {
                if (client.state() == ClientState.FAILED) {
                    return "the client failed: " + client.lastError().map(Throwable::toString).orElse("?");
                }
                return null;
            });
        }
    }

    /**
     * The sink's records sent again by a plain producer with the sink's settings: all at once then a flush
     * ({@code awaitEach} false), or each transaction's records then a wait for their callbacks (as the sink waits;
     * or {@code flush()}, see {@link #FLUSH_EACH}), or (exactly-once) one Kafka
     * transaction per {@value #ROWS_PER_TRANSACTION} records.
     */
    private Run producer(String delivery, String publisher, List<ProducerRecord<byte[], byte[]>> records,
            boolean transactional) throws Exception {
        boolean awaitEach = publisher.equals(KafkaResults.PRODUCER_AWAITING);
        String topic = newTopic();
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE);
        properties.putAll(extraProducerProperties());
        if (transactional) {
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-producer-" + UUID.randomUUID());
            properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000);
        }
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Callback callback = (metadata, e) -> {
            if (e == null) {
                acknowledged.incrementAndGet();
            } else {
                failure.compareAndSet(null, e);
            }
            synchronized (acknowledged) {
                acknowledged.notifyAll();
            }
        };
        AtomicLong committed = new AtomicLong();
        long begin = System.nanoTime();
        long[] first = {0};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            if (transactional) {
                producer.initTransactions();
            }
            for (int i = 0; i < records.size(); i += ROWS_PER_TRANSACTION) {
                if (transactional) {
                    producer.beginTransaction();
                }
                for (int j = i; j < Math.min(records.size(), i + ROWS_PER_TRANSACTION); j++) {
                    ProducerRecord<byte[], byte[]> r = records.get(j);
                    producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers()), callback);
                }
                if (transactional) {
                    producer.commitTransaction();
                    committed.addAndGet(Math.min(ROWS_PER_TRANSACTION, records.size() - i));
                } else if (awaitEach && FLUSH_EACH) {
                    producer.flush();
                } else if (awaitEach) {
                    awaitAcknowledged(acknowledged, failure, Math.min(records.size(), i + ROWS_PER_TRANSACTION));
                }
                if (first[0] == 0 && (transactional ? committed.get() : acknowledged.get()) > 0) {
                    first[0] = System.nanoTime();
                }
            }
            producer.flush();
            long end = System.nanoTime();
            long done = transactional ? committed.get() : acknowledged.get();
            String error = failure.get() != null ? failure.get().toString()
                    : done != records.size() ? "acknowledged " + done + " of " + records.size() : null;
            long firstAt = first[0] == 0 ? end : first[0];
            return new Run(delivery, publisher, done, (firstAt - begin) / 1e9, (end - begin) / 1e9, error);
        }
    }

    /**
     * Waits as the sink does at a commit: for the callbacks, without {@code flush()}, so the records wait out
     * {@code linger.ms} as the sink's do.
     */
    private static void awaitAcknowledged(AtomicLong acknowledged, AtomicReference<Exception> failure, long sent)
            throws InterruptedException {
        synchronized (acknowledged) {
            while (acknowledged.get() < sent && failure.get() == null) {
                acknowledged.wait(100);
            }
        }
    }

    /** Waits until {@code done} counts every row, the run fails, or 1 s per 2,000 rows (at least 120 s) passed. */
    private Run await(String delivery, String publisher, long begin, LongSupplier done,
            Supplier<String> failed) throws InterruptedException {
        long limit = Math.max(120, rows / 2_000);
        long deadline = begin + TimeUnit.SECONDS.toNanos(limit);
        long first = 0;
        String error = null;
        long n;
        while ((n = done.getAsLong()) < rows) {
            long now = System.nanoTime();
            if (first == 0 && n > 0) {
                first = now;
            }
            error = failed.get();
            if (error == null && now > deadline) {
                error = "published " + n + " of " + rows + " rows within " + limit + " s";
            }
            if (error != null) {
                break;
            }
            Thread.sleep(1);
        }
        long end = System.nanoTime();
        return new Run(delivery, publisher, done.getAsLong(), ((first == 0 ? end : first) - begin) / 1e9,
                (end - begin) / 1e9, error);
    }

    /** Every record of the topic, read_committed, in partition order: what the producer runs send again. */
    private List<ProducerRecord<byte[], byte[]>> readBack(String topic) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>((int) rows);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (records.size() < rows && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers()));
                }
            }
        }
        return records;
    }

    /**
     * {@code -Dbinlog.bench.kafka.linger.ms=N}: {@code linger.ms} for the sink and the producers alike (default: the
     * client's default, 5 ms since Kafka 4.0).
     */
    private static Map<String, Object> extraProducerProperties() {
        String linger = System.getProperty("binlog.bench.kafka.linger.ms");
        return linger == null ? Map.of() : Map.of(ProducerConfig.LINGER_MS_CONFIG, linger);
    }

    private static Run withError(Run run, String error) {
        return new Run(run.delivery(), run.publisher(), run.records(), run.startSeconds(), run.seconds(), error);
    }

    private static Run print(Run r) {
        System.out.printf("kafka: %s %s: %,d records in %.2f s (first after %.2f s) = %,.0f rows/s%s%n",
                r.delivery(), r.publisher(), r.records(), r.seconds(), r.startSeconds(), r.rowsPerS(),
                r.error() == null ? "" : " FAILED: " + r.error());
        return r;
    }

    /**
     * Standalone: its own server, {@code [rows]} (default {@value #ROWS}), the printed table and
     * {@code target/kafka-summary.json}.
     */
    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : ROWS;
        MariaDbProcess server = BenchServer.start("bench-kafka");
        int status = 1;
        try {
            KafkaResults results = new KafkaBenchmark(server, rows).run();
            Map<String, Object> section = Summary.kafkaSection(results);
            section.put("machine", Machine.describe());
            Path out = Path.of("target", "kafka-summary.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, Summary.json(section));
            System.out.println(SummaryTable.kafka(results));
            System.out.println("wrote " + out.toAbsolutePath());
            status = 0;
        } catch (Exception e) {
            e.printStackTrace();
        } finally {
            server.stop();
            // The broker's and the producers' threads would keep the JVM alive after a failure.
            System.exit(status);
        }
    }
}
