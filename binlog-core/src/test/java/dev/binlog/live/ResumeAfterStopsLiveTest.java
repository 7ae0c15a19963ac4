package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.ChangeListener;
import dev.binlog.ClientState;
import dev.binlog.PositionStore;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.Transaction;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer that dies at random points, mid-transaction included, and restarts from its file position store: every
 * committed row arrives, and a row arrives twice only if its transaction was in flight when the consumer died.
 */
class ResumeAfterStopsLiveTest {

    @TempDir
    Path dir;

    /** Thrown by the listener to simulate a crash at an arbitrary row. */
    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    @LiveTest
    void randomStopsLoseNothingAndRepeatOnlyTheTransactionInFlight(LiveServer live) throws Exception {
        live.execute("CREATE TABLE ledger (id INT PRIMARY KEY, tx INT)");
        Map<String, Object> status = live.query("SHOW MASTER STATUS").get(0);
        StartPosition start = StartPosition.at(status.get("File").toString(),
                Long.parseLong(status.get("Position").toString()));
        Random random = new Random(42);
        int id = 0;
        int transactions = 120;
        try (var c = live.connection(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            for (int tx = 1; tx <= transactions; tx++) {
                int rows = 1 + random.nextInt(5);
                for (int r = 0; r < rows; r++) {
                    s.execute("INSERT INTO ledger VALUES (" + (++id) + ", " + tx + ")");
                }
                c.commit();
            }
        }
        int totalRows = id;
        Path store = dir.resolve(live.server().name().replaceAll("\\W", "_") + ".position");

        List<Integer> delivered = new ArrayList<>();
        Set<Integer> inFlightAtCrash = new HashSet<>();
        int restarts = 0;
        while (new HashSet<>(delivered).size() < totalRows && restarts < 60) {
            restarts++;
            int crashAfter = 1 + random.nextInt(40);
            List<Integer> currentTransaction = new ArrayList<>();
            ChangeListener listener = new ChangeListener() {
                int seen;

                @Override
                public void onBegin(Transaction transaction) {
                    currentTransaction.clear();
                }

                @Override
                public void onChange(RowChange change) {
                    int rowId = (Integer) change.after().get("id");
                    delivered.add(rowId);
                    currentTransaction.add(rowId);
                    if (++seen == crashAfter) {
                        inFlightAtCrash.addAll(currentTransaction);
                        throw new SimulatedCrash();
                    }
                }
            };
            try (BinlogClient client = BinlogClient.builder().host(live.host()).port(live.port())
                    .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                    .tlsMode(TlsMode.DISABLED).startPosition(start).stopAtEnd(true)
                    .filter(TableFilter.builder().include(live.database() + ".ledger").build())
                    .positionStore(PositionStore.file(store)).listener(listener).build()) {
                client.start();
                assertThat(client.awaitTermination(Duration.ofSeconds(30))).as("stream ends").isTrue();
                if (client.state() == ClientState.FAILED) {
                    assertThat(client.lastError()).get().satisfies(e -> assertThat(rootCause(e))
                            .isInstanceOf(SimulatedCrash.class));
                }
            }
        }

        Set<Integer> distinct = new HashSet<>(delivered);
        assertThat(distinct).as("every committed row delivered").hasSize(totalRows);
        List<Integer> repeated = new ArrayList<>(delivered);
        for (Integer unique : distinct) {
            repeated.remove(unique);
        }
        assertThat(inFlightAtCrash).as("some crash hit mid-transaction").isNotEmpty();
        assertThat(repeated).as("rows seen twice were in flight at a crash").allMatch(inFlightAtCrash::contains);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
