package dev.binlog.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogException;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.DecodeException;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.RowValues;
import dev.binlog.Transaction;
import dev.binlog.spring.After;
import dev.binlog.spring.Before;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.BinlogColumn;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.BinlogListenerConfigurer;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.OnUpdate;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.mapping.MappingException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AliasFor;

class ListenerDispatchTest {

    private static final ColumnNames ORDER_COLUMNS = new ColumnNames(List.of("id", "customer_name", "total",
            "big_count", "paid", "created_at", "stamped", "status", "tags"));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false", "binlog.error-handling.backoff=1ms");

    static Row order(int id, String name, String total) {
        return new Row(ORDER_COLUMNS, new Object[] {id, name, new BigDecimal(total),
            new BigInteger("18446744073709551615"), 1, LocalDateTime.of(2026, 11, 23, 10, 15, 30, 123_000_000),
            Instant.parse("2026-11-23T10:15:30Z"), "PAID", new LinkedHashSet<>(List.of("gift", "express"))}, null);
    }

    static RowChange change(ChangeType type, String table, Row before, Row after, Set<String> changed) {
        return new RowChange(type, "shop", table, before, after, changed, Map.of("id", 1),
                new ChangeMetadata("mysql-bin.000001", 400, "0-1-7", null, 1, Instant.EPOCH, 0, 12L, null));
    }

    record Order(int id, String customerName, BigDecimal total, BigInteger bigCount, boolean paid,
            LocalDateTime createdAt, OffsetDateTime stamped, Status status, Set<String> tags) {
    }

    enum Status { NEW, PAID }

    static class OrderBean {
        private long id;
        @BinlogColumn("customer_name")
        private String who;
        private BigDecimal total;

        long id() {
            return id;
        }
    }

    static class Recorder {
        final List<String> calls = new ArrayList<>();
        final List<Object> values = new ArrayList<>();

        @BinlogListener(table = "shop.orders", on = ChangeType.INSERT)
        void record(Order order) {
            calls.add("record " + order.id());
            values.add(order);
        }

        @OnInsert("shop.order*")
        void pojo(OrderBean order, ChangeMetadata metadata) {
            calls.add("pojo " + order.id() + " " + order.who + " " + order.total + " at " + metadata.position());
        }

        @OnUpdate(table = "shop.orders", columns = "total")
        void totalChanged(@Before Order before, @After Order after) {
            calls.add("total " + before.total() + " -> " + after.total());
        }

        @BinlogListener(table = "shop.orders", condition = "#after != null and #after.total > 100")
        void big(Map<String, Object> row, RowChange change) {
            calls.add("big " + change.type() + " " + row.get("total"));
        }

        @BinlogListener(table = "shop.orders", on = ChangeType.DELETE)
        void deleted(BinlogChange<Order> change) {
            calls.add("deleted " + change.before().id() + " after=" + change.after());
        }

