package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.event.AnnotateRowsEvent;
import dev.binlog.event.BinlogCheckpointEvent;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.EventType;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.event.MariaGtidEvent;
import dev.binlog.event.MariaGtidListEvent;
import dev.binlog.event.QueryEvent;
import dev.binlog.event.TableMapEvent;
import dev.binlog.event.WriteRowsEvent;
import dev.binlog.event.XidEvent;
import dev.binlog.event.IntvarEvent;
import dev.binlog.event.RandEvent;
import dev.binlog.event.UserVarEvent;
import dev.binlog.event.decode.ColumnValueReader;
import dev.binlog.event.decode.ColumnValueReaders;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.file.BinlogFileReader;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import dev.binlog.testsupport.MariaDbProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads the binlog files a live MariaDB writes, straight from its data folder: MariaDB's own events (GTID,
 * GTID_LIST, BINLOG_CHECKPOINT, ANNOTATE_ROWS) and, with {@code log_bin_compress=ON}, its compressed events.
 */
class MariaDbBinlogFileLiveTest {

    private static final String LONG_COMMENT = "x".repeat(300);

    /**
     * Test scaffolding, not value decoding: the few column types these tables use (INT, VARCHAR, TEXT) read just
     * enough to check row layout, so this test does not depend on the value layer.
     */
    private static final ColumnValueReader SIMPLE_COLUMNS = (in, column) -> switch (column.type()) {
        case LONG -> in.readInt32();
        case VARCHAR -> in.readString(column.metadata() < 256 ? in.readUint8() : in.readUint16(),
                StandardCharsets.UTF_8);
        case BLOB -> in.readString((int) in.readUintN(column.metadata()), StandardCharsets.UTF_8);
        default -> throw new IllegalStateException("test reader does not handle " + column.type());
    };

    private static List<BinlogEvent> readClosedLog(LiveServer live, Path dataDir, Runnable statements) throws Exception {
        live.execute("FLUSH BINARY LOGS");
        String file = live.queryString("SHOW MASTER STATUS");
        statements.run();
        live.execute("FLUSH BINARY LOGS");
        List<BinlogEvent> events = new ArrayList<>();
        Path path = dataDir.resolve(file);
        EventDecoder decoder = new EventDecoder(new DecoderContext(path.toString(), SIMPLE_COLUMNS,
                ColumnValueReaders.defaultJsonDiffApplier()));
        try (BinlogFileReader reader = new BinlogFileReader(path, decoder)) {
            for (BinlogEvent event; (event = reader.next()) != null; ) {
                events.add(event);
            }
        }
        return events;
    }

    private static Path dataDir(LiveServer live) {
        Assumptions.assumeTrue(live.server() instanceof MariaDbProcess, "binlog files readable only for local servers");
        return ((MariaDbProcess) live.server()).dataDir();
    }

    @LiveTest
    void readsMariaDbGtidAnnotateAndRowEventsFromTheDataFolder(LiveServer live) throws Exception {
        Path dataDir = dataDir(live);
        String table = live.database() + ".plain";
        live.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(20))");

        List<BinlogEvent> events = readClosedLog(live, dataDir, () -> live.execute(
                "INSERT INTO " + table + " VALUES (1, 'one'), (2, NULL)"));

