package dev.binlog.cli;

import static dev.binlog.cli.format.Changes.names;
import static dev.binlog.cli.format.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeMetadata;
import dev.binlog.ChangeType;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.TableFilter;
import dev.binlog.Transaction;
import dev.binlog.cli.format.ChangeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangePrinterTest {

    private final List<String> calls = new ArrayList<>();
    private final ChangeFormatter recorder = new ChangeFormatter() {
        @Override
        public void change(RowChange change) {
            calls.add("change " + change.qualifiedTable() + " " + change.type() + " @" + change.metadata().position());
        }

        @Override
        public void commit(Transaction transaction) {
            calls.add("commit");
        }

        @Override
        public void schemaChange(SchemaChange change) {
            calls.add("ddl " + change.statement());
        }

        @Override
        public void finish() {
            calls.add("finish");
        }
    };
    private int stops;

    private static RowChange change(String table, ChangeType type, String file, long position) {
        return new RowChange(type, "shop", table, type == ChangeType.INSERT ? null : row(names("id"), 1),
                type == ChangeType.DELETE ? null : row(names("id"), 1), Set.of(), Map.of(),
                new ChangeMetadata(file, position, null, null, 1, Instant.parse("2026-11-23T10:15:30Z"), 0, null,
                        null));
    }

    private static Transaction begin(String file, long position) {
        return new Transaction(null, null, Instant.parse("2026-11-23T10:15:30Z"), null,
                new BinlogPosition(file, position), null, 0);
    }

    @Test
    void passesOnlySelectedTablesAndTypes() throws Exception {
        TableFilter filter = TableFilter.builder().include("shop.orders").types(ChangeType.INSERT).build();
        ChangePrinter printer = new ChangePrinter(recorder, filter, null, () -> stops++, c -> { }, summary());

        printer.onChange(change("orders", ChangeType.INSERT, "mysql-bin.000001", 100));
        printer.onChange(change("orders", ChangeType.DELETE, "mysql-bin.000001", 200));
        printer.onChange(change("users", ChangeType.INSERT, "mysql-bin.000001", 300));
        printer.onCommit(begin("mysql-bin.000001", 400));

        assertThat(calls).containsExactly("change shop.orders INSERT @100", "commit");
    }

    @Test
    void stopsBeforeTheFirstTransactionAtTheStopPosition() throws Exception {
        StopCondition stop = new StopCondition.Converter().convert("mysql-bin.000002:500");
        ChangePrinter printer = new ChangePrinter(recorder, TableFilter.all(), stop, () -> stops++, c -> { }, summary());

        printer.onBegin(begin("mysql-bin.000002", 120));
        printer.onChange(change("orders", ChangeType.INSERT, "mysql-bin.000002", 200));
        printer.onCommit(begin("mysql-bin.000002", 300));
        printer.onBegin(begin("mysql-bin.000002", 500));
        printer.onChange(change("orders", ChangeType.INSERT, "mysql-bin.000002", 600));
        printer.onCommit(begin("mysql-bin.000002", 700));

        assertThat(calls).containsExactly("change shop.orders INSERT @200", "commit");
        assertThat(printer.stopped()).isTrue();
        assertThat(stops).isEqualTo(1);
    }

    @Test
    void reportsEveryChangeReadToTheProgressDisplay() throws Exception {
        List<Long> seen = new ArrayList<>();
        TableFilter filter = TableFilter.builder().include("shop.users").build();
        ChangePrinter printer = new ChangePrinter(recorder, filter, null, () -> { },
                c -> seen.add(c.metadata().position()), summary());

        printer.onChange(change("orders", ChangeType.INSERT, "mysql-bin.000001", 100));

        assertThat(seen).containsExactly(100L);
        assertThat(calls).isEmpty();
    }

    @Test
    void writesOutCopiedRowsBeforeAPositionSaveButNeverInsideATransaction() throws Exception {
        ChangePrinter printer = new ChangePrinter(recorder, TableFilter.all(), null, () -> { }, c -> { }, summary());

        printer.onChange(change("orders", ChangeType.READ, "mysql-bin.000001", 100));
        printer.writeCopiedRows();
        printer.writeCopiedRows();
        printer.onBegin(begin("mysql-bin.000001", 200));
        printer.onChange(change("orders", ChangeType.READ, "mysql-bin.000001", 200));
        printer.writeCopiedRows();

        assertThat(calls).containsExactly("change shop.orders READ @100", "commit", "change shop.orders READ @200");
    }

    private static SelectionSummary summary() {
        return new SelectionSummary(List.of(), new StatementLoggedChanges());
    }

    @Test
    void passesOnTheDdlOfSelectedTablesAndSchemasOnly() throws Exception {
        TableFilter filter = TableFilter.builder().include("shop.orders").build();
        ChangePrinter printer = new ChangePrinter(recorder, filter, null, () -> { }, c -> { }, summary());

        printer.onSchemaChange(ddl("shop", "CREATE TABLE orders (id INT)", "shop.orders"));
        printer.onSchemaChange(ddl("shop", "CREATE TABLE users (id INT)", "shop.users"));
        printer.onSchemaChange(ddl(null, "RENAME TABLE shop.tmp TO shop.orders", "shop.tmp", "shop.orders"));
        printer.onSchemaChange(ddl("shop", "CREATE USER 'x'@'%'"));

        assertThat(calls).containsExactly("ddl CREATE TABLE orders (id INT)",
                "ddl RENAME TABLE shop.tmp TO shop.orders");
    }

    @Test
    void passesOnTheDdlOfAnySchemaButTheSystemOnesByDefault() throws Exception {
        ChangePrinter printer = new ChangePrinter(recorder, TableFilter.all(), null, () -> { }, c -> { }, summary());

        printer.onSchemaChange(ddl(null, "CREATE DATABASE crm", "crm.*"));
        printer.onSchemaChange(ddl("mysql", "ALTER TABLE user ADD COLUMN x INT", "mysql.user"));
        printer.onSchemaChange(ddl("crm", "DROP ROLE auditor"));

        assertThat(calls).containsExactly("ddl CREATE DATABASE crm");
    }

    private static SchemaChange ddl(String schema, String statement, String... tables) {
        return new SchemaChange(schema, statement, List.of(tables), new BinlogPosition("mysql-bin.000001", 4), null);
    }
}
