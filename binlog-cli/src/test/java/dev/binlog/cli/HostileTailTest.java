package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.binlog.testsupport.BinlogEvents;
import dev.binlog.testsupport.BinlogEvents.Checksum;
import dev.binlog.testsupport.HostileServer;
import dev.binlog.testsupport.StartupAnswers;
import org.junit.jupiter.api.Test;

/**
 * {@code binlog tail} against a server that misbehaves (issue 17): it ends with a failure status and one line on
 * standard error that names the position, never a stack trace, a hang, or output of what it refused.
 */
class HostileTailTest {

    private static final String FILE = StartupAnswers.BINLOG_FILE;
    private static final long AFTER_FDE = 4 + BinlogEvents.formatDescription(Checksum.CRC32).length;

    private static HostileServer dumpThen(byte[] event) throws Exception {
        return HostileServer.start(s -> {
            s.login();
            if (s.serveStartupQueries() == null) {
                return;
            }
            s.event(BinlogEvents.artificialRotate(FILE, 4));
            s.event(BinlogEvents.formatDescription(Checksum.CRC32));
            s.event(event);
            s.silenceUntilClosed();
        });
    }

    private static CliProcess tail(HostileServer server) throws Exception {
        return CliProcess.run("tail", "--host", "127.0.0.1", "--port", Integer.toString(server.port()), "--user",
                "repl", "--ssl-mode", "disabled", "--server-id", "1000", "--start", "earliest");
    }

    @Test
    void refusesARotateToAParentDirectory() throws Exception {
        try (HostileServer server = dumpThen(BinlogEvents.rotate(AFTER_FDE, "../../etc/passwd", 4, Checksum.CRC32))) {
            CliProcess run = tail(server);

            assertThat(run.status()).isNotZero();
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("binlog tail: 127.0.0.1:" + server.port() + " " + FILE + ":" + AFTER_FDE
                    + ": the server sent a ROTATE to a file name with a directory separator ('../../etc/passwd')");
            assertThat(run.err().lines()).hasSize(1);
        }
    }

    @Test
    void refusesAnEventWhoseChecksumLies() throws Exception {
        try (HostileServer server = dumpThen(BinlogEvents.xid(AFTER_FDE, 1, Checksum.LYING))) {
            CliProcess run = tail(server);

            assertThat(run.status()).isNotZero();
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("binlog tail: 127.0.0.1:" + server.port() + " " + FILE + " at "
                    + AFTER_FDE + ": XID event: CRC32 checksum mismatch");
            assertThat(run.err().lines()).hasSize(1);
        }
    }
}
