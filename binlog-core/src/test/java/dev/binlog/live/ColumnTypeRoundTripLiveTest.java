package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each column type's edge values written on a real server and decoded from its binary log: the values a user sees,
 * written out literally.
 */
class ColumnTypeRoundTripLiveTest {

    private static final String TABLE = """
            CREATE TABLE types (
              id INT PRIMARY KEY,
              ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED,
              mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,
              dec1 DECIMAL(10,2), dec2 DECIMAL(65,30), dec3 DECIMAL(5,0), f FLOAT, d DOUBLE,
              b1 BIT(1), b64 BIT(64), y YEAR,
              dt DATE, tm TIME, tm6 TIME(6), dtm DATETIME, dtm3 DATETIME(3), dtm6 DATETIME(6), ts6 TIMESTAMP(6) NULL,
              c CHAR(5), vc VARCHAR(300), txt TEXT, l1 VARCHAR(10) CHARACTER SET latin1, bin BINARY(3),
              vb VARBINARY(10), bz BINARY(4), bl BLOB, e ENUM('small','medium','large'), st SET('a','b','c'), js JSON
            ) CHARACTER SET utf8mb4""";

    @LiveTest
    void decodesEveryCommonColumnTypeExactly(LiveServer live) throws Exception {
        roundTrip(live);
    }

    /** Names, signedness, charsets and ENUM/SET values from the TABLE_MAP's own metadata. */
    @LiveTest
    void decodesEveryCommonColumnTypeWithFullRowMetadata(LiveServer live) throws Exception {
        live.execute("SET GLOBAL binlog_row_metadata = FULL");
        try {
            roundTrip(live);
        } finally {
            live.execute("SET GLOBAL binlog_row_metadata = DEFAULT");
        }
    }

    /** MariaDB's zlib-compressed QUERY and rows events. */
    @LiveTest
    void decodesEveryCommonColumnTypeFromCompressedEvents(LiveServer live) throws Exception {
        live.execute("SET GLOBAL log_bin_compress = ON", "SET GLOBAL log_bin_compress_min_len = 10");
        try {
            assertThat(roundTrip(live).events().keySet()).as("event types seen")
                    .anyMatch(type -> type.contains("COMPRESSED"));
        } finally {
            live.execute("SET GLOBAL log_bin_compress = OFF", "SET GLOBAL log_bin_compress_min_len = DEFAULT");
        }
    }

    private static dev.binlog.StreamStatistics roundTrip(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS types", "SET @@SESSION.time_zone = '+00:00'", TABLE);
        RecordingListener listener = new RecordingListener();
        dev.binlog.StreamStatistics statistics;
        try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED).startPosition(StartPosition.latest())
                .filter(TableFilter.builder().include(live.database() + ".types").build())
                .listener(listener).build()) {
            client.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            live.execute("SET @@SESSION.time_zone = '+00:00'", "INSERT INTO types VALUES (1,"
                    + " -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295,"
                    + " -9223372036854775808, 18446744073709551615,"
                    + " -12345678.90, -12345678901234567890123456789012345.123456789012345678901234567890, 0,"
                    + " 1.5, -2.25e-300, b'1', b'1000000000000000000000000000000000000000000000000000000000000001',"
                    + " 2155, '2024-02-29', '-838:59:59', '12:34:56.000001', '9999-12-31 23:59:59',"
                    + " '2000-01-01 00:00:00.123', '1000-01-01 00:00:00.000001', '2038-01-19 03:14:07.999999',"
                    + " 'ab', 'héllo 😀 wörld', REPEAT('x', 70000 DIV 1000), 'caf\u00e9', 'a\\0b', X'00FF10', X'0100', X'CAFE',"
                    + " 'large', 'a,c', '{\"k\": [1, 2.5, \"s\", null, true]}')",
                    "INSERT INTO types (id) VALUES (2)");
            listener.awaitCommits(2);
            statistics = client.statistics();
        }
        List<RowChange> changes = listener.changes();
        Map<String, Object> row = changes.get(0).after().asMap();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 1);
        expected.put("ti", -128);
        expected.put("tiu", 255);
        expected.put("si", -32768);
        expected.put("siu", 65535);
        expected.put("mi", -8388608);
        expected.put("miu", 16777215);
        expected.put("i", -2147483648);
        expected.put("iu", 4294967295L);
        expected.put("bi", -9223372036854775808L);
        expected.put("biu", new BigInteger("18446744073709551615"));
        expected.put("dec1", new BigDecimal("-12345678.90"));
        expected.put("dec2", new BigDecimal("-12345678901234567890123456789012345.123456789012345678901234567890"));
        expected.put("dec3", new BigDecimal("0"));
        expected.put("f", 1.5f);
        expected.put("d", -2.25e-300);
        expected.put("b1", 1L);
        // BIT(64) is unsigned, a BigInteger like BIGINT UNSIGNED: the top bit set is not a negative number
        expected.put("b64", new BigInteger("9223372036854775809"));
        expected.put("y", 2155);
        expected.put("dt", LocalDate.of(2024, 2, 29));
        expected.put("tm", Duration.ofHours(-838).minusMinutes(59).minusSeconds(59));
        expected.put("tm6", Duration.parse("PT12H34M56.000001S"));
        expected.put("dtm", LocalDateTime.of(9999, 12, 31, 23, 59, 59));
        expected.put("dtm3", LocalDateTime.of(2000, 1, 1, 0, 0, 0, 123_000_000));
        expected.put("dtm6", LocalDateTime.of(1000, 1, 1, 0, 0, 0, 1_000));
        expected.put("ts6", Instant.parse("2038-01-19T03:14:07.999999Z"));
        expected.put("c", "ab");
        expected.put("vc", "héllo 😀 wörld");
        expected.put("txt", "x".repeat(70));
        expected.put("l1", "café");
        expected.put("e", "large");
        expected.put("st", Set.of("a", "c"));
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            assertThat(row.get(e.getKey())).as("column %s on %s", e.getKey(), live.server().name())
                    .isEqualTo(e.getValue());
        }
        assertThat((byte[]) row.get("bin")).containsExactly('a', 0, 'b');
        assertThat((byte[]) row.get("vb")).containsExactly(0x00, 0xFF, 0x10);
        assertThat((byte[]) row.get("bl")).containsExactly(0xCA, 0xFE);
        // Logged without its trailing zero bytes; SELECT returns all four.
        assertThat((byte[]) row.get("bz")).containsExactly(0x01, 0x00, 0x00, 0x00);
        // MariaDB stores JSON as LONGTEXT: the text as inserted.
        assertThat(row.get("js")).isEqualTo("{\"k\": [1, 2.5, \"s\", null, true]}");

        Map<String, Object> nulls = changes.get(1).after().asMap();
        assertThat(nulls.get("id")).isEqualTo(2);
        assertThat(nulls.entrySet().stream().filter(e -> !e.getKey().equals("id")).map(Map.Entry::getValue))
                .containsOnlyNulls();
        return statistics;
    }
}
