package dev.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetQueriesTest {

    private static final SnapshotTable TABLE = new SnapshotTable("shop", new TableSchema("shop", "or`ders", List.of(
            new ColumnSchema("k", "varchar", "varchar(32)", false, 45, null, null, true),
            new ColumnSchema("n", "int", "int(11)", false, null, null, null, true),
            new ColumnSchema("size", "enum", "enum('s','m')", false, 45, List.of("s", "m"), null, false),
            new ColumnSchema("f", "float", "float", false, null, null, null, false))),
            new int[] {0, 1}, new String[] {"utf8mb4", null}, 0, true);

    @Test
    void firstChunkOrdersByTheWholeKey() {
        assertThat(KeysetQueries.first(TABLE, 7)).isEqualTo("SELECT `k`, `n`, `size`, CAST(`f` AS DOUBLE)"
                + " FROM `shop`.`or``ders` ORDER BY `k`, `n` LIMIT 7");
    }

    @Test
    void nextChunkComparesEveryKeyColumnOnTheServerUnderTheColumnsCharset() {
        byte[][] last = {"Ab ".getBytes(StandardCharsets.UTF_8), "42".getBytes(StandardCharsets.US_ASCII), null,
            null};

        assertThat(KeysetQueries.after(TABLE, last, 7)).isEqualTo("SELECT `k`, `n`, `size`, CAST(`f` AS DOUBLE)"
                + " FROM `shop`.`or``ders` WHERE (`k` > _utf8mb4 X'416220') OR (`k` = _utf8mb4 X'416220' AND"
                + " `n` > 42) ORDER BY `k`, `n` LIMIT 7");
    }
}
