package dev.binlog.testsupport;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL/MariaDB server that misbehaves on purpose, for tests of how a client copes with a hostile or broken peer: it
 * listens on a real loopback TCP port and plays a {@link Script} on every connection it accepts, writing raw bytes
 * (framed packets, packets with lying lengths or sequence ids, binlog events with right or wrong CRC32 checksums,
 * silence, a close at any point). Written from the client/server protocol documentation, independent of the client
 * under test.
 *
 * <pre>{@code
 * try (HostileServer server = HostileServer.start(s -> {
 *     s.login();                                   // greeting, the client's handshake response, OK
 *     if (s.serveStartupQueries() != null) {       // answers the client's SHOW/SELECT/SET until the dump command
 *         s.event(BinlogEvents.artificialRotate("mysql-bin.000001", 4));
 *         s.header(1000).raw(new byte[] {0}).silence(Duration.ofMinutes(1)); // an event that never comes
 *     }
 * })) {
 *     // connect a client to 127.0.0.1:server.port()
 * }
 * }</pre>
 *
 * <p>Each connection runs on its own daemon thread; a client that closes its end simply ends the script (the
 * resulting I/O error is not a failure). Anything else a script throws is kept in {@link #failures()}.
 */
public final class HostileServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostileServer.class);

    /** Largest payload of one physical packet (16 MiB - 1): a packet this long is continued by the next one. */
    public static final int MAX_PACKET = 0xFFFFFF;

    /** What the server does on one connection. */
    @FunctionalInterface
    public interface Script {
        void play(Session session) throws Exception;
    }

    private final ServerSocket listener;
    private final Script script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private HostileServer(Script script) throws IOException {
        this.script = script;
        this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "hostile-server-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Listens on a free loopback port and plays {@code script} on every connection. */
    public static HostileServer start(Script script) throws IOException {
        return new HostileServer(script);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections were accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** What scripts threw, apart from the I/O errors of a client that went away. */
    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(socket);
            int number = connections.incrementAndGet();
            Thread t = new Thread(() -> play(socket, number), "hostile-server-" + port() + "-" + number);
            t.setDaemon(true);
            t.start();
        }
    }

    private void play(Socket socket, int number) {
        Session session = null;
        try {
            session = new Session(socket, number);
            script.play(session);
            session.flush();
        } catch (IOException e) {
            // the client went away (or we closed): what a hostile script usually ends with
            LOG.debug("hostile connection {} ended: {}", number, e.toString());
        } catch (Throwable e) {
            if (!closed) {
                failures.add(e);
                LOG.warn("hostile script failed on connection {}", number, e);
            }
        } finally {
            if (session != null) {
                session.close();
            } else {
                closeQuietly(socket);
            }
        }
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }

    /**
     * One connection seen from the server. Writes go through a buffer that is flushed at the end of each method (and
     * before any read or silence), so a script's bytes reach the client in the order and the chunks it wrote them.
     * {@link #sequence()} is the sequence id of the next packet this side sends; reading a client packet sets it to
     * the client's id plus one, as the protocol wants.
     */
    public static final class Session {

        private static final byte[] ZEROS = new byte[64 * 1024];

        private final int number;
        private Socket socket;
        private DataInputStream in;
        private OutputStream out;
        private int sequence;
        private final List<String> queries = new ArrayList<>();

        Session(Socket socket, int number) throws IOException {
            this.number = number;
            this.socket = socket;
            socket.setTcpNoDelay(true);
            this.in = new DataInputStream(socket.getInputStream());
            this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        /** 1 for the first connection the server accepted, 2 for the next... */
        public int number() {
            return number;
        }

        /** The queries the client sent on this connection so far, in order. */
        public List<String> queries() {
            return List.copyOf(queries);
        }

        public int sequence() {
            return sequence;
        }

        /** Sets the sequence id of the next packet sent (to lie about it, or after an exchange read elsewhere). */
        public Session sequence(int next) {
            sequence = next & 0xFF;
            return this;
        }

        // ---- framing -------------------------------------------------------------------------------------------

        /** Sends a payload with correct framing: split at 16 MiB - 1, ended by a shorter (maybe empty) packet. */
        public Session packet(byte[] payload) throws IOException {
            int position = 0;
            while (true) {
                int chunk = Math.min(payload.length - position, MAX_PACKET);
                writeHeader(chunk, sequence);
                out.write(payload, position, chunk);
                position += chunk;
                if (chunk < MAX_PACKET) {
                    break;
                }
            }
            return flush();
        }

        /** Sends a 4-byte packet header declaring {@code length} bytes, with the next sequence id; no payload. */
        public Session header(int length) throws IOException {
            writeHeader(length, sequence);
            return flush();
        }

        /** Sends a packet header with a sequence id of the script's choosing; the session's sequence goes on after it. */
        public Session header(int length, int sequenceId) throws IOException {
            sequence = sequenceId & 0xFF;
            return header(length);
        }

        private void writeHeader(int length, int seq) throws IOException {
            if (length < 0 || length > MAX_PACKET) {
                throw new IllegalArgumentException("a packet header holds 0.." + MAX_PACKET + ", not " + length);
            }
            out.write(length & 0xFF);
            out.write((length >>> 8) & 0xFF);
            out.write((length >>> 16) & 0xFF);
            out.write(seq & 0xFF);
            sequence = (seq + 1) & 0xFF;
        }

        /** Sends bytes exactly as given: no header, nothing counted. */
        public Session raw(byte[] bytes) throws IOException {
            return raw(bytes, 0, bytes.length);
        }

        public Session raw(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            return flush();
        }

        /** Sends {@code count} zero bytes from one small reused buffer: a huge body costs the server no memory. */
        public Session zeros(long count) throws IOException {
            long left = count;
            while (left > 0) {
                int n = (int) Math.min(left, ZEROS.length);
                out.write(ZEROS, 0, n);
                left -= n;
            }
            return flush();
        }

        /**
         * Sends 16 MiB - 1 byte packets with correct, increasing sequence ids for as long as the client reads them
         * (at most {@code maxPackets}), each one promising that another follows: a logical packet without end. The
         * first packet starts with {@code prefix} (e.g. the OK byte and an event header), the rest is zeros.
         */
        public Session endlessPackets(byte[] prefix, long maxPackets) throws IOException {
            for (long i = 0; i < maxPackets; i++) {
                writeHeader(MAX_PACKET, sequence);
                int head = 0;
                if (i == 0 && prefix != null) {
                    out.write(prefix);
                    head = prefix.length;
                }
                zeros(MAX_PACKET - head);
            }
            return this;
        }

        public Session flush() throws IOException {
            out.flush();
            return this;
        }

        /** Sends nothing for {@code time} (the connection stays open). */
        public Session silence(Duration time) throws IOException, InterruptedException {
            flush();
            Thread.sleep(time.toMillis());
            return this;
        }

        /** Sends nothing until the client closes the connection (or the server is closed); reads and drops its bytes. */
        public void silenceUntilClosed() throws IOException {
            flush();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // the client's COM_QUIT and anything else: dropped
            }
        }

        /** Closes the connection (a TCP FIN after what was written). */
        public void close() {
            try {
                out.flush();
            } catch (IOException ignored) {
                // the peer is gone
            }
            closeQuietly(socket);
        }

        // ---- reading ---------------------------------------------------------------------------------------------

        /** Reads one logical packet from the client; the next packet this side sends gets the client's id + 1. */
        public byte[] readPacket() throws IOException {
            flush();
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            int length;
            do {
                int b0 = in.read();
                if (b0 < 0) {
                    throw new EOFException("the client closed the connection");
                }
                length = b0 | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
                sequence = (in.readUnsignedByte() + 1) & 0xFF;
                if (payload.size() + (long) length > 1 << 20) {
                    throw new IOException("the client sent a packet over 1 MiB; a replication client never does");
                }
                byte[] chunk = new byte[length];
                in.readFully(chunk);
                payload.write(chunk);
            } while (length == MAX_PACKET);
            return payload.toByteArray();
        }

        // ---- connection phase ------------------------------------------------------------------------------------

        /** Sends a MariaDB 10.11 handshake v10 with mysql_native_password and no TLS ({@link Greetings#mariaDb}). */
        public Session greeting() throws IOException {
            return packet(Greetings.mariaDb(false));
        }

        /**
         * The usual login: greeting, the client's handshake response (its password is not checked), OK. Returns the
         * handshake response's payload.
         */
        public byte[] login() throws IOException {
            greeting();
            byte[] response = readPacket();
            ok();
            return response;
        }

        /** OK packet: no rows affected, autocommit status. */
        public Session ok() throws IOException {
            return packet(new byte[] {0x00, 0, 0, 0x02, 0, 0, 0});
        }

        /** ERR packet with an SQL state. */
        public Session error(int code, String sqlState, String message) throws IOException {
            ByteArrayOutputStream w = new ByteArrayOutputStream();
            w.write(0xFF);
            w.write(code & 0xFF);
            w.write((code >>> 8) & 0xFF);
            w.write('#');
            w.writeBytes(sqlState.getBytes(StandardCharsets.US_ASCII));
            w.writeBytes(message.getBytes(StandardCharsets.UTF_8));
            return packet(w.toByteArray());
        }

        /** EOF packet (protocol 4.1): no warnings, autocommit status. */
        public Session eof() throws IOException {
            return packet(new byte[] {(byte) 0xFE, 0, 0, 0x02, 0});
        }

        /** AuthSwitchRequest: 0xFE, the plugin name, its seed and a NUL. */
        public Session authSwitch(String plugin, byte[] seed) throws IOException {
            ByteArrayOutputStream w = new ByteArrayOutputStream();
            w.write(0xFE);
            w.writeBytes(plugin.getBytes(StandardCharsets.US_ASCII));
            w.write(0);
            w.writeBytes(seed);
            w.write(0);
            return packet(w.toByteArray());
        }

        /**
         * Reads the client's 32-byte SSL request (sent after a greeting with the SSL capability) and switches this side
         * to TLS with {@code context}; the handshake failing (e.g. the client refusing the certificate) throws.
         */
        public Session startTls(SSLContext context) throws IOException {
            flush();
            byte[] request = in.readNBytes(4 + 32);
            if (request.length < 36 || (request[0] & 0xFF) != 32) {
                throw new IOException("expected the client's 32-byte SSL request, got " + request.length + " bytes");
            }
            sequence = (request[3] + 1) & 0xFF;
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            tls.setUseClientMode(false);
            tls.startHandshake();
            socket = tls;
            in = new DataInputStream(tls.getInputStream());
            out = new BufferedOutputStream(tls.getOutputStream(), 64 * 1024);
            return this;
        }

        // ---- text protocol ---------------------------------------------------------------------------------------

        /** A text result set: column count, definitions, EOF, rows, EOF (servers without CLIENT_DEPRECATE_EOF). */
        public Session resultSet(List<String> columns, List<List<String>> rows) throws IOException {
            packet(lengthEncodedInt(columns.size()));
            for (String column : columns) {
                packet(columnDefinition(column));
            }
            eof();
            for (List<String> row : rows) {
                ByteArrayOutputStream w = new ByteArrayOutputStream();
                for (String value : row) {
                    if (value == null) {
                        w.write(0xFB);
                    } else {
                        byte[] text = value.getBytes(StandardCharsets.UTF_8);
                        w.writeBytes(lengthEncodedInt(text.length));
                        w.writeBytes(text);
                    }
                }
                packet(w.toByteArray());
            }
            return eof();
        }

        /** A one-column, one-row result set. */
        public Session value(String column, String value) throws IOException {
            return resultSet(List.of(column), List.of(Arrays.asList(value)));
        }

        /**
         * Answers the client's commands as a MariaDB 10.11 primary that lets this account replicate would (see
         * {@link StartupAnswers}) until a binlog dump command (COM_BINLOG_DUMP or COM_BINLOG_DUMP_GTID) arrives, and
         * returns that command's payload; returns {@code null} when the client quits or closes instead (a connection
         * that only ran queries). After it returns, {@link #sequence()} is 1: the dump's reply.
         */
        public byte[] serveStartupQueries() throws IOException {
            while (true) {
                byte[] command;
                try {
                    command = readPacket();
                } catch (EOFException | SocketException e) {
                    return null;
                }
                if (command.length == 0) {
                    throw new IOException("the client sent an empty command packet");
                }
                switch (command[0] & 0xFF) {
                    case 0x01 -> { // COM_QUIT
                        return null;
                    }
                    case 0x03 -> { // COM_QUERY
                        String sql = new String(command, 1, command.length - 1, StandardCharsets.UTF_8);
                        queries.add(sql);
                        StartupAnswers.answer(this, sql);
                    }
                    case 0x0E, 0x15 -> ok(); // COM_PING, COM_REGISTER_SLAVE
                    case 0x12, 0x1E -> { // COM_BINLOG_DUMP, COM_BINLOG_DUMP_GTID
                        return command;
                    }
                    default -> error(1047, "08S01", "Unknown command");
                }
            }
        }

        // ---- replication -----------------------------------------------------------------------------------------

        /** Sends one binlog event as the dump does: a packet of the OK byte 0x00 followed by the event. */
        public Session event(byte[] event) throws IOException {
            byte[] payload = new byte[event.length + 1];
            System.arraycopy(event, 0, payload, 1, event.length);
            return packet(payload);
        }

        /** The EOF packet that ends a non-blocking dump. */
        public Session endOfDump() throws IOException {
            return eof();
        }

        static byte[] lengthEncodedInt(long value) {
            if (value < 251) {
                return new byte[] {(byte) value};
            }
            if (value < 1 << 16) {
                return new byte[] {(byte) 0xFC, (byte) value, (byte) (value >>> 8)};
            }
            if (value < 1 << 24) {
                return new byte[] {(byte) 0xFD, (byte) value, (byte) (value >>> 8), (byte) (value >>> 16)};
            }
            byte[] b = new byte[9];
            b[0] = (byte) 0xFE;
            for (int i = 0; i < 8; i++) {
                b[1 + i] = (byte) (value >>> (8 * i));
            }
            return b;
        }

        private static byte[] columnDefinition(String name) {
            ByteArrayOutputStream w = new ByteArrayOutputStream();
            for (String s : new String[] {"def", "", "", "", name, ""}) {
                byte[] text = s.getBytes(StandardCharsets.UTF_8);
                w.writeBytes(lengthEncodedInt(text.length));
                w.writeBytes(text);
            }
            w.write(0x0C); // length of the fixed fields
            w.writeBytes(new byte[] {33, 0}); // utf8_general_ci
            w.writeBytes(new byte[] {(byte) 0xFF, 0, 0, 0}); // column length
            w.write(0xFD); // VAR_STRING
            w.writeBytes(new byte[] {0, 0}); // flags
            w.write(0x1F); // decimals
            w.writeBytes(new byte[] {0, 0}); // filler
            return w.toByteArray();
        }
    }
}
