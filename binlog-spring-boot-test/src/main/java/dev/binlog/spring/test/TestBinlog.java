package dev.binlog.spring.test;

import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.ChangeListener;
import dev.binlog.ChangeMetadata;
import dev.binlog.GtidState;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.SchemaChange;
import dev.binlog.Transaction;
import dev.binlog.spring.listener.ListenerDispatcher;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sends synthetic row changes, schema changes and transactions through an application's real
 * {@link ListenerDispatcher}, as the binlog stream would, without a server: {@code @BinlogListener} methods get their
 * mapped records, conditions are evaluated, retries and the error policy apply, and the position of each finished
 * transaction is saved to the {@link PositionStore}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureBinlogTest
 * class OrderListenerTest {
 *     @Autowired TestBinlog binlog;
 *
 *     @Test
 *     void bigOrdersAreShipped() {
 *         binlog.insert("shop.orders", TestBinlog.row("id", 1, "customer_name", "Ann", "total", new BigDecimal("12.99")));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>What a change looks like:
 * <ul>
 * <li>Tables are {@code schema.table}. A row is a map from column name to value; its iteration order is the column
 * order of the {@link dev.binlog.Row} ({@link #row(Object...)} keeps the order given and allows SQL NULL, which
 * {@code Map.of} does neither). Values reach the listeners as given, so give the Java types the stream would deliver
 * (the README's type table: {@code Long} or {@code Integer} for integers, {@code BigDecimal} for DECIMAL,
 * {@code String} for text, {@code LocalDateTime} for DATETIME...). Column type descriptions are not known.</li>
 * <li>The primary key is the columns set with {@link #key(String, String...)} for that table; else the column
 * {@code id} when the row has one; else the first column. {@link #noKey(String)} makes a table keyless.</li>
 * <li>An update's {@code changedColumns} are those whose value differs between the images; a column in only one image
 * is absent from the other, as with {@code binlog_row_image=MINIMAL}.</li>
 * <li>Each transaction is well formed: {@code onBegin}, one {@code onChange} per row, {@code onCommit}, with a MariaDB
 * style GTID {@code 0-1-N} (N counting from 1), XID N, server id 1, timestamps of the clock in whole seconds, and
 * positions in {@code test-bin.000001}: the first transaction begins at 4; each event (begin, each row, commit) takes
 * 100 bytes, so a one-row transaction begun at 4 has its row at 104 and commits at 304, where the next begins. A schema
 * change is one event of 100 bytes with its own GTID.</li>
 * </ul>
 *
 * <p>Failures surface as from the stream: when the dispatcher throws (the default {@code binlog.error-handling.mode=stop}
 * once the retries are spent, a {@code ListenerFailedException}), the method that sent the change throws that
 * exception (a checked one wrapped in a {@link BinlogException}), the transaction is not committed and its position
 * not saved. Under {@code skip} or with an {@code errorHandler} the dispatcher does not throw, and neither does this.
 *
 * <p>Calls are serialized, as the stream's single thread is; the instance is safe to share.
 */
public final class TestBinlog {

    /** The synthetic binlog file. */
    public static final String FILE = "test-bin.000001";

    /** Bytes each synthetic event takes. */
    static final long EVENT_SIZE = 100;

    private static final long SERVER_ID = 1;

    private final ChangeListener dispatcher;
    private final PositionStore positions;
    private final Map<String, List<String>> keys = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private long next = 4;
    private long sequence;
    private BinlogPosition committed;

    private TestBinlog(ChangeListener dispatcher, PositionStore positions) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.positions = Objects.requireNonNull(positions, "positions");
    }

    /** Delivers to {@code dispatcher}, keeping positions in memory. */
    public static TestBinlog of(ListenerDispatcher dispatcher) {
        return new TestBinlog(dispatcher, PositionStore.inMemory());
    }

    /** Delivers to {@code dispatcher} and saves each finished transaction's position to {@code positions}. */
    public static TestBinlog of(ListenerDispatcher dispatcher, PositionStore positions) {
        return new TestBinlog(dispatcher, positions);
    }

    /**
     * Delivers to any {@link ChangeListener} (the application's chain of sinks, a listener of your own), saving
     * positions to {@code positions}.
     */
    public static TestBinlog of(ChangeListener listener, PositionStore positions) {
        return new TestBinlog(listener, positions);
    }

    /**
     * A row with its columns in the order given: {@code row("id", 1, "note", null)}.
     *
     * @param columnsAndValues column name, value, column name, value...
     */
    public static Map<String, Object> row(Object... columnsAndValues) {
        if (columnsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("row(...) takes column name, value pairs; got "
                    + columnsAndValues.length + " arguments");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            if (!(columnsAndValues[i] instanceof String column)) {
                throw new IllegalArgumentException("argument " + i + " of row(...) is a column name, not "
                        + columnsAndValues[i]);
            }
            row.put(column, columnsAndValues[i + 1]);
        }
        return row;
    }

    /** The primary key columns of {@code table} ({@code schema.table}) in the changes sent from now on. */
    public synchronized TestBinlog key(String table, String column, String... more) {
        List<String> columns = new ArrayList<>();
        columns.add(column);
        columns.addAll(Arrays.asList(more));
        keys.put(SyntheticChanges.qualified(table), List.copyOf(columns));
        return this;
    }

    /** {@code table} has no primary key: its changes carry an empty {@link RowChange#primaryKey()}. */
    public synchronized TestBinlog noKey(String table) {
        keys.put(SyntheticChanges.qualified(table), List.of());
        return this;
    }

    /** The clock of the changes' timestamps (the system's UTC clock by default). */
    public synchronized TestBinlog clock(Clock value) {
        clock = Objects.requireNonNull(value, "clock");
        return this;
    }

    /** One transaction inserting {@code row} into {@code table} ({@code schema.table}); returns it, committed. */
    public Transaction insert(String table, Map<String, ?> row) {
        return transaction(tx -> tx.insert(table, row));
    }

    /** One transaction updating a row of {@code table} from {@code before} to {@code after}. */
    public Transaction update(String table, Map<String, ?> before, Map<String, ?> after) {
        return transaction(tx -> tx.update(table, before, after));
    }

    /** One transaction deleting {@code row} from {@code table}. */
    public Transaction delete(String table, Map<String, ?> row) {
        return transaction(tx -> tx.delete(table, row));
    }

    /**
     * One transaction with the changes {@code changes} adds, in order:
     * {@code binlog.transaction(tx -> tx.insert("shop.orders", order).insert("shop.order_lines", line))}.
     *
     * @return the committed transaction: {@link Transaction#committedPosition()} is the position saved
     */
    public synchronized Transaction transaction(Consumer<TestTransaction> changes) {
        TestTransaction tx = new TestTransaction();
        changes.accept(tx);
        if (tx.changes().isEmpty()) {
            throw new IllegalArgumentException("the transaction has no changes; the stream delivers no empty "
                    + "transaction to listeners");
        }
        long number = sequence + 1;
        String gtid = gtid(number);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        BinlogPosition begin = new BinlogPosition(FILE, next, committed == null ? null : committed.gtidState());
        long at = next;
        long after = at + EVENT_SIZE * (tx.changes().size() + 2);
        BinlogPosition end = new BinlogPosition(FILE, after, GtidState.parseStored(gtid));
        // built before onBegin, so that a change the test got wrong fails before the listeners see any of it
        List<RowChange> rows = new ArrayList<>();
        for (TestTransaction.Change change : tx.changes()) {
            at += EVENT_SIZE;
            ChangeMetadata metadata = new ChangeMetadata(FILE, at, gtid, null, SERVER_ID, now, 0, 1L,
                    change.query(), begin);
            rows.add(SyntheticChanges.rowChange(change, keyOf(change), metadata));
        }
        sequence = number;
        next = after;
        deliver(() -> dispatcher.onBegin(new Transaction(gtid, null, now, null, begin, null, 0)));
        for (RowChange row : rows) {
            deliver(() -> dispatcher.onChange(row));
        }
        Transaction done = new Transaction(gtid, number, now, now, begin, end, rows.size());
        deliver(() -> dispatcher.onCommit(done));
        commit(end);
        return done;
    }

    /**
     * A DDL statement executed with {@code schema} as the session's default database:
     * {@code binlog.schemaChange("shop", "ALTER TABLE orders ADD note TEXT")}. The affected tables are read from the
     * statement for ALTER/CREATE/DROP/TRUNCATE/RENAME TABLE and CREATE/DROP INDEX ... ON; pass them with
     * {@link #schemaChange(String, String, List)} for anything else.
     */
    public SchemaChange schemaChange(String schema, String statement) {
        return schemaChange(schema, statement, SyntheticChanges.affectedTables(statement, schema));
    }

    /** A DDL statement with the {@code schema.table} names it affects as given. */
    public synchronized SchemaChange schemaChange(String schema, String statement, List<String> affectedTables) {
        String gtid = gtid(++sequence);
        BinlogPosition at = new BinlogPosition(FILE, next);
        next += EVENT_SIZE;
        SchemaChange change = new SchemaChange(schema, statement, affectedTables, at, gtid);
        deliver(() -> dispatcher.onSchemaChange(change));
        commit(new BinlogPosition(FILE, next, GtidState.parseStored(gtid)));
        return change;
    }

    /** The position of the last transaction or schema change the listeners finished, or {@code null} before one. */
    public synchronized BinlogPosition committedPosition() {
        return committed;
    }

    /** Where positions are saved: the application's {@link PositionStore}, or one in memory. */
    public PositionStore positionStore() {
        return positions;
    }

    private List<String> keyOf(TestTransaction.Change change) {
        List<String> key = keys.get(change.table());
        if (key != null) {
            return key;
        }
        Map<String, ?> image = change.after() != null ? change.after() : change.before();
        if (image.containsKey("id")) {
            return List.of("id");
        }
        return image.isEmpty() ? List.of() : List.of(image.keySet().iterator().next());
    }

    private void commit(BinlogPosition position) {
        positions.save(position);
        committed = position;
    }

    private static String gtid(long number) {
        return "0-" + SERVER_ID + "-" + number;
    }

    /** As the stream: what the dispatcher throws ends the transaction, uncommitted. */
    private static void deliver(Delivery delivery) {
        try {
            delivery.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BinlogException("interrupted while the listeners ran", e);
        } catch (Exception e) {
            throw new BinlogException("the listeners threw " + e + "; the stream would stop here", e);
        }
    }

    @FunctionalInterface
    private interface Delivery {
        void run() throws Exception;
    }

    @Override
    public String toString() {
        return "TestBinlog[" + FILE + ":" + next + ", committed " + committed + "]";
    }
}
