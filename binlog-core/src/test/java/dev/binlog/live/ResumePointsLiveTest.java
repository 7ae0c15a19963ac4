package dev.binlog.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.binlog.BinlogPosition;
import dev.binlog.ClientState;
import dev.binlog.PositionNotFoundException;
import dev.binlog.RowChange;
import dev.binlog.StartPosition;
import dev.binlog.TableFilter;
import dev.binlog.TlsMode;
import dev.binlog.Transaction;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.LiveServer;
import dev.binlog.testsupport.LiveTest;
import java.time.Duration;
import java.util.List;

/**
 * The positions a user is given to resume from: a change's transaction start delivers that transaction again, a
 * commit's position the next one; a position that is neither (a rows event's, an offset inside an event, one past the
 * end) is refused at start with one sentence naming it.
 */
class ResumePointsLiveTest {

    private static final String HINT = "; start at a transaction's start or end, e.g. a change's"
            + " ChangeMetadata.transactionStart() or a commit's Transaction.committedPosition()";

    @LiveTest
    void aChangesTransactionStartAndACommitsPositionAreResumePoints(LiveServer live) throws Exception {
        Streamed first = streamTwoTransactions(live);
        RowChange second = first.changes().get(2);
        assertThat(second.metadata().transactionStart()).as("transaction start of the second transaction's row")
                .isEqualTo(first.commits().get(1).beginPosition());
        assertThat(second.metadata().transactionStart().position()).isLessThan(second.metadata().position());

        List<Object> fromStart = idsFrom(live, second.metadata().transactionStart(), 1);
        assertThat(fromStart).as("ids delivered from the second transaction's start").containsExactly(3);

        List<Object> fromCommit = idsFrom(live, first.commits().get(0).committedPosition(), 1);
        assertThat(fromCommit).as("ids delivered from the first transaction's commit").containsExactly(3);
    }

    @LiveTest
    void aRowsEventsPositionIsRefusedAsNotTheStartOfATransaction(LiveServer live) throws Exception {
        RowChange change = streamTwoTransactions(live).changes().get(0);
        BinlogPosition rowsEvent = change.metadata().binlogPosition();
        String endpoint = live.host() + ":" + live.port();

        assertThatThrownBy(() -> startAt(live, rowsEvent)).isInstanceOf(PositionNotFoundException.class)
                .hasMessageStartingWith("the start position " + rowsEvent + " on " + endpoint
                        + " is not the start of a transaction (a Write_rows")
                .hasMessageEndingWith("event inside one is there)" + HINT);
    }

    @LiveTest
    void anOffsetInsideAnEventNamesThePositionNotTheHost(LiveServer live) throws Exception {
        BinlogPosition start = streamTwoTransactions(live).changes().get(0).metadata().transactionStart();
        BinlogPosition inside = new BinlogPosition(start.file(), start.position() + 1);
        String endpoint = live.host() + ":" + live.port();

        assertThatThrownBy(() -> startAt(live, inside)).isInstanceOf(PositionNotFoundException.class)
                .hasMessage("the start position " + inside + " on " + endpoint + " is not the start of an event"
                        + " (the server says: Wrong offset or I/O error)" + HINT);
    }

    @LiveTest
    void anOffsetPastTheEndOfTheFileIsRefused(LiveServer live) throws Exception {
        BinlogPosition start = streamTwoTransactions(live).changes().get(0).metadata().transactionStart();
        BinlogPosition past = new BinlogPosition(start.file(), 999_999_999L);

        assertThatThrownBy(() -> startAt(live, past)).isInstanceOf(PositionNotFoundException.class)
                .hasMessageStartingWith("the start position " + past + " on " + live.host() + ":" + live.port()
                        + " is not the start of an event (the server says: Invalid pos specified. Requested from"
                        + " pos:999999999 is greater than actual file size:")
                .hasMessageEndingWith(HINT);
    }

    private record Streamed(List<RowChange> changes, List<Transaction> commits) {
    }

    /** Two transactions into {@code points}: ids 1 and 2, then id 3. */
    private static Streamed streamTwoTransactions(LiveServer live) throws Exception {
        live.execute("DROP TABLE IF EXISTS points", "CREATE TABLE points (id INT PRIMARY KEY)");
        RecordingListener listener = new RecordingListener();
        try (BinlogClient client = builder(live, listener).startPosition(StartPosition.latest()).build()) {
            client.start();
            awaitStreaming(client);
            live.execute("INSERT INTO points VALUES (1), (2)", "INSERT INTO points VALUES (3)");
            listener.awaitCommits(2);
        }
        return new Streamed(listener.changes(), List.copyOf(listener.commits));
    }

    private static List<Object> idsFrom(LiveServer live, BinlogPosition from, int commits) throws Exception {
        RecordingListener listener = new RecordingListener();
        StartPosition start = StartPosition.at(from.file(), from.position());
        try (BinlogClient client = builder(live, listener).startPosition(start).build()) {
            client.start();
            listener.awaitCommits(commits);
        }
        return listener.changes().stream().map(c -> c.after().get("id")).toList();
    }

    private static void startAt(LiveServer live, BinlogPosition position) {
        StartPosition start = StartPosition.at(position.file(), position.position());
        try (BinlogClient client = builder(live, new RecordingListener()).startPosition(start).build()) {
            client.start();
        }
    }

    private static BinlogClient.Builder builder(LiveServer live, RecordingListener listener) {
        return BinlogClient.builder().host(live.host()).port(live.port())
                .user(LiveServer.REPLICATION_USER).password(LiveServer.REPLICATION_PASSWORD)
                .tlsMode(TlsMode.DISABLED)
                .filter(TableFilter.builder().include(live.database() + ".points").build())
                .listener(listener);
    }

    private static void awaitStreaming(BinlogClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.state() != ClientState.STREAMING && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.state()).as("state, last error %s", client.lastError()).isEqualTo(ClientState.STREAMING);
    }
}
