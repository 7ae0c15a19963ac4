package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeType;
import dev.binlog.ClientState;
import dev.binlog.StreamStatistics;
import dev.binlog.spring.BinlogListener;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The JDBC position store in the streamed server itself, with the default filter: each save is an UPDATE in the very
 * binlog being streamed. A real change is delivered and its position saved, and then, on an idle server, the stream
 * does not react to its own save: the binlog does not grow, nothing more is delivered, counted or saved.
 */
class JdbcPositionStoreOwnWritesLiveTest {

    static class OrderListener {
        static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

        @BinlogListener(table = "${test.schema}.orders")
        void onOrder(Map<String, Object> row, ChangeType type) {
            RECEIVED.add(type + " " + row.get("id"));
        }
    }

    @LiveTest
    void theStoresOwnUpdatesDoNotFeedTheStream(LiveServer live) throws Exception {
        OrderListener.RECEIVED.clear();
        live.execute("DROP TABLE IF EXISTS binlog_position", "DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(20))");
        MariaDbDataSource dataSource = new MariaDbDataSource(live.jdbcUrl());
        dataSource.setUser(live.server().adminUser());
        dataSource.setPassword(live.server().adminPassword());

        runner(live, dataSource).run(context -> {
            assertThat(context).hasNotFailed();
            BinlogClient client = context.getBean(BinlogClient.class);
            await(() -> client.state() == ClientState.STREAMING, "streaming");

            live.execute("INSERT INTO orders VALUES (1, 'new')");
            await(() -> client.statistics().positionCommits() >= 1, "the position of the INSERT saved");
            BinlogPosition committed = client.committedPosition().orElseThrow();
            Thread.sleep(500); // the save's own UPDATE reaches the stream
            Map<String, Object> afterSave = masterStatus(live);

            Thread.sleep(10_000); // idle

            assertThat(masterStatus(live)).as("binlog end after 10 idle seconds").isEqualTo(afterSave);
            StreamStatistics statistics = client.statistics();
            assertThat(statistics.positionCommits()).as("positions saved").isEqualTo(1);
            assertThat(statistics.transactions()).as("transactions counted").isEqualTo(1);
            assertThat(statistics.rows().get(ChangeType.UPDATE)).as("UPDATE rows counted").isZero();
            assertThat(statistics.events().get("XID")).as("XID events counted: the INSERT's only").isEqualTo(1);
            assertThat(OrderListener.RECEIVED).containsExactly("INSERT 1");
            assertThat(live.queryString("SELECT position FROM binlog_position WHERE name = 'default'"))
                    .isEqualTo(committed.toString());
        });
    }

    private static ApplicationContextRunner runner(LiveServer live, DataSource dataSource) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(DataSource.class, () -> dataSource)
                .withBean(OrderListener.class)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.type=jdbc",
                        "test.schema=" + live.database());
    }

    private static Map<String, Object> masterStatus(LiveServer live) {
        Map<String, Object> row = live.query("SHOW MASTER STATUS").get(0);
        return Map.of("file", row.get("File"), "position", row.get("Position"));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
