package dev.binlog.spring.test;

import static dev.binlog.spring.test.TestBinlog.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.ChangeListener;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.Transaction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@link TestBinlog} hands a listener, seen by a plain {@link ChangeListener}: the values a user would assert. */
class TestBinlogTest {

    private final List<String> calls = new ArrayList<>();
    private final List<RowChange> changes = new ArrayList<>();
    private final List<SchemaChange> schemaChanges = new ArrayList<>();
    private final PositionStore positions = PositionStore.inMemory();
    private final TestBinlog binlog = TestBinlog.of(new ChangeListener() {
        @Override
        public void onBegin(Transaction transaction) {
            calls.add("begin " + transaction.gtid() + " at " + transaction.beginPosition());
        }

        @Override
        public void onChange(RowChange change) {
            changes.add(change);
            calls.add(change.type() + " " + change.qualifiedTable() + " at " + change.metadata().binlogPosition()
                    + " key " + change.primaryKey());
        }

        @Override
        public void onCommit(Transaction transaction) {
            calls.add("commit xid " + transaction.xid() + " rows " + transaction.rowCount() + " to "
                    + transaction.committedPosition());
        }

        @Override
        public void onSchemaChange(SchemaChange change) {
            schemaChanges.add(change);
            calls.add("ddl " + change.affectedTables() + " at " + change.position() + " gtid " + change.gtid());
        }
    }, positions).clock(Clock.fixed(Instant.parse("2026-03-01T10:15:30.250Z"), ZoneOffset.UTC));

    @Test
    void aTransactionIsBeginRowsCommitWithIncreasingPositions() {
        binlog.key("shop.order_lines", "order_id", "line");

        binlog.transaction(tx -> tx
                .insert("shop.orders", row("id", 1, "status", "NEW"))
                .insert("shop.order_lines", row("order_id", 1, "line", 1, "sku", "A-1"))
                .update("shop.orders", row("id", 1, "status", "NEW"), row("id", 1, "status", "PAID")));
        binlog.delete("shop.orders", row("id", 1, "status", "PAID"));

        assertThat(calls).containsExactly(
                "begin 0-1-1 at test-bin.000001:4",
                "INSERT shop.orders at test-bin.000001:104 key {id=1}",
                "INSERT shop.order_lines at test-bin.000001:204 key {order_id=1, line=1}",
                "UPDATE shop.orders at test-bin.000001:304 key {id=1}",
                "commit xid 1 rows 3 to test-bin.000001:504 gtid=0-1-1",
                "begin 0-1-2 at test-bin.000001:504 gtid=0-1-1",
                "DELETE shop.orders at test-bin.000001:604 key {id=1}",
                "commit xid 2 rows 1 to test-bin.000001:804 gtid=0-1-2");
        assertThat(positions.load()).hasValueSatisfying(p -> assertThat(p).hasToString(
                "test-bin.000001:804 gtid=0-1-2"));
    }

    @Test
    void rowsKeepTheColumnOrderGivenAndSqlNull() {
        binlog.insert("shop.orders", row("note", null, "id", 9, "total", 12));

        RowChange insert = changes.get(0);
        assertThat(insert.after().columnNames()).containsExactly("note", "id", "total");
        assertThat(insert.after().get(0)).isNull();
        assertThat(insert.after().isNull("note")).isTrue();
        assertThat(insert.before()).isNull();
        assertThat(insert.primaryKey()).isEqualTo(Map.of("id", 9));
        assertThat(insert.metadata().timestamp()).isEqualTo(Instant.parse("2026-03-01T10:15:30Z"));
        assertThat(insert.metadata().serverId()).isEqualTo(1);
        assertThat(insert.metadata().transactionStart()).hasToString("test-bin.000001:4");
        assertThat(insert.metadata().query()).isNull();
    }

    @Test
    void withoutAnIdColumnTheFirstColumnIsTheKeyUnlessTheTableHasNone() {
        binlog.insert("shop.audit", row("at", "10:00", "what", "login"));
        binlog.noKey("shop.audit").insert("shop.audit", row("at", "10:01", "what", "logout"));

        assertThat(changes.get(0).primaryKey()).isEqualTo(Map.of("at", "10:00"));
        assertThat(changes.get(1).primaryKey()).isEmpty();
    }

