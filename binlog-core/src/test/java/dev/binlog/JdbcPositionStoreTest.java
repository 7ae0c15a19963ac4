package dev.binlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/** What {@link PositionStore#jdbc} refuses before it ever connects (the live test covers the rest). */
class JdbcPositionStoreTest {

    /** Never connected to: nothing here reaches a server. */
    private final DataSource dataSource = unreachable();

    @Test
    void refusesATableNameThatWouldChangeTheStatements() {
        assertThatThrownBy(() -> PositionStore.jdbc(dataSource, "binlog_position; DROP TABLE orders", "default"))
                .isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("the position table name 'binlog_position; DROP TABLE orders' is not a plain table name: "
                        + "use letters, digits and _, optionally after a schema name and a dot (shop.binlog_position)");
        for (String refused : new String[] {"", "`binlog_position`", "a.b.c", ".binlog_position", "shop.",
                "binlog position", "binlog_position--", "pos'ition"}) {
            assertThatThrownBy(() -> PositionStore.jdbc(dataSource, refused, "default")).as(refused)
                    .isInstanceOf(ConfigurationException.class);
        }
        assertThatThrownBy(() -> PositionStore.jdbc(dataSource, null, "default"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("the position table name 'null' is not a plain table name");
    }

    @Test
    void acceptsATableOrASchemaQualifiedTable() {
        assertThat(PositionStore.jdbc(dataSource, "binlog_position", "orders-sync"))
                .hasToString("jdbc table binlog_position row 'orders-sync'");
        assertThat(PositionStore.jdbc(dataSource, "Ops_2.Binlog_Position", "orders-sync"))
                .hasToString("jdbc table Ops_2.Binlog_Position row 'orders-sync'");
    }

    @Test
    void refusesARowNameTheColumnCannotHold() {
        assertThatThrownBy(() -> PositionStore.jdbc(dataSource, "binlog_position", " "))
                .isExactlyInstanceOf(ConfigurationException.class)
                .hasMessage("the position row name ' ' must be 1 to 100 characters; applications that share the table "
                        + "binlog_position need different names");
        assertThatThrownBy(() -> PositionStore.jdbc(dataSource, "binlog_position", null))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> PositionStore.jdbc(dataSource, "binlog_position", "x".repeat(101)))
                .isInstanceOf(ConfigurationException.class);
        assertThat(PositionStore.jdbc(dataSource, "binlog_position", "x".repeat(100))).isNotNull();
    }

    private static DataSource unreachable() {
        try {
            return new MariaDbDataSource("jdbc:mariadb://127.0.0.1:1/none");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
