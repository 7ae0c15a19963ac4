package dev.binlog.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.Transaction;
import dev.binlog.spring.BinlogQuery;
import dev.binlog.spring.OnCommit;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.OnSchemaChange;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The README's {@code @OnSchemaChange}, {@code @BinlogQuery} and {@code @OnCommit} examples compile and register. */
class ReadmeSchemaAndCommitExamplesTest {

    record Order(int id, String status) {
    }

    // --- README: "Schema changes, statements and commits" ---
    static class SearchMapping {
        final List<String> rebuilt = new ArrayList<>();
        final List<String> alerts = new ArrayList<>();

        @OnSchemaChange(table = "shop.orders")
        void ordersChanged(SchemaChange change) {
            rebuilt.add(change.statement() + " " + change.affectedTables());
        }

        @OnSchemaChange(schema = "shop")
        void alertOnDrop(String statement) {
            if (statement.regionMatches(true, 0, "DROP", 0, 4)) {
                alerts.add(statement);
            }
        }
    }

    static class OrderExport {
        final List<Order> pending = new ArrayList<>();
        final List<String> exported = new ArrayList<>();

        @OnInsert("shop.orders")
        void add(Order order, @BinlogQuery String sql) {
            pending.add(order);
        }

        @OnCommit("shop.orders")
        void flush(Transaction transaction) {
            exported.add(transaction.rowCount() + " " + pending);
            pending.clear();
        }
    }
    // --- end of README example ---

    @Test
    void theReadmeExamplesReceiveWhatTheySayTheyDo() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
                .withPropertyValues("binlog.auto-startup=false")
                .withBean(SearchMapping.class).withBean(OrderExport.class)
                .run(context -> {
                    ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
                    dispatcher.onSchemaChange(new SchemaChange("shop", "ALTER TABLE orders ADD note TEXT",
                            List.of("shop.orders"), new BinlogPosition("mysql-bin.000001", 300), null));
                    dispatcher.onBegin(new Transaction(null, null, Instant.EPOCH, null, null, null, 0));
                    dispatcher.onChange(insert(1));
                    dispatcher.onChange(insert(2));
                    dispatcher.onCommit(new Transaction(null, 4L, Instant.EPOCH, Instant.EPOCH, null,
                            new BinlogPosition("mysql-bin.000001", 900), 2));
                    dispatcher.onSchemaChange(new SchemaChange("shop", "DROP TABLE customers",
                            List.of("shop.customers"), new BinlogPosition("mysql-bin.000001", 1000), null));

                    SearchMapping mapping = context.getBean(SearchMapping.class);
                    assertThat(mapping.rebuilt).containsExactly("ALTER TABLE orders ADD note TEXT [shop.orders]");
                    assertThat(mapping.alerts).containsExactly("DROP TABLE customers");
                    assertThat(context.getBean(OrderExport.class).exported)
                            .containsExactly("2 [Order[id=1, status=NEW], Order[id=2, status=NEW]]");
                });
    }

    private static RowChange insert(int id) {
        Row row = new Row(new ColumnNames(List.of("id", "status")), new Object[] {id, "NEW"}, null);
        return new RowChange(ChangeType.INSERT, "shop", "orders", null, row, Set.of(), Map.of("id", id),
                new ChangeMetadata("mysql-bin.000001", 400 + id, null, null, 1, Instant.EPOCH, 0, 12L,
                        "INSERT INTO orders VALUES (1, 'NEW'), (2, 'NEW')"));
    }
}
