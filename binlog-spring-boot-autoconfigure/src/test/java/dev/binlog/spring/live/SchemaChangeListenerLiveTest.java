package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.Transaction;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.OnCommit;
import dev.binlog.spring.OnSchemaChange;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * DDL reaches {@code @OnSchemaChange} methods in binlog order between the row changes around it, each method seeing
 * what its patterns select; {@code @OnCommit} methods are called once per transaction that changed their table, after
 * its rows, with the number of rows of that table.
 */
class SchemaChangeListenerLiveTest {

    static class Listeners {
        final String schema;
        /** Rows, DDL and commits of this test's schema, in the order the listeners saw them. */
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<SchemaChange> everyDdl = new CopyOnWriteArrayList<>();
        final List<String> ordersDdl = new CopyOnWriteArrayList<>();
        final List<List<String>> schemaDdl = new CopyOnWriteArrayList<>();
        final List<String> elsewhereDdl = new CopyOnWriteArrayList<>();
        final List<Transaction> orderCommits = new CopyOnWriteArrayList<>();

        Listeners(String schema) {
            this.schema = schema;
        }

        @BinlogListener(table = "${test.schema}.*")
        void row(RowChange change) {
            events.add("row " + change.type() + " " + change.table() + " " + change.row().get("id"));
        }

        @OnSchemaChange
        void everyDdl(SchemaChange change) {
            everyDdl.add(change);
            // the server is shared: other tests' DDL arrives too, and stays out of the ordered list
            if (schema.equals(change.schema()) || change.affectedTables().stream().anyMatch(
                    t -> t.startsWith(schema + ".") || t.startsWith(schema + "_x."))) {
                events.add("ddl " + change.affectedTables());
            }
        }

        @OnSchemaChange(table = "${test.schema}.orders")
        void ordersDdl(String statement) {
            ordersDdl.add(statement);
        }

        @OnSchemaChange(schema = "${test.schema}")
        void schemaDdl(SchemaChange change) {
            schemaDdl.add(change.affectedTables());
        }

        @OnSchemaChange(schema = "elsewhere", table = "elsewhere_too.*")
        void elsewhereDdl(String statement) {
            elsewhereDdl.add(statement);
        }

        @OnCommit("${test.schema}.orders")
        void orderCommit(Transaction transaction) {
            orderCommits.add(transaction);
            events.add("commit orders " + transaction.rowCount());
        }
    }

    @LiveTest
    void ddlArrivesInOrderBetweenRowsAndPatternsSelectIt(LiveServer live) throws Exception {
        String s = live.database();
        live.execute("DROP DATABASE IF EXISTS `" + s + "_x`", "CREATE TABLE items (id INT PRIMARY KEY)");
        Listeners listeners = new Listeners(s);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(Listeners.class, () -> listeners)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.type=memory",
                        "test.schema=" + s)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    // The servers log no column names (binlog_row_metadata=NO_LOG): rows of a table are
                    // named from information_schema, so each step waits for the stream before the next DDL.
                    live.execute("INSERT INTO items VALUES (1)",
                            "CREATE TABLE orders (id INT PRIMARY KEY, total INT)",
                            "INSERT INTO orders VALUES (1, 10)");
                    await(listeners, "commit orders 1");
                    live.execute("ALTER TABLE orders ADD COLUMN note VARCHAR(20)",
                            "INSERT INTO orders VALUES (2, 20, 'b')",
                            "BEGIN",
                            "INSERT INTO orders VALUES (3, 30, 'c'), (4, 40, 'd')",
                            "INSERT INTO items VALUES (2)",
                            "COMMIT",
                            "INSERT INTO items VALUES (3)");
                    await(listeners, "row INSERT items 3");
                    live.execute("RENAME TABLE orders TO orders_old",
                            "INSERT INTO orders_old VALUES (5, 50, 'e')");
                    await(listeners, "row INSERT orders_old 5");
                    live.execute("TRUNCATE TABLE items",
                            "DROP TABLE orders_old",
                            "CREATE DATABASE `" + s + "_x`",
                            "DROP DATABASE `" + s + "_x`",
                            "INSERT INTO items VALUES (4)");
                    await(listeners, "row INSERT items 4");
                    Thread.sleep(300); // nothing more may arrive
                });

        assertThat(listeners.events).containsExactly(
                "row INSERT items 1",
                "ddl [" + s + ".orders]",
                "row INSERT orders 1",
                "commit orders 1",
                "ddl [" + s + ".orders]",
                "row INSERT orders 2",
                "commit orders 1",
                "row INSERT orders 3",
                "row INSERT orders 4",
                "row INSERT items 2",
                "commit orders 2",
                "row INSERT items 3",
                "ddl [" + s + ".orders, " + s + ".orders_old]",
                "row INSERT orders_old 5",
                "ddl [" + s + ".items]",
                "ddl [" + s + ".orders_old]",
                "ddl [" + s + "_x.*]",
                "ddl [" + s + "_x.*]",
                "row INSERT items 4");
        assertThat(listeners.ordersDdl).as("table = orders: the statements naming it, as logged").containsExactly(
                "CREATE TABLE orders (id INT PRIMARY KEY, total INT)",
                "ALTER TABLE orders ADD COLUMN note VARCHAR(20)",
                "RENAME TABLE orders TO orders_old");
        assertThat(listeners.schemaDdl).as("schema = the test's: its tables' DDL, not another schema's")
                .containsExactly(
                        List.of(s + ".orders"),
                        List.of(s + ".orders"),
                        List.of(s + ".orders", s + ".orders_old"),
                        List.of(s + ".items"),
                        List.of(s + ".orders_old"));
        assertThat(listeners.elsewhereDdl).isEmpty();
        SchemaChange alter = listeners.everyDdl.stream().filter(c -> c.statement().startsWith("ALTER TABLE orders"))
                .findFirst().orElseThrow();
        assertThat(alter.schema()).isEqualTo(s);
        assertThat(alter.position().position()).isPositive();
        assertThat(listeners.everyDdl.stream().filter(c -> c.statement().startsWith("DROP TABLE")
                && c.affectedTables().equals(List.of(s + ".orders_old"))).findFirst().orElseThrow().statement())
                .startsWith("DROP TABLE `orders_old`");
        assertThat(listeners.orderCommits).extracting(Transaction::rowCount)
                .as("rows of orders only: the third transaction also inserted into items").containsExactly(1L, 1L, 2L);
        assertThat(listeners.orderCommits).allSatisfy(t -> assertThat(t.committedPosition()).isNotNull());
    }

    private static void await(Listeners listeners, String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listeners.events.contains(event) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
