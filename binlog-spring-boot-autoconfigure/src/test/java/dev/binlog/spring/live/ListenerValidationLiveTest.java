package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.OnUpdate;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.InvalidListenerException;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.math.BigDecimal;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Listeners checked against the server's tables before streaming: a misspelt table or column is a WARN naming the
 * listener (or fails the start with {@code binlog.listener.validate=strict}); a row type with a field no column feeds,
 * or an {@code int} for a DECIMAL(10,2), fails the start naming table, column and field. The start and stop are one
 * log line each: listeners, position store and where the stream begins; where it stopped and what was committed.
 */
@ExtendWith(OutputCaptureExtension.class)
class ListenerValidationLiveTest {

    record Order(int id, String status, BigDecimal total) {
    }

    record LossyOrder(int id, int total, String customer) {
    }

    static class Typos {
        @BinlogListener(table = "${test.schema}.ordres", id = "misspeltTable")
        void table(Order order) {
        }

        @OnUpdate(table = "${test.schema}.orders", columns = "stauts", id = "misspeltColumn")
        void column(Order order) {
        }
    }

    static class Lossy {
        @BinlogListener(table = "${test.schema}.orders", id = "lossy")
        void on(LossyOrder order) {
        }
    }

    private ApplicationContextRunner runner(LiveServer live, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.type=memory", "test.schema=" + live.database())
                .withPropertyValues(properties);
    }

    private static void createOrders(LiveServer live) {
        live.execute("DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (id INT PRIMARY KEY, status VARCHAR(10), total DECIMAL(10,2))");
    }

    @LiveTest
    void misspeltTablesAndColumnsAreLoggedNamingTheListener(LiveServer live, CapturedOutput output) {
        createOrders(live);
        String db = live.database();
        runner(live).withBean(Typos.class).run(context -> assertThat(context).hasNotFailed());
        String server = live.host() + ":" + live.port();
        assertThat(output).contains("WARN").contains("Listener misspeltTable listens to table '" + db + ".ordres', "
                + "which matches no table on the server (tables of " + db + ": orders) on " + server
                + " (binlog.listener.validate=strict makes this fail the start)");
        assertThat(output).contains("Listener misspeltColumn fires on changes of column 'stauts', which " + db
                + ".orders does not have (columns: id, status, total) on " + server);
        assertThat(output).contains("Binlog stream from " + server + " to 2 listeners [misspeltTable → " + db
                + ".ordres (inserts, updates and deletes); misspeltColumn → " + db + ".orders (UPDATE of stauts)], position store "
                + "memory, starting at latest (no committed position)");
        assertThat(output).containsPattern("Binlog stream from " + server.replace(".", "\\.") + " stopped at \\S+:\\d+"
                + ", nothing committed \\(0 transactions, 0 rows delivered\\)");
    }

    @LiveTest
    void strictValidationFailsTheStart(LiveServer live) {
        createOrders(live);
        runner(live, "binlog.listener.validate=strict").withBean(Typos.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(invalidListener(context.getStartupFailure()))
                    .startsWith("The binlog listeners do not fit the tables of " + live.host() + ":" + live.port())
                    .contains("- listener misspeltTable listens to table '" + live.database() + ".ordres'")
                    .contains("- listener misspeltColumn fires on changes of column 'stauts'");
        });
    }

    @LiveTest
    void aRowTypeThatWouldLoseDataFailsTheStartNamingTableColumnAndField(LiveServer live) {
        createOrders(live);
        String table = live.database() + ".orders";
        runner(live).withBean(Lossy.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(invalidListener(context.getStartupFailure()))
                    .contains("- listener lossy: column 'total' of " + table + " is decimal(10,2), but "
                            + "LossyOrder.total is int, which would lose the fraction; declare it as BigDecimal or "
                            + "double")
                    .contains("- listener lossy: " + table + " has no column 'customer' for LossyOrder.customer "
                            + "(columns: id, status, total); name its column with @BinlogColumn(\"...\"), or mark it "
                            + "@BinlogColumn(optional = true)");
        });
        runner(live, "binlog.listener.validate=off").withBean(Lossy.class)
                .run(context -> assertThat(context).hasNotFailed());
    }

    private static String invalidListener(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidListenerException) {
                return t.getMessage();
            }
        }
        throw new AssertionError("no InvalidListenerException in " + failure);
    }
}
