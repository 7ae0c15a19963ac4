package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.PositionStore;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotKind;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.stream.SnapshotWatermark;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Verification of the snapshot issue, items 1 and 3: writers change two tables at random while they are copied in
 * chunks of 7 (an INT key, and a composite key of a case-insensitive VARCHAR holding mixed-case and trailing-space
 * values and an INT), with key-changing updates, delete-then-reinsert and deletes of rows not yet copied. A consumer
 * applies every event as an upsert or delete by key. Every row version comes from a per-key counter the writers
 * increment under a lock, so in commit order a key's versions only grow: a snapshot row older than a change already
 * delivered would show as a version going backwards. After the writers stop and the stream has passed the server's
 * position, the consumer equals the tables. Then the same with the client killed (no close, nothing saved after the
 * kill) at points spread over the copy and restarted from its store.
 */
class SnapshotConvergenceLiveTest {

    private static final int CHUNK = 7;
    private static final String[] WORDS = {"abc", "ABC", "Abc ", "abc  ", "x y", "X Y ", "b", "B", "zz", "Zz "};

    @LiveTest
    void incrementalSnapshotsConvergeUnderConcurrentWriters(LiveServer live) throws Exception {
        for (long seed : new long[] {1, 2, 3}) {
            converge(live, SnapshotKind.INCREMENTAL, seed, -1);
        }
    }

    @LiveTest
    void incrementalSnapshotsWithGtidWatermarksConvergeUnderConcurrentWriters(LiveServer live) throws Exception {
        for (long seed : new long[] {6, 7}) {
            converge(live, SnapshotKind.INCREMENTAL, SnapshotWatermark.GTID, seed, -1);
        }
    }

    @LiveTest
    void consistentSnapshotsConvergeUnderConcurrentWriters(LiveServer live) throws Exception {
        for (long seed : new long[] {4, 5}) {
            converge(live, SnapshotKind.CONSISTENT, seed, -1);
        }
    }

    @LiveTest
    void anIncrementalSnapshotKilledAnywhereResumesAndConverges(LiveServer live) throws Exception {
        // the kill lands after that many applied events: early in the copy, mid-chunk, between windows, late
        for (int killAt : new int[] {3, 40, 95, 230}) {
            converge(live, SnapshotKind.INCREMENTAL, killAt, killAt);
        }
    }

    @LiveTest
    void aConsistentSnapshotKilledDuringTheCopyCopiesAgainAndConverges(LiveServer live) throws Exception {
        converge(live, SnapshotKind.CONSISTENT, 11, 60);
    }

    private void converge(LiveServer live, SnapshotKind kind, long seed, int killAt) throws Exception {
        converge(live, kind, SnapshotWatermark.TABLE, seed, killAt);
    }

