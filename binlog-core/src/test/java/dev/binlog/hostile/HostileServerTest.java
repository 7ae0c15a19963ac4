package dev.binlog.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.binlog.AuthenticationException;
import dev.binlog.BinlogException;
import dev.binlog.BinlogPosition;
import dev.binlog.ClientState;
import dev.binlog.DecodeException;
import dev.binlog.PositionStore;
import dev.binlog.ProtocolException;
import dev.binlog.ReconnectPolicy;
import dev.binlog.ServerSettings;
import dev.binlog.StartPosition;
import dev.binlog.TlsMode;
import dev.binlog.stream.BinlogClient;
import dev.binlog.testsupport.BinlogEvents;
import dev.binlog.testsupport.BinlogEvents.Checksum;
import dev.binlog.testsupport.Greetings;
import dev.binlog.testsupport.HostileServer;
import dev.binlog.testsupport.StartupAnswers;
import dev.binlog.testsupport.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The client against a server that misbehaves (issue 17): every misbehaviour must end, within
 * {@value #CASE_SECONDS} s and in the small heap this suite runs in (see the {@code hostile} execution in the pom),
 * in a typed {@link BinlogException} whose message says what and where, never a hang, an {@link OutOfMemoryError} or
 * an untyped exception. Each case writes one line to {@code target/hostile-report.txt}.
 *
 * <p>Cases a, b and e (and the handshake stage of f) exercise the limits of branch i17-limits (64 KiB handshake
 * packets, a max event size, an auth-switch round limit); their message checks are deliberately loose.
 */
class HostileServerTest {

    static final int CASE_SECONDS = 15;
    private static final String PASSWORD = "hostile-secret-pw";
    private static final String FILE = StartupAnswers.BINLOG_FILE;
    /** Where the event after the dump's FORMAT_DESCRIPTION starts: 4 + its 245 bytes. */
    private static final long AFTER_FDE = 4 + BinlogEvents.formatDescription(Checksum.CRC32).length;

    @TempDir
    Path dir;

    @BeforeAll
    static void startReport() throws Exception {
        HostileReport.begin();
    }

    /** One step of a script, after the login and the startup queries of the dump connection. */
    @FunctionalInterface
    interface AfterDump {
        void play(HostileServer.Session s) throws Exception;
    }

    /**
     * A primary that answers every connection's startup queries; on the dump connection it sends the artificial
     * ROTATE and the FORMAT_DESCRIPTION a dump from {@code FILE:4} begins with, then plays {@code then}.
     */
    private static HostileServer.Script dumpThen(AfterDump then) {
        return s -> {
            s.login();
            if (s.serveStartupQueries() == null) {
                return; // the preflight or the schema connection
            }
            s.event(BinlogEvents.artificialRotate(FILE, 4));
            s.event(BinlogEvents.formatDescription(Checksum.CRC32));
            then.play(s);
        };
    }

    private static BinlogClient.Builder client(int port) {
        return BinlogClient.builder()
                .server(ServerSettings.builder().host("127.0.0.1").port(port).user("repl").password(PASSWORD)
                        .tlsMode(TlsMode.DISABLED).connectTimeout(Duration.ofSeconds(2))
                        .readTimeout(Duration.ofSeconds(2)).build())
                .serverId(1000).startPosition(StartPosition.earliest()).heartbeatInterval(Duration.ofSeconds(1))
                .reconnect(ReconnectPolicy.never()).listener(change -> { });
    }

    record Outcome(Throwable error, Optional<BinlogPosition> currentPosition) {
    }

    /** Runs the client against the script until it stops, and reports the case. */
    private Outcome play(String name, HostileServer.Script script, UnaryOperator<BinlogClient.Builder> tune)
            throws Exception {
        HostileReport.resetPeaks();
        long started = System.nanoTime();
        String outcome = "NOT RUN";
        String message = null;
        Throwable error = null;
        Optional<BinlogPosition> position = Optional.empty();
        HostileServer server = HostileServer.start(script);
        BinlogClient client = null;
        boolean closed = true;
        try {
            try {
                client = tune.apply(client(server.port())).build();
            } catch (AssertionError notYet) {
                message = notYet.getMessage();
                throw notYet;
            }
            BinlogClient running = client;
            try {
                error = assertTimeoutPreemptively(Duration.ofSeconds(CASE_SECONDS), () -> catchThrowable(running::run),
                        () -> name + ": the client neither failed nor stopped within " + CASE_SECONDS + " s");
                position = client.currentPosition();
                outcome = error == null ? "returned normally" : typeName(error);
                message = error == null ? null : error.getMessage();
            } catch (AssertionFailedError hang) {
                outcome = "HANG (> " + CASE_SECONDS + " s)";
                message = hang.getMessage();
                throw hang;
            }
        } finally {
            long elapsed = millisSince(started);
            long peak = HostileReport.peakHeapBytes();
            // the server first, so each case ends the same way; close() no longer needs it (see the stuck-start case)
            server.close();
            if (client != null) {
                closed = closeWithin(client, Duration.ofSeconds(12));
            }
            HostileReport.line(name, outcome + (closed ? "" : ", close() blocked"), elapsed, peak, message);
        }
        assertThat(closed).as("BinlogClient.close() returned within 12 s").isTrue();
        assertThat(server.failures()).as("the hostile script itself failed").isEmpty();
        return new Outcome(error, position);
    }

    /** Closes on another thread, so that a close that blocks is reported rather than hanging the suite. */
    private static boolean closeWithin(BinlogClient client, Duration limit) throws InterruptedException {
        Thread closing = new Thread(client::close, "hostile-client-close");
        closing.setDaemon(true);
        closing.start();
        closing.join(limit.toMillis());
        return !closing.isAlive();
    }

    private Outcome play(String name, HostileServer.Script script) throws Exception {
        return play(name, script, UnaryOperator.identity());
    }

    private static String typeName(Throwable error) {
        String name = error.getClass().getSimpleName();
        if (error.getCause() != null && error.getClass() == BinlogException.class) {
            name += " <- " + error.getCause().getClass().getSimpleName();
        }
        return name;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** The error is of {@code type} and its message mentions each of {@code words} (ignoring case), no password. */
    private static void assertTyped(Outcome outcome, Class<? extends BinlogException> type, String... words) {
        Throwable error = outcome.error();
        assertThat(error).as("the error the client ended with").isInstanceOf(type);
        String message = error.getMessage().toLowerCase(Locale.ROOT);
        for (String word : words) {
            assertThat(message).as("message of " + error).contains(word.toLowerCase(Locale.ROOT));
        }
        assertThat(message).doesNotContain(PASSWORD);
    }

    // ---- a. endless chain of 16 MiB packets during the handshake ------------------------------------------------

    @Test
    void a_endlessGreetingOfMaxSizePacketsIsRefusedAtTheHandshakeCap() throws Exception {
        Outcome outcome = play("a endless 16 MiB greeting", s -> s.endlessPackets(new byte[] {10}, 1 << 20));
        assertTyped(outcome, ProtocolException.class, "64 KiB");
    }

    @Test
    void a_endlessAuthReplyOfMaxSizePacketsIsRefusedAtTheHandshakeCap() throws Exception {
        Outcome outcome = play("a endless 16 MiB auth reply", s -> {
            s.greeting();
            s.readPacket();
            s.endlessPackets(new byte[] {0x01}, 1 << 20); // AuthMoreData without end
        });
        assertTyped(outcome, ProtocolException.class, "64 KiB");
    }

    // ---- b. an event chaining past the max event size --------------------------------------------------------

    @Test
    void b_eventChainingPastTheMaxEventSizeIsRefused() throws Exception {
        byte[] header = BinlogEvents.withDeclaredSize(BinlogEvents.xid(AFTER_FDE, 1, Checksum.NONE), 0xFFFFFFFFL,
                Checksum.NONE);
        byte[] prefix = new byte[1 + 19];
        System.arraycopy(header, 0, prefix, 1, 19);
        Outcome outcome = play("b event past max event size", dumpThen(s -> s.endlessPackets(prefix, 1 << 20)),
                b -> b.maxEventSize(1 << 20));
        assertTyped(outcome, ProtocolException.class, "event size", "1 MiB", FILE);
    }

    // ---- c. wrong sequence ids --------------------------------------------------------------------------------

    @Test
    void c_loginOkWithAWrongSequenceIdIsOutOfOrder() throws Exception {
        Outcome outcome = play("c wrong sequence id at login", s -> {
            s.greeting();
            s.readPacket();
            s.sequence(7).ok(); // should be 2
        });
        assertTyped(outcome, ProtocolException.class, "sequence id", "expected sequence id 2 but got 7");
    }

    @Test
    void c_eventWithAWrongSequenceIdIsOutOfOrder() throws Exception {
        Outcome outcome = play("c wrong sequence id mid-stream", s -> {
            s.login();
            if (s.serveStartupQueries() != null) {
                s.event(BinlogEvents.artificialRotate(FILE, 4));
                s.sequence(9).event(BinlogEvents.formatDescription(Checksum.CRC32)); // should be 2
                s.silenceUntilClosed();
            }
        });
        assertTyped(outcome, ProtocolException.class, "expected sequence id 2 but got 9");
    }

    // ---- d. truncated handshake --------------------------------------------------------------------------------

    @Test
    void d_greetingCutMidPacketThenCloseIsALostConnection() throws Exception {
        byte[] greeting = Greetings.mariaDb(false);
        Outcome outcome = play("d greeting cut mid-packet, close", s -> {
            s.header(greeting.length).raw(greeting, 0, 30);
            s.close();
        });
        assertTyped(outcome, ProtocolException.class, "closed the connection");
    }

    @Test
    void d_greetingPacketEndingMidFieldIsMalformed() throws Exception {
        byte[] greeting = Greetings.mariaDb(false);
        Outcome outcome = play("d greeting packet ends mid-field", s -> {
            s.packet(Arrays.copyOf(greeting, 30)); // a whole packet whose seed and capabilities are cut off
            s.silenceUntilClosed();
        });
        assertTyped(outcome, ProtocolException.class, "handshake");
    }

    @Test
    void d_greetingVersionWithoutItsTerminatorIsMalformed() throws Exception {
        Outcome outcome = play("d greeting version unterminated", s -> {
            s.packet(new byte[] {10, '1', '0', '.', '1', '1'});
            s.silenceUntilClosed();
        });
        assertTyped(outcome, ProtocolException.class, "handshake");
    }

    // ---- e. auth-switch loop --------------------------------------------------------------------------------------

    @Test
    void e_endlessAuthSwitchRequestsStopAtTheRoundLimit() throws Exception {
        Outcome outcome = play("e auth-switch loop", s -> {
            s.greeting();
            s.readPacket();
            while (true) { // until the client gives up
                s.authSwitch("mysql_native_password", Greetings.SEED);
                s.readPacket();
            }
        });
        assertTyped(outcome, ProtocolException.class, "auth");
    }

    // ---- f. silence ------------------------------------------------------------------------------------------------

    @Test
    void f_silenceMidEventIsAReadTimeout() throws Exception {
        Outcome outcome = play("f silence mid-event", dumpThen(s -> {
            s.header(1 + 31).raw(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}); // 10 of 32 bytes, then nothing
            s.silenceUntilClosed();
        }));
        assertTyped(outcome, ProtocolException.class, "read timeout");
    }

    @Test
    void f_silenceMidGreetingIsAReadTimeout() throws Exception {
        Outcome outcome = play("f silence mid-greeting", s -> {
            s.header(80).raw(new byte[] {10, '1', '0'});
            s.silenceUntilClosed();
        });
        assertTyped(outcome, ProtocolException.class, "timeout");
    }

    @Test
    void f_silenceInAStartupQueryIsAReadTimeout() throws Exception {
        Outcome outcome = play("f silence in a startup query", s -> {
            s.login();
            s.readPacket(); // the first query: never answered
            s.silenceUntilClosed();
        });
        assertTyped(outcome, ProtocolException.class, "read timeout");
    }

    @Test
    void a_endlessSmallRowsOfAStartupQueryStopAtTheResultCap() throws Exception {
        Outcome outcome = play("a endless rows of a startup query", s -> {
            s.login();
            s.readPacket(); // the first query
            s.packet(new byte[] {1}).packet(columnDefinition()).eof();
            byte[] row = new byte[1001];
            row[0] = (byte) 0xFC; // a 1,000-byte value
            row[1] = (byte) 0xE8;
            row[2] = 0x03;
            for (int i = 0; i < 200_000; i++) { // 200 MB of rows, far past 64 MiB
                s.packet(java.util.Arrays.copyOf(row, 1003));
            }
            s.silenceUntilClosed();
        });
        assertTyped(outcome, ProtocolException.class, "16 MiB", "rows");
    }

    @Test
    void a_aResultOfAbsurdlyManyColumnsIsRefused() throws Exception {
        Outcome outcome = play("a result of 2^40 columns", s -> {
            s.login();
            s.readPacket();
            s.packet(new byte[] {(byte) 0xFE, 0, 0, 0, 0, 0, 1, 0, 0}); // length-encoded 2^40
            s.silenceUntilClosed();
        });
        assertTyped(outcome, ProtocolException.class, "columns");
    }

    /** A minimal column definition: catalog "def", empty schema, table and names, then the fixed fields. */
    private static byte[] columnDefinition() {
        return new byte[] {3, 'd', 'e', 'f', 0, 0, 0, 1, 'v', 1, 'v', 0x0C, 33, 0, 0, 0, 0, 0, (byte) 0xFD, 0, 0, 0,
            0, 0};
    }

    @Test
    void f_closeDuringAStartStuckInAStartupQueryReturnsAtOnce() throws Exception {
        HostileReport.resetPeaks();
        try (HostileServer server = HostileServer.start(s -> {
            s.login();
            s.readPacket(); // the first query: never answered
            s.silenceUntilClosed();
        })) {
            BinlogClient client = BinlogClient.builder()
                    .server(ServerSettings.builder().host("127.0.0.1").port(server.port()).user("repl")
                            .password(PASSWORD).tlsMode(TlsMode.DISABLED).readTimeout(Duration.ofSeconds(30)).build())
                    .serverId(1000).reconnect(ReconnectPolicy.never()).listener(change -> { }).build();
            java.util.concurrent.CompletableFuture<Throwable> starting = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> catchThrowable(client::start));
            while (server.connections() == 0) {
                Thread.sleep(10);
            }
            Thread.sleep(300); // the start is now waiting for the answer to its first query
            long started = System.nanoTime();
            assertThat(closeWithin(client, Duration.ofSeconds(5))).as("close() returned").isTrue();
            long elapsed = millisSince(started);
            Throwable fromStart = starting.get(5, java.util.concurrent.TimeUnit.SECONDS);
            HostileReport.line("f close during a stuck start", "close() returned, " + client.state(), elapsed,
                    HostileReport.peakHeapBytes(), fromStart == null ? null : fromStart.getMessage());
            assertThat(elapsed).as("close() did not wait for the 30 s read timeout").isLessThan(3_000);
            assertThat(fromStart).as("start() ended quietly: the client was closed").isNull();
            assertThat(client.state()).isEqualTo(ClientState.STOPPED);
        }
    }

    // ---- g. event_size that lies about the packet --------------------------------------------------------------

    @Test
    void g_eventSizeBeyondItsPacketIsRefusedWithThePosition() throws Exception {
        byte[] xid = BinlogEvents.withDeclaredSize(BinlogEvents.xid(AFTER_FDE, 1, Checksum.CRC32), 1000,
                Checksum.CRC32);
        Outcome outcome = play("g event_size > packet", dumpThen(s -> {
            s.event(xid);
            s.silenceUntilClosed();
        }));
        assertTyped(outcome, DecodeException.class, FILE, "1000");
        assertThat(outcome.currentPosition()).hasValue(new BinlogPosition(FILE, AFTER_FDE));
    }

    @Test
    void g_rotateWhoseSizeLiesIsRefusedBeforeItsNameIsUsed() throws Exception {
        byte[] rotate = BinlogEvents.withDeclaredSize(BinlogEvents.rotate(AFTER_FDE, "mysql-bin.000002", 4,
                Checksum.CRC32), 4096, Checksum.CRC32);
        Outcome outcome = play("g ROTATE event_size > packet", dumpThen(s -> {
            s.event(rotate);
            s.silenceUntilClosed();
        }));
        assertTyped(outcome, DecodeException.class, FILE, "4096");
    }

    @Test
    void g_eventShorterThanItsHeaderIsRefused() throws Exception {
        Outcome outcome = play("g event shorter than its header", dumpThen(s -> {
            // 11 bytes: a ROTATE's timestamp, type and part of its server id, nothing more
            s.event(new byte[] {1, 0, 0, 0, BinlogEvents.ROTATE, 1, 0, 0, 0, 11, 0});
            s.silenceUntilClosed();
        }));
        assertTyped(outcome, DecodeException.class, FILE, "19");
    }

    // ---- h. checksums that lie ---------------------------------------------------------------------------------

    @Test
    void h_eventWithALyingChecksumIsNeverDelivered() throws Exception {
        Outcome outcome = play("h XID with lying CRC32", dumpThen(s -> {
            s.event(BinlogEvents.xid(AFTER_FDE, 1, Checksum.LYING));
            s.silenceUntilClosed();
        }));
        assertTyped(outcome, DecodeException.class, "checksum", FILE, Long.toString(AFTER_FDE));
        assertThat(outcome.currentPosition()).hasValue(new BinlogPosition(FILE, AFTER_FDE));
    }

    @Test
    void h_formatDescriptionWithALyingChecksumIsNeverDelivered() throws Exception {
        Outcome outcome = play("h FORMAT_DESCRIPTION with lying CRC32", s -> {
            s.login();
            if (s.serveStartupQueries() != null) {
                s.event(BinlogEvents.artificialRotate(FILE, 4));
                s.event(BinlogEvents.formatDescription(Checksum.LYING));
                s.silenceUntilClosed();
            }
        });
        assertTyped(outcome, DecodeException.class, "checksum", FILE, "at 4");
        assertThat(outcome.currentPosition()).hasValue(new BinlogPosition(FILE, 4));
    }

    @Test
    void h_rotateWithALyingChecksumIsRefusedBeforeItsNameIsUsed() throws Exception {
        Outcome outcome = play("h ROTATE with lying CRC32", dumpThen(s -> {
            s.event(BinlogEvents.rotate(AFTER_FDE, "mysql-bin.000002", 4, Checksum.LYING));
            s.silenceUntilClosed();
        }));
        assertTyped(outcome, DecodeException.class, "checksum", FILE, Long.toString(AFTER_FDE));
        assertThat(outcome.currentPosition()).hasValue(new BinlogPosition(FILE, AFTER_FDE));
    }

    // ---- i. ROTATE to a file name that is a path -----------------------------------------------------------------

    @Test
    void i_rotateToAParentDirectoryIsRefused() throws Exception {
        Path store = dir.resolve("binlog.position");
        Outcome outcome = play("i ROTATE to ../../etc/passwd", dumpThen(s -> {
            s.event(BinlogEvents.rotate(AFTER_FDE, "../../etc/passwd", 4, Checksum.CRC32));
            s.silenceUntilClosed();
        }), b -> b.positionStore(PositionStore.file(store)));
        assertTyped(outcome, ProtocolException.class, "rotate", "file name", FILE);
        assertThat(outcome.currentPosition()).hasValue(new BinlogPosition(FILE, AFTER_FDE));
        if (Files.exists(store)) {
            assertThat(Files.readString(store)).doesNotContain("..").doesNotContain("/");
        }
    }

    @Test
    void i_rotateToASubdirectoryIsRefused() throws Exception {
        Outcome outcome = play("i ROTATE to binlogs/mysql-bin.000002", dumpThen(s -> {
            s.event(BinlogEvents.rotate(AFTER_FDE, "binlogs/mysql-bin.000002", 4, Checksum.CRC32));
            s.silenceUntilClosed();
        }));
        assertTyped(outcome, ProtocolException.class, "rotate", "file name");
    }

    @Test
    void i_artificialRotateToAParentDirectoryAtTheDumpStartIsRefused() throws Exception {
        Outcome outcome = play("i artificial ROTATE to ../x", s -> {
            s.login();
            if (s.serveStartupQueries() != null) {
                s.event(BinlogEvents.artificialRotate("../mysql-bin.000001", 4));
                s.event(BinlogEvents.formatDescription(Checksum.CRC32));
                s.silenceUntilClosed();
            }
        });
        assertTyped(outcome, ProtocolException.class, "rotate", "file name");
        assertThat(outcome.currentPosition()).hasValue(new BinlogPosition(FILE, 4));
    }

    // ---- j. TLS certificate for another host --------------------------------------------------------------------

    @Test
    void j_certificateForAnotherHostFailsHostVerification() throws Exception {
        TestCertificates elsewhere = TestCertificates.create(dir.resolve("tls"), "hostile test CA",
                "db.elsewhere.example");
        javax.net.ssl.SSLContext context = elsewhere.serverContext();
        Outcome outcome = play("j TLS cert for another host", s -> {
            s.packet(Greetings.mariaDb(true));
            s.startTls(context); // the client refuses the certificate: this throws, ending the script
            s.readPacket();
            s.ok();
        }, b -> b.tlsMode(TlsMode.VERIFY_IDENTITY).tlsCaFile(elsewhere.caPem()));
        assertTyped(outcome, AuthenticationException.class, "VERIFY_IDENTITY", "127.0.0.1", "host name");
    }
}
