package dev.binlog.spring.test.shop;

import static dev.binlog.spring.test.TestBinlog.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.Transaction;
import dev.binlog.spring.autoconfigure.BinlogStreamLifecycle;
import dev.binlog.spring.test.AutoConfigureBinlogTest;
import dev.binlog.spring.test.TestBinlog;
import dev.binlog.stream.BinlogClient;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The README's example: a {@code @SpringBootTest} of an application whose {@code binlog.host} points at a port where
 * no server listens; with {@link AutoConfigureBinlogTest} the stream never starts, so that does not matter, and
 * {@link TestBinlog} drives the real listener.
 */
@SpringBootTest(properties = {"binlog.host=127.0.0.1", "binlog.port=1", "binlog.username=repl", "binlog.fail-fast=true"})
@AutoConfigureBinlogTest
class OrderListenerTest {

    @Autowired
    TestBinlog binlog;

    @Autowired
    ShopApplication.BigOrders bigOrders;

    @BeforeEach
    void clear() {
        bigOrders.shipped.clear();
    }

    @Test
    void aMatchingInsertReachesTheListenerAsARecord() {
        binlog.insert("shop.orders", row("id", 1, "customer_name", "Ann", "total", new BigDecimal("12.99")));

        assertThat(bigOrders.shipped).containsExactly(
                new ShopApplication.Order(1, "Ann", new BigDecimal("12.99")));
    }

    @Test
    void anInsertTheConditionRejectsDoesNotReachIt() {
        binlog.insert("shop.orders", row("id", 2, "customer_name", "Bob", "total", new BigDecimal("9.50")));

        assertThat(bigOrders.shipped).isEmpty();
    }

    @Test
    void anUpdateIsMappedFromItsAfterImage() {
        binlog.update("shop.orders",
                row("id", 3, "customer_name", "Cy", "total", new BigDecimal("5.00")),
                row("id", 3, "customer_name", "Cy", "total", new BigDecimal("50.00")));

        assertThat(bigOrders.shipped).containsExactly(new ShopApplication.Order(3, "Cy", new BigDecimal("50.00")));
    }

    @Test
    void theStreamNeverStartedAndTheApplicationsPositionStoreHasTheCommittedPosition(
            @Autowired BinlogClient client, @Autowired BinlogStreamLifecycle lifecycle,
            @Autowired PositionStore positions) {
        Transaction committed = binlog.transaction(tx -> tx
                .insert("shop.orders", row("id", 4, "customer_name", "Di", "total", new BigDecimal("11")))
                .insert("shop.orders", row("id", 5, "customer_name", "Ed", "total", new BigDecimal("1"))));

        assertThat(committed.rowCount()).isEqualTo(2);
        assertThat(positions.load()).contains(committed.committedPosition());
        assertThat(binlog.committedPosition()).isEqualTo(committed.committedPosition());
        assertThat(bigOrders.shipped).extracting(ShopApplication.Order::id).containsExactly(4L);
        assertThat(client.state()).isEqualTo(ClientState.NEW);
        assertThat(lifecycle.isRunning()).isFalse();
        assertThat(client.settings().server().port()).isEqualTo(1);
        // binlog.position-store.type=memory under @AutoConfigureBinlogTest: the default file store wrote nothing
        assertThat(positions.getClass().getSimpleName()).isEqualTo("MemoryPositionStore");
        assertThat(java.nio.file.Path.of("binlog.position")).doesNotExist();
    }
}