    private void converge(LiveServer live, SnapshotKind kind, SnapshotWatermark watermark, long seed, int killAt)
            throws Exception {
        String db = live.database();
        live.execute("DROP TABLE IF EXISTS conv_int", "DROP TABLE IF EXISTS conv_comp", "DROP TABLE IF EXISTS conv_ver",
                "CREATE TABLE conv_int (id INT PRIMARY KEY, version BIGINT NOT NULL, note VARCHAR(20))",
                "CREATE TABLE conv_comp (k VARCHAR(32) COLLATE utf8mb4_general_ci NOT NULL, n INT NOT NULL,"
                        + " version BIGINT NOT NULL, PRIMARY KEY (k, n))",
                "CREATE TABLE conv_ver (name VARCHAR(80) COLLATE utf8mb4_general_ci PRIMARY KEY, v BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS binlog_signal (id VARCHAR(64) PRIMARY KEY, type VARCHAR(32) NOT NULL,"
                        + " data VARCHAR(2048) NULL)",
                "GRANT INSERT, DELETE ON " + db + ".binlog_signal TO '" + LiveServer.REPLICATION_USER + "'@'%'");
        Workload workload = new Workload(live, seed);
        for (int id = 1; id <= 150; id++) {
            workload.write(new Key("conv_int", null, id), Op.UPSERT);
        }
        for (int i = 0; i < 60; i++) {
            workload.write(new Key("conv_comp", WORDS[i % WORDS.length], i / 3), Op.UPSERT);
        }
        KillableStore store = new KillableStore();
        Replica replica = new Replica(killAt, store::kill, kind == SnapshotKind.CONSISTENT);
        SnapshotSettings snapshot = SnapshotSettings.of(SnapshotMode.INITIAL).withKind(kind).withChunkSize(CHUNK)
                .withWatermark(watermark)
                .withTables(TableFilter.builder().include(db + ".conv_int", db + ".conv_comp").build());
        List<Thread> writers = workload.start(3);
        BinlogClient client = client(live, snapshot, store, replica);
        try {
            client.start();
            if (killAt >= 0) {
                awaitTrue(() -> replica.killed.get(), "the kill after " + killAt + " events");
                client.close();
                store.revive();
                replica.restart();
                client = client(live, snapshot, store, replica);
                client.start();
            }
            awaitTrue(() -> replica.markers.stream().anyMatch(m -> m.kind() == SnapshotMarker.Kind.SNAPSHOT_FINISHED),
                    "the snapshot's end (" + kind + ", seed " + seed + "); markers " + replica.markers);
            // the writers go on past the copy's end, so the stream carries changes of rows already copied
            int writesAtEnd = workload.writes.get();
            awaitTrue(() -> workload.writes.get() >= writesAtEnd + 30, "30 writes after the copy");
            workload.stop(writers);
            Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
            BinlogPosition end = new BinlogPosition((String) status.get("File"),
                    ((Number) status.get("Position")).longValue());
            BinlogClient running = client;
            awaitTrue(() -> running.currentPosition().map(p -> p.compareTo(end) >= 0).orElse(false),
                    "the stream passing " + end);
        } finally {
            workload.stop(writers);
            client.close();
        }
        String label = kind + " " + watermark + " seed " + seed + (killAt >= 0 ? " killed after " + killAt : "");
        assertThat(replica.backwards).as(label + ": versions going backwards").isEmpty();
        assertThat(replica.rows).as(label + ": the consumer equals the tables").isEqualTo(workload.tables());
        assertThat(replica.streamed.get()).as(label + ": streamed changes applied").isGreaterThan(0);
        if (killAt >= 0 && kind == SnapshotKind.INCREMENTAL) {
            Set<String> again = new HashSet<>(replica.readBeforeKill);
            again.retainAll(replica.readAfterKill);
            assertThat(again.size()).as(label + ": snapshot rows read again after the restart").isLessThanOrEqualTo(CHUNK);
            assertThat(replica.readAfterKill).as(label + ": the restart went on with the copy").isNotEmpty();
        }
    }

