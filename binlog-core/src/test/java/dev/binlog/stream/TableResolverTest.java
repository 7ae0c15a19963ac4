package dev.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.Column;
import dev.binlog.ColumnType;
import dev.binlog.SchemaMismatchException;
import dev.binlog.SchemaSource;
import dev.binlog.TableFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableResolverTest {

    private final List<String> queries = new ArrayList<>();
    private List<String[]> serverColumns = List.of(
            new String[] {"id", "int", "int(10) unsigned", "PRI", null},
            new String[] {"name", "varchar", "varchar(20)", "", "224"});

    private final InformationSchemaReader reader = new InformationSchemaReader(sql -> {
        queries.add(sql);
        return serverColumns;
    });

    private static List<Column> tableMap() {
        return List.of(Column.of(0, ColumnType.LONG, 0, false), Column.of(1, ColumnType.VARCHAR, 80, true));
    }

    @Test
    void namesColumnsFromInformationSchemaWhenTheBinlogHasNone() {
        TableResolver resolver = new TableResolver(TableFilter.all(), SchemaSource.AUTO, reader);
        ResolvedTable table = resolver.resolve(12, "shop", "users", tableMap(), "mysql-bin.000001:400");

        assertThat(table.names().asList()).containsExactly("id", "name");
        assertThat(table.primaryKeyIndexes()).containsExactly(0);
        assertThat(table.columns().get(0).unsigned()).isTrue();
        assertThat(table.columns().get(1).collationId()).isEqualTo(224);
        assertThat(table.columns().get(0).dataTypeName()).isEqualTo("int(10) unsigned");
    }

    @Test
    void looksUpATableOnceForEveryTableMapOfTheSameShape() {
        TableResolver resolver = new TableResolver(TableFilter.all(), SchemaSource.AUTO, reader);
        resolver.resolve(12, "shop", "users", tableMap(), "a");
        resolver.resolve(12, "shop", "users", tableMap(), "b");
        resolver.resolve(13, "shop", "users", tableMap(), "c");

        assertThat(queries).hasSize(1);
    }

    @Test
    void usesTheBinlogsOwnNamesWhenPresent() {
        TableResolver resolver = new TableResolver(TableFilter.all(), SchemaSource.AUTO, reader);
        List<Column> named = List.of(Column.of(0, ColumnType.LONG, 0, false).withName("pk").withPrimaryKey(true),
                Column.of(1, ColumnType.VARCHAR, 80, true).withName("label"));

        ResolvedTable table = resolver.resolve(12, "shop", "users", named, "a");

        assertThat(table.names().asList()).containsExactly("pk", "label");
        assertThat(table.primaryKeyIndexes()).containsExactly(0);
        assertThat(queries).isEmpty();
    }

    @Test
    void excludedTableIsNeverLookedUp() {
        TableResolver resolver = new TableResolver(TableFilter.builder().include("crm").build(), SchemaSource.AUTO,
                reader);
        ResolvedTable table = resolver.resolve(12, "shop", "users", tableMap(), "a");

        assertThat(table.included()).isFalse();
        assertThat(queries).isEmpty();
    }

    @Test
    void withoutAServerColumnsArePositional() {
        TableResolver resolver = new TableResolver(TableFilter.all(), SchemaSource.AUTO, null);
        assertThat(resolver.resolve(12, "shop", "users", tableMap(), "a").names().asList())
                .containsExactly("@1", "@2");
    }

    @Test
    void tableChangedSinceTheEventStopsWithTheFixInsteadOfMislabelling() {
        serverColumns = List.of(new String[] {"id", "int", "int(11)", "PRI", null},
                new String[] {"note", "text", "text", "", "45"},
                new String[] {"name", "varchar", "varchar(20)", "", "45"});
        TableResolver resolver = new TableResolver(TableFilter.all(), SchemaSource.AUTO, reader);

        assertThatThrownBy(() -> resolver.resolve(12, "shop", "users", tableMap(), "mysql-bin.000003:1234"))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("shop.users at mysql-bin.000003:1234")
                .hasMessageContaining("the binlog event has 2 columns but the table now has 3")
                .hasMessageContaining("binlog_row_metadata=FULL");
    }

    @Test
    void definitionsPreloadedAtStartNameRowsWrittenBeforeALaterAlter() {
        InformationSchemaReader all = new InformationSchemaReader(sql -> {
            queries.add(sql);
            if (sql.contains("TABLE_NAME = ")) {
                // By the time the first TABLE_MAP is read, the table already has a third column.
                return List.of(new String[] {"id", "int", "int(10) unsigned", "PRI", null},
                        new String[] {"name", "varchar", "varchar(20)", "", "224"},
                        new String[] {"price", "int", "int(11)", "", null});
            }
            return List.<String[]>of(new String[] {"shop", "users", "id", "int", "int(10) unsigned", "PRI", null},
                    new String[] {"shop", "users", "name", "varchar", "varchar(20)", "", "224"},
                    new String[] {"mysql", "user", "Host", "char", "char(255)", "PRI", "45"});
        });
        TableResolver resolver = new TableResolver(TableFilter.all(), SchemaSource.AUTO, all);
        resolver.preload();

        ResolvedTable table = resolver.resolve(12, "shop", "users", tableMap(), "a");

        assertThat(table.names().asList()).containsExactly("id", "name");
        assertThat(queries).hasSize(1);
    }

    @Test
    void ddlInvalidationMakesTheNextTableMapReadTheNewDefinition() {
        TableResolver resolver = new TableResolver(TableFilter.all(), SchemaSource.AUTO, reader);
        resolver.resolve(12, "shop", "users", tableMap(), "a");
        serverColumns = List.of(new String[] {"id", "int", "int(10) unsigned", "PRI", null},
                new String[] {"full_name", "varchar", "varchar(20)", "", "224"});
        resolver.invalidate(List.of("shop.users"));

        ResolvedTable table = resolver.resolve(12, "shop", "users", tableMap(), "b");

        assertThat(table.names().asList()).containsExactly("id", "full_name");
        assertThat(queries).hasSize(2);
    }
}
