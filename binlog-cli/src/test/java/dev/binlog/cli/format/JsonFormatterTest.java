package dev.binlog.cli.format;

import static dev.binlog.cli.format.Changes.commit;
import static dev.binlog.cli.format.Changes.delete;
import static dev.binlog.cli.format.Changes.insert;
import static dev.binlog.cli.format.Changes.names;
import static dev.binlog.cli.format.Changes.row;
import static dev.binlog.cli.format.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.Column;
import dev.binlog.ColumnNames;
import dev.binlog.ColumnType;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import dev.binlog.Transaction;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonFormatterTest {

    /** Stands in for core's geometry value (SRID + WKB with a WKT helper). */
    public record Geometry(int srid, byte[] wkb, String wkt) {
    }

    /** Stands in for core's zero-date value, whose toString() is the server's text. */
    public record ZeroDate(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final StringWriter out = new StringWriter();
    private final ColumnInfoSource columns = (change, index) -> switch (change.row().names().get(index)) {
        case "doc" -> ColumnInfo.jsonColumn();
        case "dt3" -> ColumnInfo.temporal(3);
        case "ts6" -> ColumnInfo.temporal(6);
        case "t0" -> ColumnInfo.temporal(0);
        default -> ColumnInfo.UNKNOWN;
    };
    private final JsonFormatter formatter = new JsonFormatter(out, columns);

    @Test
    void writesEveryValueType() throws IOException {
        ColumnNames names = names("id", "big", "price", "tiny", "f", "d", "bits", "yr", "day", "t0", "dt", "dt3",
                "ts6", "name", "raw", "size", "size_index", "tags", "tags_mask", "doc", "vec", "geo", "zero", "gone");
        Set<String> tags = new LinkedHashSet<>(List.of("red", "blue"));
        formatter.change(insert("everything", row(names,
                -7, new BigInteger("18446744073709551615"), new BigDecimal("12.30"), new BigDecimal("0.0000001"),
                1.1f, 0.1d, 5L, 2026, LocalDate.of(2026, 11, 23),
                Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated(),
                LocalDateTime.of(2026, 11, 23, 10, 15, 30, 500_000_000),
                LocalDateTime.of(2026, 11, 23, 10, 15, 30, 500_000_000),
                Instant.parse("2026-11-23T10:15:30Z"),
                "Zoë \"q\"\n\t\\", new byte[] {1, 2, 3}, "large", 2, tags, 3L, "{\"a\": [1, 2.5, null]}",
                new float[] {1.5f, -0.25f, 1.1f},
                new Geometry(4326, new byte[] {1}, "POINT(1 2)"), new ZeroDate("0000-00-00 00:00:00"), null),
                120));
        formatter.commit(commit(99L, 500));

        assertThat(out.toString()).isEqualTo("{\"database\":\"shop\",\"table\":\"everything\",\"type\":\"insert\","
                + "\"ts\":1795428930,\"xid\":99,\"commit\":true,\"position\":\"mysql-bin.000003:500\","
                + "\"event_position\":\"mysql-bin.000003:120\",\"server_id\":1,"
                + "\"data\":{\"id\":-7,\"big\":18446744073709551615,\"price\":12.30,\"tiny\":0.0000001,\"f\":1.1,"
                + "\"d\":0.1,\"bits\":5,\"yr\":2026,\"day\":\"2026-11-23\",\"t0\":\"-838:59:59\","
                + "\"dt\":\"2026-11-23 10:15:30.500000\",\"dt3\":\"2026-11-23 10:15:30.500\","
                + "\"ts6\":\"2026-11-23 10:15:30.000000\",\"name\":\"Zoë \\\"q\\\"\\n\\t\\\\\",\"raw\":\"AQID\","
                + "\"size\":\"large\",\"size_index\":2,\"tags\":[\"red\",\"blue\"],\"tags_mask\":3,"
                + "\"doc\":{\"a\": [1, 2.5, null]},\"vec\":[1.5,-0.25,1.1],\"geo\":\"POINT(1 2)\","
                + "\"zero\":\"0000-00-00 00:00:00\",\"gone\":null}}\n");
    }

    @Test
    void writesJsonColumnTextAsStringWhenColumnTypeIsUnknown() throws IOException {
        JsonFormatter plain = new JsonFormatter(out, ColumnInfoSource.unknown());
        plain.change(insert("docs", row(names("doc"), "{\"a\":1}"), 4));
        plain.finish();

        assertThat(out.toString()).endsWith("\"data\":{\"doc\":\"{\\\"a\\\":1}\"}}\n");
    }

    @Test
    void writesChangedColumnsOnlyAsOldValuesOfAnUpdate() throws IOException {
        ColumnNames names = names("id", "status", "total");
        formatter.change(update("orders", row(names, 1, "new", new BigDecimal("9.99")),
                row(names, 1, "paid", new BigDecimal("9.99")), 300, "id"));
        formatter.commit(commit(7L, 400));

        assertThat(out.toString()).isEqualTo("{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"update\","
                + "\"ts\":1795428930,\"xid\":7,\"commit\":true,\"position\":\"mysql-bin.000003:400\","
                + "\"event_position\":\"mysql-bin.000003:300\",\"server_id\":1,"
                + "\"data\":{\"id\":1,\"status\":\"paid\",\"total\":9.99},\"old\":{\"status\":\"new\"}}\n");
    }

    @Test
    void comparesTheImagesWhenTheStreamNamesNoChangedColumns() throws IOException {
        ColumnNames names = names("id", "raw", "note");
        formatter.change(new RowChange(ChangeType.UPDATE, "shop", "files", row(names, 1, new byte[] {1}, "a"),
                row(names, 1, new byte[] {2}, "a"), Set.of(), Map.of("id", 1), Changes.at(10)));
        formatter.finish();

        assertThat(out.toString()).endsWith("\"data\":{\"id\":1,\"raw\":\"Ag==\",\"note\":\"a\"},"
                + "\"old\":{\"raw\":\"AQ==\"}}\n");
    }

    @Test
    void writesTheDeletedRowAsDataOfADelete() throws IOException {
        formatter.change(delete("orders", row(names("id", "status"), 1, "paid"), 300, "id"));
        formatter.finish();

        assertThat(out.toString()).isEqualTo("{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"delete\","
                + "\"ts\":1795428930,\"position\":\"mysql-bin.000003:300\","
                + "\"event_position\":\"mysql-bin.000003:300\",\"server_id\":1,"
                + "\"data\":{\"id\":1,\"status\":\"paid\"}}\n");
    }

    @Test
    void marksOnlyTheLastRowOfATransactionAsCommit() throws IOException {
        ColumnNames names = names("id");
        formatter.change(insert("orders", row(names, 1), 100));
        formatter.change(insert("orders", row(names, 2), 100));
        assertThat(out.toString()).as("the first row is written once the second arrives").hasLineCount(1);
        formatter.change(insert("orders", row(names, 3), 200));
        formatter.commit(commit(5L, 300));
        formatter.change(insert("orders", row(names, 4), 400));
        formatter.commit(commit(6L, 500));

        assertThat(out.toString().lines().map(line -> line.contains("\"commit\":true")).toList())
                .containsExactly(false, false, true, true);
        assertThat(out.toString().lines().toList().get(2)).contains("\"xid\":5,\"commit\":true")
                .contains("\"data\":{\"id\":3}");
    }

    @Test
    void writesGtidAndThreadIdWhenKnown() throws IOException {
        ColumnNames names = names("id");
        ChangeMetadata meta = Changes.at(120, "0-1-42", 17L);
        formatter.change(new RowChange(ChangeType.INSERT, "shop", "orders", null, row(names, 1), Set.of(),
                Map.of("id", 1), meta));
        formatter.finish();

        assertThat(out.toString()).isEqualTo("{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"insert\","
                + "\"ts\":1795428930,\"position\":\"mysql-bin.000003:120\","
                + "\"event_position\":\"mysql-bin.000003:120\",\"gtid\":\"0-1-42\",\"server_id\":1,"
                + "\"thread_id\":17,\"data\":{\"id\":1}}\n");
    }

    @Test
    void leavesOutColumnsAbsentFromAMinimalImage() throws IOException {
        ColumnNames names = names("id", "note");
        java.util.BitSet present = new java.util.BitSet();
        present.set(0);
        formatter.change(delete("orders", new dev.binlog.Row(names, new Object[] {1, null}, present), 9, "id"));
        formatter.finish();

        assertThat(out.toString()).endsWith("\"data\":{\"id\":1}}\n");
    }

    @Test
    void writesNothingForAnEmptyTransaction() throws IOException {
        formatter.commit(commit(1L, 100));
        formatter.finish();

        assertThat(out.toString()).isEmpty();
    }

    @Test
    void writesABit64WithTheTopBitSetAsAnUnsignedNumber() throws IOException {
        ColumnNames names = new ColumnNames(List.of("id", "mask", "wide"), List.of(
                Column.of(0, ColumnType.LONG, 0, false), Column.of(1, ColumnType.BIT, 0x0800, true),
                Column.of(2, ColumnType.BIT, 0x0800, true)));
        JsonFormatter bits = new JsonFormatter(out, new RowColumnInfo());
        // today core gives a BIT(64) as a Long (negative with the top bit set); a BigInteger must print the same
        bits.change(insert("flags", row(names, 1, -1L, new BigInteger("18446744073709551615")), 9, "id"));
        bits.finish();

        assertThat(out.toString()).endsWith("\"data\":{\"id\":1,\"mask\":18446744073709551615,"
                + "\"wide\":18446744073709551615}}\n");
    }

    @Test
    void keepsANegativeBigintSigned() throws IOException {
        ColumnNames names = new ColumnNames(List.of("id"), List.of(Column.of(0, ColumnType.LONGLONG, 0, false)));
        JsonFormatter signed = new JsonFormatter(out, new RowColumnInfo());
        signed.change(insert("flags", row(names, -1L), 9, "id"));
        signed.finish();

        assertThat(out.toString()).endsWith("\"data\":{\"id\":-1}}\n");
    }

    @Test
    void writesDoublesInTheirShortestForm() throws IOException {
        ColumnNames names = names("a", "b", "c", "f");
        formatter.change(insert("numbers", row(names, 1.64194455601486234E18, 1e23, 5e-324, 1.1f), 9));
        formatter.finish();

        assertThat(out.toString()).endsWith("\"data\":{\"a\":1.6419445560148623E18,\"b\":1.0E23,"
                + "\"c\":4.9E-324,\"f\":1.1}}\n");
    }

    @Test
    void printsWhereToResumeAsPosition() throws IOException {
        ColumnNames names = names("id");
        formatter.begin(new Transaction(null, null, Changes.TIME, null, new BinlogPosition("mysql-bin.000003", 4),
                null, 0));
        formatter.change(insert("orders", row(names, 1), 120));
        formatter.change(insert("orders", row(names, 2), 210));
        formatter.commit(commit(5L, 300));

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).as("not the last row: the transaction's start, where it is delivered whole again")
                .contains("\"position\":\"mysql-bin.000003:4\",\"event_position\":\"mysql-bin.000003:120\"");
        assertThat(lines.get(1)).as("the last row: the transaction's end, where the next one begins")
                .contains("\"position\":\"mysql-bin.000003:300\",\"event_position\":\"mysql-bin.000003:210\"");
    }

    @Test
    void writesTheKeyOfAMinimalUpdateFromTheBeforeImage() throws IOException {
        ColumnNames names = names("id", "status", "total");
        BitSet keyOnly = new BitSet();
        keyOnly.set(0);
        BitSet setColumns = new BitSet();
        setColumns.set(1);
        formatter.change(new RowChange(ChangeType.UPDATE, "shop", "orders", new Row(names, new Object[] {7, null, null},
                keyOnly), new Row(names, new Object[] {null, "paid", null}, setColumns), Set.of("status"), Map.of(),
                Changes.at(10)));
        formatter.finish();

        assertThat(out.toString()).endsWith("\"data\":{\"id\":7,\"status\":\"paid\"},\"old\":{}}\n");
    }

    @Test
    void startsTheBootstrapOfATableWhoseCopyResumedWithoutAStart() throws IOException {
        ColumnNames names = names("id");
        formatter.change(new RowChange(ChangeType.READ, "shop", "orders", null, row(names, 7), Set.of(),
                Map.of("id", 7), Changes.at(120)));
        formatter.change(new RowChange(ChangeType.READ, "shop", "orders", null, row(names, 8), Set.of(),
                Map.of("id", 8), Changes.at(120)));
        formatter.snapshot(new SnapshotMarker(SnapshotMarker.Kind.TABLE_FINISHED, "shop",
                "orders", 2, 1, new BinlogPosition("mysql-bin.000003", 4)));

        assertThat(out.toString().lines().map(l -> l.replaceAll("\"ts\":\\d+,", ""))).containsExactly(
                "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"bootstrap-start\",\"data\":{}}",
                "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"bootstrap-insert\",\"data\":{\"id\":7}}",
                "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"bootstrap-insert\",\"data\":{\"id\":8}}",
                "{\"database\":\"shop\",\"table\":\"orders\",\"type\":\"bootstrap-complete\",\"data\":{}}");
    }
}