        @BinlogListener(table = "shop.orders", id = "perTransaction")
        void transaction(List<BinlogChange<Order>> changes) {
            calls.add("transaction of " + changes.size());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    private static void deliverTransaction(ListenerDispatcher dispatcher, RowChange... changes) throws Exception {
        dispatcher.onBegin(null);
        for (RowChange change : changes) {
            dispatcher.onChange(change);
        }
        dispatcher.onCommit(new Transaction(null, 1L, null, null, null, null, changes.length));
    }

    @Test
    void everySignatureReceivesWhatItAskedFor() {
        runner.withUserConfiguration(Listeners.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            Recorder recorder = context.getBean(Recorder.class);
            Row before = order(1, "Ann", "90.00");
            Row after = order(1, "Ann", "120.50");
            deliverTransaction(dispatcher,
                    change(ChangeType.INSERT, "orders", null, before, Set.of()),
                    change(ChangeType.UPDATE, "orders", before, after, Set.of("total")),
                    change(ChangeType.UPDATE, "orders", after, order(1, "Bob", "120.50"), Set.of("customer_name")),
                    change(ChangeType.DELETE, "orders", after, null, Set.of()),
                    change(ChangeType.INSERT, "customers", null, before, Set.of()));

            // Listeners of one change run in no promised order; the changes themselves arrive in commit order.
            assertThat(recorder.calls).containsExactlyInAnyOrder(
                    "record 1",
                    "pojo 1 Ann 90.00 at 400",
                    "total 90.00 -> 120.50",
                    "big UPDATE 120.50",
                    "big UPDATE 120.50",
                    "deleted 1 after=null",
                    "transaction of 4");
            assertThat(recorder.calls.indexOf("record 1")).isLessThan(recorder.calls.indexOf("total 90.00 -> 120.50"));
            assertThat(recorder.calls.indexOf("total 90.00 -> 120.50")).isLessThan(
                    recorder.calls.indexOf("deleted 1 after=null"));
            assertThat(recorder.calls.get(recorder.calls.size() - 1)).isEqualTo("transaction of 4");
            Order mapped = (Order) recorder.values.get(0);
            assertThat(mapped).isEqualTo(new Order(1, "Ann", new BigDecimal("90.00"),
                    new BigInteger("18446744073709551615"), true, LocalDateTime.of(2026, 11, 23, 10, 15, 30, 123_000_000),
                    OffsetDateTime.parse("2026-11-23T10:15:30Z"), Status.PAID, Set.of("gift", "express")));
        });
    }

    record Dimensions(int width, int height) {
    }

    record Article(int id, tools.jackson.databind.JsonNode attributes, Dimensions size, String raw) {
    }

    static class JsonListener {
        Article received;

        @BinlogListener(table = "shop.articles", id = "json")
        void on(Article article) {
            received = article;
        }
    }

    @Test
    void jsonColumnsBecomeTreesObjectsOrText() {
        runner.withBean(JsonListener.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            Row row = new Row(new ColumnNames(List.of("id", "attributes", "size", "raw")), new Object[] {1,
                "{\"color\": \"red\", \"tags\": [1, 2]}", "{\"width\": 3, \"height\": 4}", "{\"a\": 1}"}, null);
            dispatcher.onChange(change(ChangeType.INSERT, "articles", null, row, Set.of()));
            Article article = context.getBean(JsonListener.class).received;
            assertThat(article.attributes().get("color").asText()).isEqualTo("red");
            assertThat(article.attributes().get("tags").size()).isEqualTo(2);
            assertThat(article.size()).isEqualTo(new Dimensions(3, 4));
            assertThat(article.raw()).isEqualTo("{\"a\": 1}");
        });
    }

    static class PrimitiveTarget {
        record Strict(int id, int total) {
        }

        int calls;

        @BinlogListener(table = "shop.t", id = "strict")
        void strict(Strict row) {
            calls++;
        }
    }

