package dev.binlog.protocol;

import dev.binlog.ProtocolException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * MySQL packet framing over a byte stream: a 3-byte little-endian payload length and a 1-byte sequence id before
 * each payload. Payloads of 16 MiB - 1 bytes or more travel as several packets (the last one shorter, possibly
 * empty) and are reassembled here into one growing buffer that is reused for every packet, so event payloads are
 * never copied again after they leave the socket.
 *
 * <p>The buffer grows only as far as the {@link PacketLimit} in force ({@link PacketLimit#HANDSHAKE_BYTES} until the
 * owner says otherwise): each length header is checked against it before anything is allocated. Errors name the
 * {@linkplain #stage stage} the reads are for.
 */
public final class PacketChannel implements Closeable {

    /** Largest payload of one physical packet. */
    public static final int MAX_PACKET = 0xFFFFFF;

    private static final int STREAM_BUFFER = 64 * 1024;

    private final String endpoint;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] header = new byte[4];
    private byte[] payload = new byte[16 * 1024];
    private int payloadLength;
    private int sequence;
    private PacketLimit limit = PacketLimit.HANDSHAKE;
    /** What the reads are for, as " while ..." (or "" in the binlog stream), for error messages. */
    private Supplier<String> stage = () -> "";
    private int readTimeoutMillis;
    /** System.nanoTime() by which a bounded exchange (the login) must be over, or 0 for none. */
    private long deadline;
    private int deadlineMillis;

    /** Frames packets over a connected socket; {@code endpoint} ({@code host:port}) names it in error messages. */
    public PacketChannel(Socket socket, String endpoint) throws IOException {
        this(socket.getInputStream(), socket.getOutputStream(), endpoint);
        this.socket = socket;
    }

    /** Frames packets over plain streams (tests). */
    PacketChannel(InputStream in, OutputStream out, String endpoint) {
        this.in = new BufferedInputStream(in, STREAM_BUFFER);
        this.out = new BufferedOutputStream(out, STREAM_BUFFER);
        this.endpoint = endpoint;
    }

    /** Replaces the socket by its TLS layer after the SSL request; the sequence id carries on. */
    void upgrade(Socket tlsSocket) throws IOException {
        this.socket = tlsSocket;
        this.in = new BufferedInputStream(tlsSocket.getInputStream(), STREAM_BUFFER);
        this.out = new BufferedOutputStream(tlsSocket.getOutputStream(), STREAM_BUFFER);
    }

    Socket socket() {
        return socket;
    }

    String endpoint() {
        return endpoint;
    }

    /** A new command starts a new exchange: the client's first packet has sequence id 0. */
    public void resetSequence() {
        sequence = 0;
    }

    /** Sets the next expected sequence id, for a packet consumed outside this channel (the tests' fake server). */
    void sequence(int next) {
        sequence = next & 0xFF;
    }

    /** Sets how long a read may block (0 = for ever). */
    public void readTimeout(int millis) {
        readTimeoutMillis = millis;
        soTimeout(millis);
    }

    /**
     * Bounds every read from now on by what is left of {@code millis} as well (the connect timeout, over the whole
     * login); {@code 0} lifts the bound.
     */
    void deadline(int millis) {
        deadlineMillis = millis;
        deadline = millis == 0 ? 0 : System.nanoTime() + millis * 1_000_000L;
    }

    /** The largest packet the next reads accept. */
    public void limit(PacketLimit value) {
        limit = value;
    }

    /** What the next reads are for, as {@code " while waiting for ..."}, named in timeout and limit errors. */
    public void stage(Supplier<String> value) {
        stage = value;
    }

    /** The current stage's text ({@code " while ..."}, or empty), for errors named by the channel's users. */
    String stageText() {
        return stage.get();
    }

    /**
     * Before a blocking read: the socket timeout is the read timeout, or what is left of the deadline when that is
     * less; past the deadline, the timeout error at once.
     */
    void armTimeout() {
        if (deadline == 0 || socket == null) {
            return;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw timedOut(null, true);
        }
        soTimeout(readTimeoutMillis == 0 ? (int) left : (int) Math.min(readTimeoutMillis, left));
    }

    /** The error for a read that timed out (also for the TLS handshake, which reads through this socket). */
    ProtocolException timedOut(IOException cause) {
        return timedOut(cause, deadline != 0 && (readTimeoutMillis == 0 || soTimeout() < readTimeoutMillis));
    }

    private ProtocolException timedOut(IOException cause, boolean byDeadline) {
        String what = byDeadline
                ? "the login to " + endpoint + " did not finish within the connect timeout (" + deadlineMillis
                        + " ms), which bounds the whole login: no data" + stage.get()
                : "no data from " + endpoint + " within the read timeout (" + soTimeout() + " ms)" + stage.get();
        return new ProtocolException(what + "; the connection is considered dead", cause, true);
    }

    private void soTimeout(int millis) {
        if (socket != null) {
            try {
                socket.setSoTimeout(millis);
            } catch (IOException e) {
                throw failure("cannot set the read timeout", e);
            }
        }
    }

    /**
     * Reads one logical packet (joining split packets) into the reused buffer and returns its payload length; the
     * payload is {@code buffer()[0 .. length)} until the next read.
     */
    public int readPacket() {
        payloadLength = 0;
        int chunk;
        do {
            readFully(header, 0, 4);
            chunk = (header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16;
            int seq = header[3] & 0xFF;
            if (seq != sequence) {
                throw new ProtocolException("packet out of order from " + endpoint + ": expected sequence id "
                        + sequence + " but got " + seq + "; the connection is out of step and will be closed",
                        null, true);
            }
            sequence = (sequence + 1) & 0xFF;
            long needed = (long) payloadLength + chunk;
            if (needed > limit.maxPayload()) {
                // before allocating: the header alone says the packet is too large
                throw limit.exceeded(endpoint, stage.get(), needed);
            }
            readChunk(payloadLength + chunk);
            payloadLength += chunk;
        } while (chunk == MAX_PACKET);
        return payloadLength;
    }

    /**
     * Reads the payload up to {@code end}, growing the buffer (doubling) as the bytes arrive rather than to what the
     * length field claims: a header announcing 16 MiB followed by nothing costs no 16 MiB.
     */
    private void readChunk(int end) {
        int at = payloadLength;
        while (at < end) {
            if (at == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(end, payload.length * 2L));
            }
            int count = Math.min(end, payload.length) - at;
            readFully(payload, at, count);
            at += count;
        }
    }

    public byte[] buffer() {
        return payload;
    }

    public int length() {
        return payloadLength;
    }

    /** Writes a payload as one or more packets (split at 16 MiB - 1) and flushes. */
    void writePacket(byte[] data, int offset, int length) {
        try {
            int remaining = length;
            int position = offset;
            while (true) {
                int chunk = Math.min(remaining, MAX_PACKET);
                header[0] = (byte) chunk;
                header[1] = (byte) (chunk >>> 8);
                header[2] = (byte) (chunk >>> 16);
                header[3] = (byte) sequence;
                sequence = (sequence + 1) & 0xFF;
                out.write(header, 0, 4);
                out.write(data, position, chunk);
                position += chunk;
                remaining -= chunk;
                // a payload that fills its last packet exactly is ended by an empty packet
                if (chunk < MAX_PACKET) {
                    break;
                }
            }
            out.flush();
        } catch (IOException e) {
            throw failure("cannot send to the server", e);
        }
    }

    public void writePacket(byte[] data) {
        writePacket(data, 0, data.length);
    }

    private void readFully(byte[] target, int offset, int count) {
        try {
            int done = 0;
            while (done < count) {
                armTimeout();
                int n = in.read(target, offset + done, count - done);
                if (n < 0) {
                    throw new EOFException("the server closed the connection");
                }
                done += n;
            }
        } catch (SocketTimeoutException e) {
            throw timedOut(e);
        } catch (IOException e) {
            throw failure("cannot read from the server", e);
        }
    }

    private int soTimeout() {
        try {
            return socket == null ? 0 : socket.getSoTimeout();
        } catch (IOException e) {
            return -1;
        }
    }

    private ProtocolException failure(String what, IOException e) {
        return new ProtocolException(what + " " + endpoint + ": " + e.getMessage(), e, true);
    }

    @Override
    public void close() {
        try {
            if (socket != null) {
                // a TLS close waits for the peer's close_notify; a gone peer must not hold us for the read timeout
                socket.setSoTimeout(1000);
                socket.close();
            } else {
                in.close();
                out.close();
            }
        } catch (IOException ignored) {
            // closing is best effort: the peer may already be gone
        }
    }
}
