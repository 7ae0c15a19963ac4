package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.MariaDbGtidList;
import dev.binlog.PositionStore;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code binlog.position-store.type=jdbc} wires the core's JDBC store to the application's DataSource, with the row
 * named by {@code binlog.position-store.name}, else {@code spring.application.name}, else {@code default} (the store
 * itself is tested in binlog-core's {@code JdbcPositionStoreLiveTest}).
 */
class JdbcPositionStoreNamesLiveTest {

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

        orders.run(context -> {
            PositionStore store = context.getBean(PositionStore.class);
            assertThat(store).hasToString("jdbc table shared_position row 'orders-sync'");
            store.save(new BinlogPosition("mysql-bin.000004", 1207, MariaDbGtidList.parse("0-1-77")));
        });
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
