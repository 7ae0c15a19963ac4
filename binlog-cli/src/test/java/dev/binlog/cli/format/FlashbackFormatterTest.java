package dev.binlog.cli.format;

import static dev.binlog.cli.format.Changes.commit;
import static dev.binlog.cli.format.Changes.delete;
import static dev.binlog.cli.format.Changes.insert;
import static dev.binlog.cli.format.Changes.names;
import static dev.binlog.cli.format.Changes.row;
import static dev.binlog.cli.format.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import java.io.IOException;
import java.io.StringWriter;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlashbackFormatterTest {

    private final StringWriter out = new StringWriter();
    private final FlashbackFormatter formatter = new FlashbackFormatter(out, ColumnInfoSource.unknown());
    private final ColumnNames names = names("id", "status");

    @Test
    void undoesEveryChangeInReverseOrder() throws IOException {
        formatter.change(insert("orders", row(names, 1, "new"), 100, "id"));
        formatter.commit(commit(1L, 150));
        formatter.change(update("orders", row(names, 1, "new"), row(names, 1, "paid"), 200, "id"));
        formatter.change(delete("orders", row(names, 2, "it's"), 300, "id"));
        formatter.commit(commit(2L, 350));
        assertThat(out.toString()).as("nothing before the end").isEmpty();

        formatter.finish();

        assertThat(out.toString()).isEqualTo("SET time_zone = '+00:00';\n"
                + "BEGIN;\n"
                + "INSERT INTO `shop`.`orders` (`id`, `status`) VALUES (2, 'it\\'s');"
                + " -- mysql-bin.000003:300 2026-11-23T10:15:30Z\n"
                + "UPDATE `shop`.`orders` SET `status` = 'new' WHERE `id` <=> 1 AND `status` <=> 'paid' LIMIT 1;"
                + " -- mysql-bin.000003:200 2026-11-23T10:15:30Z\n"
                + "COMMIT;\n"
                + "BEGIN;\n"
                + "DELETE FROM `shop`.`orders` WHERE `id` <=> 1 AND `status` <=> 'new' LIMIT 1;"
                + " -- mysql-bin.000003:100 2026-11-23T10:15:30Z\n"
                + "COMMIT;\n");
    }

    @Test
    void spillsToTemporaryFilesBeyondTheMemoryLimitAndKeepsReverseOrder() throws IOException {
        FlashbackFormatter small = new FlashbackFormatter(out, ColumnInfoSource.unknown(), false, 100);
        for (int id = 1; id <= 7; id++) {
            small.change(insert("orders", row(names, id, "s"), id * 100L, "id"));
            small.commit(commit((long) id, id * 100L + 50));
        }

        small.finish();

        assertThat(out.toString().lines().filter(line -> line.startsWith("DELETE"))
                .map(line -> line.substring(0, line.indexOf(';')))).containsExactly(
                "DELETE FROM `shop`.`orders` WHERE `id` <=> 7 AND `status` <=> 's' LIMIT 1",
                "DELETE FROM `shop`.`orders` WHERE `id` <=> 6 AND `status` <=> 's' LIMIT 1",
                "DELETE FROM `shop`.`orders` WHERE `id` <=> 5 AND `status` <=> 's' LIMIT 1",
                "DELETE FROM `shop`.`orders` WHERE `id` <=> 4 AND `status` <=> 's' LIMIT 1",
                "DELETE FROM `shop`.`orders` WHERE `id` <=> 3 AND `status` <=> 's' LIMIT 1",
                "DELETE FROM `shop`.`orders` WHERE `id` <=> 2 AND `status` <=> 's' LIMIT 1",
                "DELETE FROM `shop`.`orders` WHERE `id` <=> 1 AND `status` <=> 's' LIMIT 1");
        assertThat(out.toString().lines().filter(line -> line.equals("BEGIN;"))).hasSize(7);
        assertThat(out.toString().lines().filter(line -> line.equals("COMMIT;"))).hasSize(7);
    }

    @Test
    void undoesAKeyChangeByFindingTheRowAtItsNewKey() throws IOException {
        formatter.change(update("orders", row(names, 1, "new"), row(names, 5, "new"), 200, "id"));
        formatter.finish();

        assertThat(out.toString()).contains("\nUPDATE `shop`.`orders` SET `id` = 1 WHERE `id` <=> 5 AND `status` <=> 'new'"
                + " LIMIT 1;"
                + " -- mysql-bin.000003:200 2026-11-23T10:15:30Z\n");
    }

    @Test
    void undoesAnInsertWithoutPrimaryKeyByAllColumnsAndLimitOne() throws IOException {
        formatter.change(insert("log", row(names, 1, null), 100));
        formatter.finish();

        assertThat(out.toString()).contains("\nDELETE FROM `shop`.`log` WHERE `id` <=> 1 AND `status` <=> NULL LIMIT 1;"
                + " -- mysql-bin.000003:100 2026-11-23T10:15:30Z\n");
    }

    @Test
    void refusesToUndoAMinimalUpdateWhosePreviousValuesAreNotLogged() throws IOException {
        BitSet keyOnly = new BitSet();
        keyOnly.set(0);
        BitSet statusOnly = new BitSet();
        statusOnly.set(1);
        RowChange minimal = new RowChange(ChangeType.UPDATE, "shop", "orders",
                new Row(names, new Object[] {1, null}, keyOnly), new Row(names, new Object[] {null, "paid"}, statusOnly),
                Set.of("status"), Map.of("id", 1), Changes.at(200));

        assertThatThrownBy(() -> formatter.change(minimal)).isInstanceOf(CannotRenderException.class)
                .hasMessage("cannot undo the update of shop.orders at mysql-bin.000003:200: the binlog does not hold"
                        + " the previous value of `status` (binlog_row_image=MINIMAL or NOBLOB); flashback needs"
                        + " binlog_row_image=FULL");
        formatter.finish();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesToUndoADeleteWhoseRowIsNotLoggedWhole() {
        BitSet keyOnly = new BitSet();
        keyOnly.set(0);
        RowChange minimal = new RowChange(ChangeType.DELETE, "shop", "orders",
                new Row(names, new Object[] {1, null}, keyOnly), null, Set.of(), Map.of("id", 1), Changes.at(300));

        assertThatThrownBy(() -> formatter.change(minimal)).isInstanceOf(CannotRenderException.class)
                .hasMessage("cannot undo the delete of shop.orders at mysql-bin.000003:300: the binlog holds only some"
                        + " columns of the deleted row (binlog_row_image=MINIMAL or NOBLOB; missing `status`);"
                        + " flashback needs binlog_row_image=FULL");
    }

    @Test
    void undoesAMinimalUpdateOfTheKeyByItsNewKey() throws IOException {
        BitSet keyOnly = new BitSet();
        keyOnly.set(0);
        RowChange minimal = new RowChange(ChangeType.UPDATE, "shop", "orders",
                new Row(names, new Object[] {1, null}, keyOnly), new Row(names, new Object[] {5, null}, keyOnly),
                Set.of("id"), Map.of("id", 5), Changes.at(200));
        formatter.change(minimal);
        formatter.finish();

        assertThat(out.toString()).contains("\nUPDATE `shop`.`orders` SET `id` = 1 WHERE `id` <=> 5 LIMIT 1;");
    }

    @Test
    void comparesAFloatAsTheDoubleItIsStoredAs() throws IOException {
        formatter.change(insert("gauges", row(names("id", "ratio"), 1, 1.1f), 100, "id"));
        formatter.finish();

        assertThat(out.toString()).contains("\nDELETE FROM `shop`.`gauges` WHERE `id` <=> 1 AND"
                + " `ratio` <=> 1.100000023841858 LIMIT 1;");
    }
}
