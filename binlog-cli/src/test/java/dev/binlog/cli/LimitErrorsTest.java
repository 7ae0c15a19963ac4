package dev.binlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when a limit stops a run, when a peer is not a MySQL server, or when the JVM runs out of memory:
 * one line on standard error, exit status 1, no stack trace, no password.
 */
class LimitErrorsTest {

    private static final String SECRET = "s3cr3t-pw";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        BinlogCli root = new BinlogCli(Map.<String, String>of()::get, false);
        return BinlogCli.execute(root, new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    /** A binlog file of the magic and one event header claiming {@code claimed} bytes, sparse to that length. */
    private Path fileWithOneEventOf(long claimed) throws Exception {
        Path path = dir.resolve("mysql-bin.000001");
        ByteBuffer header = ByteBuffer.allocate(4 + 19).order(ByteOrder.LITTLE_ENDIAN);
        header.put(new byte[] {(byte) 0xFE, 'b', 'i', 'n'}).putInt(1_700_000_000).put((byte) 2).putInt(1)
                .putInt((int) claimed).putInt((int) (4 + claimed)).putShort((short) 0);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(header.array());
            file.setLength(4 + claimed);
        }
        return path;
    }

    @Test
    void anEventLargerThanMaxEventSizeIsOneLineNamingFilePositionAndOption() throws Exception {
        Path file = fileWithOneEventOf(5 << 20);

        assertThat(run("read", "--max-event-size", "4MiB", file.toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("binlog read: " + file + " at 4: event header claims 5242880 bytes, more"
                + " than the maximum event size of 4194304 bytes (4 MiB); if the file really holds events this large,"
                + " raise maxEventSize (BinlogFiles.Builder.maxEventSize, binlog-cli option --max-event-size), else"
                + " the file is damaged" + System.lineSeparator());
    }

    @Test
    void aPeerThatIsNotAMySqlServerIsOneLineNamingTheLimitAndNeverThePassword() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                // 16 MiB packets with the right sequence ids, for ever
                try (Socket socket = listener.accept(); OutputStream o = socket.getOutputStream()) {
                    byte[] chunk = (SECRET + "-ROW-VALUE;").repeat(5000).getBytes();
                    for (int seq = 0; ; seq++) {
                        o.write(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) seq});
                        for (int left = 0xFFFFFF; left > 0; left -= chunk.length) {
                            o.write(chunk, 0, Math.min(left, chunk.length));
                        }
                    }
                } catch (Exception e) {
                    // the client hung up
                }
            });
            peer.setDaemon(true);
            peer.start();

            assertThat(run("tail", "-H", "127.0.0.1", "-P", String.valueOf(listener.getLocalPort()), "-u", "repl",
                    "--password=" + SECRET, "--stop-at-end")).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("binlog tail: packet of at least 16777215 bytes from 127.0.0.1:"
                    + listener.getLocalPort() + " while waiting for the server greeting exceeds the limit of 65536"
                    + " bytes (64 KiB) on handshake and authentication packets, which is fixed; the peer is probably"
                    + " not a MySQL/MariaDB server, or it is misbehaving" + System.lineSeparator());
            assertThat(out.toString() + err).doesNotContain(SECRET).doesNotContain("ROW-VALUE");
        }
    }

    @Test
    void runningOutOfMemoryIsOneLineSayingWhatToDo() throws Exception {
        Path file = fileWithOneEventOf(256 << 20);

        CliProcess run = CliProcess.runInJvm(List.of("-Xmx64m"), "read", file.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("binlog read: out of memory (Java heap space): give the JVM more heap, e.g."
                + " BINLOG_JAVA_OPTS=-Xmx2g, or lower --max-event-size (the largest event held in memory, 1GiB by"
                + " default)\n");
    }

    @Test
    void anErrorTheStreamWrapsIsNamedForWhatItIs() {
        assertThat(BinlogCli.message(new IllegalStateException("the stream failed: Java heap space",
                new OutOfMemoryError("Java heap space"))))
                .isEqualTo("out of memory (Java heap space): give the JVM more heap, e.g. BINLOG_JAVA_OPTS=-Xmx2g, or"
                        + " lower --max-event-size (the largest event held in memory, 1GiB by default)");
        assertThat(BinlogCli.message(new StackOverflowError()))
                .isEqualTo("stack overflow (a value nested too deeply?): give the JVM larger thread stacks, e.g."
                        + " BINLOG_JAVA_OPTS=-Xss16m");
        assertThat(BinlogCli.message(new NoClassDefFoundError("tools/jackson/core/JsonGenerator")))
                .isEqualTo("internal error java.lang.NoClassDefFoundError: tools/jackson/core/JsonGenerator; please"
                        + " report it (--verbose shows the library's log)");
    }

    @Test
    void readsSizesWithBinaryUnits() {
        DataSizeConverter sizes = new DataSizeConverter();

        assertThat(sizes.convert("64MiB")).isEqualTo(67108864L);
        assertThat(sizes.convert("1GiB")).isEqualTo(1073741824L);
        assertThat(sizes.convert("64MB")).isEqualTo(67108864L);
        assertThat(sizes.convert("512k")).isEqualTo(524288L);
        assertThat(sizes.convert("1048576")).isEqualTo(1048576L);
    }

    @Test
    void refusesASizeItCannotReadOrOutsideTheRange() throws Exception {
        Path file = fileWithOneEventOf(100);

        assertThat(run("read", "--max-event-size", "lots", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("binlog read: Invalid value for option '--max-event-size': 'lots' is"
                + " not a size; use bytes (1048576) or a number with KiB, MiB or GiB (64MiB, 1GiB)");
        err.getBuffer().setLength(0);
        assertThat(run("tail", "-u", "repl", "--max-event-size", "2GiB")).isEqualTo(2);
        assertThat(err.toString()).startsWith("binlog tail: --max-event-size 2147483648 bytes is outside 1KiB to"
                + " 2047MiB");
    }
}
