package dev.binlog.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeType;
import dev.binlog.ColumnNames;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.TableFilter;
import dev.binlog.Transaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionAssemblerTest {

    private static final ResolvedTable ORDERS = new ResolvedTable(7, "shop", "orders", List.of(),
            new ColumnNames(List.of("id", "status", "total")), new int[] {0}, true);
    private static final ResolvedTable HIDDEN = new ResolvedTable(8, "shop", "tmp", List.of(),
            new ColumnNames(List.of("id")), new int[0], false);

    private final List<String> calls = new ArrayList<>();
    private final List<RowChange> changes = new ArrayList<>();
    private final PositionStore store = PositionStore.inMemory();
    private final StatisticsCounter statistics = new StatisticsCounter();

    private final ChangeListener recorder = new ChangeListener() {
        @Override
        public void onBegin(Transaction transaction) {
            calls.add("begin " + transaction.gtid() + " at " + transaction.beginPosition());
        }

        @Override
        public void onChange(RowChange change) {
            calls.add(change.type() + " " + change.qualifiedTable() + " row " + change.metadata().rowIndex());
            changes.add(change);
        }

        @Override
        public void onCommit(Transaction transaction) {
            calls.add("commit xid=" + transaction.xid() + " rows=" + transaction.rowCount() + " -> "
                    + transaction.committedPosition() + " saved=" + store.load().orElse(null));
        }

        @Override
        public void onSchemaChange(SchemaChange change) {
            calls.add("ddl " + change.affectedTables());
        }
    };

    private TransactionAssembler assembler(ChangeListener listener, TableFilter filter) {
        return new TransactionAssembler(listener, filter, new PositionCommitter(store, statistics), statistics,
                new LagTracker(Clock.systemUTC()));
    }

    private static EventContext at(long position, long next) {
        return new EventContext("mysql-bin.000001", position, next, 1_700_000_000L, 1);
    }

    @Test
    void deliversRowsBetweenBeginAndCommitThenSavesThePositionAfterTheCommit() throws Exception {
        TransactionAssembler assembler = assembler(recorder, TableFilter.all());
        assembler.gtid("0-1-5", at(100, 140));
        assembler.begin(at(140, 200), 12L);
        assembler.rows(ChangeType.INSERT, ORDERS, List.of(
                RowImages.insert(new Object[] {1L, "new", 10}, null),
                RowImages.insert(new Object[] {2L, "new", 20}, null)), at(250, 320));
        assembler.commit(99L, at(320, 351));

        assertThat(calls).containsExactly(
                "begin 0-1-5 at mysql-bin.000001:100",
                "INSERT shop.orders row 0",
                "INSERT shop.orders row 1",
                "commit xid=99 rows=2 -> mysql-bin.000001:351 saved=null");
        assertThat(store.load()).contains(new BinlogPosition("mysql-bin.000001", 351));
        assertThat(changes.get(1).primaryKey()).isEqualTo(Map.of("id", 2L));
        assertThat(changes.get(1).metadata().threadId()).isEqualTo(12L);
        assertThat(changes.get(1).metadata().gtid()).isEqualTo("0-1-5");
    }

    @Test
    void updateListsOnlyTheColumnsWhoseValueChanged() throws Exception {
        TransactionAssembler assembler = assembler(recorder, TableFilter.all());
        assembler.begin(at(140, 200), null);
        assembler.rows(ChangeType.UPDATE, ORDERS, List.of(RowImages.update(
                new Object[] {1L, "new", new byte[] {1}}, null, new Object[] {1L, "paid", new byte[] {1}}, null)),
                at(250, 320));

        assertThat(changes.get(0).changedColumns()).containsExactly("status");
        assertThat(changes.get(0).before().get("status")).isEqualTo("new");
        assertThat(changes.get(0).after().get("status")).isEqualTo("paid");
    }

    @Test
    void minimalImageColumnsMissingFromTheBeforeImageCountAsChanged() throws Exception {
        TransactionAssembler assembler = assembler(recorder, TableFilter.all());
        BitSet keyOnly = new BitSet();
        keyOnly.set(0);
        BitSet statusOnly = new BitSet();
        statusOnly.set(1);
        assembler.begin(at(140, 200), null);
        assembler.rows(ChangeType.UPDATE, ORDERS, List.of(RowImages.update(
                new Object[] {1L, null, null}, keyOnly, new Object[] {null, "paid", null}, statusOnly)), at(250, 320));

        assertThat(changes.get(0).changedColumns()).containsExactly("status");
        assertThat(changes.get(0).after().isPresent(2)).isFalse();
        assertThat(changes.get(0).after().asMap()).isEqualTo(Map.of("status", "paid"));
    }

    @Test
    void transactionOfFilteredTablesReachesNoListenerCall() throws Exception {
        TransactionAssembler assembler = assembler(recorder, TableFilter.all());
        assembler.begin(at(140, 200), null);
        assembler.rows(ChangeType.INSERT, HIDDEN, List.of(RowImages.insert(new Object[] {1L}, null)), at(250, 320));
        assembler.commit(5L, at(320, 351));

        assertThat(calls).isEmpty();
    }

    @Test
    void changeTypesOutsideTheFilterAreNotDelivered() throws Exception {
        TransactionAssembler assembler = assembler(recorder, TableFilter.builder().types(ChangeType.DELETE).build());
        assembler.begin(at(140, 200), null);
        assembler.rows(ChangeType.INSERT, ORDERS, List.of(RowImages.insert(new Object[] {1L, "a", 1}, null)),
                at(250, 320));
        assembler.rows(ChangeType.DELETE, ORDERS, List.of(RowImages.delete(new Object[] {1L, "a", 1}, null)),
                at(320, 400));
        assembler.commit(5L, at(400, 431));

        assertThat(calls).extracting(c -> c.split(" ")[0]).containsExactly("begin", "DELETE", "commit");
        assertThat(changes.get(0).primaryKey()).isEqualTo(Map.of("id", 1L));
    }

    @Test
    void ddlOutsideATransactionIsDeliveredAndCommitsItsPosition() throws Exception {
        TransactionAssembler assembler = assembler(recorder, TableFilter.all());
        assembler.gtid("0-1-6", at(400, 440));
        assembler.ddl("shop", "ALTER TABLE orders ADD note TEXT", at(440, 520));

        assertThat(calls).containsExactly("ddl [shop.orders]");
        assertThat(store.load()).isEmpty(); // nothing the listener saw as rows: saved lazily
    }

    @Test
    void listenerFailureStopsBeforeTheCommitSoNothingIsAcknowledged() throws Exception {
        TransactionAssembler assembler = assembler(change -> {
            throw new IllegalStateException("listener broke");
        }, TableFilter.all());
        assembler.begin(at(140, 200), null);
        assertThatThrownBy(() -> assembler.rows(ChangeType.INSERT, ORDERS,
                List.of(RowImages.insert(new Object[] {1L, "a", 1}, null)), at(250, 320)))
                .hasMessage("listener broke");
        assertThat(store.load()).isEmpty();
    }
}
