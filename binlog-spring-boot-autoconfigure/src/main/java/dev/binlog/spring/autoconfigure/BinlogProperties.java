package dev.binlog.spring.autoconfigure;

import dev.binlog.ChangeType;
import dev.binlog.ConfigurationException;
import dev.binlog.SchemaSource;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.SnapshotKind;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.stream.SnapshotWatermark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of the binlog stream, under {@code binlog.*}. */
@ConfigurationProperties("binlog")
public class BinlogProperties {

    /** Whether to stream at all. */
    private boolean enabled = true;

    /** Whether the stream starts with the application context. */
    private boolean autoStartup = true;

    /**
     * Whether startup fails when the stream cannot start (server unreachable, login refused…); else the application
     * starts with health DOWN and the stream is started in the background, retried with the connection back-off.
     */
    private boolean failFast = false;

    /** Server host; when unset, the stream follows the application's MySQL/MariaDB data source. */
    private String host;

    /** Server port; when unset, the followed data source's port, else 3306. */
    private Integer port;

    /**
     * Further servers of the same replication topology ({@code host:port}), tried in order when the server cannot be
     * reached any more; the stream resumes there by its committed GTID state.
     */
    private List<String> hosts = new ArrayList<>();

    /** Replication user (REPLICATION SLAVE, REPLICATION CLIENT, SELECT); defaults to the data source's user. */
    private String username;

    /** Its password; defaults to the data source's password. */
    private String password;

    /** This client's server_id as a replica; random in a high range when unset. */
    private Long serverId;

    /** Where to start when the position store holds nothing: latest, earliest, FILE:POS, a GTID set, or @time. */
    private String startPosition = "latest";

    /** Where the column names come from. */
    private SchemaSource schemaSource = SchemaSource.AUTO;

    private final Ssl ssl = new Ssl();

    private final Connection connection = new Connection();

    private final PositionStoreProperties positionStore = new PositionStoreProperties();

    private final Filter filter = new Filter();

    private final Snapshot snapshot = new Snapshot();

    private final ErrorHandling errorHandling = new ErrorHandling();

    private final Listener listener = new Listener();

    private final Health health = new Health();

    private final Metrics metrics = new Metrics();

    private final Cluster cluster = new Cluster();

    public Cluster getCluster() {
        return cluster;
    }

    public Health getHealth() {
        return health;
    }

    public Snapshot getSnapshot() {
        return snapshot;
    }

    public Metrics getMetrics() {
        return metrics;
    }

    /**
     * Several instances of the application: whether each streams on its own, or one leader at a time (elected with a
     * lock in the application's DataSource, fenced by an epoch in the JDBC position row).
     */
    public static class Cluster {
        /**
         * all: every instance streams (each its own server id; e.g. cache invalidation); leader: one instance streams
         * and the others stand by, taking over when it stops or dies (needs binlog.position-store.type=jdbc and
         * spring-integration-jdbc).
         */
        private ClusterMode mode = ClusterMode.ALL;

        /**
         * Name of the leadership lock (a row of INT_LOCK); instances with the same name elect one leader. Defaults to
         * binlog: followed by the position table and row name, so that instances sharing a position share the lock.
         */
        private String lockName;

        /**
         * How long the lock stays the leader's without a renewal: after the leader dies, another takes over within
         * about this long. The leader stops delivering before it has gone this long without renewing.
         */
        private Duration ttl = Duration.ofSeconds(10);

        /** How often the leader renews the lock and standbys try to take it; well under ttl. */
        private Duration heartbeat = Duration.ofSeconds(2);

        /**
         * This instance in the claim of the position row, health and the endpoint; defaults to the host name and the
         * process id (host:pid).
         */
        private String instanceId;

        public ClusterMode getMode() {
            return mode;
        }

        public void setMode(ClusterMode mode) {
            this.mode = mode;
        }

        public String getLockName() {
            return lockName;
        }

        public void setLockName(String lockName) {
            this.lockName = lockName;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public String getInstanceId() {
            return instanceId;
        }

        public void setInstanceId(String instanceId) {
            this.instanceId = instanceId;
        }
    }

