package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.ConfigurationException;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.stream.SnapshotMode;
import dev.binlog.stream.SnapshotProgress;
import dev.binlog.stream.SnapshotSettings;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consistent snapshot on a real server: every row once as a READ change, then every later change once, with
 * writers running during the copy; the values a snapshot row carries equal those the binary log gives.
 */
class ConsistentSnapshotLiveTest {

    @LiveTest
    void copiesEveryRowOnceThenStreamsOnlyWhatCommittedAfterTheCopy(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_ids", "CREATE TABLE snap_ids (id INT PRIMARY KEY, note VARCHAR(20))");
        StringBuilder values = new StringBuilder();
        for (int i = 1; i <= 500; i++) {
            values.append(i == 1 ? "" : ",").append('(').append(i).append(", 'row ").append(i).append("')");
        }
        live.execute("INSERT INTO snap_ids VALUES " + values);
        AtomicInteger nextId = new AtomicInteger(1000);
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                int id = nextId.getAndIncrement();
                live.execute("INSERT INTO snap_ids VALUES (" + id + ", 'new')");
            }
        });
        writer.start();
        Collector collector = new Collector();
        try (BinlogClient client = client(live, "snap_ids", SnapshotSettings.of(SnapshotMode.INITIAL)
                .withChunkSize(7), PositionStore.inMemory(), collector)) {
            while (nextId.get() < 1030) {
                Thread.sleep(5);
            }
            client.start();
            awaitMarker(collector, SnapshotMarker.Kind.SNAPSHOT_FINISHED);
            while (nextId.get() < 1100) {
                Thread.sleep(5);
            }
            writing.set(false);
            writer.join();
            int lastId = nextId.get() - 1;
            awaitId(collector, lastId);
            assertThat(client.state()).isEqualTo(ClientState.STREAMING);
        }
        List<Integer> read = collector.ids(ChangeType.READ);
        List<Integer> inserted = collector.ids(ChangeType.INSERT);
        Set<Integer> table = new HashSet<>();
        live.query("SELECT id FROM snap_ids").forEach(r -> table.add(((Number) r.get("id")).intValue()));
        assertThat(read).as("snapshot rows in key order").isSorted().doesNotHaveDuplicates();
        assertThat(read).as("the rows that existed before the writer started").contains(1, 250, 500);
        assertThat(inserted).doesNotHaveDuplicates();
        assertThat(read).as("a row is either copied or streamed, never both").doesNotContainAnyElementsOf(inserted);
        Set<Integer> union = new HashSet<>(read);
        union.addAll(inserted);
        assertThat(union).isEqualTo(table);
        assertThat(collector.markers.get(0).kind()).isEqualTo(SnapshotMarker.Kind.SNAPSHOT_STARTED);
        SnapshotMarker tableFinished = collector.markers.stream()
                .filter(m -> m.kind() == SnapshotMarker.Kind.TABLE_FINISHED).findFirst().orElseThrow();
        assertThat(tableFinished.qualifiedTable()).isEqualTo(live.database() + ".snap_ids");
        assertThat(tableFinished.rows()).isEqualTo(read.size());
    }

    @LiveTest
    void aSnapshotRowEqualsTheBinlogAfterImageOfTheSameRow(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_types", "SET @@SESSION.time_zone = '+00:00'",
                "CREATE TABLE snap_types (id INT PRIMARY KEY, ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT,"
                        + " mi MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,"
                        + " dec1 DECIMAL(10,2), dec2 DECIMAL(65,30), f FLOAT, d DOUBLE, b1 BIT(1), b64 BIT(64),"
                        + " y YEAR, dt DATE, tm TIME, tm6 TIME(6), dtm DATETIME, dtm3 DATETIME(3), ts6 TIMESTAMP(6)"
                        + " NULL, zd DATE, c CHAR(5), vc VARCHAR(300), txt TEXT, l1 VARCHAR(10) CHARACTER SET latin1,"
                        + " bin BINARY(4), vb VARBINARY(10), bl BLOB, e ENUM('small','medium','large'),"
                        + " st SET('a','b','c'), js JSON, u UUID, ip INET6, g POINT) CHARACTER SET utf8mb4");
        live.execute("SET SESSION sql_mode = ''");
        Collector streamed = new Collector();
        try (BinlogClient client = client(live, "snap_types", SnapshotSettings.never(), PositionStore.inMemory(),
                streamed)) {
            client.start();
            live.execute("SET @@SESSION.time_zone = '+00:00'", "SET SESSION sql_mode = ''",
                    "INSERT INTO snap_types VALUES (1, -128, 255, -32768, 16777215, -2147483648, 4294967295,"
                    + " -9223372036854775808, 18446744073709551615, -12345678.90,"
                    + " -12345678901234567890123456789012345.123456789012345678901234567890, 1.2345678, -2.25e-300,"
                    + " b'1', b'1000000000000000000000000000000000000000000000000000000000000001', 2155,"
                    + " '2024-02-29', '-838:59:59', '12:34:56.000001', '9999-12-31 23:59:59',"
                    + " '2000-01-01 00:00:00.123', '2038-01-19 03:14:07.999999', '0000-00-00', 'ab',"
                    + " 'héllo 😀 wörld', REPEAT('x', 70), 'café', X'0100', X'00FF10', X'CAFE', 'large', 'a,c',"
                    + " '{\"k\": [1, 2.5, \"s\", null, true]}', '123e4567-e89b-12d3-a456-426655440000',"
                    + " '2001:db8::ff00:42:8329', ST_GeomFromText('POINT(1 2)', 4326))",
                    "INSERT INTO snap_types (id) VALUES (2)");
            awaitId(streamed, 2);
        }
        Collector copied = new Collector();
        try (BinlogClient client = client(live, "snap_types", SnapshotSettings.of(SnapshotMode.INITIAL_ONLY),
                PositionStore.inMemory(), copied)) {
            client.start();
            assertThat(client.awaitTermination(Duration.ofSeconds(20))).isTrue();
            assertThat(client.state()).isEqualTo(ClientState.STOPPED);
        }
        for (int row = 0; row < 2; row++) {
            Map<String, Object> fromBinlog = comparable(streamed.changes.get(row));
            Map<String, Object> fromSnapshot = comparable(copied.changes.get(row));
            assertThat(copied.changes.get(row).type()).isEqualTo(ChangeType.READ);
            for (String column : fromBinlog.keySet()) {
                assertThat(fromSnapshot.get(column)).as("column %s of row %d on %s", column, row + 1,
                        live.server().name()).isEqualTo(fromBinlog.get(column));
            }
            assertThat(fromSnapshot.keySet()).isEqualTo(fromBinlog.keySet());
        }
        assertThat(copied.changes.get(0).after().get("f")).isEqualTo(1.2345678f);
    }

    @LiveTest
    void readsACompositeKeyUnderItsCollationInTinyChunksOnce(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_composite", "CREATE TABLE snap_composite (k VARCHAR(32) COLLATE"
                + " utf8mb4_general_ci, n INT, PRIMARY KEY (k, n)) CHARACTER SET utf8mb4");
        List<String> keys = List.of("a", "A ", "b", "B", "ä", "Z", "z  ", "straße", "STRASSE", "", " x", "é", "E");
        List<String> inserts = new ArrayList<>();
        int expected = 0;
        for (String k : keys) {
            for (int n = 0; n < 3; n++) {
                inserts.add("INSERT IGNORE INTO snap_composite VALUES ('" + k + "', " + n + ")");
            }
        }
        live.execute(inserts.toArray(String[]::new));
        expected = Integer.parseInt(live.queryString("SELECT COUNT(*) FROM snap_composite"));
        Collector copied = new Collector();
        try (BinlogClient client = client(live, "snap_composite", SnapshotSettings.of(SnapshotMode.INITIAL_ONLY)
                .withChunkSize(2), PositionStore.inMemory(), copied)) {
            client.start();
            assertThat(client.awaitTermination(Duration.ofSeconds(20))).isTrue();
            SnapshotProgress progress = client.snapshotProgress().orElseThrow();
            assertThat(progress.finished()).isTrue();
            assertThat(progress.rows()).isEqualTo(expected);
            assertThat(progress.chunks()).as("chunks of 2 rows, the last one short").isEqualTo(expected / 2 + 1);
            assertThat(progress.tablesCopied()).isEqualTo(1);
            assertThat(progress.remainingTables()).isZero();
        }
        List<String> seen = new ArrayList<>();
        copied.changes.forEach(c -> seen.add(c.after().get("k") + "|" + c.after().get("n")));
        assertThat(seen).doesNotHaveDuplicates().hasSize(expected);
    }

    @LiveTest
    void savesTheCopysPositionAndDoesNotCopyAgainOnTheNextStart(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_once", "CREATE TABLE snap_once (id INT PRIMARY KEY)",
                "INSERT INTO snap_once VALUES (1), (2), (3)");
        PositionStore store = PositionStore.inMemory();
        Collector first = new Collector();
        try (BinlogClient client = client(live, "snap_once", SnapshotSettings.of(SnapshotMode.INITIAL), store,
                first)) {
            client.start();
            awaitMarker(first, SnapshotMarker.Kind.SNAPSHOT_FINISHED);
        }
        BinlogPosition saved = store.load().orElseThrow();
        assertThat(saved).isEqualTo(first.markers.get(0).position());
        live.execute("INSERT INTO snap_once VALUES (4)");
        Collector second = new Collector();
        try (BinlogClient client = client(live, "snap_once", SnapshotSettings.of(SnapshotMode.INITIAL), store,
                second)) {
            client.start();
            awaitId(second, 4);
        }
        assertThat(first.ids(ChangeType.READ)).containsExactly(1, 2, 3);
        assertThat(second.markers).isEmpty();
        assertThat(second.ids(ChangeType.READ)).isEmpty();
        assertThat(second.ids(ChangeType.INSERT)).containsExactly(4);
    }

    @LiveTest
    void refusesATableWithoutAPrimaryKeyWhenStarting(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS snap_nokey", "CREATE TABLE snap_nokey (v INT)");
        BinlogClient client = client(live, "snap_nokey", SnapshotSettings.of(SnapshotMode.INITIAL),
                PositionStore.inMemory(), new Collector());
        try (client) {
            assertThatThrownBy(client::start).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(live.database() + ".snap_nokey has no primary key");
        }
        assertThat(client.state()).isEqualTo(ClientState.FAILED);
    }

    @LiveTest
    void aTableWithoutAPrimaryKeyIsReadByTheUniqueNotNullKeyNamedForIt(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_uk", "CREATE TABLE snap_uk (code VARCHAR(8) NOT NULL, n INT NOT NULL,"
                + " note VARCHAR(8), UNIQUE KEY (code, n))",
                "INSERT INTO snap_uk SELECT CONCAT('k', seq MOD 7), seq, 'x' FROM seq_1_to_50");
        Collector copied = new Collector();
        try (BinlogClient client = client(live, "snap_uk", SnapshotSettings.of(SnapshotMode.INITIAL_ONLY)
                .withChunkSize(3).withKey(live.database() + ".snap_uk", "code", "n"), PositionStore.inMemory(),
                copied)) {
            client.start();
            assertThat(client.awaitTermination(Duration.ofSeconds(20))).isTrue();
        }
        List<String> seen = new ArrayList<>();
        copied.changes.forEach(c -> seen.add(c.after().get("code") + "/" + c.after().get("n")));
        assertThat(seen).hasSize(50).doesNotHaveDuplicates();
        assertThat(copied.changes.get(0).primaryKey()).containsOnlyKeys("code", "n");
    }

    @LiveTest
    void aNamedKeyThatIsNotUniqueOrMayBeNullIsRefusedAtStart(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS snap_badkey", "CREATE TABLE snap_badkey (a INT NOT NULL, b INT NOT NULL,"
                + " c INT, UNIQUE KEY (a, b), UNIQUE KEY (c))");
        String table = live.database() + ".snap_badkey";
        BinlogClient notUnique = client(live, "snap_badkey", SnapshotSettings.of(SnapshotMode.INITIAL)
                .withKey(table, "a"), PositionStore.inMemory(), new Collector());
        try (notUnique) {
            assertThatThrownBy(notUnique::start).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("snapshot key named for " + table + " (a) is not unique");
        }
        BinlogClient nullable = client(live, "snap_badkey", SnapshotSettings.of(SnapshotMode.INITIAL)
                .withKey(table, "c"), PositionStore.inMemory(), new Collector());
        try (nullable) {
            assertThatThrownBy(nullable::start).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("column c, which may be NULL");
        }
    }

    @LiveTest
    void closingDuringTheCopyStopsItAndSavesNothing(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_slow", "CREATE TABLE snap_slow (id INT PRIMARY KEY)",
                "INSERT INTO snap_slow SELECT seq FROM seq_1_to_200");
        PositionStore store = PositionStore.inMemory();
        Collector slow = new Collector() {
            @Override
            public synchronized void onChange(RowChange change) {
                super.onChange(change);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        BinlogClient client = client(live, "snap_slow", SnapshotSettings.of(SnapshotMode.INITIAL).withChunkSize(10),
                store, slow);
        client.start();
        assertThat(client.state()).isEqualTo(ClientState.SNAPSHOTTING);
        Thread.sleep(200);
        long started = System.nanoTime();
        client.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(client.state()).isEqualTo(ClientState.STOPPED);
        assertThat(store.load()).isEmpty();
        assertThat(slow.ids(ChangeType.READ).size()).isBetween(1, 199);
    }

    @LiveTest
    void aColumnAddedDuringTheCopyWaitsForItAndLaterChangesCarryIt(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS snap_ddl", "CREATE TABLE snap_ddl (id INT PRIMARY KEY, v INT)",
                "INSERT INTO snap_ddl SELECT seq, seq FROM seq_1_to_40");
        Collector slow = new Collector() {
            @Override
            public synchronized void onChange(RowChange change) {
                super.onChange(change);
                if (change.type() == ChangeType.READ) {
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        try (BinlogClient client = client(live, "snap_ddl", SnapshotSettings.of(SnapshotMode.INITIAL)
                .withChunkSize(5), PositionStore.inMemory(), slow)) {
            client.start();
            while (slow.changes.size() < 10) {
                Thread.sleep(5);
            }
            // the copy holds the table's metadata lock in its transaction: the ALTER waits for the copy to end
            live.execute("ALTER TABLE snap_ddl ADD COLUMN extra VARCHAR(10) DEFAULT 'new'",
                    "INSERT INTO snap_ddl VALUES (41, 41, 'streamed')");
            awaitId(slow, 41);
        }
        List<RowChange> read = slow.changes.stream().filter(c -> c.type() == ChangeType.READ).toList();
        assertThat(read).hasSize(40).allSatisfy(c -> assertThat(c.after().columnNames()).containsExactly("id", "v"));
        RowChange streamed = slow.changes.stream().filter(c -> c.type() == ChangeType.INSERT).findFirst()
                .orElseThrow();
        assertThat(streamed.after().asMap()).containsEntry("id", 41).containsEntry("extra", "streamed");
    }

    private static BinlogClient client(LiveServer live, String table, SnapshotSettings snapshot,
            PositionStore store, ChangeListener listener) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database() + "." + table).build())
                .positionStore(store).snapshot(snapshot).listener(listener).build();
    }

    /** Values as assertions compare them: bytes as lists, so equal contents are equal. */
    private static Map<String, Object> comparable(RowChange change) {
        Map<String, Object> values = new LinkedHashMap<>();
        change.after().asMap().forEach((k, v) -> values.put(k, v instanceof byte[] b ? toList(b)
                : v instanceof dev.binlog.value.Geometry g ? List.of(g.srid(), toList(g.wkb())) : v));
        return values;
    }

    private static List<Byte> toList(byte[] bytes) {
        List<Byte> list = new ArrayList<>();
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    private static void awaitMarker(Collector collector, SnapshotMarker.Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (collector.markers.stream().noneMatch(m -> m.kind() == kind)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + kind + " marker; markers " + collector.markers);
            }
            Thread.sleep(10);
        }
    }

    private static void awaitId(Collector collector, int id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!collector.allIds().contains(id)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("row " + id + " never arrived; " + collector.changes.size() + " changes");
            }
            Thread.sleep(10);
        }
    }

    static class Collector implements ChangeListener {
        final List<RowChange> changes = new CopyOnWriteArrayList<>();
        final List<SnapshotMarker> markers = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void onChange(RowChange change) {
            changes.add(change);
        }

        @Override
        public void onSnapshot(SnapshotMarker marker) {
            markers.add(marker);
        }

        List<Integer> ids(ChangeType type) {
            return changes.stream().filter(c -> c.type() == type).map(c -> ((Number) c.row().get("id")).intValue())
                    .toList();
        }

        Set<Integer> allIds() {
            Set<Integer> ids = new HashSet<>();
            changes.forEach(c -> ids.add(((Number) c.row().get("id")).intValue()));
            return ids;
        }
    }

}
