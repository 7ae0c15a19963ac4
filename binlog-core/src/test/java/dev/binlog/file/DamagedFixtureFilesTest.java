package dev.binlog.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.DeleteRowsEvent;
import dev.binlog.event.RowImage;
import dev.binlog.event.TransactionPayloadEvent;
import dev.binlog.event.UpdateRowsEvent;
import dev.binlog.event.WriteRowsEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real files with bytes flipped: whatever the damage, reading ends in events or {@link DecodeException}s, never in
 * another exception (index errors, huge allocations) that would crash a consumer.
 */
class DamagedFixtureFilesTest {

    @TempDir
    Path temp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "alibaba__canal/parse/src/test/resources/binlog/mysql-bin.000001",
            "osheroff__mysql-binlog-connector-java/src/test/resources/mysql-bin.checksum-none",
            "pingcap__tiflow/mysql-bin.000001",
            "blackbeam__rust_mysql_common/test-data/binlogs/ver_5_1_23.001",
            "blackbeam__rust_mysql_common/test-data/binlogs/binlog_transaction.000001"})
    void damagedBytesOnlyEverRaiseDecodeException(String relative) throws IOException {
        readDamaged(relative, false);
    }

    /** Rows decode on access: reading every value of every row also raises only DecodeExceptions naming the file. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "alibaba__canal/parse/src/test/resources/binlog/mysql-bin.000001",
            "osheroff__mysql-binlog-connector-java/src/test/resources/mysql-bin.checksum-none",
            "pingcap__tiflow/mysql-bin.000001",
            "blackbeam__rust_mysql_common/test-data/binlogs/ver_5_1_23.001",
            "blackbeam__rust_mysql_common/test-data/binlogs/binlog_transaction.000001"})
    void damagedValuesReadOnAccessOnlyEverRaiseDecodeException(String relative) throws IOException {
        readDamaged(relative, true);
    }

    private void readDamaged(String relative, boolean readValues) throws IOException {
        Path source = FixtureBinlogFilesTest.FIXTURES.resolve(relative);
        Assumptions.assumeTrue(Files.exists(source), "binlog fixtures folder absent");
        byte[] original = Files.readAllBytes(source);
        Random random = new Random(relative.hashCode());
        for (int round = 0; round < 40; round++) {
            byte[] damaged = original.clone();
            for (int flips = 0; flips < 1 + round % 4; flips++) {
                int at = 4 + random.nextInt(damaged.length - 4);
                damaged[at] = (byte) random.nextInt(256);
            }
            Path file = temp.resolve("damaged-" + round);
            Files.write(file, damaged);
            int events = 0;
            try (BinlogFileReader reader = new BinlogFileReader(file)) {
                for (int i = 0; i < 100_000; i++) {
                    BinlogEvent event;
                    try {
                        event = reader.next();
                    } catch (DecodeException e) {
                        assertThat(e.getMessage()).contains(file.toString());
                        continue;
                    }
                    if (event == null) {
                        break;
                    }
                    events++;
                    if (readValues) {
                        readEveryValue(event, file);
                    }
                }
            }
            assertThat(events).isGreaterThanOrEqualTo(0);
        }
    }

    private static void readEveryValue(BinlogEvent event, Path file) {
        List<RowImage> images = new ArrayList<>();
        if (event instanceof WriteRowsEvent write) {
            images.addAll(write.rows());
        } else if (event instanceof DeleteRowsEvent delete) {
            images.addAll(delete.rows());
        } else if (event instanceof UpdateRowsEvent update) {
            update.rows().forEach(r -> {
                images.add(r.before());
                images.add(r.after());
            });
        } else if (event instanceof TransactionPayloadEvent payload) {
            payload.events().forEach(inner -> readEveryValue(inner, file));
        }
        for (RowImage image : images) {
            for (int i = 0; i < image.columnCount(); i++) {
                try {
                    image.get(i);
                } catch (DecodeException e) {
                    assertThat(e.getMessage()).contains(file.toString());
                }
            }
        }
    }
}
