package dev.binlog.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.DecodeException;
import dev.binlog.event.BinlogEvent;
import dev.binlog.event.TableMapEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** TABLE_MAP optional metadata ({@code binlog_row_metadata=FULL}) as real MySQL servers wrote it. */
class TableMapMetadataFixtureTest {

    private static final Path BLACKBEAM = FixtureBinlogFilesTest.FIXTURES.resolve(
            "blackbeam__rust_mysql_common/test-data/binlogs");

    private static TableMapEvent firstTableMap(String name) throws IOException {
        Path file = BLACKBEAM.resolve(name);
        Assumptions.assumeTrue(Files.exists(file), "binlog fixtures folder absent: " + BLACKBEAM);
        try (BinlogFileReader reader = new BinlogFileReader(file)) {
            while (true) {
                BinlogEvent event = reader.next();
                if (event instanceof TableMapEvent map) {
                    return map;
                }
                if (event == null) {
                    throw new AssertionError("no TABLE_MAP in " + name);
                }
            }
        } catch (DecodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void appliesNamesSignednessCharsetsAndVisibility() throws IOException {
        TableMapEvent map = firstTableMap("binlog-invisible-columns.000001");

        assertThat(map.qualifiedName()).isEqualTo("mysql.t1");
        assertThat(map.columns()).extracting(Column::name).containsExactly("f1", "f2", "f3", "f4", "f5", "f6");
        assertThat(map.columns()).extracting(Column::unsigned).containsExactly(true, true, false, null, null, true);
        assertThat(map.columns()).extracting(Column::visible).containsExactly(false, false, true, true, true, false);
        assertThat(map.columns()).extracting(Column::collationId).containsExactly(null, null, null, 255, 63, null);
        assertThat(map.columns().get(3).type()).isEqualTo(ColumnType.BLOB);
        assertThat(map.columns().get(3).metadata()).isEqualTo(2);
    }

    @Test
    void appliesEnumAndSetValueNames() throws IOException {
        TableMapEvent map = firstTableMap("mysql-enum-string-set.000001");

        Column enumColumn = map.columns().get(2);
        assertThat(enumColumn.type()).isEqualTo(ColumnType.STRING);
        assertThat(enumColumn.metadata() >>> 8).isEqualTo(ColumnType.ENUM.code());
        assertThat(enumColumn.enumValues()).containsExactly("var1", "variant2", "foo");
        assertThat(map.columns().get(3).setValues()).containsExactly("one", "two", "three", "four");
        assertThat(map.columns().get(1).type()).isEqualTo(ColumnType.VARCHAR);
        assertThat(map.columns().get(1).metadata()).isEqualTo(1200);
    }

    @Test
    void appliesPrimaryKeyAndVectorDimensionality() throws IOException {
        TableMapEvent map = firstTableMap("vector.binlog");

        assertThat(map.qualifiedName()).isEqualTo("dtb.foo");
        assertThat(map.primaryKey()).containsExactly(0);
        assertThat(map.columns().get(0).primaryKey()).isTrue();
        assertThat(map.columns().get(1).type()).isEqualTo(ColumnType.VECTOR);
        assertThat(map.columns().get(1).vectorDimension()).isEqualTo(3);
        assertThat(map.columns().get(1).name()).isEqualTo("vector_column");
    }
}