    /** How the instances of a cluster share the stream. */
    public enum ClusterMode {
        /** Every instance streams on its own. */
        ALL,
        /** One instance, the elected leader, streams; the others stand by. */
        LEADER
    }

    /** The binlog health indicator. */
    public static class Health {
        /**
         * How long the indicator stays UP while the client (re)connects before it turns DOWN. Default: twice
         * binlog.connection.max-backoff.
         */
        private Duration reconnectGrace;

        public Duration getReconnectGrace() {
            return reconnectGrace;
        }

        public void setReconnectGrace(Duration reconnectGrace) {
            this.reconnectGrace = reconnectGrace;
        }
    }

    /** Micrometer meters. */
    public static class Metrics {
        /** Distinct schema.table tags of binlog.rows; changes of further tables count as other.other. */
        private int maxTables = 100;

        public int getMaxTables() {
            return maxTables;
        }

        public void setMaxTables(int maxTables) {
            this.maxTables = maxTables;
        }
    }

    /** TLS settings. */
    public static class Ssl {
        /** TLS mode, as the mysql client's --ssl-mode. Default: verify-ca with a bundle, else preferred. */
        private TlsMode mode;
        /** PEM file with the CA that signs the server certificate (VERIFY_CA, VERIFY_IDENTITY). */
        private Path caFile;
        /**
         * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*): its trust material checks the server certificate,
         * its key material (if any) is the client certificate; ca-file is then ignored.
         */
        private String bundle;

        public TlsMode getMode() {
            return mode;
        }

        /** The mode in effect: the configured one, else VERIFY_CA when a bundle is set, else PREFERRED. */
        public TlsMode effectiveMode() {
            return mode != null ? mode : bundle != null ? TlsMode.VERIFY_CA : TlsMode.PREFERRED;
        }

        public String getBundle() {
            return bundle;
        }

        public void setBundle(String bundle) {
            this.bundle = bundle;
        }

        public void setMode(TlsMode mode) {
            this.mode = mode;
        }

        public Path getCaFile() {
            return caFile;
        }

        public void setCaFile(Path caFile) {
            this.caFile = caFile;
        }
    }

    /** Connection behaviour. */
    public static class Connection {
        /** TCP connect timeout; it also bounds the whole login after the connect (greeting, TLS, authentication). */
        private Duration connectTimeout = Duration.ofSeconds(10);
        /** Heartbeat period; twice this without an event means the connection is dead. */
        private Duration heartbeat = Duration.ofSeconds(5);
        /** First reconnect delay; doubles up to max-backoff. */
        private Duration initialBackoff = Duration.ofSeconds(1);
        /** Longest reconnect delay. */
        private Duration maxBackoff = Duration.ofSeconds(60);
        /** Failed reconnects in a row before giving up; unset: never gives up on retryable errors. */
        private Integer maxAttempts;
        /**
         * Keep the stream alive: reconnect (with the back-off above) when the connection drops or goes silent. With
         * false, a lost connection stops the stream with the error (health DOWN) until the application restarts it.
         */
        private boolean keepalive = true;
        /**
         * Largest binlog event accepted (1KB to 2047MB); a larger one stops the stream with an error naming its
         * position before any of it is buffered, so the server (or whatever answers on its port) cannot make the
         * application buffer more.
         */
        private DataSize maxEventSize = DataSize.ofGigabytes(1);

        public DataSize getMaxEventSize() {
            return maxEventSize;
        }

        public void setMaxEventSize(DataSize maxEventSize) {
            this.maxEventSize = maxEventSize;
        }

        public boolean isKeepalive() {
            return keepalive;
        }

        public void setKeepalive(boolean keepalive) {
            this.keepalive = keepalive;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getHeartbeat() {
            return heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public Integer getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }
    }

    /** Where committed positions are kept. */
    public static class PositionStoreProperties {
        /** file, memory, or jdbc (a table in the application's DataSource). */
        private StoreType type = StoreType.FILE;
        /** Position file for type=file. */
        private Path path = Path.of("binlog.position");
        /** Table for type=jdbc; created when missing. */
        private String table = "binlog_position";
        /**
         * Row of the table for type=jdbc, so that applications sharing the table keep their own positions; defaults to
         * spring.application.name, else "default".
         */
        private String name;