    private static BinlogClient client(LiveServer live, SnapshotSettings snapshot, PositionStore store,
            ChangeListener listener) {
        String db = live.database();
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(db + ".conv_int", db + ".conv_comp").build())
                .positionStore(store).snapshot(snapshot).listener(listener).build();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 60 s for " + what);
            }
            Thread.sleep(10);
        }
    }

    enum Op { UPSERT, UPDATE, DELETE, MOVE, DELETE_REINSERT }

    /** A row's key: {@code word} and {@code n} for conv_comp, {@code n} alone for conv_int. */
    record Key(String table, String word, int n) {
        /** The key under the column's collation (case-insensitive, trailing spaces ignored): one row, one counter. */
        String identity() {
            return table + "|" + n + "|" + (word == null ? "" : word.toLowerCase(Locale.ROOT).stripTrailing());
        }

        String exact() {
            return table + "|" + n + "|" + (word == null ? "" : word);
        }
    }

    /** Writers doing random changes, each transaction first taking the next version of the keys it touches. */
    static final class Workload {
        private final LiveServer live;
        private final long seed;
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger writes = new AtomicInteger();

        Workload(LiveServer live, long seed) {
            this.live = live;
            this.seed = seed;
        }

        List<Thread> start(int threads) {
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Random random = new Random(seed * 31 + t);
                Thread writer = new Thread(() -> {
                    while (running.get()) {
                        Op op = Op.values()[random.nextInt(Op.values().length)];
                        Key key = random.nextBoolean() ? new Key("conv_int", null, 1 + random.nextInt(220))
                                : new Key("conv_comp", WORDS[random.nextInt(WORDS.length)], random.nextInt(25));
                        if (write(key, op)) {
                            writes.incrementAndGet();
                        }
                    }
                }, "writer-" + t);
                writer.start();
                started.add(writer);
            }
            return started;
        }

        void stop(List<Thread> writers) throws InterruptedException {
            running.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
        }

        /** One transaction; false when it lost a race (duplicate key, deadlock) and was rolled back. */
        boolean write(Key key, Op op) {
            Key moved = key.word() == null ? new Key(key.table(), null, key.n() + 37)
                    : new Key(key.table(), key.word().toUpperCase(Locale.ROOT), key.n() + 1);
            try (Connection c = live.connection()) {
                c.setAutoCommit(false);
                try {
                    long version = nextVersion(c, key);
                    switch (op) {
                        case UPSERT -> upsert(c, key, version);
                        case UPDATE -> update(c, "UPDATE " + key.table() + " SET version = " + version
                                + (key.word() == null ? ", note = 'u" + version + "'" : "") + where(key));
                        case DELETE -> update(c, "DELETE FROM " + key.table() + where(key));
                        case MOVE -> {
                            long movedVersion = nextVersion(c, moved);
                            update(c, "UPDATE " + key.table() + " SET " + (key.word() == null ? "id = " + moved.n()
                                    : "k = " + literal(moved.word()) + ", n = " + moved.n()) + ", version = "
                                    + movedVersion + where(key));
                        }
                        case DELETE_REINSERT -> {
                            update(c, "DELETE FROM " + key.table() + where(key));
                            upsert(c, key, nextVersion(c, key));
                        }
                    }
                    c.commit();
                    return true;
                } catch (SQLException e) {
                    c.rollback();
                    return false;
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private static long nextVersion(Connection c, Key key) throws SQLException {
            try (PreparedStatement up = c.prepareStatement(
                    "INSERT INTO conv_ver VALUES (?, 1) ON DUPLICATE KEY UPDATE v = v + 1")) {
                up.setString(1, key.identity());
                up.executeUpdate();
            }
            try (PreparedStatement read = c.prepareStatement("SELECT v FROM conv_ver WHERE name = ?")) {
                read.setString(1, key.identity());
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }

        private static void upsert(Connection c, Key key, long version) throws SQLException {
            update(c, key.word() == null
                    ? "INSERT INTO conv_int VALUES (" + key.n() + ", " + version + ", 'i" + version + "')"
                            + " ON DUPLICATE KEY UPDATE version = VALUES(version), note = VALUES(note)"
                    : "INSERT INTO conv_comp VALUES (" + literal(key.word()) + ", " + key.n() + ", " + version + ")"
                            + " ON DUPLICATE KEY UPDATE version = VALUES(version)");
        }

        private static void update(Connection c, String sql) throws SQLException {
            try (Statement s = c.createStatement()) {
                s.executeUpdate(sql);
            }
        }

        private static String where(Key key) {
            return key.word() == null ? " WHERE id = " + key.n()
                    : " WHERE k = " + literal(key.word()) + " AND n = " + key.n();
        }

        private static String literal(String word) {
            return "'" + word.replace("'", "''") + "'";
        }

        /** Both tables as the consumer keys them: exact key, then the row's values. */
        Map<String, Map<String, Object>> tables() {
            Map<String, Map<String, Object>> rows = new HashMap<>();
            for (Map<String, Object> row : live.query("SELECT id, version, note FROM conv_int")) {
                rows.put(new Key("conv_int", null, ((Number) row.get("id")).intValue()).exact(),
                        Map.of("version", ((Number) row.get("version")).longValue(), "note", row.get("note")));
            }
            for (Map<String, Object> row : live.query("SELECT k, n, version FROM conv_comp")) {
                rows.put(new Key("conv_comp", (String) row.get("k"), ((Number) row.get("n")).intValue()).exact(),
                        Map.of("version", ((Number) row.get("version")).longValue()));
            }
            return rows;
        }
    }

    /** The consumer: applies every event by key and checks that no key's version goes backwards. */
    static final class Replica implements ChangeListener {
        final Map<String, Map<String, Object>> rows = new ConcurrentHashMap<>();
        final Map<String, Long> versions = new HashMap<>();
        final Map<String, String> last = new HashMap<>();
        final List<String> backwards = new CopyOnWriteArrayList<>();
        final List<SnapshotMarker> markers = new CopyOnWriteArrayList<>();
        final Set<String> readBeforeKill = ConcurrentHashMap.newKeySet();
        final Set<String> readAfterKill = ConcurrentHashMap.newKeySet();
        final AtomicBoolean killed = new AtomicBoolean();
        final AtomicInteger streamed = new AtomicInteger();
        private final int killAt;
        private final Runnable kill;
        private final boolean clearAtTableStart;
        private int applied;
        private boolean restarted;

        /**
         * @param clearAtTableStart whether a table's copy starts by emptying it, as a consumer of consistent snapshots
         *                          must: a copy cut short starts again, and rows deleted since are in no event
         */
        Replica(int killAt, Runnable kill, boolean clearAtTableStart) {
            this.killAt = killAt;
            this.kill = kill;
            this.clearAtTableStart = clearAtTableStart;
        }

        /** After a restart the stream replays from its last saved position: versions may repeat older ones. */
        synchronized void restart() {
            restarted = true;
            versions.clear();
        }

        @Override
        public synchronized void onChange(RowChange change) {
            if (killed.get() && !restarted) {
                return;
            }
            if (killAt >= 0 && !restarted && ++applied > killAt) {
                kill.run();
                killed.set(true);
                return;
            }
            if (change.before() != null) {
                rows.remove(key(change.table(), change.before()).exact());
            }
            if (change.after() == null) {
                return;
            }
            Key key = key(change.table(), change.after());
            long version = ((Number) change.after().get("version")).longValue();
            rows.put(key.exact(), change.table().equals("conv_int")
                    ? Map.of("version", version, "note", change.after().get("note"))
                    : Map.of("version", version));
            Long seen = versions.put(key.identity(), version);
            String previous = last.put(key.identity(), change.type() + "@" + change.metadata().binlogPosition() + " " + Thread.currentThread().getName());
            if (seen != null && seen > version) {
                backwards.add(change.type() + " " + key.exact() + " version " + version + " after " + seen + " "
                        + Thread.currentThread().getName() + " " + change.metadata().binlogPosition() + " last " + previous);
            }
            if (change.type() == ChangeType.READ) {
                (restarted ? readAfterKill : readBeforeKill).add(key.exact());
            } else {
                streamed.incrementAndGet();
            }
        }

        @Override
        public synchronized void onSnapshot(SnapshotMarker marker) {
            if (killed.get() && !restarted) {
                return;
            }
            markers.add(marker);
            if (clearAtTableStart && marker.kind() == SnapshotMarker.Kind.TABLE_STARTED) {
                rows.keySet().removeIf(key -> key.startsWith(marker.table() + "|"));
            }
        }

        private static Key key(String table, Row row) {
            return table.equals("conv_int") ? new Key(table, null, ((Number) row.get("id")).intValue())
                    : new Key(table, (String) row.get("k"), ((Number) row.get("n")).intValue());
        }
    }

    /** A store that, once killed, keeps what it held: the saves a dead process would never have made are lost. */
    static final class KillableStore implements PositionStore {
        private final PositionStore held = PositionStore.inMemory();
        private volatile boolean dead;

        void kill() {
            dead = true;
        }

        void revive() {
            dead = false;
        }

        @Override
        public Optional<BinlogPosition> load() {
            return held.load();
        }

        @Override
        public void save(BinlogPosition position) {
            if (!dead) {
                held.save(position);
            }
        }
    }
}
