package dev.binlog.spring.test;

import static dev.binlog.spring.test.TestBinlog.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.Transaction;
import dev.binlog.spring.After;
import dev.binlog.spring.Before;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.listener.ListenerFailedException;
import dev.binlog.stream.BinlogClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link TestBinlog} in an {@code ApplicationContextRunner} without any server configured (no {@code binlog.host}, no
 * data source): there is no {@link BinlogClient} at all, and the listeners still get every change through the real
 * dispatcher, under the real error policy.
 */
class TestBinlogContextRunnerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class, BinlogTestAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false", "binlog.error-handling.backoff=10ms")
            .withUserConfiguration(Listeners.class);

    record Order(long id, String status, BigDecimal total) {
    }

    static class Orders {
        final List<String> calls = new ArrayList<>();
        final AtomicInteger failingCalls = new AtomicInteger();

        @BinlogListener(table = "shop.orders", on = ChangeType.UPDATE, columns = "status",
                condition = "#after.status == 'PAID'")
        void paid(@Before Order before, @After Order after, RowChange change) {
            calls.add(before.status() + "->" + after.status() + " changed " + change.changedColumns() + " key "
                    + change.primaryKey() + " at " + change.metadata().binlogPosition());
        }

        @BinlogListener(table = "shop.orders", on = ChangeType.DELETE)
        void deleted(BinlogChange<Order> change) {
            calls.add("deleted " + change.before().id());
        }

        @BinlogListener(table = "shop.refunds")
        void refund(Order refund) {
            failingCalls.incrementAndGet();
            throw new IllegalStateException("refunds are down");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        @Bean
        Orders orders() {
            return new Orders();
        }
    }

    @Test
    void noServerNoClientAndTheListenersGetTheChanges() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(TestBinlog.class).doesNotHaveBean(BinlogClient.class);
            TestBinlog binlog = context.getBean(TestBinlog.class);
            Orders orders = context.getBean(Orders.class);

            Transaction first = binlog.update("shop.orders",
                    row("id", 7, "status", "NEW", "total", new BigDecimal("3.00")),
                    row("id", 7, "status", "PAID", "total", new BigDecimal("3.00")));
            binlog.update("shop.orders",
                    row("id", 7, "status", "PAID", "total", new BigDecimal("3.00")),
                    row("id", 7, "status", "PAID", "total", new BigDecimal("4.00")));
            binlog.delete("shop.orders", row("id", 7, "status", "PAID", "total", new BigDecimal("4.00")));

            assertThat(orders.calls).containsExactly(
                    "NEW->PAID changed [status] key {id=7} at test-bin.000001:104",
                    "deleted 7");
            assertThat(first.beginPosition()).hasToString("test-bin.000001:4");
            assertThat(first.committedPosition()).hasToString("test-bin.000001:304 gtid=0-1-1");
            assertThat(first.gtid()).isEqualTo("0-1-1");
            assertThat(binlog.committedPosition()).hasToString("test-bin.000001:904 gtid=0-1-3");
            assertThat(binlog.positionStore().load()).contains(binlog.committedPosition());
        });
    }

    @Test
    void aListenerFailureSurfacesAsTheDispatcherThrowsItAndNothingIsCommitted() {
        runner.run(context -> {
            TestBinlog binlog = context.getBean(TestBinlog.class);
            Orders orders = context.getBean(Orders.class);

            assertThatThrownBy(() -> binlog.insert("shop.refunds", row("id", 1, "status", "NEW", "total", 1)))
                    .isInstanceOf(ListenerFailedException.class)
                    .hasMessageStartingWith("listener orders.refund failed on INSERT shop.refunds at "
                            + "test-bin.000001:104: java.lang.IllegalStateException: refunds are down")
                    .hasRootCauseInstanceOf(IllegalStateException.class);
            // the default policy: two retries, then stop
            assertThat(orders.failingCalls).hasValue(3);
            assertThat(binlog.committedPosition()).isNull();
            assertThat(binlog.positionStore().load()).isEmpty();
        });
    }

    @Test
    void underTheSkipModeTheFailureIsCountedAndTheTransactionCommits() {
        runner.withPropertyValues("binlog.error-handling.mode=skip").run(context -> {
            TestBinlog binlog = context.getBean(TestBinlog.class);

            Transaction committed = binlog.insert("shop.refunds", row("id", 1, "status", "NEW", "total", 1));

            assertThat(committed.committedPosition()).hasToString("test-bin.000001:304 gtid=0-1-1");
            assertThat(context.getBean(dev.binlog.spring.listener.ListenerDispatcher.class).statistics()
                    .get("orders.refund").skippedChanges()).isEqualTo(1);
        });
    }
}
