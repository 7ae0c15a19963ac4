package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.MariaDbGtidList;
import dev.binlog.PositionStore;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.autoconfigure.JdbcPositionStore;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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

    @LiveTest
    void applicationsSharingTheTableKeepTheirOwnPositionsByName(LiveServer live) throws Exception {
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());
        live.execute("DROP TABLE IF EXISTS shared_position");
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER, "binlog.auto-startup=false",
                        "binlog.position-store.type=jdbc", "binlog.position-store.table=shared_position");
        ApplicationContextRunner orders = runner.withPropertyValues("spring.application.name=orders-sync");
        ApplicationContextRunner billing = runner.withPropertyValues("spring.application.name=shop",
                "binlog.position-store.name=billing-sync");

        orders.run(context -> context.getBean(PositionStore.class)
                .save(new BinlogPosition("mysql-bin.000004", 1207, MariaDbGtidList.parse("0-1-77"))));
        billing.run(context -> context.getBean(PositionStore.class)
                .save(new BinlogPosition("mysql-bin.000002", 88, MariaDbGtidList.parse("0-1-12"))));
        runner.run(context -> context.getBean(PositionStore.class)
                .save(new BinlogPosition("mysql-bin.000001", 4, null)));

        orders.run(context -> assertThat(context.getBean(PositionStore.class).load())
                .contains(new BinlogPosition("mysql-bin.000004", 1207, MariaDbGtidList.parse("0-1-77"))));
        billing.run(context -> assertThat(context.getBean(PositionStore.class).load())
                .contains(new BinlogPosition("mysql-bin.000002", 88, MariaDbGtidList.parse("0-1-12"))));
        assertThat(live.query("SELECT name FROM shared_position ORDER BY name")).extracting(row -> row.get("name"))
                .containsExactly("billing-sync", "default", "orders-sync");
    }
}
