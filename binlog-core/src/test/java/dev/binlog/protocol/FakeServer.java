package dev.binlog.protocol;

import dev.binlog.io.ByteCursor;
import dev.binlog.io.ByteWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted MySQL server for one connection, written from the client/server protocol documentation: the test's
 * script sends and receives packets through a server-side {@link PacketChannel}.
 */
final class FakeServer implements AutoCloseable {

    static final byte[] SEED = "abcdefghijklmnopqrst".getBytes(StandardCharsets.US_ASCII);
    static final int BASE_CAPABILITIES = Capabilities.LONG_PASSWORD | Capabilities.PROTOCOL_41
            | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH | Capabilities.PLUGIN_AUTH_LENENC_CLIENT_DATA
            | Capabilities.CONNECT_ATTRS | Capabilities.TRANSACTIONS | Capabilities.MULTI_RESULTS;

    interface Script {
        void run(FakeServer server) throws Exception;
    }

    private final ServerSocket listener;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Socket socket;
    PacketChannel channel;

    FakeServer(Script script) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                socket = listener.accept();
                channel = new PacketChannel(socket, "client");
                script.run(this);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, "fake-mysql-server");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Handshake v10 as MySQL 8 sends it. */
    void sendHandshake(String version, int capabilities, String plugin) {
        ByteWriter w = new ByteWriter();
        w.writeUint8(10).writeNullTerminatedString(version, StandardCharsets.UTF_8).writeUint32(42)
                .writeBytes(SEED, 0, 8).writeUint8(0).writeUint16(capabilities & 0xFFFF).writeUint8(255)
                .writeUint16(2).writeUint16(capabilities >>> 16).writeUint8(21).writeZeros(10)
                .writeBytes(SEED, 8, 12).writeUint8(0).writeNullTerminatedString(plugin, StandardCharsets.UTF_8);
        send(w.toByteArray());
    }

    /** The socket's own output, for bytes that are not well-formed packets (or never end). */
    java.io.OutputStream rawOutput() throws IOException {
        return socket.getOutputStream();
    }

    /** Reads the 32-byte SSL request the client sends before its TLS handshake, and then nothing more. */
    void receiveTlsRequest() throws IOException {
        byte[] request = socket.getInputStream().readNBytes(4 + 32);
        if ((request[0] & 0xFF) != 32 || request[3] != 1) {
            throw new IllegalStateException("expected a 32-byte SSL request with sequence id 1");
        }
    }

    void send(byte[] payload) {
        channel.writePacket(payload);
    }

    void sendOk() {
        send(new byte[] {0, 0, 0, 2, 0, 0, 0});
    }

    void sendError(int code, String state, String message) {
        ByteWriter w = new ByteWriter().writeUint8(0xFF).writeUint16(code).writeUint8('#')
                .writeBytes(state.getBytes(StandardCharsets.US_ASCII))
                .writeBytes(message.getBytes(StandardCharsets.UTF_8));
        send(w.toByteArray());
    }

    byte[] receive() {
        int length = channel.readPacket();
        return Arrays.copyOf(channel.buffer(), length);
    }

    /** Reads the next command, which starts a new exchange at sequence id 0. */
    byte[] receiveCommand() {
        channel.resetSequence();
        return receive();
    }

    /** Reads the client's handshake response and returns its parts. */
    HandshakeResponse receiveHandshakeResponse() {
        byte[] p = receive();
        ByteCursor c = new ByteCursor(p);
        int capabilities = c.readInt32();
        c.skip(4 + 1 + 23);
        String user = c.readNullTerminatedString(StandardCharsets.UTF_8);
        byte[] auth = c.readBytes((int) c.readLengthEncodedInt());
        String plugin = c.readNullTerminatedString(StandardCharsets.UTF_8);
        String attributes = c.hasRemaining() ? new String(c.readRemainingBytes(), StandardCharsets.UTF_8) : "";
        return new HandshakeResponse(capabilities, user, auth, plugin, attributes);
    }

    record HandshakeResponse(int capabilities, String user, byte[] authResponse, String plugin, String attributes) {
    }

    /** Reads the 32-byte SSL request and switches this side to TLS. */
    void acceptTls(SSLContext context) throws IOException {
        // read unbuffered: a buffered read could swallow the start of the client's TLS handshake
        byte[] request = socket.getInputStream().readNBytes(4 + 32);
        if ((request[0] & 0xFF) != 32 || request[3] != 1) {
            throw new IllegalStateException("expected a 32-byte SSL request with sequence id 1");
        }
        channel.sequence(2);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        channel.upgrade(tls);
    }

    /** Waits for the script and rethrows its failure. */
    void await() throws Exception {
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw new AssertionError(e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (socket != null) {
            socket.close();
        }
    }
}
