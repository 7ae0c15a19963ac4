package dev.binlog.event.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ColumnType;
import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.ChecksumType;
import dev.binlog.event.EventType;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.event.HeartbeatEvent;
import dev.binlog.event.IncidentEvent;
import dev.binlog.event.QueryEvent;
import dev.binlog.event.RowImage;
import dev.binlog.event.StartEncryptionEvent;
import dev.binlog.event.TransactionContextEvent;
import dev.binlog.event.TransactionPayloadEvent;
import dev.binlog.event.UnknownEvent;
import dev.binlog.event.ViewChangeEvent;
import dev.binlog.event.WriteRowsEvent;
import dev.binlog.event.XaPrepareEvent;
import dev.binlog.event.XidEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    /** Test scaffolding only: reads LONG columns as 4-byte ints so row layouts can be checked without ValueDecoder. */
    private static final ColumnValueReader INTS_ONLY = (in, column) -> {
        if (column.type() != ColumnType.LONG) {
            throw new IllegalStateException("test reader handles LONG only");
        }
        return in.readInt32();
    };

    private final DecoderContext context = new DecoderContext("test-server:3306", INTS_ONLY,
            ColumnValueReaders.defaultJsonDiffApplier());
    private final EventDecoder decoder = new EventDecoder(context);

    private BinlogEvent decode(byte[] event) {
        return decoder.decode(event, 0, event.length);
    }

    private void installMariaDbFormat(int checksumAlgorithm) {
        byte[] body = EventBytes.formatDescriptionBody("10.11.6-MariaDB-log", checksumAlgorithm);
        if (checksumAlgorithm == 0) {
            // The checksum field follows the algorithm byte even when checksums are off.
            body = new EventBytes().bytes(body).u32(0).toBytes();
        }
        decode(EventBytes.event(15, 0, 4, body, checksumAlgorithm == 1));
    }

    @Test
    void decodesMariaDbCompressedQueryFromDocumentedLayout() {
        installMariaDbFormat(0);
        byte[] sql = "INSERT INTO t VALUES (1),(2),(3),(4),(5),(6),(7),(8)".getBytes(StandardCharsets.UTF_8);
        byte[] body = new EventBytes().u32(77).u32(0).u8(4).u16(0).u16(0).ascii("test").u8(0)
                .bytes(mariaCompressed(sql)).toBytes();

        BinlogEvent event = decode(EventBytes.event(165, 0, 300, body, false));

        assertThat(event).isInstanceOf(QueryEvent.class);
        QueryEvent query = (QueryEvent) event;
        assertThat(query.header().type()).isEqualTo(EventType.MARIA_QUERY_COMPRESSED);
        assertThat(query.threadId()).isEqualTo(77);
        assertThat(query.schema()).isEqualTo("test");
        assertThat(query.sql()).isEqualTo("INSERT INTO t VALUES (1),(2),(3),(4),(5),(6),(7),(8)");
    }

    @Test
    void decodesMariaDbCompressedWriteRowsFromDocumentedLayout() {
        installMariaDbFormat(0);
        byte[] tableMap = new EventBytes().u48(42).u16(1).u8(4).ascii("test").u8(0).u8(1).ascii("t").u8(0)
                .u8(2).u8(ColumnType.LONG.code()).u8(ColumnType.LONG.code()).u8(0).u8(0b10).toBytes();
        decode(EventBytes.event(19, 0, 400, tableMap, false));
        // Two rows: (7, 1000) and (8, NULL); NULL bitmap byte then the non-NULL values.
        byte[] rows = new EventBytes().u8(0).u32(7).u32(1000).u8(0b10).u32(8).toBytes();
        byte[] body = new EventBytes().u48(42).u16(1).u8(2).u8(0b11).bytes(mariaCompressed(rows)).toBytes();

        WriteRowsEvent event = (WriteRowsEvent) decode(EventBytes.event(166, 0, 500, body, false));

        assertThat(event.table().qualifiedName()).isEqualTo("test.t");
        assertThat(event.rows()).hasSize(2);
        assertThat(event.rows().get(0).presentValues()).containsExactly(7, 1000);
        assertThat(event.rows().get(1).presentValues()).containsExactly(8, null);
        assertThat(event.statementEnd()).isTrue();
    }

    @Test
    void keepsOnlyTheIncludedColumnsOfAMinimalImage() {
        // no FORMAT_DESCRIPTION: v1 rows (type 23) with an 8-byte post-header; columns 0 and 2 of three are included
        byte[] tableMap = new EventBytes().u48(43).u16(1).u8(4).ascii("test").u8(0).u8(1).ascii("m").u8(0)
                .u8(3).u8(ColumnType.LONG.code()).u8(ColumnType.LONG.code()).u8(ColumnType.LONG.code()).u8(0)
                .u8(0b111).toBytes();
        decode(EventBytes.event(19, 0, 400, tableMap, false));
        byte[] body = new EventBytes().u48(43).u16(1).u8(3).u8(0b101).u8(0b10).u32(7).u8(0).u32(8).u32(9).toBytes();

        WriteRowsEvent event = (WriteRowsEvent) decode(EventBytes.event(23, 0, 500, body, false));

        RowImage first = event.rows().get(0);
        assertThat(first.columnCount()).isEqualTo(3);
        assertThat(first.isPresent(1)).isFalse();
        assertThat(first.values()).containsExactly(7, null, null);
        assertThat(event.rows().get(1).values()).containsExactly(8, null, 9);
        assertThat(event.rows().get(1).presentValues()).containsExactly(8, 9);
        assertThat(event.rows().get(1).rowValues().isPresent(2)).isTrue();
    }

    @Test
    void rejectsAnEnumValueCountLargerThanItsFieldWithoutSizingAListByIt() {
        // ENUM column (STRING, real type 0xf7); ENUM_STR_VALUE field (6) of 4 bytes announcing 8388607 names: the
        // decoder allocated a list for them all first (found by binlog-fuzz's RowEventFuzzTest: 556 bytes, 43 MB)
        byte[] tableMap = new EventBytes().u48(44).u16(1).u8(4).ascii("test").u8(0).u8(1).ascii("e").u8(0)
                .u8(1).u8(ColumnType.STRING.code()).u8(2).u8(0xf7).u8(1).u8(1)
                .u8(6).u8(4).u8(0xFD).u8(0xFF).u8(0xFF).u8(0x7F).toBytes();

        assertThatThrownBy(() -> decode(EventBytes.event(19, 0, 400, tableMap, false)))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("8388607 ENUM values of column");
    }

    @Test
    void decodesStartEncryption() {
        installMariaDbFormat(0);
        byte[] nonce = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        byte[] body = new EventBytes().u8(1).u32(3).bytes(nonce).toBytes();

        StartEncryptionEvent event = (StartEncryptionEvent) decode(EventBytes.event(164, 0, 256, body, false));

        assertThat(event.scheme()).isEqualTo(1);
        assertThat(event.keyVersion()).isEqualTo(3);
        assertThat(event.nonce()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void stopsAPayloadAtItsAnnouncedSizeWithoutAllocatingWhatAnInnerEventClaims() {
        // uncompressed payload (type NONE) of 19 bytes announced as 19: an inner header claiming 1 GiB (found by
        // binlog-fuzz's RowEventFuzzTest: the decoder allocated what the header claimed and ran out of memory)
        byte[] inner = new EventBytes().u32(0).u8(16).u32(1).u32(1L << 30).u32(0).u16(0).toBytes();
        // fields (type, length, value): payload size 19, compression 255 (NONE, 0xFC + 2 bytes), uncompressed 19
        byte[] body = new EventBytes().u8(1).u8(1).u8(19).u8(2).u8(3).u8(0xFC).u16(255).u8(3).u8(1).u8(19).u8(0)
                .bytes(inner).toBytes();
        TransactionPayloadEvent payload = (TransactionPayloadEvent) decode(EventBytes.event(40, 0, 4, body, false));

        assertThatThrownBy(() -> payload.events().toList())
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("inner event 0 of 1073741824 bytes takes the payload past the 19 bytes it"
                        + " announced uncompressed");
    }

    @Test
    void surfacesUnknownTypeAsUnknownEventWithItsBody() {
        UnknownEvent event = (UnknownEvent) decode(EventBytes.event(100, 0x80, 281, new byte[] {9, 8, 7}, false));

        assertThat(event.header().type()).isNull();
        assertThat(event.header().typeCode()).isEqualTo(100);
        assertThat(event.header().typeName()).isEqualTo("type 100");
        assertThat(event.ignorable()).isTrue();
        assertThat(event.body()).containsExactly(9, 8, 7);
    }

    @Test
    void verifiesCrc32OfEveryEventAfterAChecksummedFormatDescription() {
        installMariaDbFormat(1);
        assertThat(context.checksumType()).isEqualTo(ChecksumType.CRC32);
        byte[] xid = EventBytes.event(16, 0, 500, new EventBytes().u64(1234).toBytes(), true);

        assertThat(((XidEvent) decode(xid)).xid()).isEqualTo(1234);

        xid[20] ^= 1;
        assertThatThrownBy(() -> decode(xid))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isTrue())
                .hasMessageContaining("test-server:3306 at 500: XID event: CRC32 checksum mismatch");
    }

    @Test
    void acceptsFormatDescriptionChecksummedBeforeTheInUseFlagWasSet() {
        byte[] fde = EventBytes.event(15, 0, 4, EventBytes.formatDescriptionBody("8.0.31", 1), true);
        fde[17] |= 1;

        FormatDescriptionEvent event = (FormatDescriptionEvent) decode(fde);

        assertThat(event.logInUse()).isTrue();
        assertThat(event.serverVersion()).isEqualTo("8.0.31");
        assertThat(event.checksumType()).isEqualTo(ChecksumType.CRC32);
        assertThat(event.postHeaderLength(EventType.QUERY.code())).isEqualTo(13);
    }

    @Test
    void reportsEventShorterThanItsHeaderSaysAsCorrupt() {
        byte[] xid = EventBytes.event(16, 0, 500, new EventBytes().u64(1).toBytes(), false);

        assertThatThrownBy(() -> decoder.decode(xid, 0, xid.length - 3, 500))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isTrue())
                .hasMessageContaining("test-server:3306 at 500: XID event: header says the event is 27 bytes but 24");
    }

    @Test
    void refusesRowsEventWithoutTableMapAsUnsupportedNotCorrupt() {
        byte[] body = new EventBytes().u48(99).u16(1).u8(1).u8(1).u8(0).u32(5).toBytes();

        assertThatThrownBy(() -> decode(EventBytes.event(23, 0, 700, body, false)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isFalse())
                .hasMessageContaining("refers to table id 99 but no TABLE_MAP for it was seen");
    }

    @Test
    void reportsLengthFieldPointingOutsideTheEventAsCorrupt() {
        // XA_PREPARE whose gtrid length (1000) exceeds the body.
        byte[] body = new EventBytes().u8(0).u32(1).u32(1000).u32(1).ascii("ab").toBytes();

        assertThatThrownBy(() -> decode(EventBytes.event(38, 0, 900, body, false)))
                .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isTrue())
                .hasMessageStartingWith("test-server:3306 at 900: XA_PREPARE event: ");
    }

    @Test
    void decodesXaPrepare() {
        byte[] body = new EventBytes().u8(0).u32(1).u32(2).u32(1).ascii("ab").ascii("c").toBytes();

        XaPrepareEvent event = (XaPrepareEvent) decode(EventBytes.event(38, 0, 900, body, false));

        assertThat(event.onePhase()).isFalse();
        assertThat(event.formatId()).isEqualTo(1);
        assertThat(new String(event.gtrid(), StandardCharsets.US_ASCII)).isEqualTo("ab");
        assertThat(new String(event.bqual(), StandardCharsets.US_ASCII)).isEqualTo("c");
    }

    @Test
    void decodesHeartbeatV2Fields() {
        byte[] body = new EventBytes().u8(1).u8(13).ascii("binlog.000042").u8(2).u8(3).u8(0xFC).u16(0x1234).u8(0)
                .toBytes();

        HeartbeatEvent event = (HeartbeatEvent) decode(EventBytes.event(41, 0, 0, body, false));

        assertThat(event.logFile()).isEqualTo("binlog.000042");
        assertThat(event.position()).isEqualTo(0x1234);
    }

    @Test
    void decodesHeartbeatV1FileAndPosition() {
        HeartbeatEvent event = (HeartbeatEvent) decode(
                new EventBytes().bytes(EventBytes.event(27, 0, 0, "mysql-bin.000007".getBytes(StandardCharsets.UTF_8),
                        false)).toBytes());

        assertThat(event.logFile()).isEqualTo("mysql-bin.000007");
        assertThat(event.position()).isEqualTo(35); // log_pos = 0 + event length in this test's framing
    }

    @Test
    void decodesTransactionContext() {
        byte[] body = new EventBytes().u8(3).u32(42).u8(1).u32(2).u32(2).u32(1).ascii("abc").u8(7).u8(8)
                .u16(2).ascii("w1").u16(3).ascii("w22").u16(1).ascii("r").toBytes();

        TransactionContextEvent event = (TransactionContextEvent) decode(EventBytes.event(36, 0, 10, body, false));

        assertThat(event.serverUuid()).isEqualTo("abc");
        assertThat(event.threadId()).isEqualTo(42);
        assertThat(event.gtidSpecified()).isTrue();
        assertThat(event.snapshotVersion()).containsExactly(7, 8);
        assertThat(event.writeSet()).containsExactly("w1", "w22");
        assertThat(event.readSet()).containsExactly("r");
    }

    @Test
    void decodesViewChange() {
        byte[] body = new EventBytes().padded("15000:1", 40).u64(9).u32(1).u16(3).ascii("key").u32(5).ascii("u:1-5")
                .toBytes();

        ViewChangeEvent event = (ViewChangeEvent) decode(EventBytes.event(37, 0, 10, body, false));

        assertThat(event.viewId()).isEqualTo("15000:1");
        assertThat(event.sequenceNumber()).isEqualTo(9);
        assertThat(event.certificationInfo()).containsExactly(java.util.Map.entry("key", "u:1-5"));
    }

    @Test
    void keepsIncidentCodesReleasedServersDoNotDefine() {
        IncidentEvent event = (IncidentEvent) decode(EventBytes.event(26, 0, 106, new byte[] {0x42, 0, 0}, false));

        assertThat(event.code()).isEqualTo(66);
        assertThat(event.message()).isEmpty();
    }

    @Test
    void registryReplacesTheDecoderOfOneType() {
        EventDecoder custom = new EventDecoder(new DecoderContext("x", INTS_ONLY,
                ColumnValueReaders.defaultJsonDiffApplier()),
                EventDecoderRegistry.defaults().with(EventType.XID, (header, body, ctx) -> new XidEvent(header, -1)));

        byte[] xid = EventBytes.event(16, 0, 4, new EventBytes().u64(5).toBytes(), false);

        assertThat(((XidEvent) custom.decode(xid, 0, xid.length)).xid()).isEqualTo(-1);
    }

    static byte[] mariaCompressed(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | 2);
        out.write(data.length >>> 8 & 0xFF);
        out.write(data.length & 0xFF);
        byte[] chunk = new byte[256];
        while (!deflater.finished()) {
            int n = deflater.deflate(chunk);
            out.write(chunk, 0, n);
        }
        deflater.end();
        return out.toByteArray();
    }
}
