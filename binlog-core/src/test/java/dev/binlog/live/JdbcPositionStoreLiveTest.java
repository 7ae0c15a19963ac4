package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.GtidSet;
import dev.binlog.MariaDbGtidList;
import dev.binlog.PositionStore;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** {@link PositionStore#jdbc} against a real server: the table it creates, the rows it keeps, the errors it reports. */
class JdbcPositionStoreLiveTest {

    @LiveTest
    void savesInATableItCreatesAndReadsBackFromAnotherInstance(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS binlog_position");
        DataSource dataSource = admin(live, "");

        PositionStore first = PositionStore.jdbc(dataSource, "binlog_position", "orders-sync");
        assertThat(first.load()).isEmpty();
        first.save(new BinlogPosition("mysql-bin.000004", 1207, MariaDbGtidList.parse("0-1-77")));
        first.save(new BinlogPosition("mysql-bin.000004", 2411, MariaDbGtidList.parse("0-1-78,1-2-5")));

        PositionStore second = PositionStore.jdbc(dataSource, "binlog_position", "orders-sync");
        assertThat(second.load())
                .contains(new BinlogPosition("mysql-bin.000004", 2411, MariaDbGtidList.parse("0-1-78,1-2-5")));
        assertThat(live.query("SELECT name, position FROM binlog_position")).extracting(row -> row.get("name")
                + " = " + row.get("position")).containsExactly("orders-sync = mysql-bin.000004:2411 gtid=0-1-78,1-2-5");
        assertThat(live.query("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'binlog_position' ORDER BY ORDINAL_POSITION"))
                .extracting(row -> String.join(" ", row.values().stream().map(String::valueOf).toList()))
                .containsExactly("name varchar(100) NO PRI", "position varchar(4000) NO ", "updated_at timestamp NO ");
    }

    @LiveTest
    void keepsASnapshotCheckpointAndRefusesOneLongerThanItsColumn(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS checkpoint_position");
        PositionStore store = PositionStore.jdbc(admin(live, ""), "checkpoint_position", "default");
        BinlogPosition position = new BinlogPosition("mysql-bin.000004", 1207, MariaDbGtidList.parse("0-1-77"))
                .withSnapshot(new dev.binlog.SnapshotCheckpoint("abc123", "table", java.util.List.of("shop.orders",
                        "shop.order lines"), java.util.List.of("3432"), java.util.List.of("393939"), 42));
        store.save(position);
        assertThat(PositionStore.jdbc(admin(live, ""), "checkpoint_position", "default").load()).contains(position);

        java.util.List<String> tables = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tables.add("shop.order_lines_archive_" + i);
        }
        BinlogPosition tooLong = position.withSnapshot(new dev.binlog.SnapshotCheckpoint("abc123", "table", tables,
                java.util.List.of(), java.util.List.of(), 0));
        assertThatThrownBy(() -> store.save(tooLong)).isInstanceOf(BinlogException.class)
                .hasMessageContaining("more than the 4000 of column checkpoint_position.position")
                .hasMessageContaining("ALTER TABLE checkpoint_position MODIFY position TEXT NOT NULL");
        assertThat(store.load()).as("the last position that fitted").contains(position);
    }

    @LiveTest
    void keepsAMySqlGtidSetAsWritten(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS mysql_position");
        PositionStore store = PositionStore.jdbc(admin(live, ""), "mysql_position", "default");
        BinlogPosition position = new BinlogPosition("binlog.000012", 157, GtidSet.parse(
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77:80, 4e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"));

        store.save(position);

        assertThat(live.queryString("SELECT position FROM mysql_position WHERE name = 'default'")).isEqualTo(
                "binlog.000012:157 gtid=3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77:80,"
                        + "4e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        assertThat(PositionStore.jdbc(admin(live, ""), "mysql_position", "default").load()).contains(position);
    }

    @LiveTest
    void twoNamesInOneTableKeepTheirOwnPositions(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS shared_position");
        DataSource dataSource = admin(live, "");
        PositionStore orders = PositionStore.jdbc(dataSource, "shared_position", "orders-sync");
        PositionStore billing = PositionStore.jdbc(dataSource, "shared_position", "billing-sync");

        orders.save(new BinlogPosition("mysql-bin.000004", 1207, MariaDbGtidList.parse("0-1-77")));
        billing.save(new BinlogPosition("mysql-bin.000002", 88, null));
        orders.save(new BinlogPosition("mysql-bin.000005", 4, MariaDbGtidList.parse("0-1-80")));

        assertThat(orders.load()).contains(new BinlogPosition("mysql-bin.000005", 4, MariaDbGtidList.parse("0-1-80")));
        assertThat(billing.load()).contains(new BinlogPosition("mysql-bin.000002", 88, null));
        assertThat(PositionStore.jdbc(dataSource, "shared_position", "inventory").load()).isEmpty();
        assertThat(live.query("SELECT name, position FROM shared_position ORDER BY name"))
                .extracting(row -> row.get("name") + " = " + row.get("position"))
                .containsExactly("billing-sync = mysql-bin.000002:88", "orders-sync = mysql-bin.000005:4 gtid=0-1-80");
    }

    /**
     * A driver told to count changed rather than matched rows answers 0 to an UPDATE that changes nothing (same
     * position, same second); the store must not take that for a missing row and fail on the INSERT.
     */
    @LiveTest
    void savesTheSamePositionAgainWhenTheDriverCountsOnlyChangedRows(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS repeat_position");
        DataSource dataSource = admin(live, "useAffectedRows=true&sessionVariables=timestamp=1764547200");
        PositionStore store = PositionStore.jdbc(dataSource, "repeat_position", "default");
        BinlogPosition position = new BinlogPosition("mysql-bin.000004", 1207, MariaDbGtidList.parse("0-1-77"));

        store.save(position);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE repeat_position SET position = position, updated_at = CURRENT_TIMESTAMP"))
                    .as("rows this driver counts for an UPDATE that changes nothing").isZero();
        }
        store.save(position);

        assertThat(store.load()).contains(position);
        assertThat(live.queryString("SELECT COUNT(*) FROM repeat_position")).isEqualTo("1");
    }

    @LiveTest
    void ownTablesAreTheTableInTheDataSourcesDatabaseOrAsQualified(LiveServer live) throws Exception {
        DataSource dataSource = admin(live, "");

        assertThat(PositionStore.jdbc(dataSource, "binlog_position", "default").ownTables())
                .containsExactly(live.database() + ".binlog_position");
        assertThat(PositionStore.jdbc(dataSource, "ops.binlog_position", "default").ownTables())
                .containsExactly("ops.binlog_position");
    }

    @LiveTest
    void aUserWhoMayNotCreateTheTableGetsAnErrorNamingIt(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS denied_position");
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(LiveServer.REPLICATION_USER); // SELECT and replication grants only
        dataSource.setPassword(LiveServer.REPLICATION_PASSWORD);
        PositionStore store = PositionStore.jdbc(dataSource, "denied_position", "orders-sync");

        assertThatThrownBy(store::load).isExactlyInstanceOf(BinlogException.class)
                .hasMessageStartingWith("cannot read the binlog position of 'orders-sync' from table denied_position: ")
                .hasMessageContaining("CREATE command denied to user 'binlog_repl'")
                .hasMessageEndingWith("; check that the data source reaches its database and that its user may "
                        + "create and read that table")
                .hasCauseInstanceOf(SQLException.class);
    }

    @LiveTest
    void aTableOfAnotherShapeFailsTheSaveNamingTableAndPosition(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS taken_position", "CREATE TABLE taken_position (id INT PRIMARY KEY)");
        PositionStore store = PositionStore.jdbc(admin(live, ""), "taken_position", "orders-sync");

        assertThatThrownBy(() -> store.save(new BinlogPosition("mysql-bin.000004", 1207, null)))
                .isExactlyInstanceOf(BinlogException.class)
                .hasMessageStartingWith("cannot save the binlog position mysql-bin.000004:1207 to table taken_position"
                        + " row 'orders-sync': ")
                .hasMessageContaining("Unknown column")
                .hasMessageEndingWith("; the stream stops so that no change is acknowledged without a saved position");
    }

    @LiveTest
    void aDamagedRowSaysWhatToDo(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS damaged_position");
        PositionStore store = PositionStore.jdbc(admin(live, ""), "damaged_position", "orders-sync");
        store.save(new BinlogPosition("mysql-bin.000004", 1207, null));
        live.execute("UPDATE damaged_position SET position = 'mysql-bin.000004' WHERE name = 'orders-sync'");

        assertThatThrownBy(store::load).isExactlyInstanceOf(BinlogException.class)
                .hasMessage("the binlog position in table damaged_position row 'orders-sync' is damaged "
                        + "('mysql-bin.000004' is not a binlog position; expected FILE:POSITION, e.g. "
                        + "mysql-bin.000003:4); fix it, or delete the row to start from the configured start position");
    }

    /** The test database's admin, with driver options ({@code a=b&c=d}) after the URL. */
    private static DataSource admin(LiveServer live, String options) throws SQLException {
        String url = live.jdbcUrl();
        if (!options.isEmpty()) {
            url += (url.contains("?") ? "&" : "?") + options;
        }
        MariaDbDataSource dataSource = new MariaDbDataSource(url);
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        return dataSource;
    }
}
