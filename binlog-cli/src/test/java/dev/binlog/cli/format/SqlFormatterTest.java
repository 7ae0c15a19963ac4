package dev.binlog.cli.format;

import static dev.binlog.cli.format.Changes.commit;
import static dev.binlog.cli.format.Changes.delete;
import static dev.binlog.cli.format.Changes.insert;
import static dev.binlog.cli.format.Changes.names;
import static dev.binlog.cli.format.Changes.row;
import static dev.binlog.cli.format.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ColumnNames;
import dev.binlog.cli.format.JsonFormatterTest.Geometry;
import dev.binlog.cli.format.JsonFormatterTest.ZeroDate;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlFormatterTest {

    private final StringWriter out = new StringWriter();
    private final ColumnInfoSource columns = (change, index) -> switch (change.row().names().get(index)) {
        case "doc" -> ColumnInfo.jsonColumn();
        case "dt3" -> ColumnInfo.temporal(3);
        case "ts6" -> ColumnInfo.temporal(6);
        case "t0" -> ColumnInfo.temporal(0);
        default -> ColumnInfo.UNKNOWN;
    };
    private final SqlFormatter formatter = new SqlFormatter(out, columns);

    @Test
    void writesAnInsertWithALiteralForEveryValueType() throws IOException {
        ColumnNames names = names("id", "big", "price", "f", "d", "bits", "day", "t0", "dt3", "ts6", "name", "raw",
                "tags", "tags_mask", "doc", "vec", "geo", "zero", "gone");
        formatter.change(insert("everything", row(names,
                -7, new BigInteger("18446744073709551615"), new BigDecimal("12.30"), 1.1f, 0.1d, 5L,
                LocalDate.of(2026, 11, 23), Duration.ofHours(838).plusMinutes(59).plusSeconds(59).negated(),
                LocalDateTime.of(2026, 11, 23, 10, 15, 30, 500_000_000), Instant.parse("2026-11-23T10:15:30Z"),
                "it's a \"test\"\n", new byte[] {1, 2, 3}, new LinkedHashSet<>(List.of("red", "blue")), 3L,
                "{\"a\": \"b\"}", new float[] {1.5f, -0.25f}, new Geometry(4326, new byte[] {1, 2}, "POINT(1 2)"),
                new ZeroDate("0000-00-00 00:00:00"), null), 120, "id"));
        formatter.commit(commit(1L, 200));

        assertThat(out.toString()).isEqualTo("SET time_zone = '+00:00';\nBEGIN;\n"
                + "INSERT INTO `shop`.`everything` (`id`, `big`, `price`, `f`, `d`, `bits`, `day`, `t0`, `dt3`, `ts6`,"
                + " `name`, `raw`, `tags`, `tags_mask`, `doc`, `vec`, `geo`, `zero`, `gone`) VALUES (-7,"
                + " 18446744073709551615, 12.30, 1.1, 0.1, 5, '2026-11-23', '-838:59:59', '2026-11-23 10:15:30.500',"
                + " '2026-11-23 10:15:30.000000', 'it\\'s a \\\"test\\\"\\n', X'010203', 'red,blue', 3,"
                + " '{\\\"a\\\": \\\"b\\\"}', X'0000C03F000080BE', ST_GeomFromWKB(X'0102', 4326),"
                + " '0000-00-00 00:00:00', NULL); -- mysql-bin.000003:120 2026-11-23T10:15:30Z\nCOMMIT;\n");
    }

    @Test
    void updatesChangedColumnsByPrimaryKeyOfTheBeforeImage() throws IOException {
        ColumnNames names = names("id", "status", "note");
        formatter.change(update("orders", row(names, 1, "new", "x"), row(names, 2, "paid", "x"), 300, "id"));

        assertThat(out.toString()).endsWith("UPDATE `shop`.`orders` SET `id` = 2, `status` = 'paid' WHERE `id` = 1;"
                + " -- mysql-bin.000003:300 2026-11-23T10:15:30Z\n");
    }

    @Test
    void deletesByCompositePrimaryKey() throws IOException {
        ColumnNames names = names("order_id", "line", "qty");
        formatter.change(delete("lines", row(names, 10, 2, 5), 300, "order_id", "line"));

        assertThat(out.toString()).endsWith("DELETE FROM `shop`.`lines` WHERE `order_id` = 10 AND `line` = 2;"
                + " -- mysql-bin.000003:300 2026-11-23T10:15:30Z\n");
    }

    @Test
    void matchesAllColumnsWithIsNullAndLimitOneWithoutPrimaryKey() throws IOException {
        ColumnNames names = names("a", "b");
        formatter.change(delete("log", row(names, "x", null), 300));
        formatter.change(update("log", row(names, "x", null), row(names, "y", null), 400));

        assertThat(out.toString()).isEqualTo("SET time_zone = '+00:00';\nBEGIN;\n"
                + "DELETE FROM `shop`.`log` WHERE `a` = 'x' AND `b` IS NULL LIMIT 1;"
                + " -- mysql-bin.000003:300 2026-11-23T10:15:30Z\n"
                + "UPDATE `shop`.`log` SET `a` = 'y' WHERE `a` = 'x' AND `b` IS NULL LIMIT 1;"
                + " -- mysql-bin.000003:400 2026-11-23T10:15:30Z\n");
    }

    @Test
    void setsNullWithEqualsButMatchesItWithIsNull() throws IOException {
        ColumnNames names = names("id", "note");
        formatter.change(update("orders", row(names, 1, "x"), row(names, 1, null), 300, "id"));

        assertThat(out.toString()).endsWith("UPDATE `shop`.`orders` SET `note` = NULL WHERE `id` = 1;"
                + " -- mysql-bin.000003:300 2026-11-23T10:15:30Z\n");
    }

    @Test
    void quotesIdentifiersWithBackticks() throws IOException {
        ColumnNames names = names("we`ird", "select");
        formatter.change(new dev.binlog.RowChange(dev.binlog.ChangeType.INSERT, "my`db", "ta ble", null,
                row(names, 1, 2), null, null, Changes.at(9)));

        assertThat(out.toString()).endsWith("INSERT INTO `my``db`.`ta ble` (`we``ird`, `select`) VALUES (1, 2);"
                + " -- mysql-bin.000003:9 2026-11-23T10:15:30Z\n");
    }

    @Test
    void wrapsEachTransactionInBeginAndCommit() throws IOException {
        ColumnNames names = names("id");
        formatter.change(insert("orders", row(names, 1), 100, "id"));
        formatter.change(insert("orders", row(names, 2), 100, "id"));
        formatter.commit(commit(1L, 200));
        formatter.commit(commit(2L, 300));
        formatter.change(insert("orders", row(names, 3), 400, "id"));
        formatter.commit(commit(3L, 500));

        assertThat(out.toString().lines().map(line -> line.replaceAll(" VALUES .*", ""))).containsExactly(
                "SET time_zone = '+00:00';", "BEGIN;", "INSERT INTO `shop`.`orders` (`id`)",
                "INSERT INTO `shop`.`orders` (`id`)", "COMMIT;", "BEGIN;", "INSERT INTO `shop`.`orders` (`id`)",
                "COMMIT;");
    }

    @Test
    void writesNothingWithoutChanges() throws IOException {
        formatter.finish();

        assertThat(out.toString()).isEmpty();
    }
}
