package dev.binlog.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.Row;
import dev.binlog.event.decode.RowDecoding;
import dev.binlog.stream.BinlogFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code BinlogFiles.rowDecoding}: every fixture file gives the same changes, or the same error, either way. */
class BinlogFilesRowDecodingTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.binlog.file.FixtureBinlogFilesTest#fixtureFiles")
    void lazyAndEagerReadsDeliverTheSameChanges(String relative) {
        Path file = FixtureBinlogFilesTest.FIXTURES.resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "binlog fixtures folder absent: " + file);

        List<String> lazy = read(file, RowDecoding.LAZY);
        List<String> eager = read(file, RowDecoding.EAGER);

        assertThat(lazy).isEqualTo(eager);
    }

    private static List<String> read(Path file, RowDecoding rowDecoding) {
        List<String> seen = new ArrayList<>();
        try {
            BinlogFiles.reader(List.of(file)).rowDecoding(rowDecoding).listener(change -> seen.add(change.type()
                    + " " + change.qualifiedTable() + " " + text(change.before()) + " " + text(change.after())))
                    .read();
        } catch (RuntimeException e) {
            seen.add("failed: " + e.getClass().getSimpleName());
        }
        return seen;
    }

    /** Values by column, bytes as hex (an array's own toString differs per instance). */
    private static String text(Row row) {
        if (row == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("{");
        row.asMap().forEach((column, value) -> out.append(column).append('=')
                .append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes)
                        : value instanceof float[] floats ? Arrays.toString(floats) : String.valueOf(value))
                .append(", "));
        return out.append('}').toString();
    }
}
