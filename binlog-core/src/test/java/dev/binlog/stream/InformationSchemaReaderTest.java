package dev.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InformationSchemaReaderTest {

    @Test
    void readsNamesSignednessCollationsEnumValuesAndPrimaryKey() {
        List<String> sent = new ArrayList<>();
        InformationSchemaReader reader = new InformationSchemaReader(sql -> {
            sent.add(sql);
            return List.of(
                    new String[] {"id", "bigint", "bigint(20) unsigned", "PRI", null},
                    new String[] {"name", "varchar", "varchar(100)", "", "45"},
                    new String[] {"state", "enum", "enum('new','it''s paid','shipped')", "", "45"},
                    new String[] {"flags", "set", "set('a','b')", "", "45"});
        });

        TableSchema schema = reader.read("shop", "o'rders");

        assertThat(sent.get(0)).contains("c.TABLE_SCHEMA = 'shop' AND c.TABLE_NAME = 'o\\'rders'");
        assertThat(schema.columns()).containsExactly(
                new ColumnSchema("id", "bigint", "bigint(20) unsigned", true, null, null, null, true),
                new ColumnSchema("name", "varchar", "varchar(100)", false, 45, null, null, false),
                new ColumnSchema("state", "enum", "enum('new','it''s paid','shipped')", false, 45,
                        List.of("new", "it's paid", "shipped"), null, false),
                new ColumnSchema("flags", "set", "set('a','b')", false, 45, null, List.of("a", "b"), false));
    }

    @Test
    void missingTableReadsAsNull() {
        assertThat(new InformationSchemaReader(sql -> List.of()).read("shop", "gone")).isNull();
    }

    @Test
    void matcherAcceptsTheTypesEachBinlogTypeIsWrittenFor() {
        TableSchema schema = new TableSchema("s", "t", List.of(
                column("id", "int"), column("name", "varchar"), column("doc", "json"), column("u", "uuid")));
        assertThat(ColumnSchemaMatcher.mismatch(
                List.of(ColumnType.LONG, ColumnType.VARCHAR, ColumnType.BLOB, ColumnType.STRING), schema)).isNull();
    }

    @Test
    void matcherNamesTheColumnWhoseTypeChanged() {
        TableSchema schema = new TableSchema("s", "t", List.of(column("id", "int"), column("price", "varchar")));
        assertThat(ColumnSchemaMatcher.mismatch(List.of(ColumnType.LONG, ColumnType.NEWDECIMAL), schema))
                .isEqualTo("column 2 is NEWDECIMAL in the binlog event but `price` is varchar now");
    }

    @Test
    void matcherReportsADifferentColumnCount() {
        TableSchema schema = new TableSchema("s", "t", List.of(column("id", "int")));
        assertThat(ColumnSchemaMatcher.mismatch(List.of(ColumnType.LONG, ColumnType.LONG), schema))
                .isEqualTo("the binlog event has 2 columns but the table now has 1");
    }

    private static ColumnSchema column(String name, String dataType) {
        return new ColumnSchema(name, dataType, dataType, false, null, null, null, false);
    }
}
