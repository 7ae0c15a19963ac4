package dev.binlog.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.spring.After;
import dev.binlog.spring.Before;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.BinlogColumn;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.OnDelete;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.OnUpdate;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;

/**
 * Listeners of every supported signature in one application, fed by inserts, updates and deletes made over JDBC on
 * three tables: each receives exactly the changes its annotation selects (tables, patterns, change types, changed
 * columns, SpEL conditions), in commit order, with every common column type mapped into a record and a POJO.
 */
class ListenerSignaturesLiveTest {

    enum Status { NEW, PAID, SHIPPED }

    record Dimensions(int width, int height) {
    }

    record Order(BigInteger id, String customerName, BigDecimal total, boolean paid, boolean flagged,
            LocalDateTime createdAt, Instant stampedAt, LocalDate shipDay, LocalTime slot, Status status,
            Set<String> tags, JsonNode attrs, Dimensions size, String note, long quantity, double ratio, int yr,
            byte[] payload, float score) {
    }

    /** The same row as a mutable class mapped by field, one column under another name. */
    static class OrderBean {
        private BigInteger id;
        @BinlogColumn("customer_name")
        private String buyer;
        private BigDecimal total;
        private Boolean paid;
        private LocalDateTime createdAt;
        private Status status;
        private Set<String> tags;
        private String attrs;
        private Integer yr;
    }

    record Line(BigInteger orderId, int line, String sku) {
    }

    static class Listeners {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<Order> inserted = new CopyOnWriteArrayList<>();
        final List<OrderBean> beans = new CopyOnWriteArrayList<>();
        final List<ChangeMetadata> metadata = new CopyOnWriteArrayList<>();

        @OnInsert("${test.schema}.orders")
        void record(Order order) {
            inserted.add(order);
            calls.add("record " + order.id());
        }

        @OnInsert(table = "${test.schema}.orders", id = "bean")
        void bean(OrderBean order, ChangeMetadata meta) {
            beans.add(order);
            metadata.add(meta);
        }

        @OnUpdate(table = "${test.schema}.orders", columns = {"total", "status"})
        void totalOrStatus(@Before Order before, @After Order after) {
            calls.add("changed " + after.id() + " " + before.total() + "->" + after.total() + " " + after.status());
        }

        @BinlogListener(table = "${test.schema}.orders", on = ChangeType.UPDATE, condition = "#after.total > 1000")
        void big(BinlogChange<Order> change) {
            calls.add("big " + change.after().id() + " changed total and status "
                    + change.changedColumns().containsAll(List.of("total", "status")));
        }

        @OnDelete("${test.schema}.orders")
        void deleted(Order before, ChangeType type) {
            calls.add(type + " " + before.id() + " " + before.customerName());
        }

        @BinlogListener(tables = {"${test.schema}.customers", "${test.schema}.order_lines"},
                on = {ChangeType.INSERT, ChangeType.DELETE})
        void others(Map<String, Object> row, RowChange change) {
            calls.add(change.table() + " " + change.type() + " " + row.values().iterator().next());
        }

        @BinlogListener(table = "${test.schema}.order_*", id = "perTransaction")
        void transaction(List<BinlogChange<Line>> changes) {
            calls.add("transaction of " + changes.size() + " " + changes.stream().map(c -> c.row().sku()).toList());
        }
    }

