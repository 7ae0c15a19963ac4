package dev.binlog.spring.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.Row;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.Transaction;
import dev.binlog.spring.BinlogListener;
import dev.binlog.spring.BinlogListenerConfigurer;
import dev.binlog.spring.BinlogQuery;
import dev.binlog.spring.OnCommit;
import dev.binlog.spring.OnInsert;
import dev.binlog.spring.OnSchemaChange;
import dev.binlog.spring.autoconfigure.BinlogAutoConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code @OnSchemaChange}, {@code @OnCommit} and {@code @BinlogQuery} signatures are checked at startup; their failures
 * follow the error policy as a row listener's do. The live tests show the dispatch against real servers.
 */
class SchemaChangeAndCommitListenerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BinlogAutoConfiguration.class))
            .withPropertyValues("binlog.auto-startup=false", "binlog.error-handling.backoff=1ms",
                    "binlog.error-handling.retries=0");

    private static final SchemaChange DROP_ORDERS = new SchemaChange("shop", "DROP TABLE orders",
            List.of("shop.orders"), new BinlogPosition("mysql-bin.000004", 1207), "0-1-9");

    static class DdlTakesTransaction {
        @OnSchemaChange
        void wrong(Transaction transaction) {
        }
    }

    static class DdlTakesNothing {
        @OnSchemaChange(table = "shop.orders")
        void wrong() {
        }
    }

    static class CommitTakesString {
        @OnCommit("shop.orders")
        void wrong(String sql) {
        }
    }

    static class QueryNotString {
        @OnInsert("shop.orders")
        void wrong(Map<String, Object> row, @BinlogQuery Integer sql) {
        }
    }

    static class Both {
        @OnCommit("shop.orders")
        @BinlogListener(table = "shop.orders")
        void wrong(RowChange change) {
        }
    }

    @Test
    void wrongParameterTypesFailTheStartNamingBeanAndMethod() {
        runner.withBean("ddl", DdlTakesTransaction.class).run(context -> assertThat(invalidListener(context
                .getStartupFailure())).isEqualTo("@OnSchemaChange bean 'ddl' method wrong: parameter 1 (Transaction"
                + " transaction) cannot be served; an @OnSchemaChange method takes one parameter: SchemaChange, or"
                + " String (the statement)"));
        runner.withBean("ddl", DdlTakesNothing.class).run(context -> assertThat(invalidListener(context
                .getStartupFailure())).isEqualTo("@OnSchemaChange bean 'ddl' method wrong takes 0 parameters; an"
                + " @OnSchemaChange method takes one parameter: SchemaChange, or String (the statement)"));
        runner.withBean("commits", CommitTakesString.class).run(context -> assertThat(invalidListener(context
                .getStartupFailure())).isEqualTo("@OnCommit bean 'commits' method wrong: parameter 1 (String sql)"
                + " cannot be served; an @OnCommit method takes no parameter or one Transaction"));
        runner.withBean("audit", QueryNotString.class).run(context -> assertThat(invalidListener(context
                .getStartupFailure())).startsWith("@BinlogListener bean 'audit' method wrong: parameter 2 (Integer"
                + " sql) cannot be served: @BinlogQuery is the statement's text: declare it String."));
        runner.withBean("both", Both.class).run(context -> assertThat(invalidListener(context
                .getStartupFailure())).isEqualTo("@OnCommit bean 'both' method wrong is also a @BinlogListener; a"
                + " method receives row changes, schema changes or commits: split it in two"));
    }

    static class Ddl {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @OnSchemaChange(id = "failing")
        void failing(SchemaChange change) {
            throw new IllegalStateException("search index down");
        }

        @OnSchemaChange(schema = "shop", id = "other")
        void other(String statement) {
            seen.add(statement);
        }
    }

    @Test
    void aFailingSchemaListenerStopsTheStreamNamingTheStatement() {
        runner.withBean(Ddl.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            assertThatThrownBy(() -> dispatcher.onSchemaChange(DROP_ORDERS))
                    .isInstanceOf(ListenerFailedException.class)
                    .hasMessage("listener failing failed on the schema change 'DROP TABLE orders' at"
                            + " mysql-bin.000004:1207: java.lang.IllegalStateException: search index down; the stream"
                            + " stopped so that nothing is skipped (set binlog.error-handling.mode=skip to log and"
                            + " skip instead)");
        });
    }

    @Test
    void underSkipAFailingSchemaListenerIsSkippedAndTheOthersStillReceiveTheStatement() {
        runner.withBean(Ddl.class).withPropertyValues("binlog.error-handling.mode=skip").run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            dispatcher.onSchemaChange(DROP_ORDERS);
            assertThat(context.getBean(Ddl.class).seen).containsExactly("DROP TABLE orders");
            assertThat(dispatcher.statistics().get("failing").skippedChanges()).isEqualTo(1);
            assertThat(dispatcher.statistics().get("failing").lastError())
                    .isEqualTo("IllegalStateException: search index down");
        });
    }

    static class Commits {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @OnInsert("shop.*")
        void row(RowChange change) {
            calls.add("row " + change.table());
        }

        @OnCommit(table = "shop.orders", id = "orders")
        void orders(Transaction transaction) {
            calls.add("commit orders " + transaction.rowCount() + " of " + transaction.gtid());
        }

        @OnCommit(id = "any")
        void any() {
            calls.add("commit any");
        }
    }

    private static RowChange insert(String table) {
        Row row = new Row(new ColumnNames(List.of("id")), new Object[] {1}, null);
        return new RowChange(ChangeType.INSERT, "shop", table, null, row, Set.of(), Map.of("id", 1),
                new ChangeMetadata("mysql-bin.000001", 400, "0-1-7", null, 1, Instant.EPOCH, 0, 12L, null));
    }

    @Test
    void aCommitListenerIsCalledAfterTheRowsOfTransactionsThatTouchedItsTablesWithTheirRowCount() throws Exception {
        runner.withBean(Commits.class).run(context -> {
            ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
            dispatcher.onBegin(new Transaction("0-1-7", null, Instant.EPOCH, null, null, null, 0));
            dispatcher.onChange(insert("orders"));
            dispatcher.onChange(insert("items"));
            dispatcher.onChange(insert("orders"));
            dispatcher.onCommit(new Transaction("0-1-7", 5L, Instant.EPOCH, Instant.EPOCH, null,
                    new BinlogPosition("mysql-bin.000001", 900), 3));
            dispatcher.onBegin(new Transaction("0-1-8", null, Instant.EPOCH, null, null, null, 0));
            dispatcher.onChange(insert("items"));
            dispatcher.onCommit(new Transaction("0-1-8", 6L, Instant.EPOCH, Instant.EPOCH, null,
                    new BinlogPosition("mysql-bin.000001", 1200), 1));
            List<String> calls = context.getBean(Commits.class).calls;
            assertThat(calls).hasSize(7);
            assertThat(calls.subList(0, 3)).containsExactly("row orders", "row items", "row orders");
            // two listeners of one commit run in no promised order
            assertThat(calls.subList(3, 5)).containsExactlyInAnyOrder("commit orders 2 of 0-1-7", "commit any");
            assertThat(calls.subList(5, 7)).as("items only: not the orders listener")
                    .containsExactly("row items", "commit any");
        });
    }

    public static class Registry {
        final List<String> seen = new CopyOnWriteArrayList<>();

        public void changed(SchemaChange change) {
            seen.add(change.statement());
        }
    }

    @Test
    void aConfigurerRegistersASchemaChangeListenerInCode() {
        Registry target = new Registry();
        runner.withBean(BinlogListenerConfigurer.class, () -> registry -> registry.register(ListenerEndpoint.builder()
                        .bean("registry", target).method("changed").kind(ListenerEndpoint.Kind.SCHEMA_CHANGES)
                        .schemas("shop").build()))
                .run(context -> {
                    ListenerDispatcher dispatcher = context.getBean(ListenerDispatcher.class);
                    dispatcher.onSchemaChange(DROP_ORDERS);
                    dispatcher.onSchemaChange(new SchemaChange("crm", "TRUNCATE TABLE leads", List.of("crm.leads"),
                            new BinlogPosition("mysql-bin.000004", 1400), null));
                    dispatcher.onSchemaChange(new SchemaChange("shop", "CREATE USER 'x'", List.of(),
                            new BinlogPosition("mysql-bin.000004", 1500), null));
                    assertThat(target.seen).as("shop's tables, and a statement naming none run in shop")
                            .containsExactly("DROP TABLE orders", "CREATE USER 'x'");
                    assertThat(dispatcher.endpoints()).extracting(ListenerEndpoint::kind)
                            .containsExactly(ListenerEndpoint.Kind.SCHEMA_CHANGES);
                });
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
