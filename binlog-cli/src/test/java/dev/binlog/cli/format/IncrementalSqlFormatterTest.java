package dev.binlog.cli.format;

import static dev.binlog.cli.format.Changes.at;
import static dev.binlog.cli.format.Changes.commit;
import static dev.binlog.cli.format.Changes.insert;
import static dev.binlog.cli.format.Changes.names;
import static dev.binlog.cli.format.Changes.row;
import static dev.binlog.cli.format.Changes.update;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import java.io.IOException;
import java.io.StringWriter;
import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SQL for a copy an incremental snapshot fills while the stream's changes go on being applied to it. */
class IncrementalSqlFormatterTest {

    private static final String SETUP = "SET time_zone = '+00:00';\n";
    private static final String AT = " -- mysql-bin.000003:%d 2026-11-23T10:15:30Z\n";
    private static final ColumnNames NAMES = names("id", "status");

    private final StringWriter out = new StringWriter();

    private SqlFormatter formatter(IncrementalCopy copy) {
        return new SqlFormatter(out, (change, index) -> ColumnInfo.UNKNOWN, false, copy);
    }

    @Test
    void writesACopiedRowAsAnUpsertCommittedBeforeTheNextTransaction() throws IOException {
        SqlFormatter formatter = formatter(new IncrementalCopy(null));
        formatter.snapshot(marker(SnapshotMarker.Kind.TABLE_STARTED));
        formatter.change(read(1, "new", 120));
        formatter.begin(commit(7L, 300));
        formatter.change(insert("orders", row(NAMES, 2, "paid"), 250, "id"));
        formatter.commit(commit(7L, 300));

        assertThat(out.toString()).isEqualTo(SETUP + "BEGIN;\n"
                + "INSERT INTO `shop`.`orders` (`id`, `status`) VALUES (1, 'new') ON DUPLICATE KEY UPDATE"
                + " `id` = VALUES(`id`), `status` = VALUES(`status`);" + AT.formatted(120)
                + "COMMIT;\nBEGIN;\n"
                + "INSERT INTO `shop`.`orders` (`id`, `status`) VALUES (2, 'paid');" + AT.formatted(250)
                + "COMMIT;\n");
    }

    @Test
    void writesAnUpdateThatMovesAKeyOfATableBeingCopiedAsDeleteAndUpsert() throws IOException {
        SqlFormatter formatter = formatter(new IncrementalCopy(null));
        formatter.snapshot(marker(SnapshotMarker.Kind.TABLE_STARTED));
        formatter.change(update("orders", row(NAMES, 5, "new"), row(NAMES, 3005, "new"), 300, "id"));
        formatter.commit(commit(7L, 400));

        assertThat(out.toString()).isEqualTo(SETUP + "BEGIN;\n"
                + "DELETE FROM `shop`.`orders` WHERE `id` = 5;" + AT.formatted(300)
                + "INSERT INTO `shop`.`orders` (`id`, `status`) VALUES (3005, 'new') ON DUPLICATE KEY UPDATE"
                + " `id` = VALUES(`id`), `status` = VALUES(`status`);" + AT.formatted(300)
                + "COMMIT;\n");
    }

    @Test
    void writesAnUpdateKeepingTheKeyOfAResumedTableAsAnUpsert() throws IOException {
        SqlFormatter formatter = formatter(new IncrementalCopy("shop.orders"));
        formatter.change(update("orders", row(NAMES, 5, "new"), row(NAMES, 5, "paid"), 300, "id"));
        formatter.commit(commit(7L, 400));

        assertThat(out.toString()).isEqualTo(SETUP + "BEGIN;\n"
                + "INSERT INTO `shop`.`orders` (`id`, `status`) VALUES (5, 'paid') ON DUPLICATE KEY UPDATE"
                + " `id` = VALUES(`id`), `status` = VALUES(`status`);" + AT.formatted(300)
                + "COMMIT;\n");
    }

    @Test
    void writesPlainUpdatesOnceTheTableIsCopiedAndWhenTheImageLacksColumns() throws IOException {
        SqlFormatter formatter = formatter(new IncrementalCopy(null));
        formatter.snapshot(marker(SnapshotMarker.Kind.TABLE_STARTED));
        BitSet onlyStatus = new BitSet();
        onlyStatus.set(1);
        Row minimal = new Row(NAMES, new Object[] {null, "sent"}, onlyStatus);
        formatter.change(update("orders", row(NAMES, 5, "new"), minimal, 300, "id"));
        formatter.snapshot(marker(SnapshotMarker.Kind.TABLE_FINISHED));
        formatter.change(update("orders", row(NAMES, 6, "new"), row(NAMES, 6, "paid"), 500, "id"));
        formatter.commit(commit(8L, 600));

        assertThat(out.toString()).isEqualTo(SETUP + "BEGIN;\n"
                + "UPDATE `shop`.`orders` SET `status` = 'sent' WHERE `id` = 5;" + AT.formatted(300)
                + "COMMIT;\nBEGIN;\n"
                + "UPDATE `shop`.`orders` SET `status` = 'paid' WHERE `id` = 6;" + AT.formatted(500)
                + "COMMIT;\n");
    }

    @Test
    void keepsInsertsForAConsistentCopy() throws IOException {
        SqlFormatter formatter = formatter(null);
        formatter.change(read(1, "new", 120));
        formatter.snapshot(marker(SnapshotMarker.Kind.TABLE_FINISHED));

        assertThat(out.toString()).isEqualTo(SETUP + "BEGIN;\n"
                + "INSERT INTO `shop`.`orders` (`id`, `status`) VALUES (1, 'new');" + AT.formatted(120)
                + "COMMIT;\n");
    }

    private static RowChange read(int id, String status, long position) {
        Row after = row(NAMES, id, status);
        return new RowChange(ChangeType.READ, "shop", "orders", null, after, Set.of(), Map.of("id", id),
                at(position));
    }

    private static SnapshotMarker marker(SnapshotMarker.Kind kind) {
        return new SnapshotMarker(kind, "shop", "orders", 0, 1, new BinlogPosition("mysql-bin.000003", 4));
    }
}