    @Test
    void anUpdateChangesTheColumnsThatDifferAndAColumnInOneImageOnlyIsAbsentFromTheOther() {
        binlog.update("shop.orders", row("id", 1, "status", "NEW", "total", 5),
                row("id", 1, "status", "PAID", "total", 5, "paid_at", "10:00"));

        RowChange update = changes.get(0);
        assertThat(update.changedColumns()).containsExactly("status", "paid_at");
        assertThat(update.before().has("paid_at")).isFalse();
        assertThat(update.after().asMap()).containsExactly(Map.entry("id", 1), Map.entry("status", "PAID"),
                Map.entry("total", 5), Map.entry("paid_at", "10:00"));
    }

    @Test
    void theStatementBehindTheRowsIsSetWithQuery() {
        binlog.transaction(tx -> tx.insert("shop.orders", row("id", 1))
                .query("UPDATE shop.orders SET status = 'PAID'").update("shop.orders", row("id", 1), row("id", 1)));

        assertThat(changes).extracting(c -> c.metadata().query())
                .containsExactly(null, "UPDATE shop.orders SET status = 'PAID'");
    }

    @Test
    void aSchemaChangeIsOneEventWithItsOwnGtidAndItsPositionIsSaved() {
        binlog.insert("shop.orders", row("id", 1));
        SchemaChange ddl = binlog.schemaChange("shop", "ALTER TABLE orders ADD note TEXT");

        assertThat(ddl).isEqualTo(new SchemaChange("shop", "ALTER TABLE orders ADD note TEXT",
                List.of("shop.orders"), new dev.binlog.BinlogPosition("test-bin.000001", 304), "0-1-2"));
        assertThat(calls).endsWith("ddl [shop.orders] at test-bin.000001:304 gtid 0-1-2");
        assertThat(binlog.committedPosition()).hasToString("test-bin.000001:404 gtid=0-1-2");
        assertThat(positions.load()).contains(binlog.committedPosition());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALTER TABLE orders ADD note TEXT                         | shop.orders",
        "alter table `billing`.`in``voices` drop column x         | billing.in`voices",
        "CREATE TABLE IF NOT EXISTS crm.leads (id INT)            | crm.leads",
        "DROP TABLE IF EXISTS a, crm.b                            | shop.a,crm.b",
        "TRUNCATE orders                                          | shop.orders",
        "RENAME TABLE orders TO orders_old, next TO orders        | shop.orders,shop.orders_old,shop.next,shop.orders",
        "CREATE UNIQUE INDEX ux ON orders (code)                  | shop.orders",
        "DROP INDEX ux ON orders                                  | shop.orders",
        "CREATE DATABASE crm                                      | crm.*",
    })
    void theAffectedTablesOfCommonStatements(String statement, String tables) {
        assertThat(binlog.schemaChange("shop", statement.trim()).affectedTables())
                .containsExactlyElementsOf(tables.isEmpty() ? List.of() : List.of(tables.trim().split(",")));
    }

    @Test
    void aTableWithoutItsSchemaIsRefused() {
        assertThatThrownBy(() -> binlog.insert("orders", row("id", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'orders' is not schema.table, e.g. shop.orders");
        assertThat(calls).isEmpty();
    }

    @Test
    void aKeyColumnTheRowLacksIsRefused() {
        binlog.key("shop.order_lines", "order_id", "line");

        assertThatThrownBy(() -> binlog.insert("shop.order_lines", row("order_id", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the key column line of shop.order_lines is not in the row [order_id]");
    }

    @Test
    void aCheckedExceptionOfTheListenerEndsTheTransactionUncommitted() {
        TestBinlog failing = TestBinlog.of(change -> {
            throw new java.io.IOException("disk full");
        }, positions);

        assertThatThrownBy(() -> failing.insert("shop.orders", row("id", 1)))
                .isInstanceOf(dev.binlog.BinlogException.class)
                .hasMessage("the listeners threw java.io.IOException: disk full; the stream would stop here");
        assertThat(failing.committedPosition()).isNull();
        assertThat(positions.load()).isEmpty();
    }
}