        public StoreType getType() {
            return type;
        }

        public void setType(StoreType type) {
            this.type = type;
        }

        public Path getPath() {
            return path;
        }

        public void setPath(Path path) {
            this.path = path;
        }

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    /** Kinds of position store. */
    public enum StoreType {
        FILE,
        MEMORY,
        JDBC
    }

    /** Which tables and change types the stream decodes at all (listeners filter further). */
    public static class Filter {
        /** schema.table patterns to include (* wildcards, /regex/); empty includes every table. */
        private List<String> include = new ArrayList<>();
        /** schema.table patterns to exclude; an exclude wins over an include. */
        private List<String> exclude = new ArrayList<>();
        /** Change types to stream; empty means all. */
        private List<ChangeType> types = new ArrayList<>();

        public List<String> getInclude() {
            return include;
        }

        public void setInclude(List<String> include) {
            this.include = include;
        }

        public List<String> getExclude() {
            return exclude;
        }

        public void setExclude(List<String> exclude) {
            this.exclude = exclude;
        }

        public List<ChangeType> getTypes() {
            return types;
        }

        public void setTypes(List<ChangeType> types) {
            this.types = types;
        }
    }

    /**
     * A copy of the tables as they are: consistent (before the stream follows the binary log from the copy's point in
     * time) or incremental (in chunks while the stream flows).
     */
    public static class Snapshot {
        /** When to copy: never, initial (when no position is stored), initial-only (then stop), when-needed. */
        private SnapshotMode mode = SnapshotMode.NEVER;
        /**
         * How to copy at start: consistent (one transaction before streaming begins) or incremental (chunks read while
         * the stream flows, progress saved with the position). A snapshot asked for later is always incremental.
         */
        private SnapshotKind kind = SnapshotKind.CONSISTENT;
        /**
         * How an incremental snapshot marks its chunk windows: table (rows written to the signal table; the user needs
         * INSERT and DELETE on it, and CREATE to create it) or gtid (writes nothing; needs GTIDs in the binary log).
         */
        private SnapshotWatermark watermark = SnapshotWatermark.TABLE;
        /**
         * Signal table, table or schema.table: a bare name is watched in every schema and created, when missing, in
         * the schema of the first table copied. Rows inserted into it (id, type, data) ask for, pause, resume or stop
         * incremental snapshots.
         */
        private String signalTable = SnapshotSettings.DEFAULT_SIGNAL_TABLE;
        /** schema.table patterns of the tables to copy, among those binlog.filter includes; empty copies them all. */
        private List<String> tables = new ArrayList<>();
        /**
         * Rows per key-ordered chunk query. A consistent copy hands rows on as they arrive; an incremental one holds a
         * chunk until its window closes, so this also bounds its memory.
         */
        private int chunkSize = SnapshotSettings.DEFAULT_CHUNK_SIZE;
        /**
         * For tables without a primary key: schema.table to the columns of a unique key whose columns are all NOT
         * NULL, read in that order (binlog.snapshot.keys[shop.logs]=id,ts).
         */
        private Map<String, List<String>> keys = new LinkedHashMap<>();

        public Map<String, List<String>> getKeys() {
            return keys;
        }

        public void setKeys(Map<String, List<String>> keys) {
            this.keys = keys;
        }

        public SnapshotMode getMode() {
            return mode;
        }

        public void setMode(SnapshotMode mode) {
            this.mode = mode;
        }

        public SnapshotKind getKind() {
            return kind;
        }

        public void setKind(SnapshotKind kind) {
            this.kind = kind;
        }

        public SnapshotWatermark getWatermark() {
            return watermark;
        }

        public void setWatermark(SnapshotWatermark watermark) {
            this.watermark = watermark;
        }

        public String getSignalTable() {
            return signalTable;
        }

        public void setSignalTable(String signalTable) {
            this.signalTable = signalTable;
        }

        public List<String> getTables() {
            return tables;
        }

        public void setTables(List<String> tables) {
            this.tables = tables;
        }