    @Test
    void nullIntoPrimitiveStopsTheStreamNamingColumnAndFieldWithoutRetrying() {
        runner.withBean(PrimitiveTarget.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            Row row = new Row(new ColumnNames(List.of("id", "total")), new Object[] {1, null}, null);
            assertThatThrownBy(() -> dispatcher.onChange(change(ChangeType.INSERT, "t", null, row, Set.of())))
                    .isInstanceOf(ListenerFailedException.class)
                    .hasMessageContaining("column 'total' is NULL but Strict.total is a primitive int")
                    .hasMessageContaining("declare it as Integer")
                    .hasCauseExactlyInstanceOf(MappingException.class)
                    .hasCauseInstanceOf(BinlogException.class);
            assertThat(dispatcher.statistics().get("strict").invocations()).as("not retried").isEqualTo(1);
        });
    }

    static class Flaky {
        int calls;

        @BinlogListener(table = "shop.t", id = "flaky")
        void fail(RowChange change) {
            calls++;
            throw new IllegalStateException("downstream unavailable");
        }
    }

    @Test
    void failingListenerIsRetriedThenStopsTheStream() {
        runner.withBean(Flaky.class).withPropertyValues("binlog.error-handling.retries=2").run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            Row row = new Row(new ColumnNames(List.of("id")), new Object[] {1}, null);
            assertThatThrownBy(() -> dispatcher.onChange(change(ChangeType.INSERT, "t", null, row, Set.of())))
                    .isInstanceOf(ListenerFailedException.class)
                    .hasMessageContaining("listener flaky failed on INSERT shop.t at mysql-bin.000001:400")
                    .hasMessageContaining("nothing is skipped");
            assertThat(context.getBean(Flaky.class).calls).isEqualTo(3);
        });
    }

    @Test
    void skipModeLogsCountsAndGoesOn() {
        runner.withBean(Flaky.class).withPropertyValues("binlog.error-handling.retries=0",
                "binlog.error-handling.mode=skip").run(context -> {
                    ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
                    Row row = new Row(new ColumnNames(List.of("id")), new Object[] {1}, null);
                    dispatcher.onChange(change(ChangeType.INSERT, "t", null, row, Set.of()));
                    dispatcher.onChange(change(ChangeType.INSERT, "t", null, row, Set.of()));
                    ListenerStatistics stats = dispatcher.statistics().get("flaky");
                    assertThat(stats.skippedChanges()).isEqualTo(2);
                    assertThat(stats.lastError()).isEqualTo("IllegalStateException: downstream unavailable");
                });
    }

    static class ReadsId {
        int calls;

        @BinlogListener(table = "shop.t", id = "reads-id")
        void read(RowChange change) {
            calls++;
            change.after().get("id");
        }
    }

    record Identified(int id) {
    }

    static class MapsId {
        int calls;

        @BinlogListener(table = "shop.t", id = "maps-id")
        void read(Identified row) {
            calls++;
        }
    }

    /** Row values whose bytes do not decode, as a damaged rows event read on access would give. */
    private static Row undecodableRow() {
        return new Row(new ColumnNames(List.of("id")), new RowValues() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public boolean isPresent(int index) {
                return true;
            }

            @Override
            public boolean isNull(int index) {
                return false;
            }

            @Override
            public Object get(int index) {
                throw new DecodeException("mysql-bin.000001:400: table shop.t, column id: INT needs 4 bytes, 1 left",
                        true);
            }
        });
    }

    @Test
    void aValueThatDoesNotDecodeStopsTheStreamEvenInSkipMode() {
        runner.withBean(ReadsId.class).withBean(MapsId.class).withPropertyValues("binlog.error-handling.retries=2",
                "binlog.error-handling.mode=skip").run(context -> {
                    ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
                    assertThatThrownBy(() -> dispatcher.onChange(change(ChangeType.INSERT, "t", null,
                            undecodableRow(), Set.of())))
                            .isInstanceOf(DecodeException.class)
                            .hasMessage("mysql-bin.000001:400: table shop.t, column id: INT needs 4 bytes, 1 left");
                    int calls = context.getBean(ReadsId.class).calls + context.getBean(MapsId.class).calls;
                    assertThat(calls).as("not retried").isLessThanOrEqualTo(1);
                    assertThat(dispatcher.statistics().values()).allSatisfy(
                            stats -> assertThat(stats.skippedChanges()).as("nothing skipped").isZero());
                });
    }

    static class Unsupported {
        @BinlogListener(table = "shop.t")
        void wrong(RowChange change, String text) {
        }
    }

    @Test
    void unsupportedParameterFailsStartupNamingBeanMethodAndParameter() {
        runner.withBean(Unsupported.class).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("@BinlogListener bean 'listenerDispatchTest.Unsupported' method wrong:"
                        + " parameter 2 (String text) cannot be served")
                .hasMessageContaining("Supported: a POJO or record, @Before/@After T, BinlogChange<T>,"
                        + " Map<String, Object>, Row, RowChange, ChangeMetadata, ChangeType, List<BinlogChange<T>>")
                .isInstanceOf(InvalidListenerException.class));
    }

    /** An application's own shortcut, composed from {@code @OnInsert}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @OnInsert("shop.orders")
    @interface OrderPlaced {
        @AliasFor(annotation = OnInsert.class, attribute = "id")
        String id() default "";
    }

    static class Composed {
        final List<String> calls = new ArrayList<>();

        @OrderPlaced(id = "placed")
        void placed(Order order) {
            calls.add("placed " + order.id());
        }

        public void audit(RowChange change) {
            calls.add("audit " + change.type() + " " + change.table());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ComposedListeners {
        @Bean
        Composed composed() {
            return new Composed();
        }

        @Bean
        BinlogListenerConfigurer auditInCode(Composed composed) throws NoSuchMethodException {
            Method audit = Composed.class.getMethod("audit", RowChange.class);
            return registry -> registry.register(new ListenerEndpoint("audit", composed, "composed", audit,
                    List.of("shop.*"), Set.of(ChangeType.DELETE), Set.of(), "", ""));
        }
    }

    @Test
    void metaAnnotatedShortcutsAndListenersRegisteredInCodeAreServed() {
        runner.withUserConfiguration(ComposedListeners.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            Composed composed = context.getBean(Composed.class);
            deliverTransaction(dispatcher,
                    change(ChangeType.INSERT, "orders", null, order(5, "Ann", "1.00"), Set.of()),
                    change(ChangeType.INSERT, "customers", null, order(6, "Bob", "1.00"), Set.of()),
                    change(ChangeType.DELETE, "customers", order(6, "Bob", "1.00"), null, Set.of()));
            assertThat(composed.calls).containsExactly("placed 5", "audit DELETE customers");
            assertThat(dispatcher.statistics()).containsKeys("placed", "audit");
        });
    }

    static class CachingListener {
        int calls;

        @CacheEvict(cacheNames = "orders", key = "#change.primaryKey['id']")
        @BinlogListener(table = "shop.orders")
        public void evict(RowChange change) {
            calls++;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class Caching {
        @Bean
        ConcurrentMapCacheManager cacheManager() {
            return new ConcurrentMapCacheManager("orders");
        }

        @Bean
        CachingListener cachingListener() {
            return new CachingListener();
        }
    }

    @Test
    void listenerBehindAnAopProxyIsCalledThroughTheProxy() {
        runner.withUserConfiguration(Caching.class).run(context -> {
            ConcurrentMapCacheManager caches = context.getBean(ConcurrentMapCacheManager.class);
            caches.getCache("orders").put(1, "cached order");
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            dispatcher.onChange(change(ChangeType.UPDATE, "orders", order(1, "a", "1.00"), order(1, "b", "1.00"),
                    Set.of("customer_name")));
            assertThat(caches.getCache("orders").get(1)).isNull();
            assertThat(org.springframework.aop.support.AopUtils.isAopProxy(context.getBean(CachingListener.class)))
                    .isTrue();
        });
    }

    // --- conditions see what the method receives (issue 14 item 7) ---

    static class Conditions {
        final List<String> calls = new ArrayList<>();

        @OnUpdate(table = "shop.orders", id = "bob", condition = "#after.customerName == 'Bob' and #before != null"
                + " and #row['customer_name'] == 'Bob' and #changedColumns.contains('customer_name')")
        void bob(Order order) {
            calls.add("bob " + order.id());
        }

        @OnUpdate(table = "shop.orders", id = "broken", condition = "#row.no_such_column > 1")
        void broken(Order order) {
            calls.add("broken " + order.id());
        }

        @OnUpdate(table = "shop.orders", id = "everyUpdate")
        void every(RowChange change) {
            calls.add("every " + change.type());
        }
    }

    @Test
    void conditionSeesTheMappedRowAndItsFailureIsThatListenersOnly() {
        runner.withBean(Conditions.class).withPropertyValues("binlog.error-handling.mode=skip").run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            Conditions listeners = context.getBean(Conditions.class);
            deliverTransaction(dispatcher, change(ChangeType.UPDATE, "orders", order(1, "Ann", "9.00"),
                    order(1, "Bob", "9.00"), Set.of("customer_name")));
            // listeners of one change are called in no promised order
            assertThat(listeners.calls).containsExactlyInAnyOrder("bob 1", "every UPDATE");
            deliverTransaction(dispatcher, change(ChangeType.UPDATE, "orders", order(2, "Ann", "9.00"),
                    order(2, "Cy", "9.00"), Set.of("customer_name")));
            assertThat(listeners.calls).hasSize(3).endsWith("every UPDATE");
            ListenerStatistics broken = dispatcher.statistics().get("broken");
            assertThat(broken.skippedChanges()).isEqualTo(2);
            assertThat(broken.invocations()).as("a failed condition calls nothing").isZero();
            assertThat(broken.lastError()).startsWith("ConditionFailedException: condition \"#row.no_such_column > 1\""
                    + " of listener broken could not be evaluated: EL1008E");
        });
    }

    @Test
    void aFailedConditionStopsTheStreamInStopModeNamingTheListenerWithoutRetrying() {
        runner.withBean(Conditions.class).withPropertyValues("binlog.error-handling.retries=3").run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            assertThatThrownBy(() -> dispatcher.onChange(change(ChangeType.UPDATE, "orders", order(1, "Ann", "9.00"),
                    order(1, "Bob", "9.00"), Set.of("customer_name"))))
                    .isInstanceOf(ListenerFailedException.class)
                    .hasMessageStartingWith("listener broken failed on UPDATE shop.orders at mysql-bin.000001:400: "
                            + "dev.binlog.spring.listener.ConditionFailedException: condition \"#row.no_such_column > 1\"");
            assertThat(dispatcher.statistics().get("broken").failures()).as("not retried").isEqualTo(1);
        });
    }

    static class BadSyntax {
        @OnUpdate(table = "shop.orders", condition = "#after.total >")
        void on(Order order) {
        }
    }

    static class UnknownProperty {
        @OnUpdate(table = "shop.orders", condition = "#after.customer == 'Bob'")
        void on(Order order) {
        }
    }

    static class UnknownVariable {
        @OnUpdate(table = "shop.orders", condition = "#aftr.total > 1")
        void on(Map<String, Object> row) {
        }
    }

    /** The message of the InvalidListenerException that failed the context's start. */
    private static String invalidListener(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidListenerException) {
                return t.getMessage();
            }
        }
        throw new AssertionError("no InvalidListenerException in " + failure);
    }

    @Test
    void conditionsAreCheckedAtStartupNamingBeanAndMethod() {
        runner.withBean(BadSyntax.class).run(context -> assertThat(invalidListener(context.getStartupFailure()))
                .startsWith("@BinlogListener bean 'listenerDispatchTest.BadSyntax' method on: condition "
                        + "\"#after.total >\" is not valid SpEL: EL1042E"));
        runner.withBean(UnknownProperty.class).run(context -> assertThat(invalidListener(context.getStartupFailure()))
                .isEqualTo("@BinlogListener bean 'listenerDispatchTest.UnknownProperty' method on: condition "
                        + "\"#after.customer == 'Bob'\" reads #after.customer, but Order has no property customer "
                        + "(it has id, customerName, total, bigCount, paid, createdAt, stamped, status, tags). "
                        + "Variables: #after, #before (Order), #row (column map), #type, #changedColumns, #change"));
        runner.withBean(UnknownVariable.class).run(context -> assertThat(invalidListener(context.getStartupFailure()))
                .contains("condition \"#aftr.total > 1\" uses #aftr, which is not defined"));
    }

    // --- a per-transaction listener's row limit is its own failure (issue 14 item 4) ---

    static class LargeTransactions {
        final List<Integer> perRow = new ArrayList<>();
        final List<Integer> transactions = new ArrayList<>();

        @OnInsert(value = "shop.orders", id = "perRow")
        void row(Order order) {
            perRow.add(order.id());
        }

        @OnInsert(value = "shop.orders", id = "perTransaction")
        void transaction(List<BinlogChange<Order>> changes) {
            transactions.add(changes.size());
        }
    }

    private static RowChange[] inserts(int count) {
        RowChange[] changes = new RowChange[count];
        for (int i = 0; i < count; i++) {
            changes[i] = change(ChangeType.INSERT, "orders", null, order(i + 1, "Ann", "1.00"), Set.of());
        }
        return changes;
    }

    @Test
    void aTransactionOverTheRowLimitIsSkippedForThatListenerOnly() {
        runner.withBean(LargeTransactions.class).withPropertyValues("binlog.listener.max-transaction-rows=3",
                "binlog.error-handling.mode=skip").run(context -> {
                    ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
                    LargeTransactions listeners = context.getBean(LargeTransactions.class);
                    deliverTransaction(dispatcher, inserts(5));
                    deliverTransaction(dispatcher, inserts(2));
                    assertThat(listeners.perRow).containsExactly(1, 2, 3, 4, 5, 1, 2);
                    assertThat(listeners.transactions).as("the large one skipped, the next delivered")
                            .containsExactly(2);
                    ListenerStatistics stats = dispatcher.statistics().get("perTransaction");
                    assertThat(stats.skippedChanges()).isEqualTo(1);
                    assertThat(stats.lastError()).startsWith("TransactionTooLargeException: listener perTransaction "
                            + "takes whole transactions, but the one with the row at mysql-bin.000001:400 has more "
                            + "than 3 rows (binlog.listener.max-transaction-rows)");
                });
    }

    @Test
    void aTransactionOverTheRowLimitStopsTheStreamInStopModeAtItsCommit() {
        runner.withBean(LargeTransactions.class).withPropertyValues("binlog.listener.max-transaction-rows=3")
                .run(context -> {
                    ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
                    LargeTransactions listeners = context.getBean(LargeTransactions.class);
                    assertThatThrownBy(() -> deliverTransaction(dispatcher, inserts(5)))
                            .isInstanceOf(ListenerFailedException.class)
                            .hasMessageContaining("listener perTransaction failed on the transaction")
                            .hasMessageContaining("has more than 3 rows");
                    assertThat(listeners.perRow).containsExactly(1, 2, 3, 4, 5);
                    assertThat(listeners.transactions).isEmpty();
                });
    }

    // --- rows map without losing data (issue 14 item 3) ---

    record Quantity(int id, int total) {
    }

    record WithNote(int id, String note) {
    }

    record WithOptionalNote(int id, @BinlogColumn(optional = true) String note, @BinlogColumn(optional = true)
            int rank) {
    }

    static class Lossy {
        final List<Object> received = new ArrayList<>();

        @OnInsert(value = "shop.quantities", id = "quantity")
        void quantity(Quantity row) {
            received.add(row);
        }

        @OnInsert(value = "shop.notes", id = "note")
        void note(WithNote row) {
            received.add(row);
        }

        @OnInsert(value = "shop.notes", id = "optionalNote")
        void optionalNote(WithOptionalNote row) {
            received.add(row);
        }
    }

    private static RowChange insertInto(String table, List<String> columns, Object... values) {
        return change(ChangeType.INSERT, table, null, new Row(new ColumnNames(columns), values, null), Set.of());
    }

    @Test
    void aFractionIntoAnIntegerOrAFieldWithoutAColumnFailsNamingColumnAndField() {
        runner.withBean(Lossy.class).withPropertyValues("binlog.error-handling.mode=skip").run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            Lossy listener = context.getBean(Lossy.class);
            dispatcher.onChange(insertInto("quantities", List.of("id", "total"), 1, new BigDecimal("12.99")));
            dispatcher.onChange(insertInto("quantities", List.of("id", "total"), 2, new BigDecimal("12.00")));
            dispatcher.onChange(insertInto("notes", List.of("id"), 3));
            assertThat(listener.received).containsExactly(new Quantity(2, 12), new WithOptionalNote(3, null, 0));
            assertThat(dispatcher.statistics().get("quantity").lastError()).isEqualTo("MappingException: column "
                    + "'total' (BigDecimal) holds a value with a fraction, which Quantity.total (int) would lose; "
                    + "declare it as BigDecimal or double");
            assertThat(dispatcher.statistics().get("note").lastError()).isEqualTo("MappingException: the table has no"
                    + " column 'note' for WithNote.note (columns: id); name its column with @BinlogColumn(\"...\"),"
                    + " or mark it @BinlogColumn(optional = true)");
        });
    }

    @Test
    void anOverflowIntoASmallerTypeFailsNamingTheValueType() {
        runner.withBean(Lossy.class).withPropertyValues("binlog.error-handling.mode=skip").run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            dispatcher.onChange(insertInto("quantities", List.of("id", "total"), 1, 4_294_967_295L));
            assertThat(context.getBean(Lossy.class).received).isEmpty();
            assertThat(dispatcher.statistics().get("quantity").lastError())
                    .isEqualTo("MappingException: column 'total' (Long) holds a value out of the range of "
                            + "Quantity.total (int); declare it as a larger type (long, BigInteger or BigDecimal)");
        });
    }

    // --- filters and conditions read only the columns they name (issue 16) ---

    /** Row values that note which columns were read, as the stream's rows decoded on access would decode them. */
    static final class ReadColumns implements dev.binlog.RowValues {
        final Object[] values;
        final Set<Integer> read = new java.util.TreeSet<>();

        ReadColumns(Object... values) {
            this.values = values;
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean isPresent(int index) {
            return true;
        }

        @Override
        public boolean isNull(int index) {
            return values[index] == null;
        }

        @Override
        public Object get(int index) {
            read.add(index);
            return values[index];
        }
    }

    static class TotalConditions {
        final List<String> calls = new ArrayList<>();

        @OnUpdate(table = "shop.orders", id = "bigTotal", columns = "total", condition = "#row.total > 100")
        void bigTotal(RowChange change) {
            calls.add("big " + change.after().get("total"));
        }

        @OnUpdate(table = "shop.orders", id = "afterTotal", condition = "#after['total'] > 100")
        void afterTotal(Map<String, Object> row) {
            calls.add("after " + row.get("total"));
        }
    }

    @Test
    void aConditionOnOneColumnReadsThatColumnOnly() {
        runner.withBean(TotalConditions.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            TotalConditions listeners = context.getBean(TotalConditions.class);
            ColumnNames names = new ColumnNames(List.of("id", "customer_name", "total"));
            ReadColumns before = new ReadColumns(1, "Ann", new BigDecimal("5.00"));
            ReadColumns after = new ReadColumns(1, "Ann", new BigDecimal("50.00"));

            deliverTransaction(dispatcher, change(ChangeType.UPDATE, "orders", new Row(names, before),
                    new Row(names, after), Set.of("total")));

            assertThat(listeners.calls).isEmpty();
            assertThat(after.read).as("columns of the after image read").containsExactly(2);
            assertThat(before.read).as("columns of the before image read").isEmpty();

            deliverTransaction(dispatcher, change(ChangeType.UPDATE, "orders", new Row(names, before),
                    new Row(names, new ReadColumns(1, "Ann", new BigDecimal("500.00"))), Set.of("total")));

            assertThat(listeners.calls).containsExactlyInAnyOrder("big 500.00", "after 500.00");
        });
    }

    static class Batches {
        final List<String> calls = new ArrayList<>();

        @BinlogListener(table = "shop.orders", on = {ChangeType.READ, ChangeType.INSERT})
        void on(List<BinlogChange<Order>> changes) {
            calls.add(changes.stream().map(c -> c.type() + " " + c.after().id()).toList().toString());
        }
    }

    @Test
    void aBatchListenerThatNamesReadGetsSnapshotRowsOnePerCallAsNoTransactionHoldsThem() {
        runner.withBean(Batches.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            // both snapshot kinds hand rows on between transactions, without onBegin or onCommit
            dispatcher.onChange(change(ChangeType.READ, "orders", null, order(1, "Ann", "1.00"), Set.of()));
            dispatcher.onChange(change(ChangeType.READ, "orders", null, order(2, "Bob", "2.00"), Set.of()));
            deliverTransaction(dispatcher, change(ChangeType.INSERT, "orders", null, order(3, "Cy", "3.00"), Set.of()),
                    change(ChangeType.INSERT, "orders", null, order(4, "Di", "4.00"), Set.of()));
            assertThat(context.getBean(Batches.class).calls).containsExactly("[READ 1]", "[READ 2]",
                    "[INSERT 3, INSERT 4]");
        });
    }
}
