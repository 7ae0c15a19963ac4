package dev.binlog.cli;

import static dev.binlog.cli.format.Changes.at;
import static dev.binlog.cli.format.Changes.names;
import static dev.binlog.cli.format.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.SnapshotMarker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SnapshotProgressTest {

    private final StringWriter err = new StringWriter();
    private final AtomicLong clock = new AtomicLong();
    private final SnapshotProgress progress = new SnapshotProgress(new PrintWriter(err), clock::get);

    @Test
    void countsTheRowsOfTheTableBeingCopiedAndIgnoresTheStreamsChanges() {
        progress.accept(marker(SnapshotMarker.Kind.TABLE_STARTED));
        progress.row(change(ChangeType.READ));
        progress.row(change(ChangeType.UPDATE));
        clock.set(1_000_000_000L);
        progress.row(change(ChangeType.READ));

        assertThat(err.toString()).endsWith("\rcopying shop.orders (1/2): 2 rows");
    }

    @Test
    void namesTheTableOfAResumedCopyFromItsRows() {
        clock.set(1_000_000_000L);
        progress.row(change(ChangeType.READ));

        assertThat(err.toString()).isEqualTo("\rcopying shop.orders: 1 rows");
    }

    private static RowChange change(ChangeType type) {
        return new RowChange(type, "shop", "orders", type == ChangeType.READ ? null : row(names("id"), 1),
                row(names("id"), 1), Set.of(), Map.of("id", 1), at(120));
    }

    private static SnapshotMarker marker(SnapshotMarker.Kind kind) {
        return new SnapshotMarker(kind, "shop", "orders", 0, 2, new BinlogPosition("mysql-bin.000003", 4));
    }
}