        public int getChunkSize() {
            return chunkSize;
        }

        public void setChunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
        }

        SnapshotSettings settings() {
            SnapshotSettings settings = SnapshotSettings.of(mode).withKind(kind).withWatermark(watermark)
                    .withChunkSize(chunkSize);
            try {
                settings = settings.withSignalTable(signalTable);
            } catch (ConfigurationException e) {
                throw new ConfigurationException("binlog.snapshot.signal-table: " + e.getMessage(), e);
            }
            for (Map.Entry<String, List<String>> key : keys.entrySet()) {
                settings = settings.withKey(key.getKey(), key.getValue().toArray(String[]::new));
            }
            return tables.isEmpty() ? settings
                    : settings.withTables(TableFilter.builder().include(tables.toArray(String[]::new)).build());
        }
    }

    /** What happens when a listener method throws. */
    public static class ErrorHandling {
        /**
         * stop: stop the stream, nothing skipped (health DOWN); skip: log position and key, count, go on; dead-letter:
         * write the change to the dead-letter table of the application's DataSource, count, go on.
         */
        private ErrorMode mode = ErrorMode.STOP;
        /** Retries of a failing listener call before the mode applies (conversion errors are never retried). */
        private int retries = 2;
        /** Delay before the first retry; doubles each time. */
        private Duration backoff = Duration.ofMillis(200);
        /** Table of the application's DataSource that mode dead-letter writes to (created when missing). */
        private String deadLetterTable = "binlog_dead_letter";

        public String getDeadLetterTable() {
            return deadLetterTable;
        }

        public void setDeadLetterTable(String deadLetterTable) {
            this.deadLetterTable = deadLetterTable;
        }

        public ErrorMode getMode() {
            return mode;
        }

        public void setMode(ErrorMode mode) {
            this.mode = mode;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }
    }

    /** Error modes. */
    public enum ErrorMode {
        STOP,
        SKIP,
        /** Write the change to the dead-letter table and go on; row listeners only (others stop). */
        DEAD_LETTER
    }

    /** Listener method settings. */
    public static class Listener {
        /**
         * Largest transaction a List&lt;BinlogChange&lt;T&gt;&gt; listener may buffer; a larger one is that listener's
         * failure, handled by its error policy (stop or skip), while the other listeners receive it as usual.
         */
        private int maxTransactionRows = 10_000;
        /**
         * Checking the listeners against the server's tables before streaming: warn (log table patterns and columns
         * that match nothing), strict (fail the start on them), off. Row types that cannot receive a table's rows
         * fail the start unless off.
         */
        private Validation validate = Validation.WARN;

        public Validation getValidate() {
            return validate;
        }

        public void setValidate(Validation validate) {
            this.validate = validate;
        }

        public int getMaxTransactionRows() {
            return maxTransactionRows;
        }

        public void setMaxTransactionRows(int maxTransactionRows) {
            this.maxTransactionRows = maxTransactionRows;
        }
    }

    /** How listeners are checked against the server's tables. */
    public enum Validation {
        WARN,
        STRICT,
        OFF
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public boolean isFailFast() {
        return failFast;
    }

    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public List<String> getHosts() {
        return hosts;
    }

    public void setHosts(List<String> hosts) {
        this.hosts = hosts;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Long getServerId() {
        return serverId;
    }

    public void setServerId(Long serverId) {
        this.serverId = serverId;
    }

    public String getStartPosition() {
        return startPosition;
    }

    public void setStartPosition(String startPosition) {
        this.startPosition = startPosition;
    }

    public SchemaSource getSchemaSource() {
        return schemaSource;
    }

    public void setSchemaSource(SchemaSource schemaSource) {
        this.schemaSource = schemaSource;
    }

    public Ssl getSsl() {
        return ssl;
    }

    public Connection getConnection() {
        return connection;
    }

    public PositionStoreProperties getPositionStore() {
        return positionStore;
    }

    public Filter getFilter() {
        return filter;
    }

    public ErrorHandling getErrorHandling() {
        return errorHandling;
    }

    public Listener getListener() {
        return listener;
    }
}