        assertThat(events.get(0)).isInstanceOfSatisfying(FormatDescriptionEvent.class,
                fde -> assertThat(fde.serverVersion()).isEqualTo(live.server().version()));
        assertThat(events.get(1)).isInstanceOf(MariaGtidListEvent.class);
        assertThat(events).filteredOn(BinlogCheckpointEvent.class::isInstance).isNotEmpty();
        MariaGtidEvent gtid = (MariaGtidEvent) events.stream().filter(MariaGtidEvent.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(gtid.standalone()).isFalse();
        assertThat(events).filteredOn(AnnotateRowsEvent.class::isInstance).extracting(e -> ((AnnotateRowsEvent) e).query())
                .containsExactly("INSERT INTO " + table + " VALUES (1, 'one'), (2, NULL)");
        TableMapEvent map = (TableMapEvent) events.stream().filter(TableMapEvent.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(map.qualifiedName()).isEqualTo(table);
        WriteRowsEvent write = (WriteRowsEvent) events.stream().filter(WriteRowsEvent.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(write.header().type()).isEqualTo(EventType.WRITE_ROWS_V1);
        assertThat(write.rows()).hasSize(2);
        assertThat(write.rows().get(0).presentValues()).containsExactly(1, "one");
        assertThat(write.rows().get(1).presentValues()).containsExactly(2, null);
        assertThat(events).filteredOn(XidEvent.class::isInstance).hasSize(1);
    }

    @LiveTest
    void readsMariaDbCompressedQueryAndRowsEvents(LiveServer live) throws Exception {
        Path dataDir = dataDir(live);
        String table = live.database() + ".compressed";
        String ddl = "CREATE TABLE " + table + " (id INT PRIMARY KEY, note TEXT) COMMENT '" + LONG_COMMENT + "'";
        String before = live.queryString("SELECT @@GLOBAL.log_bin_compress");
        String minLength = live.queryString("SELECT @@GLOBAL.log_bin_compress_min_len");
        List<BinlogEvent> events;
        try {
            live.execute("SET GLOBAL log_bin_compress=ON", "SET GLOBAL log_bin_compress_min_len=10");
            events = readClosedLog(live, dataDir, () -> live.execute(ddl,
                    "INSERT INTO " + table + " VALUES (1, '" + LONG_COMMENT + "')"));
        } finally {
            live.execute("SET GLOBAL log_bin_compress=" + before, "SET GLOBAL log_bin_compress_min_len=" + minLength);
        }

        QueryEvent query = (QueryEvent) events.stream()
                .filter(e -> e.header().type() == EventType.MARIA_QUERY_COMPRESSED).findFirst().orElseThrow();
        assertThat(query.sql()).isEqualTo(ddl);
        assertThat(query.status().unparsedFromCode()).isNull();
        WriteRowsEvent write = (WriteRowsEvent) events.stream().filter(WriteRowsEvent.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(write.header().type()).isEqualTo(EventType.MARIA_WRITE_ROWS_COMPRESSED_V1);
        assertThat(write.rows()).hasSize(1);
        assertThat(write.rows().get(0).presentValues()).containsExactly(1, LONG_COMMENT);
    }

    @LiveTest
    void readsStatementContextEventsAndXaGtids(LiveServer live) throws Exception {
        Path dataDir = dataDir(live);
        String table = live.database() + ".stmt";
        live.execute("CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(20), r DOUBLE)");

        List<BinlogEvent> events = readClosedLog(live, dataDir, () -> {
            try (var c = live.connection(); var s = c.createStatement()) {
                s.execute("SET SESSION binlog_format='STATEMENT'");
                s.execute("SET @greeting = 'hello'");
                s.execute("INSERT INTO " + table + " (note, r) VALUES (@greeting, RAND())");
                s.execute("XA START 'xa1'");
                s.execute("INSERT INTO " + table + " (note) VALUES ('in xa')");
                s.execute("XA END 'xa1'");
                s.execute("XA PREPARE 'xa1'");
                s.execute("XA COMMIT 'xa1'");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        UserVarEvent userVar = (UserVarEvent) events.stream().filter(UserVarEvent.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(userVar.name()).isEqualTo("greeting");
        assertThat(userVar.value()).isEqualTo("hello");
        assertThat(events).filteredOn(RandEvent.class::isInstance).hasSize(1);
        IntvarEvent intvar = (IntvarEvent) events.stream().filter(IntvarEvent.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(intvar.kind()).isEqualTo(IntvarEvent.INSERT_ID);
        assertThat(intvar.value()).isEqualTo(1);
        MariaGtidEvent prepared = (MariaGtidEvent) events.stream()
                .filter(e -> e instanceof MariaGtidEvent g && (g.flags() & MariaGtidEvent.FL_PREPARED_XA) != 0)
                .findFirst().orElseThrow();
        assertThat(prepared.xaFormatId()).isEqualTo(1);
        assertThat(new String(prepared.xid(), StandardCharsets.US_ASCII)).isEqualTo("xa1");
        assertThat(events).filteredOn(e -> e instanceof QueryEvent q && q.sql().startsWith("XA COMMIT")).hasSize(1);
    }
}
