package dev.binlog.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.DecodeException;
import dev.binlog.GtidSet;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.EventType;
import dev.binlog.event.FormatDescriptionEvent;
import dev.binlog.event.GtidEvent;
import dev.binlog.event.PreviousGtidsEvent;
import dev.binlog.event.QueryEvent;
import dev.binlog.event.StartEncryptionEvent;
import dev.binlog.event.TableMapEvent;
import dev.binlog.event.TransactionPayloadEvent;
import dev.binlog.event.UnknownEvent;
import dev.binlog.event.decode.DecoderContext;
import dev.binlog.event.decode.EventBodyDecoder;
import dev.binlog.event.decode.EventDecoder;
import dev.binlog.event.decode.EventDecoderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinlogFileReaderTest {

    private static final Path BLACKBEAM = FixtureBinlogFilesTest.FIXTURES.resolve(
            "blackbeam__rust_mysql_common/test-data/binlogs");

    @TempDir
    Path temp;

    private static List<BinlogEvent> readAll(Path file) throws IOException {
        List<BinlogEvent> events = new ArrayList<>();
        try (BinlogFileReader reader = new BinlogFileReader(file)) {
            for (BinlogEvent event; (event = reader.next()) != null; ) {
                events.add(event);
            }
        }
        return events;
    }

    private static void assumeFixtures() {
        Assumptions.assumeTrue(Files.isDirectory(BLACKBEAM), "binlog fixtures folder absent: " + BLACKBEAM);
    }

    @Test
    void reportsTruncatedTailWithFileAndOffset() throws IOException {
        assumeFixtures();
        Path file = BLACKBEAM.resolve("binlog_truncated_prev_gtid_event.000001");
        try (BinlogFileReader reader = new BinlogFileReader(file)) {
            assertThat(reader.next()).isInstanceOf(FormatDescriptionEvent.class);
            assertThatThrownBy(reader::next)
                    .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isTrue())
                    .hasMessage(file + " at 120: truncated event header (9 of 19 bytes before the end of the file)");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void decodesTaggedGtidAndTaggedPreviousGtids() throws IOException {
        assumeFixtures();
        List<BinlogEvent> events = new ArrayList<>();
        try (BinlogFileReader reader = new BinlogFileReader(BLACKBEAM.resolve("binlog_transaction_with_GTID_TAG.000001"))) {
            for (int i = 0; i < 3; i++) {
                events.add(reader.next());
            }
        }

        assertThat(((PreviousGtidsEvent) events.get(1)).gtidSet())
                .hasToString("55778904-0299-11f1-b1b8-4ef0c4956feb:1-13:mytag:1-2");
        assertThat(((PreviousGtidsEvent) events.get(1)).gtidSet().uuidSets()).extracting(GtidSet.UuidSet::tag)
                .containsExactly("", "mytag");
        GtidEvent gtid = (GtidEvent) events.get(2);
        assertThat(gtid.tag()).isEqualTo("mytag");
        assertThat(gtid.gno()).isEqualTo(3);
        assertThat(gtid.gtid()).isEqualTo("55778904-0299-11f1-b1b8-4ef0c4956feb:mytag:3");
    }

    @Test
    void decodesQueryStatusVariablesOfMySql56() throws IOException {
        assumeFixtures();
        List<BinlogEvent> events = readAll(BLACKBEAM.resolve("binlog_transaction_with_GTID.000001"));

        QueryEvent query = (QueryEvent) events.get(3);
        assertThat(query.header().position()).isEqualTo(199);
        assertThat(query.threadId()).isEqualTo(6);
        assertThat(query.schema()).isEqualTo("test");
        assertThat(query.sql()).isEqualTo("CREATE TABLE t1 (c1 INT)");
        assertThat(query.status().catalog()).isEqualTo("std");
        assertThat(query.status().sqlMode()).isEqualTo(1073741824L);
        assertThat(query.status().charsetClient()).isEqualTo(8);
        assertThat(query.status().unparsedFromCode()).isNull();
        assertThat(((GtidEvent) events.get(4)).gtid()).isEqualTo("006c2cf2-b1ea-11e4-9057-8c705a3d3e78:2");
        assertThat(((QueryEvent) events.get(7)).sql()).isEqualTo("COMMIT");
    }

    @Test
    void untaggedGtidHasTheEmptyTag() throws IOException {
        assumeFixtures();
        List<BinlogEvent> events = readAll(BLACKBEAM.resolve("binlog_transaction_with_GTID.000001"));

        assertThat(((GtidEvent) events.get(4)).tag()).isEqualTo("");
    }

    @Test
    void surfacesAuroraPaddingAsIgnorableUnknownEvent() throws IOException {
        Path file = FixtureBinlogFilesTest.FIXTURES.resolve(
                "osheroff__mysql-binlog-connector-java/src/test/resources/mysql-bin.aurora-padding");
        Assumptions.assumeTrue(Files.exists(file), "binlog fixtures folder absent");

        List<BinlogEvent> events = readAll(file);

        UnknownEvent padding = (UnknownEvent) events.get(3);
        assertThat(padding.header().position()).isEqualTo(281);
        assertThat(padding.header().typeCode()).isEqualTo(100);
        assertThat(padding.ignorable()).isTrue();
        assertThat(events.get(4)).isInstanceOf(QueryEvent.class);
        assertThat(events.get(4).header().position()).isEqualTo(1209);
    }

    @Test
    void refusesEventsAfterStartEncryption() throws IOException {
        assumeFixtures();
        byte[] source = Files.readAllBytes(BLACKBEAM.resolve("mariadb-bin.000001"));
        int fdeLength = (source[4 + 9] & 0xFF) | (source[4 + 10] & 0xFF) << 8;
        byte[] encryption = startEncryptionEvent(4 + fdeLength);
        byte[] file = new byte[4 + fdeLength + encryption.length + 40];
        System.arraycopy(source, 0, file, 0, 4 + fdeLength);
        System.arraycopy(encryption, 0, file, 4 + fdeLength, encryption.length);
        Path path = temp.resolve("encrypted-bin.000001");
        Files.write(path, file);

        try (BinlogFileReader reader = new BinlogFileReader(path)) {
            assertThat(reader.next()).isInstanceOf(FormatDescriptionEvent.class);
            assertThat(reader.next()).isInstanceOf(StartEncryptionEvent.class);
            assertThatThrownBy(reader::next)
                    .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isFalse())
                    .hasMessageContaining(path + " at " + (4 + fdeLength + encryption.length))
                    .hasMessageContaining("encrypted");
        }
    }

    @Test
    void decodesTransactionPayloadInnerEvents() throws IOException {
        Path file = FixtureBinlogFilesTest.FIXTURES.resolve(
                "apecloud__mysql-binlog-connector-rust/tests/parse_file_tests/mysql-bin.000057");
        Assumptions.assumeTrue(Files.exists(file), "binlog fixtures folder absent");
        // Row bodies are kept raw here: this test is about the payload framing, not column values. The lambda is how
        // a tool replaces one event type's decoder through the public registry.
        EventBodyDecoder<UnknownEvent> keepBody = (header, body, context) ->
                new UnknownEvent(header, body.readRemainingBytes());
        EventDecoderRegistry registry = EventDecoderRegistry.defaults()
                .with(EventType.WRITE_ROWS_V2, keepBody)
                .with(EventType.UPDATE_ROWS_V2, keepBody);
        List<BinlogEvent> events = new ArrayList<>();
        try (BinlogFileReader reader = new BinlogFileReader(file,
                new EventDecoder(new DecoderContext(file.toString()), registry))) {
            for (BinlogEvent event; (event = reader.next()) != null; ) {
                events.add(event);
            }
        }

        TransactionPayloadEvent payload = (TransactionPayloadEvent) events.get(7);
        assertThat(payload.header().position()).isEqualTo(730);
        assertThat(payload.compression()).isEqualTo(TransactionPayloadEvent.ZSTD);
        assertThat(payload.uncompressedSize()).isEqualTo(1255);
        assertThat(payload.events().toList()).extracting(e -> e.header().typeName()).containsExactly("QUERY", "ROWS_QUERY",
                "TABLE_MAP", "UPDATE_ROWS_V2", "ROWS_QUERY", "TABLE_MAP", "WRITE_ROWS_V2", "XID");
        assertThat(((QueryEvent) payload.events().toList().get(0)).sql()).isEqualTo("BEGIN");
        assertThat(((TableMapEvent) payload.events().toList().get(2)).qualifiedName()).isEqualTo("a.test_table_3");
    }

    @Test
    void rejectsFileWithoutBinlogMagic() throws IOException {
        Path path = temp.resolve("not-a-binlog");
        Files.write(path, new byte[] {1, 2, 3, 4, 5});

        assertThatThrownBy(() -> new BinlogFileReader(path)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("not a binlog file");
    }

    /** A file of the magic and one event header claiming {@code claimed} bytes, sparse up to {@code size}. */
    private Path fileWithOneEventHeader(String name, long claimed, long size) throws IOException {
        Path path = temp.resolve(name);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 19).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0xFE, 'b', 'i', 'n'}).putInt(1_700_000_000).put((byte) 2).putInt(1)
                .putInt((int) claimed).putInt((int) (4 + claimed)).putShort((short) 0);
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(path.toFile(), "rw")) {
            file.write(b.array());
            file.setLength(size);
        }
        return path;
    }

    @Test
    void anEventLargerThanTheMaximumEventSizeIsRefusedBeforeItIsRead() throws IOException {
        Path path = fileWithOneEventHeader("large-bin.000001", 3 << 20, 4 + (3 << 20));

        try (BinlogFileReader reader = new BinlogFileReader(path, new EventDecoder(new DecoderContext(path.toString())),
                1 << 20)) {
            assertThatThrownBy(reader::next)
                    .isInstanceOfSatisfying(DecodeException.class, e -> assertThat(e.corrupt()).isTrue())
                    .hasMessage(path + " at 4: event header claims 3145728 bytes, more than the maximum event size of"
                            + " 1048576 bytes (1 MiB); if the file really holds events this large, raise maxEventSize"
                            + " (BinlogFiles.Builder.maxEventSize, binlog-cli option --max-event-size), else the file"
                            + " is damaged");
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void theDefaultMaximumEventSizeIsOneGibibyte() throws IOException {
        // a header claiming 1.5 GiB in a (sparse) file that long: refused by its size, not read
        long claimed = (1L << 30) + (1L << 29);
        Path path = fileWithOneEventHeader("huge-bin.000001", claimed, 4 + claimed);

        try (BinlogFileReader reader = new BinlogFileReader(path)) {
            assertThatThrownBy(reader::next).isInstanceOf(DecodeException.class)
                    .hasMessageStartingWith(path + " at 4: event header claims 1610612736 bytes, more than the maximum"
                            + " event size of 1073741824 bytes (1 GiB)");
        }
    }

    /** A CRC32-checksummed MariaDB START_ENCRYPTION event (scheme 1, key version 1, zero nonce). */
    private static byte[] startEncryptionEvent(long position) {
        int length = 19 + 17 + 4;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(1_700_000_000).put((byte) 164).putInt(1).putInt(length).putInt((int) (position + length))
                .putShort((short) 0).put((byte) 1).putInt(1).put(new byte[12]);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b.array(), 0, length - 4);
        b.putInt((int) crc.getValue());
        return b.array();
    }
}
