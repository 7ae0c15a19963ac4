package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.MariaDbGtidList;
import dev.binlog.spring.autoconfigure.JdbcPositionStore;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import org.mariadb.jdbc.MariaDbDataSource;

class JdbcPositionStoreLiveTest {

    @LiveTest
    void savesInATableItCreatesAndReadsBackFromAnotherInstance(LiveServer live) throws Exception {
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        live.execute("DROP TABLE IF EXISTS binlog_position");

        JdbcPositionStore first = new JdbcPositionStore(dataSource, "binlog_position", "orders-sync");
        assertThat(first.load()).isEmpty();
        first.save(new BinlogPosition("mysql-bin.000004", 1207, MariaDbGtidList.parse("0-1-77")));
        first.save(new BinlogPosition("mysql-bin.000004", 2411, MariaDbGtidList.parse("0-1-78")));

        JdbcPositionStore second = new JdbcPositionStore(dataSource, "binlog_position", "orders-sync");
        assertThat(second.load()).contains(new BinlogPosition("mysql-bin.000004", 2411, MariaDbGtidList.parse("0-1-78")));
        assertThat(new JdbcPositionStore(dataSource, "binlog_position", "other").load()).isEmpty();
        assertThat(live.queryString("SELECT COUNT(*) FROM binlog_position")).isEqualTo("1");
    }
}