    @LiveTest
    void everySignatureReceivesWhatItSelectsAcrossTables(LiveServer live) throws Exception {
        live.execute("CREATE TABLE orders (id BIGINT UNSIGNED PRIMARY KEY, customer_name VARCHAR(40) CHARACTER SET "
                + "utf8mb4, total DECIMAL(10,2), paid TINYINT(1), flagged BIT(1), created_at DATETIME(6), stamped_at "
                + "TIMESTAMP(3) NULL, ship_day DATE, slot TIME, status ENUM('NEW','PAID','SHIPPED'), tags "
                + "SET('gift','express','fragile'), attrs JSON, size JSON, note TEXT, quantity INT UNSIGNED, ratio "
                + "DOUBLE, yr YEAR, payload VARBINARY(16), score FLOAT)",
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40))",
                "CREATE TABLE order_lines (order_id BIGINT UNSIGNED, line INT, sku VARCHAR(20), "
                        + "PRIMARY KEY (order_id, line))");
        Listeners listeners = new Listeners();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withBean(Listeners.class, () -> listeners)
                .withPropertyValues("binlog.host=" + live.host(), "binlog.port=" + live.port(),
                        "binlog.username=" + LiveServer.REPLICATION_USER,
                        "binlog.password=" + LiveServer.REPLICATION_PASSWORD, "binlog.ssl.mode=disabled",
                        "binlog.fail-fast=true", "binlog.position-store.type=memory",
                        "test.schema=" + live.database())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    live.execute("SET time_zone = '+00:00'",
                            "INSERT INTO orders VALUES (18446744073709551615, 'Zoë', 99.90, 1, b'1', "
                                    + "'2026-11-23 10:15:30.123456', '2026-11-23 10:15:31.250', '2026-12-01', "
                                    + "'09:30:00', 'PAID', 'gift,fragile', '{\"color\": \"red\", \"tags\": [1, 2]}', "
                                    + "'{\"width\": 3, \"height\": 4}', 'first', 4294967295, 0.5, 2026, "
                                    + "x'00ff10', 1.5)",
                            "INSERT INTO customers VALUES (7, 'Ann')",
                            "UPDATE orders SET note = 'only the note changed'",
                            "UPDATE orders SET total = 1200.00, status = 'SHIPPED'",
                            "BEGIN",
                            "INSERT INTO order_lines VALUES (1, 1, 'cup'), (1, 2, 'pot')",
                            "DELETE FROM order_lines WHERE line = 1",
                            "COMMIT",
                            "DELETE FROM orders",
                            "DELETE FROM customers");
                    awaitCalls(listeners, 9);
                });

        // Listeners of one change run in no promised order; the changes themselves arrive in commit order.
        assertThat(listeners.calls.subList(2, 4)).containsExactlyInAnyOrder(
                "changed 18446744073709551615 99.90->1200.00 SHIPPED",
                "big 18446744073709551615 changed total and status true");
        assertThat(listeners.calls).hasSize(10).containsSubsequence(
                "record 18446744073709551615",
                "customers INSERT 7",
                "changed 18446744073709551615 99.90->1200.00 SHIPPED",
                "order_lines INSERT 1",
                "order_lines INSERT 1",
                "order_lines DELETE 1",
                "transaction of 3 [cup, pot, cup]",
                "DELETE 18446744073709551615 Zoë",
                "customers DELETE 7");

        Order order = listeners.inserted.get(0);
        assertThat(order).usingRecursiveComparison().ignoringFields("attrs").isEqualTo(new Order(
                new BigInteger("18446744073709551615"), "Zoë", new BigDecimal("99.90"), true, true,
                LocalDateTime.of(2026, 11, 23, 10, 15, 30, 123_456_000), Instant.parse("2026-11-23T10:15:31.250Z"),
                LocalDate.of(2026, 12, 1), LocalTime.of(9, 30), Status.PAID, Set.of("gift", "fragile"), null,
                new Dimensions(3, 4), "first", 4294967295L, 0.5, 2026, new byte[] {0, (byte) 0xff, 0x10}, 1.5f));
        assertThat(order.attrs().get("color").asText()).isEqualTo("red");
        assertThat(order.attrs().get("tags").size()).isEqualTo(2);
        assertThat(new String(order.payload(), StandardCharsets.ISO_8859_1)).isEqualTo("\u0000\u00ff\u0010");

        OrderBean bean = listeners.beans.get(0);
        assertThat(bean.buyer).isEqualTo("Zoë");
        assertThat(bean.total).isEqualByComparingTo("99.90");
        assertThat(bean.paid).isTrue();
        assertThat(bean.createdAt).isEqualTo(LocalDateTime.of(2026, 11, 23, 10, 15, 30, 123_456_000));
        assertThat(bean.status).isEqualTo(Status.PAID);
        assertThat(bean.tags).containsExactlyInAnyOrder("gift", "fragile");
        assertThat(bean.attrs).contains("\"color\"");
        assertThat(bean.yr).isEqualTo(2026);
        ChangeMetadata meta = listeners.metadata.get(0);
        assertThat(meta.binlogFile()).isNotBlank();
        assertThat(meta.position()).isPositive();
        assertThat(meta.timestamp()).isNotNull();
    }

    private static void awaitCalls(Listeners listeners, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (listeners.calls.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300); // nothing more may arrive
    }
}
