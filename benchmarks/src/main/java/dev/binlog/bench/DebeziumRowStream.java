package dev.binlog.bench;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import dev.binlog.testsupport.MariaDbProcess;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.LongConsumer;

/**
 * Debezium's embedded engine (its MySQL connector, {@code io.debezium.connector.mysql.MySqlConnector}, through
 * {@code MariaDbStatementDriver} for the one statement MariaDB does not know), no Kafka:
 * offsets in memory, seeded with the file and position the other clients start at, schema history in memory,
 * {@code snapshot.mode=recovery} (schema only, no rows), and a consumer that only counts rows. Its own user with the grants it asks for.
 * {@link #startSnapshot} instead takes Debezium's initial snapshot of one table ({@code initial_only}, no offset).
 *
 * <p>Debezium ships its own fork of mysql-binlog-connector-java ({@code io.debezium:mysql-binlog-connector-java}) in
 * the same Java packages as the {@code com.zendesk} connector-j we measure. The class path lists connector-j first,
 * so everything else sees connector-j; Debezium runs in a class loader of its own over the same class path without
 * the connector-j jar, so it sees its fork. The two meet only through JDK types.
 */
final class DebeziumRowStream implements RowStream {

    /** The client's name in the results. */
    static final String NAME = "debezium_embedded";

    private static final String USER = "debezium";
    private static final String PASSWORD = "debezium-bench";
    private static final String ENGINE = "bench-debezium";
    private static final String TOPIC_PREFIX = "bench";

    private static ClassLoader isolated;

    private final MariaDbProcess server;
    private AutoCloseable engine;

    DebeziumRowStream(MariaDbProcess server) {
        this.server = server;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(String file, long position, LongConsumer onRow) throws Exception {
        Properties config = config("bench.e2e");
        config.setProperty("bench.seed.offset.key",
                "[\"" + ENGINE + "\",{\"server\":\"" + TOPIC_PREFIX + "\"}]");
        config.setProperty("bench.seed.offset.value", "{\"file\":\"" + file + "\",\"pos\":" + position + "}");
        // With an offset given and no schema history, no_data refuses to start ("the db history topic is missing");
        // recovery is no_data for that case: it reads the tables' schema (no rows), then streams from the offset.
        config.setProperty("snapshot.mode", "recovery");
        launch(config, "c", onRow);
    }

    /**
     * Debezium's initial snapshot of {@code table} ({@code schema.table}) alone: {@code snapshot.mode=initial_only}
     * with nothing in the in-memory offset store, so it copies the table and streams nothing; each row it reads (a
     * record with op {@code "r"}) hands its id to {@code onRow}. The engine idles after the copy until closed.
     */
    void startSnapshot(String table, LongConsumer onRow) throws Exception {
        Properties config = config(table);
        config.setProperty("snapshot.mode", "initial_only");
        launch(config, "r", onRow);
    }

    /** What both uses share: its own user, offsets and schema history in memory, no locks, one table. */
    private Properties config(String table) throws SQLException {
        createUser();
        Properties config = new Properties();
        config.setProperty("name", ENGINE);
        config.setProperty("connector.class", "io.debezium.connector.mysql.MySqlConnector");
        config.setProperty("offset.storage", "dev.binlog.bench.debezium.SeededOffsetStore");
        config.setProperty("offset.flush.interval.ms", "60000");
        config.setProperty("schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
        config.setProperty("snapshot.locking.mode", "none");
        config.setProperty("database.hostname", server.host());
        config.setProperty("database.port", Integer.toString(server.port()));
        config.setProperty("database.user", USER);
        config.setProperty("database.password", PASSWORD);
        config.setProperty("database.ssl.mode", "disabled");
        config.setProperty("database.jdbc.driver", "dev.binlog.bench.debezium.MariaDbStatementDriver");
        config.setProperty("database.protocol", "jdbc:bench-mysql");
        config.setProperty("database.server.id", Long.toString(2_100_000_000L + (System.nanoTime() & 0xFFFF)));
        config.setProperty("topic.prefix", TOPIC_PREFIX);
        config.setProperty("database.include.list", table.substring(0, table.indexOf('.')));
        config.setProperty("table.include.list", table);
        config.setProperty("include.schema.changes", "false");
        config.setProperty("tombstones.on.delete", "false");
        // Its default (500 ms between polls of the connector's queue when it is not full) puts half a second into
        // every latency figure; the other clients hand each event over as it arrives.
        config.setProperty("poll.interval.ms", System.getProperty("binlog.bench.debezium.poll.ms", "5"));
        return config;
    }

    private void launch(Properties config, String op, LongConsumer onRow) throws Exception {
        ClassLoader loader = isolatedLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            engine = (AutoCloseable) loader.loadClass("dev.binlog.bench.debezium.DebeziumEngineRun")
                    .getMethod("start", Properties.class, String.class, LongConsumer.class)
                    .invoke(null, config, op, onRow);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    /** Whether the engine stopped on its own (bad configuration, grants, a failed snapshot); toString says why. */
    boolean failed() {
        return engine != null && !"running".equals(engine.toString());
    }

    @Override
    public String toString() {
        return NAME + " (" + engine + ")";
    }

    /**
     * What Debezium's MySQL connector asks for when it takes no snapshot of data: SELECT and SHOW DATABASES for the
     * schema, REPLICATION SLAVE/CLIENT for the binlog; RELOAD for the FLUSH it may issue.
     */
    private void createUser() throws SQLException {
        try (Connection c = server.adminConnection(null); Statement s = c.createStatement()) {
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                String user = "'" + USER + "'@'" + host + "'";
                s.execute("CREATE USER IF NOT EXISTS " + user + " IDENTIFIED BY '" + PASSWORD + "'");
                s.execute("GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO "
                        + user);
            }
        }
    }

    private static synchronized ClassLoader isolatedLoader() throws MalformedURLException {
        if (isolated == null) {
            quietLogging();
            String connectorJ = jarOf(BinaryLogClient.class);
            List<URL> urls = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().toString().equals(connectorJ)) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
            }
            isolated = new URLClassLoader("debezium", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }
        return isolated;
    }

    /** The jar connector-j's classes come from; {@link ConnectorJDecoder#requireZendeskJar} checks it is 0.30.1. */
    static String jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath()
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** slf4j-simple in Debezium's class loader reads these when it starts; Debezium and Kafka log much at INFO. */
    private static void quietLogging() {
        for (String logger : List.of("io.debezium", "org.apache.kafka")) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
