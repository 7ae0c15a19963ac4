package dev.binlog.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ConfigurationException;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.Transaction;
import dev.binlog.spring.BinlogArgumentResolver;
import dev.binlog.spring.BinlogErrorHandler;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.BinlogListenerConfigurer;
import dev.binlog.spring.listener.InvalidListenerException;
import dev.binlog.spring.listener.ListenerDispatcher;
import dev.binlog.spring.listener.ListenerEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;

/**
 * Listeners are registered once all singletons exist: annotated methods first, then the configurers' endpoints (built
 * with {@link ListenerEndpoint#builder()}); error handler names are resolved then, so a misspelt one fails the start;
 * the application's {@link BinlogArgumentResolver} beans serve parameters of its own kinds.
 */
class ListenerRegistrationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false", "binlog.error-handling.retries=0");

    private static RowChange insert(String table, int id) {
        Row row = new Row(new ColumnNames(List.of("id", "status")), new Object[] {id, "NEW"}, null);
        return new RowChange(ChangeType.INSERT, "shop", table, null, row, Set.of(), Map.of("id", id),
                new ChangeMetadata("mysql-bin.000001", 400, "0-1-7", null, 1, Instant.EPOCH, 0, 12L, null));
    }

    private static void deliver(ListenerDispatcher dispatcher, RowChange change) throws Exception {
        dispatcher.onBegin(null);
        dispatcher.onChange(change);
        dispatcher.onCommit(new Transaction(null, 1L, null, null, null, null, 1));
    }

    static class Orders {
        final List<String> calls = new ArrayList<>();

        @BinlogListener(table = "shop.orders", errorHandler = "ordersErrorHandlr")
        void onOrder(Map<String, Object> row) {
            calls.add("order " + row.get("id"));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MisspeltHandler {
        @Bean
        Orders orders() {
            return new Orders();
        }

        @Bean
        BinlogErrorHandler ordersErrorHandler() {
            return (listener, change, error) -> { };
        }
    }

    @Test
    void aMisspeltErrorHandlerFailsTheStartNamingBeanMethodAndHandler() {
        runner.withUserConfiguration(MisspeltHandler.class).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new InvalidListenerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("@BinlogListener bean 'orders' method onOrder: "
                    + "errorHandler 'ordersErrorHandlr' cannot be used: there is no bean named 'ordersErrorHandlr'; "
                    + "the BinlogErrorHandler beans are ordersErrorHandler");
            assertThat(analysis.getAction()).startsWith("Change the @BinlogListener method");
            assertThat(new BinlogFailureAnalyzer().analyze(context.getStartupFailure()))
                    .as("the generic binlog analysis leaves it to the listener one").isNull();
        });
    }

    @Test
    void anErrorHandlerNameOfABeanOfAnotherTypeFailsTheStart() {
        runner.withBean("ordersErrorHandlr", String.class, () -> "not a handler").withBean("orders", Orders.class)
                .run(context -> assertThat(new InvalidListenerFailureAnalyzer()
                        .analyze(context.getStartupFailure()).getDescription())
                        .isEqualTo("@BinlogListener bean 'orders' method onOrder: errorHandler 'ordersErrorHandlr' "
                                + "cannot be used: bean 'ordersErrorHandlr' is a java.lang.String, not a "
                                + "BinlogErrorHandler"));
    }

    static class Failing {
        @BinlogListener(table = "shop.orders", errorHandler = "recordingHandler")
        void onOrder(RowChange change) {
            throw new IllegalStateException("boom");
        }
    }

    static class RecordingHandler implements BinlogErrorHandler {
        final List<String> handled = new ArrayList<>();

        @Override
        public void handle(String listenerId, RowChange change, Exception error) {
            handled.add(listenerId + " " + change.table() + " " + error.getMessage());
        }
    }

    @Test
    void aResolvedErrorHandlerReceivesTheListenersFailure() {
        runner.withBean("failing", Failing.class).withBean("recordingHandler", RecordingHandler.class)
                .run(context -> {
                    deliver(context.getBean(ListenerDispatcher.class), insert("orders", 1));
                    assertThat(context.getBean(RecordingHandler.class).handled)
                            .containsExactly("failing.onOrder orders boom");
                });
    }

    static class Audit {
        final List<String> calls = new ArrayList<>();

        public void record(RowChange change) {
            calls.add("audit " + change.type() + " " + change.table());
        }
    }

    static class Annotated {
        @BinlogListener(table = "shop.orders")
        void onOrder(RowChange change) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InCode {
        static final List<List<String>> SEEN_AT_CONFIGURE = new ArrayList<>();

        @Bean
        Audit audit() {
            return new Audit();
        }

        @Bean
        BinlogListenerConfigurer auditListener(Audit audit) {
            return registry -> {
                SEEN_AT_CONFIGURE.add(registry.endpoints().stream().map(ListenerEndpoint::id).toList());
                registry.register(ListenerEndpoint.builder()
                        .bean("audit", audit)
                        .method("record")
                        .tables("shop.customers", "shop.orders")
                        .on(ChangeType.INSERT)
                        .build());
            };
        }

        // Declared after the configurer: registered before it all the same, once all singletons exist.
        @Bean
        Annotated annotated() {
            return new Annotated();
        }
    }

    @Test
    void anEndpointBuiltInAConfigurerIsDispatchedAfterTheAnnotatedOnes() {
        InCode.SEEN_AT_CONFIGURE.clear();
        runner.withUserConfiguration(InCode.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            deliver(dispatcher, insert("customers", 7));
            deliver(dispatcher, insert("products", 8));
            assertThat(context.getBean(Audit.class).calls).containsExactly("audit INSERT customers");
            assertThat(dispatcher.endpoints()).extracting(ListenerEndpoint::id)
                    .containsExactly("annotated.onOrder", "audit.record");
            assertThat(InCode.SEEN_AT_CONFIGURE).containsExactly(List.of("annotated.onOrder"));
        });
    }

    @Test
    void theBuilderNamesWhatIsMissing() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ListenerEndpoint.builder().bean(new Audit())
                .method("nothing").build())).isInstanceOf(InvalidListenerException.class)
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("bean 'audit' (dev.binlog.spring.autoconfigure.ListenerRegistrationTest$Audit) "
                        + "has no method named 'nothing'");
        ListenerEndpoint endpoint = ListenerEndpoint.builder().bean(new Audit()).method("record").build();
        assertThat(endpoint.id()).isEqualTo("audit.record");
        assertThat(endpoint.tables()).isEmpty();
        assertThat(endpoint.types()).isEmpty();
        assertThat(endpoint.condition()).isEmpty();
        assertThat(endpoint.errorHandler()).isEmpty();
    }

    @Test
    void aConfigurerBuildingAnEndpointWithoutAMethodFailsTheStartNamingTheBean() {
        BinlogListenerConfigurer configurer = registry -> registry.register(ListenerEndpoint.builder()
                .bean("audit", new Audit()).build());
        runner.withBean(BinlogListenerConfigurer.class, () -> configurer).run(context -> {
            FailureAnalysis analysis = new InvalidListenerFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).isEqualTo("the listener endpoint for bean 'audit' needs a method: "
                    + "builder().method(\"name\") or method(Method)");
        });
    }

    record Tenant(String name) {
    }

    static class TenantListener {
        final List<String> calls = new ArrayList<>();

        @BinlogListener(table = "*.orders")
        void onOrder(Map<String, Object> row, Tenant tenant, String source) {
            calls.add(tenant.name() + " " + row.get("id") + " " + source);
        }
    }

    static class TenantResolver implements BinlogArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Tenant.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, RowChange change) {
            return new Tenant(change.schema());
        }
    }

    static class SourceResolver implements BinlogArgumentResolver {
        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == String.class;
        }

        @Override
        public Object resolveArgument(MethodParameter parameter, RowChange change) {
            return change.metadata().binlogFile() + ":" + change.metadata().position();
        }
    }

    @Test
    void theApplicationsArgumentResolversServeParametersOfItsOwnKinds() {
        runner.withBean(TenantListener.class).withBean(TenantResolver.class).withBean(SourceResolver.class)
                .run(context -> {
                    deliver(context.getBean(ListenerDispatcher.class), insert("orders", 3));
                    assertThat(context.getBean(TenantListener.class).calls)
                            .containsExactly("shop 3 mysql-bin.000001:400");
                });
        runner.withBean(TenantListener.class).withBean(TenantResolver.class).run(context -> assertThat(
                new InvalidListenerFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                .startsWith("@BinlogListener bean 'listenerRegistrationTest.TenantListener' method onOrder: parameter "
                        + "3 (String source) cannot be served: a java.lang.String cannot hold a row.")
                .endsWith("or what a BinlogArgumentResolver bean supports"));
    }
}
