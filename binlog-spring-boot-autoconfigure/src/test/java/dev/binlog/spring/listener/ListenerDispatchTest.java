package dev.binlog.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.Transaction;
import dev.binlog.spring.After;
import dev.binlog.spring.Before;
import dev.binlog.spring.BinlogChange;
import dev.binlog.spring.BinlogColumn;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.OnUpdate;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import dev.binlog.spring.BinlogListenerConfigurer;
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
                    .hasMessageContaining("declare it as Integer");
            assertThat(dispatcher.statistics().get("strict").invocations()).isEqualTo(1);
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

    static class Unsupported {
        @BinlogListener(table = "shop.t")
        void wrong(RowChange change, String text) {
        }
    }

    @Test
    void unsupportedParameterFailsStartupNamingBeanMethodAndParameter() {
        runner.withBean(Unsupported.class).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining("@BinlogListener bean 'listenerDispatchTest.Unsupported' method wrong:"
                        + " parameter 2 (String text) cannot be served"));
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
}
