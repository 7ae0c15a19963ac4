package dev.binlog.cli.format;

import static dev.binlog.cli.format.Changes.commit;
import static dev.binlog.cli.format.Changes.delete;
import static dev.binlog.cli.format.Changes.insert;
import static dev.binlog.cli.format.Changes.names;
import static dev.binlog.cli.format.Changes.row;
import static dev.binlog.cli.format.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ColumnNames;
import java.io.IOException;
import java.io.StringWriter;
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
                + "UPDATE `shop`.`orders` SET `status` = 'new' WHERE `id` = 1;"
                + " -- mysql-bin.000003:200 2026-11-23T10:15:30Z\n"
                + "COMMIT;\n"
                + "BEGIN;\n"
                + "DELETE FROM `shop`.`orders` WHERE `id` = 1; -- mysql-bin.000003:100 2026-11-23T10:15:30Z\n"
                + "COMMIT;\n");
    }

    @Test
    void spillsToTemporaryFilesBeyondTheMemoryLimitAndKeepsReverseOrder() throws IOException {
        FlashbackFormatter small = new FlashbackFormatter(out, ColumnInfoSource.unknown(), 100);
        for (int id = 1; id <= 7; id++) {
            small.change(insert("orders", row(names, id, "s"), id * 100L, "id"));
            small.commit(commit((long) id, id * 100L + 50));
        }

        small.finish();

        assertThat(out.toString().lines().filter(line -> line.startsWith("DELETE"))
                .map(line -> line.substring(0, line.indexOf(';')))).containsExactly(
                "DELETE FROM `shop`.`orders` WHERE `id` = 7", "DELETE FROM `shop`.`orders` WHERE `id` = 6",
                "DELETE FROM `shop`.`orders` WHERE `id` = 5", "DELETE FROM `shop`.`orders` WHERE `id` = 4",
                "DELETE FROM `shop`.`orders` WHERE `id` = 3", "DELETE FROM `shop`.`orders` WHERE `id` = 2",
                "DELETE FROM `shop`.`orders` WHERE `id` = 1");
        assertThat(out.toString().lines().filter(line -> line.equals("BEGIN;"))).hasSize(7);
        assertThat(out.toString().lines().filter(line -> line.equals("COMMIT;"))).hasSize(7);
    }

    @Test
    void undoesAKeyChangeByFindingTheRowAtItsNewKey() throws IOException {
        formatter.change(update("orders", row(names, 1, "new"), row(names, 5, "new"), 200, "id"));
        formatter.finish();

        assertThat(out.toString()).contains("\nUPDATE `shop`.`orders` SET `id` = 1 WHERE `id` = 5;"
                + " -- mysql-bin.000003:200 2026-11-23T10:15:30Z\n");
    }

    @Test
    void undoesAnInsertWithoutPrimaryKeyByAllColumnsAndLimitOne() throws IOException {
        formatter.change(insert("log", row(names, 1, null), 100));
        formatter.finish();

        assertThat(out.toString()).contains("\nDELETE FROM `shop`.`log` WHERE `id` = 1 AND `status` IS NULL LIMIT 1;"
                + " -- mysql-bin.000003:100 2026-11-23T10:15:30Z\n");
    }
}
