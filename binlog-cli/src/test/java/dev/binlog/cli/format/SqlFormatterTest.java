package dev.binlog.cli.format;

import static dev.binlog.cli.format.Changes.commit;
import static dev.binlog.cli.format.Changes.delete;
import static dev.binlog.cli.format.Changes.insert;
import static dev.binlog.cli.format.Changes.names;
import static dev.binlog.cli.format.Changes.row;
import static dev.binlog.cli.format.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.cli.format.JsonFormatterTest.Geometry;
import dev.binlog.cli.format.JsonFormatterTest.ZeroDate;
import dev.binlog.value.JsonPatch;
import dev.binlog.value.PartialJsonUpdate;
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

    @Test
    void writesAPartialJsonUpdateAsTheServersJsonFunctionsOnTheColumn() throws IOException {
        ColumnNames names = names("id", "doc", "age");
        BitSet keyOnly = new BitSet();
        keyOnly.set(0);
        BitSet set = new BitSet();
        set.set(1);
        set.set(2);
        PartialJsonUpdate partial = new PartialJsonUpdate(List.of(
                new PartialJsonUpdate.Change(JsonPatch.Operation.REPLACE, "$.age", "26"),
                new PartialJsonUpdate.Change(JsonPatch.Operation.INSERT, "$.tags[0]", "\"it's\""),
                new PartialJsonUpdate.Change(JsonPatch.Operation.INSERT, "$.note", "\"x\""),
                new PartialJsonUpdate.Change(JsonPatch.Operation.REMOVE, "$.old", null)));
        formatter.change(new RowChange(ChangeType.UPDATE, "shop", "people",
                new Row(names, new Object[] {1, null, null}, keyOnly), new Row(names, new Object[] {null, partial, 26},
                set), Set.of("doc", "age"), Map.of(), Changes.at(3750)));
        formatter.commit(commit(53L, 4000));

        assertThat(out.toString()).contains("\nUPDATE `shop`.`people` SET `doc` = JSON_REMOVE(JSON_INSERT("
                + "JSON_ARRAY_INSERT(JSON_REPLACE(`doc`, '$.age', CAST('26' AS JSON)), '$.tags[0]',"
                + " CAST('\\\"it\\'s\\\"' AS JSON)), '$.note', CAST('\\\"x\\\"' AS JSON)), '$.old'), `age` = 26"
                + " WHERE `id` = 1 LIMIT 1; -- mysql-bin.000003:3750 2026-11-23T10:15:30Z\n");
    }

    @Test
    void refusesColumnsTheBinlogDoesNotName() {
        RowChange unnamed = insert("orders", row(ColumnNames.positional(2), 1, "new"), 120);

        assertThatThrownBy(() -> formatter.change(unnamed)).isInstanceOf(CannotRenderException.class)
                .hasMessage("cannot write sql for shop.orders at mysql-bin.000003:120: the binlog does not name the"
                        + " table's columns (binlog_row_metadata=MINIMAL); give --user and the other connection"
                        + " options to read the names from the server, or --positional-columns to write them as"
                        + " `@1`, `@2`...");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void writesPositionalColumnsWhenAskedTo() throws IOException {
        SqlFormatter positional = new SqlFormatter(out, columns, true);
        positional.change(insert("orders", row(ColumnNames.positional(2), 1, "new"), 120));
        positional.commit(commit(1L, 200));

        assertThat(out.toString()).contains("\nINSERT INTO `shop`.`orders` (`@1`, `@2`) VALUES (1, 'new');");
    }

    @Test
    void writesDdlAfterAUseOfItsDatabase() throws IOException {
        formatter.schemaChange(new SchemaChange("shop", "CREATE TABLE orders (id INT PRIMARY KEY) ;  ",
                List.of("shop.orders"), new BinlogPosition("mysql-bin.000003", 219), null));
        formatter.schemaChange(new SchemaChange(null, "DROP TABLE `shop`.`tmp`", List.of("shop.tmp"),
                new BinlogPosition("mysql-bin.000003", 400), "0-1-7"));

        assertThat(out.toString()).isEqualTo("SET time_zone = '+00:00';\n"
                + "USE `shop`; -- mysql-bin.000003:219\n"
                + "CREATE TABLE orders (id INT PRIMARY KEY);\n"
                + "-- mysql-bin.000003:400 gtid 0-1-7\n"
                + "DROP TABLE `shop`.`tmp`;\n");
    }

    @Test
    void writesCreateDatabaseWithoutAUseOfTheDatabaseItCreates() throws IOException {
        formatter.schemaChange(new SchemaChange("shop", "CREATE DATABASE shop", List.of("shop.*"),
                new BinlogPosition("mysql-bin.000001", 709), "0-1-3"));

        assertThat(out.toString()).isEqualTo("SET time_zone = '+00:00';\n"
                + "-- mysql-bin.000001:709 gtid 0-1-3\n"
                + "CREATE DATABASE shop;\n");
    }
}
